// « Inviter une personne à modifier ce dossier » (docs/domain.md §2.9): the owner names an e-mail;
// the person (an existing account, or one created without password: « Créer un compte » with that
// e-mail activates it) may then read, edit and message the dossier like the owner, but neither
// invite, remove nor delete it. An e-mail tells the person.
import { z } from 'zod';
import { invalidInput, invalidTransition, notFound } from '../../domain/errors.ts';
import { sendEmailJob } from '../../jobs/send-email.ts';
import { renderMail } from '../../platform/mail/layout.ts';
import { emailSchema } from '../accounts/schemas.ts';
import { ownsDossier } from '../authorize.ts';
import { defineCommand } from '../command.ts';
import { loadDossierForUpdate } from './load-dossier.ts';

export const MAX_CO_EDITORS = 10;

export const inviteCoEditor = defineCommand({
  name: 'invite-co-editor',
  input: z.object({ dossierId: z.coerce.string(), email: emailSchema }),
  authorize: ownsDossier,
  async run(ctx, { dossierId, email }) {
    const { trx, now, app } = ctx;
    const d = await loadDossierForUpdate(trx, dossierId);
    if (d.row.user_id !== ctx.actor.userId) throw notFound('Dossier introuvable.');
    if (d.row.hidden_by_user_at || d.row.hidden_by_administration_at || d.row.hidden_by_expired_at)
      throw invalidTransition('Ce dossier a été supprimé : personne ne peut y être invité');
    if (email === d.row.user_email.toLowerCase())
      throw invalidInput('Vous ne pouvez pas vous inviter vous-même.', {
        email: 'Vous ne pouvez pas vous inviter vous-même.',
      });
    if ((d.ref.coEditorIds ?? []).length >= MAX_CO_EDITORS)
      throw invalidInput(`Un dossier compte ${MAX_CO_EDITORS} personnes invitées au plus.`);
    let user = await trx
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
      .executeTakeFirst();
    if (!user)
      user = await trx
        .insertInto('users')
        .values({ email, password_hash: null, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
    if ((d.ref.coEditorIds ?? []).includes(user.id))
      throw invalidInput('Cette personne est déjà invitée sur ce dossier.', {
        email: 'Cette personne est déjà invitée sur ce dossier.',
      });
    await trx.insertInto('dossier_co_editors').values({ dossier_id: d.row.id, user_id: user.id }).execute();
    await ctx.recordEvent(d.row.id, 'co_editeur_invite', { email });
    const path = d.row.state === 'brouillon' ? `/dossiers/${d.row.id}/brouillon` : `/dossiers/${d.row.id}`;
    const mail = renderMail({
      subject: `Vous êtes invité à modifier le dossier nº ${d.row.id}`,
      paragraphs: [
        `${d.row.user_email} vous invite à modifier son dossier nº ${d.row.id} de la démarche « ${d.row.procedure_title} » sur Guichet.`,
        'Connectez-vous avec cette adresse électronique pour y accéder ; si vous n’avez pas encore de compte, créez-le avec cette même adresse.',
      ],
      link: { label: 'Voir le dossier', url: `${app.config.appUrl}${path}` },
    });
    await ctx.enqueue(sendEmailJob, { to: email, ...mail });
    return { userId: user.id, state: d.row.state };
  },
});
