import { z } from 'zod';
import { sql } from 'kysely';
import { defineJob } from '../platform/job-definition.ts';
import { renderMail } from '../platform/mail/layout.ts';

/** "Nouveau dossier déposé" to the group's instructors who asked for it (instant_email_new_dossier). */
export const notifyNewDossierJob = defineJob({
  name: 'notify-new-dossier',
  payload: z.object({ dossierId: z.string() }),
  handler:
    async () =>
    async (app, { dossierId }) => {
      const d = await app.db
        .selectFrom('dossiers')
        .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
        .select(['dossiers.id', 'dossiers.groupe_id', 'dossiers.procedure_id', 'procedures.title'])
        .where('dossiers.id', '=', dossierId)
        .executeTakeFirst();
      if (!d) return;
      const recipients = await app.db
        .selectFrom('groupe_members')
        .innerJoin('users', 'users.id', 'groupe_members.user_id')
        .innerJoin('instructeur_procedures', (j) =>
          j
            .onRef('instructeur_procedures.user_id', '=', 'groupe_members.user_id')
            .on('instructeur_procedures.procedure_id', '=', d.procedure_id),
        )
        .select('users.email')
        .where('groupe_members.groupe_id', '=', d.groupe_id)
        .where(sql<boolean>`(instructeur_procedures.email_prefs->>'instant_email_new_dossier')::boolean IS TRUE`)
        .execute();
      for (const r of recipients) {
        const mail = renderMail({
          subject: `Nouveau dossier nº ${d.id} déposé sur « ${d.title} »`,
          paragraphs: [`Un nouveau dossier (nº ${d.id}) a été déposé sur la démarche « ${d.title} ».`],
          link: { label: 'Voir le dossier', url: `${app.config.appUrl}/instructeur/dossiers/${d.id}` },
        });
        await app.mailer.deliver(app.db, { to: r.email, ...mail });
      }
    },
});
