import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { anyone } from '../authorize.ts';
import { renderMail } from '../../platform/mail/layout.ts';
import { emailSchema } from './schemas.ts';
import { newSecret, sha256 } from '../../platform/crypto.ts';
import { sendEmailJob } from '../../jobs/send-email.ts';

export const RESET_TOKEN_HOURS = 1;

/** Always answers the same way, whether the account exists or not (no account enumeration). */
export const requestPasswordReset = defineCommand({
  name: 'request-password-reset',
  input: z.object({ email: emailSchema }),
  authorize: anyone,
  async run({ trx, now, app, enqueue }, { email }) {
    const user = await trx
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .executeTakeFirst();
    if (!user) return;
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
