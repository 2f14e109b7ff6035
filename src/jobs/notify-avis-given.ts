import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';
import { renderMail } from '../platform/mail/layout.ts';
import { avisGivenRecipients } from '../queries/avis.ts';

/** An avis was given: the instructor who asked and the followers, unless they turned it off
 *  (email_prefs.instant_email_new_expert_avis), are told (docs/domain.md §6). */
export const notifyAvisGivenJob = defineJob({
  name: 'notify-avis-given',
  payload: z.object({ avisId: z.string() }),
  handler:
    async () =>
    async (app, { avisId }) => {
      for (const r of await avisGivenRecipients(app.db, avisId)) {
        const mail = renderMail({
          subject: `Un avis a été donné sur le dossier nº ${r.dossier_id}`,
          paragraphs: [
            `${r.expert_email} a donné son avis sur le dossier nº ${r.dossier_id} de la démarche « ${r.title} ».`,
          ],
          link: { label: "Voir l'avis", url: `${app.config.appUrl}/instructeur/dossiers/${r.dossier_id}/avis` },
        });
        await app.mailer.deliver(app.db, { to: r.email, ...mail });
      }
    },
});
