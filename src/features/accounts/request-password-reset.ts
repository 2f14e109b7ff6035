import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { anyone } from '../authorize.ts';
import { renderMail } from '../../platform/mail/layout.ts';
import { emailSchema } from './schemas.ts';
import { newSecret, sha256 } from '../../platform/crypto.ts';
import { sendEmailJob } from '../../jobs/send-email.ts';
import { DomainError } from '../../domain/errors.ts';

export const RESET_TOKEN_HOURS = 1;
/** Requests allowed per hour for one address, and from one client address (agents of an
 *  administration may share one). */
export const RESET_WINDOW_MINUTES = 60;
export const MAX_RESETS_PER_EMAIL = 3;
export const MAX_RESETS_PER_IP = 10;

/** Always answers the same way, whether the account exists or not (no account enumeration): the
 *  requests are counted, and limited, for unknown addresses too. A new link ends the older ones. */
export const requestPasswordReset = defineCommand({
  name: 'request-password-reset',
  input: z.object({ email: emailSchema, ip: z.string().default('') }),
  authorize: anyone,
  async run({ trx, now, app, enqueue }, { email, ip }) {
    // Counted in the sign-in attempts table under keys of their own (hashed: no personal data kept).
    const keys = { email: sha256(`reset-email:${email}`), ip: sha256(`reset-ip:${ip}`) };
    const counts = await trx
      .selectFrom('login_attempts')
      .select(['key', (eb) => eb.fn.countAll<string>().as('n')])
      .where('key', 'in', [keys.email, keys.ip])
      .where('attempted_at', '>', new Date(now.getTime() - RESET_WINDOW_MINUTES * 60_000))
      .groupBy('key')
      .execute();
    const n = (k: string) => Number(counts.find((c) => c.key === k)?.n ?? 0);
    if (n(keys.email) >= MAX_RESETS_PER_EMAIL || n(keys.ip) >= MAX_RESETS_PER_IP)
      throw new DomainError(
        'invalid_input',
        'Trop de demandes de réinitialisation pour cette adresse. Utilisez le lien déjà reçu ou réessayez dans une heure.',
      );
    await trx
      .insertInto('login_attempts')
      .values([
        { key: keys.email, attempted_at: now },
        { key: keys.ip, attempted_at: now },
      ])
      .execute();

    const user = await trx
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .executeTakeFirst();
    if (!user) return;
    await trx
      .updateTable('tokens')
      .set({ expires_at: new Date(now.getTime() - 1) })
      .where('user_id', '=', user.id)
      .where('kind', '=', 'password_reset')
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
    const secret = newSecret();
    await trx
      .insertInto('tokens')
      .values({
        kind: 'password_reset',
        token_hash: sha256(secret),
        user_id: user.id,
        expires_at: new Date(now.getTime() + RESET_TOKEN_HOURS * 3600_000),
      })
      .execute();
    const mail = renderMail({
      subject: 'Réinitialisation de votre mot de passe',
      paragraphs: [
        'Vous avez demandé à réinitialiser le mot de passe de votre compte Guichet.',
        `Ce lien est valable ${RESET_TOKEN_HOURS} heure et ne peut servir qu'une fois. Si vous n'êtes pas à l'origine de cette demande, ignorez cet e-mail.`,
      ],
      link: { label: 'Choisir un nouveau mot de passe', url: `${app.config.appUrl}/mot-de-passe/nouveau/${secret}` },
    });
    await enqueue(sendEmailJob, { to: email, ...mail });
  },
});
