import { z } from 'zod';
import { contactLines } from '../domain/groupe-management.ts';
import { testMailSubject } from '../domain/procedure.ts';
import { defineJob } from '../platform/job-definition.ts';
import { renderStateMail } from '../platform/mail/templates/dossier-state.ts';
import { attachedFile, stateMailDossier } from '../queries/mail-recipients.ts';

const TEMPLATES = [
  'en_construction',
  'en_instruction',
  'accepte',
  'refuse',
  'sans_suite',
  'repasser_en_instruction',
  'correction',
] as const;

/** The state e-mail to the usager, rendered when sent (from the procedure's template if it has one).
 *  `messageId`: for e-mails about a message (correction), skipped if that message was deleted meanwhile;
 *  the delayed correction e-mail is also skipped once the correction no longer waits for the usager. */
export const notifyUsagerJob = defineJob({
  name: 'notify-usager',
  workBatchSize: 10,
  payload: z.object({ dossierId: z.string(), template: z.enum(TEMPLATES), messageId: z.string().optional() }),
  handler: async () => {
    const { attestationFileId } = await import('../features/attestations/ensure-attestation.ts');
    return async (app, { dossierId, template, messageId }, job) => {
      const d = await stateMailDossier(app.db, dossierId, messageId);
      if (!d) return; // purged meanwhile, or its message deleted
      // sent five minutes later: not once the correction was answered or the dossier decided meanwhile
      if (template === 'correction' && !(d.state === 'en_construction' && d.pending_correction)) return;
      // The acceptance (or refusal) e-mail carries the attestation: produced now if its own job has not
      // run yet (none when the procedure has no activated template for that decision).
      const attestationId =
        template === 'accepte' || template === 'refuse' ? await attestationFileId(app, dossierId) : null;
      const attestation = attestationId ? await attachedFile(app.db, attestationId) : undefined;
      const mail = renderStateMail(template, {
        dossierId: d.id,
        procedureTitle: d.title,
        motivation: d.motivation,
        dossierUrl: `${app.config.appUrl}/dossiers/${d.id}`,
        custom: (d.mail_templates as Record<string, { subject: string; body: string }>)[template] ?? null,
        // the group's contact information at the foot (docs/domain.md §10)
        contact: d.contact ? contactLines(d.contact) : undefined,
      });
      await app.mailer.deliver(app.db, {
        dedupeKey: job ? `notify-usager:${job.id}` : undefined,
        to: d.user_email,
        ...mail,
        subject: testMailSubject(mail.subject, d.is_test),
        attachments: attestation
          ? [{ filename: attestation.name, contentType: 'application/pdf', fileKey: attestation.storage_key }]
          : undefined,
      });
    };
  },
});
