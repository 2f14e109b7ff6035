// « Envoyer à un instructeur »: the colleague learns that a dossier was handed to him (he now follows it).
import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';
import { renderMail } from '../platform/mail/layout.ts';
import { instructorAboutDossier } from '../queries/mail-recipients.ts';

export const notifyDossierEnvoyeJob = defineJob({
  name: 'notify-dossier-envoye',
  payload: z.object({ dossierId: z.string(), userId: z.string(), fromEmail: z.string() }),
  handler:
    async () =>
    async (app, { dossierId, userId, fromEmail }) => {
      const r = await instructorAboutDossier(app.db, dossierId, userId);
      if (!r) return;
      const d = r.dossier;
      const mail = renderMail({
        subject: `${fromEmail} vous a envoyé le dossier nº ${d.id}`,
        paragraphs: [
          `${fromEmail} vous a envoyé le dossier nº ${d.id} de la démarche « ${d.title} ».`,
          'Vous suivez désormais ce dossier : vous recevrez ses notifications.',
        ],
        link: { label: 'Voir le dossier', url: `${app.config.appUrl}/instructeur/dossiers/${d.id}` },
      });
      await app.mailer.deliver(app.db, { to: r.email, ...mail });
    },
});
