import { z } from 'zod';
import { testMailSubject } from '../domain/procedure.ts';
import { defineJob } from '../platform/job-definition.ts';
import { renderMail } from '../platform/mail/layout.ts';
import { newDossierRecipients } from '../queries/mail-recipients.ts';

/** "Nouveau dossier déposé" to the group's instructors who asked for it (instant_email_new_dossier). */
export const notifyNewDossierJob = defineJob({
  name: 'notify-new-dossier',
  payload: z.object({ dossierId: z.string() }),
  handler:
    async () =>
    async (app, { dossierId }) => {
      const r = await newDossierRecipients(app.db, dossierId);
      if (!r) return;
      const d = r.dossier;
      for (const email of r.emails) {
        const mail = renderMail({
          subject: testMailSubject(`Nouveau dossier nº ${d.id} déposé sur « ${d.title} »`, d.is_test),
          paragraphs: [`Un nouveau dossier (nº ${d.id}) a été déposé sur la démarche « ${d.title} ».`],
          link: { label: 'Voir le dossier', url: `${app.config.appUrl}/instructeur/dossiers/${d.id}` },
        });
        await app.mailer.deliver(app.db, { to: email, ...mail });
      }
    },
});
