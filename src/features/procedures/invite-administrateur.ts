// « Ajouter un administrateur » to a procedure: the account is created if needed and receives a link
// to choose its password; an existing account is told by e-mail.
import { z } from 'zod';
import { renderMail } from '../../platform/mail/layout.ts';
import { findOrCreateUser, invitationLink } from '../accounts/invitations.ts';
import { sendEmailJob } from '../../jobs/send-email.ts';
import { emailSchema } from '../accounts/schemas.ts';
import { INVITATION_DAYS } from '../accounts/invite-instructeur.ts';
import { defineCommand } from '../command.ts';
import { administersProcedure, procedureId } from './shared.ts';

export const inviteAdministrateur = defineCommand({
  name: 'invite-administrateur',
  input: z.object({ procedureId, email: emailSchema }),
  authorize: administersProcedure,
  async run({ trx, now, app, enqueue }, { procedureId, email }) {
    const p = await trx
      .selectFrom('procedures')
      .select(['id', 'title'])
      .where('id', '=', procedureId)
      .executeTakeFirstOrThrow();
    const user = await findOrCreateUser(trx, email);
    await trx
      .insertInto('administrateurs')
      .values({ user_id: user.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx
      .insertInto('procedure_administrateurs')
      .values({ procedure_id: p.id, user_id: user.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    if (user.password_hash) {
      const mail = renderMail({
        subject: `Vous administrez la démarche « ${p.title} »`,
        paragraphs: [`Vous avez été ajouté aux administrateurs de la démarche « ${p.title} ».`],
        link: { label: 'Voir mes démarches', url: `${app.config.appUrl}/admin/procedures` },
      });
      await enqueue(sendEmailJob, { to: email, ...mail });
      return { created: false };
    }
    const url = await invitationLink({ trx, now, app }, user.id, {
      path: '/invitation-administrateur',
      days: INVITATION_DAYS,
      data: { procedureId: p.id },
    });
    const mail = renderMail({
      subject: `Invitation à administrer la démarche « ${p.title} »`,
      paragraphs: [
        `Vous êtes invité à administrer la démarche « ${p.title} » sur Guichet.`,
        `Pour activer votre compte, choisissez votre mot de passe. Ce lien est valable ${INVITATION_DAYS} jours.`,
      ],
      link: { label: 'Activer mon compte', url },
    });
    await enqueue(sendEmailJob, { to: email, ...mail });
    return { created: true };
  },
});
