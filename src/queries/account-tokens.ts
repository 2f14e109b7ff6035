// The account a password or invitation link is for (docs/interface.md §1): the page that opens the
// link shows the address being activated. Read only: the link is used by the reset-password command.
import { sha256 } from '../platform/crypto.ts';
import type { Executor } from '../platform/db/index.ts';

export type TokenAccount =
  | { status: 'ok'; email: string }
  | { status: 'unknown' }
  | { status: 'used' }
  | { status: 'expired' };

export async function tokenAccount(
  ex: Executor,
  kind: 'password_reset' | 'invitation',
  secret: string,
  now: Date,
): Promise<TokenAccount> {
  if (!/^[A-Za-z0-9_-]{10,200}$/.test(secret)) return { status: 'unknown' };
  const t = await ex
    .selectFrom('tokens')
    .innerJoin('users', 'users.id', 'tokens.user_id')
    .select(['tokens.used_at', 'tokens.expires_at', 'users.email'])
    .where('tokens.token_hash', '=', sha256(secret))
    .where('tokens.kind', '=', kind)
    .executeTakeFirst();
  if (!t) return { status: 'unknown' };
  if (t.used_at) return { status: 'used' };
  if (t.expires_at < now) return { status: 'expired' };
  return { status: 'ok', email: t.email };
}
