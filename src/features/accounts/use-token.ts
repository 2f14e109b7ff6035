import type { Trx } from '../../platform/db/index.ts';
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
  if (!token)
    throw new DomainError('invalid_input', "Ce lien n'est pas valide. Vérifiez que vous avez copié le lien en entier.");
  if (token.used_at)
    throw new DomainError('invalid_input', 'Ce lien a déjà été utilisé. Demandez-en un nouveau si besoin.');
  if (token.expires_at < now) throw new DomainError('invalid_input', 'Ce lien a expiré. Demandez-en un nouveau.');
  return token;
}
