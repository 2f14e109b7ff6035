import type { Services } from '../platform/services.ts';
import type { Roles } from '../queries/access.ts';

export interface CurrentUser {
  id: string;
  email: string;
  roles: Roles;
}

export interface Flash {
  kind: 'success' | 'error' | 'info' | 'warning';
  message: string;
  /** what the message confirms, for a page that shows more then (the deposit: the group's contact) */
  after?: 'depot';
}

export type Env = {
  Variables: {
    app: Services;
    requestId: string;
    user: CurrentUser | null;
    sessionToken: string | null;
    csrfToken: string;
    flash: Flash | null;
    nonce: string;
  };
};
