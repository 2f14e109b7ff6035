import type { Trx } from '../../platform/db/index.ts';
import { TOKEN_REFUSALS } from '../../domain/account-tokens.ts';
import { DomainError } from '../../domain/errors.ts';
import { sha256 } from '../../platform/crypto.ts';

/** Find a usable token; French errors for unknown, used and expired ones. */
export async function findUsableToken(
  trx: Trx,
  kind: 'password_reset' | 'invitation' | 'email_confirmation',
  secret: string,
  now: Date,
) {
  const token = await trx
    .selectFrom('tokens')
    .selectAll()
    .where('token_hash', '=', sha256(secret))
    .where('kind', '=', kind)
    .forUpdate()
    .executeTakeFirst();
  if (!token) throw new DomainError('invalid_input', TOKEN_REFUSALS.unknown);
  if (token.used_at) throw new DomainError('invalid_input', TOKEN_REFUSALS.used);
  if (token.expires_at < now) throw new DomainError('invalid_input', TOKEN_REFUSALS.expired);
  return token;
}
