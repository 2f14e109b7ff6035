// Réaffectation, or routing at re-submission (docs/domain.md §10): a follower who is not a member of
// the new group no longer follows the dossier and is told (only while the dossier is visible: not for
// a dossier in the corbeille). `byEmail` is the instructor who moved it; null when the rules did.
import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';
import { renderMail } from '../platform/mail/layout.ts';
import { instructorAboutDossier } from '../queries/mail-recipients.ts';

export const notifyGroupeChangeJob = defineJob({
  name: 'notify-groupe-change',
  payload: z.object({
    dossierId: z.string(),
    userId: z.string(),
    fromLabel: z.string(),
    toLabel: z.string(),
    byEmail: z.string().nullable(),
  }),
  handler: async () => async (app, p) => {
    const r = await instructorAboutDossier(app.db, p.dossierId, p.userId);
    if (!r) return;
    const d = r.dossier;
    if (d.hidden_by_administration_at || d.hidden_by_expired_at || d.hidden_by_user_at) return;
    const mail = renderMail({
      subject: `Le dossier nº ${d.id} a changé de groupe d'instructeurs`,
      paragraphs: [
        p.byEmail
          ? `${p.byEmail} a réaffecté le dossier nº ${d.id} de la démarche « ${d.title} » du groupe « ${p.fromLabel} » au groupe « ${p.toLabel} ».`
          : `L'usager a modifié le dossier nº ${d.id} de la démarche « ${d.title} » : les règles de routage l'ont fait passer du groupe « ${p.fromLabel} » au groupe « ${p.toLabel} ».`,
        "Vous ne faites pas partie de ce groupe : vous ne suivez plus ce dossier et il n'apparaît plus dans vos listes.",
      ],
      link: { label: 'Voir la démarche', url: `${app.config.appUrl}/instructeur/procedures/${d.procedure_id}` },
    });
    await app.mailer.deliver(app.db, { to: r.email, ...mail });
  },
});
