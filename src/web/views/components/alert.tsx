// The DSFR small alert (no title): one short message in a coloured frame.
import type { Child, FC } from 'hono/jsx';

export const SmallAlert: FC<{
  kind?: 'info' | 'warning' | 'error' | 'success';
  /** spacing after the DSFR classes, e.g. `fr-mb-3w` */
  spacing?: string;
  children?: Child;
}> = ({ kind = 'info', spacing, children }) => (
  <div class={`fr-alert fr-alert--${kind} fr-alert--sm${spacing ? ` ${spacing}` : ''}`}>
    <p>{children}</p>
  </div>
);
