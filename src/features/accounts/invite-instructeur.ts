import { z } from 'zod';
import { defineCommand, type CommandContext } from '../command.ts';
import { forbidden, DomainError } from '../../domain/errors.ts';
import { canAdministerProcedure } from '../../domain/permissions.ts';
import { renderMail } from '../../platform/mail/layout.ts';
import { emailSchema } from './schemas.ts';
import { findOrCreateUser, invitationLink } from './invitations.ts';
import { sendEmailJob } from '../../jobs/send-email.ts';

export const INVITATION_DAYS = 7;

/** An administrator adds an instructor to a group (docs/interface.md §1): the account is created if needed and
 *  an e-mail with a link to choose the password is sent (or a notice if the account already exists). */
/** Only an administrator of the group's procedure (not_found for an unknown group). */
async function administersGroupe(ctx: CommandContext, { groupeId }: { groupeId: string }): Promise<void> {
  const groupe = await ctx.trx
    .selectFrom('groupes_instructeurs')
    .select('procedure_id')
    .where('id', '=', groupeId)
    .executeTakeFirst();
  if (!groupe) throw new DomainError('not_found', 'Groupe introuvable.');
  if (!canAdministerProcedure(await ctx.access(), groupe.procedure_id)) throw forbidden();
}

export const inviteInstructeur = defineCommand({
  name: 'invite-instructeur',
  input: z.object({ email: emailSchema, groupeId: z.coerce.string() }),
  authorize: administersGroupe,
  run: (ctx, input) => invitation.run(ctx, input),
});

/** Adding to a group with its invitation, shared with the instructors' self-management (docs/domain.md §10). */
export const invitation = {
  async run({ trx, now, app, enqueue }: CommandContext, { email, groupeId }: { email: string; groupeId: string }) {
    const groupe = await trx
      .selectFrom('groupes_instructeurs')
      .innerJoin('procedures', 'procedures.id', 'groupes_instructeurs.procedure_id')
      .select([
        'groupes_instructeurs.id',
        'groupes_instructeurs.label',
        'procedures.id as procedure_id',
        'procedures.title',
      ])
      .where('groupes_instructeurs.id', '=', groupeId)
      .executeTakeFirst();
    if (!groupe) throw new DomainError('not_found', 'Groupe introuvable.');

    const user = await findOrCreateUser(trx, email);
    await trx
      .insertInto('instructeurs')
      .values({ user_id: user.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx
      .insertInto('groupe_members')
      .values({ groupe_id: groupe.id, user_id: user.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx
      .insertInto('instructeur_procedures')
      .values({ user_id: user.id, procedure_id: groupe.procedure_id, position: null })
      .onConflict((oc) => oc.doNothing())
      .execute();

    if (user.password_hash) {
      const mail = renderMail({
        subject: `Vous êtes instructeur de la démarche « ${groupe.title} »`,
        paragraphs: [
          `Vous avez été ajouté au groupe « ${groupe.label} » de la démarche « ${groupe.title} ». Ses dossiers apparaissent dans votre liste de démarches.`,
        ],
        link: { label: 'Voir mes démarches', url: `${app.config.appUrl}/instructeur/procedures` },
      });
      await enqueue(sendEmailJob, { to: email, ...mail });
      return { created: false };
    }
    const url = await invitationLink({ trx, now, app }, user.id, {
      path: '/invitation',
      days: INVITATION_DAYS,
      data: { groupeId: groupe.id },
    });
    const mail = renderMail({
      subject: `Invitation à instruire la démarche « ${groupe.title} »`,
      paragraphs: [
        `Vous êtes invité à instruire les dossiers de la démarche « ${groupe.title} » (groupe « ${groupe.label} ») sur Guichet.`,
        `Pour activer votre compte, choisissez votre mot de passe. Ce lien est valable ${INVITATION_DAYS} jours.`,
      ],
      link: { label: 'Activer mon compte', url },
    });
    await enqueue(sendEmailJob, { to: email, ...mail });
    return { created: true };
  },
};
