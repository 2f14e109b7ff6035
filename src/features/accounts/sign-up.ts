// « Créer un compte » (docs/domain.md §2.10): an e-mail and a password; the account stays
// unconfirmed until the link of the confirmation e-mail is followed. The answer is the same whether
// the address already has an account or not (no account enumeration): an existing account with a
// password gets an e-mail saying so instead of a new link; an account without a password (invited as
// instructor or co-editor, never activated) gets its password and the confirmation link. One e-mail
// is one person: the same account carries the usager's dossiers and any other role.
import { z } from 'zod';
import { defineCommand, type CommandContext } from '../command.ts';
import { anyone } from '../authorize.ts';
import { renderMail } from '../../platform/mail/layout.ts';
import { emailSchema, newPasswordSchema } from './schemas.ts';
import { hashPassword, newSecret, sha256 } from '../../platform/crypto.ts';
import { sendEmailJob } from '../../jobs/send-email.ts';

export const CONFIRMATION_HOURS = 48;

/** A path of this site to come back to after the confirmation (else the list of dossiers). */
const backPath = z
  .string()
  .max(500)
  .default('')
  .transform((s) => (/^\/(?![/\\])[\u0021-\u007e]*$/.test(s) ? s : ''));

export const signUp = defineCommand({
  name: 'sign-up',
  input: z.object({ email: emailSchema, redirect: backPath }).and(newPasswordSchema),
  authorize: anyone,
  async run(ctx, input) {
    const { trx, now } = ctx;
    const existing = await trx
      .selectFrom('users')
      .select(['id', 'password_hash', 'confirmed_at'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email))
      .executeTakeFirst();
    if (existing?.password_hash && existing.confirmed_at) {
      const mail = renderMail({
        subject: 'Vous avez déjà un compte Guichet',
        paragraphs: [
          'Quelqu’un (sans doute vous) a demandé à créer un compte Guichet avec cette adresse électronique, qui a déjà un compte.',
          'Connectez-vous avec votre mot de passe habituel ; si vous l’avez oublié, choisissez « Mot de passe oublié ? » sur la page de connexion.',
        ],
        link: { label: 'Me connecter', url: `${ctx.app.config.appUrl}/connexion` },
      });
      await ctx.enqueue(sendEmailJob, { to: input.email, ...mail });
      return;
    }
    const passwordHash = await hashPassword(input.password);
    let userId: string;
    if (existing) {
      userId = existing.id;
      await trx
        .updateTable('users')
        .set({ password_hash: passwordHash, confirmed_at: null })
        .where('id', '=', userId)
        .execute();
    } else {
      const u = await trx
        .insertInto('users')
        .values({ email: input.email, password_hash: passwordHash, confirmed_at: null, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      userId = u.id;
    }
    await sendConfirmation(ctx, { userId, email: input.email, redirect: input.redirect });
  },
});

/** A new confirmation link (the older ones end) and its e-mail. */
export async function sendConfirmation(
  { trx, now, app, enqueue }: CommandContext,
  { userId, email, redirect }: { userId: string; email: string; redirect: string },
): Promise<void> {
  await trx
    .updateTable('tokens')
    .set({ expires_at: new Date(now.getTime() - 1) })
    .where('user_id', '=', userId)
    .where('kind', '=', 'email_confirmation')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
  const secret = newSecret();
  await trx
    .insertInto('tokens')
    .values({
      kind: 'email_confirmation',
      token_hash: sha256(secret),
      user_id: userId,
      data: JSON.stringify({ redirect }),
      created_at: now,
      expires_at: new Date(now.getTime() + CONFIRMATION_HOURS * 3600_000),
    })
    .execute();
  const mail = renderMail({
    subject: 'Confirmez votre adresse électronique',
    paragraphs: [
      'Bienvenue sur Guichet. Pour activer votre compte, confirmez votre adresse électronique.',
      `Ce lien est valable ${CONFIRMATION_HOURS} heures. Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : aucun compte ne sera activé.`,
    ],
    link: { label: 'Confirmer mon adresse', url: `${app.config.appUrl}/compte/confirmer/${secret}` },
  });
  await enqueue(sendEmailJob, { to: email, ...mail });
}
