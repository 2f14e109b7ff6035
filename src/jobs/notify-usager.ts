import { z } from 'zod';
import { contactLines } from '../domain/groupe-management.ts';
import { testMailSubject } from '../domain/procedure.ts';
import { defineJob, type JobRun } from '../platform/job-definition.ts';
import type { OutgoingMail } from '../platform/mail/transport.ts';
import type { Services } from '../platform/services.ts';
import { renderStateMail } from '../platform/mail/templates/dossier-state.ts';
import { attachedFile, attachedFiles, stateMailDossier, stateMailDossiers } from '../queries/mail-recipients.ts';

const TEMPLATES = [
  'en_construction',
  'en_instruction',
  'accepte',
  'refuse',
  'sans_suite',
  'repasser_en_instruction',
  'correction',
] as const;

const payload = z.object({ dossierId: z.string(), template: z.enum(TEMPLATES), messageId: z.string().optional() });
type Payload = z.output<typeof payload>;
type MailDossier = NonNullable<Awaited<ReturnType<typeof stateMailDossier>>>;

/** The e-mail of one job, rendered from the dossier as it is now (with its attestation if any). */
function stateMail(
  app: Services,
  d: MailDossier,
  template: Payload['template'],
  job: JobRun | undefined,
  attestation: { name: string; storage_key: string } | undefined,
): OutgoingMail {
  const mail = renderStateMail(template, {
    dossierId: d.id,
    procedureTitle: d.title,
    motivation: d.motivation,
    dossierUrl: `${app.config.appUrl}/dossiers/${d.id}`,
    custom: (d.mail_templates as Record<string, { subject: string; body: string }>)[template] ?? null,
    // the group's contact information at the foot (docs/domain.md §10)
    contact: d.contact ? contactLines(d.contact) : undefined,
  });
  return {
    dedupeKey: job ? `notify-usager:${job.id}` : undefined,
    to: d.user_email,
    ...mail,
    subject: testMailSubject(mail.subject, d.is_test),
    attachments: attestation
      ? [{ filename: attestation.name, contentType: 'application/pdf', fileKey: attestation.storage_key }]
      : undefined,
  };
}

/** The state e-mail to the usager, rendered when sent (from the procedure's template if it has one).
 *  `messageId`: for e-mails about a message (correction), skipped if that message was deleted meanwhile;
 *  the delayed correction e-mail is also skipped once the correction no longer waits for the usager.
 *  A batch of them (a bulk decision's, docs/domain.md §8) is read and written set-wise. */
export const notifyUsagerJob = defineJob({
  name: 'notify-usager',
  workBatchSize: 20,
  // a fetch's PDFs under a loaded machine stay well within this; a killed worker's fetch is retried after it
  expireInSeconds: 120,
  payload,
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
      await app.mailer.deliver(app.db, stateMail(app, d, template, job, attestation));
    };
  },
  batchHandler: async () => {
    const { generateAttestations } = await import('../features/attestations/generate-attestations.ts');
    const { SYSTEM_ACTOR } = await import('../features/command.ts');
    const single = await notifyUsagerJob.handler();
    return async (app, jobs) => {
      // e-mails about a message keep their own checks, one by one
      for (const j of jobs) if (j.data.messageId || j.data.template === 'correction') await single(app, j.data, j.job);
      const plain = jobs.filter((j) => !j.data.messageId && j.data.template !== 'correction');
      if (plain.length === 0) return;
      const dossiers = new Map(
        (await stateMailDossiers(app.db, [...new Set(plain.map((j) => j.data.dossierId))])).map((d) => [d.id, d]),
      );
      // the acceptance and refusal e-mails carry the attestation: those not produced yet are produced now, together
      const attests = (t: Payload['template']) => t === 'accepte' || t === 'refuse';
      const accepted = plain.filter((j) => attests(j.data.template) && dossiers.has(j.data.dossierId));
      const attestationIds = accepted.length
        ? await generateAttestations(app, SYSTEM_ACTOR, { dossierIds: accepted.map((j) => j.data.dossierId) })
        : new Map<string, string>();
      const files = new Map((await attachedFiles(app.db, [...new Set(attestationIds.values())])).map((f) => [f.id, f]));
      const mails: OutgoingMail[] = [];
      for (const j of plain) {
        const d = dossiers.get(j.data.dossierId);
        if (!d) continue; // purged meanwhile
        const fileId = attests(j.data.template) ? attestationIds.get(d.id) : undefined;
        mails.push(stateMail(app, d, j.data.template, j.job, fileId ? files.get(fileId) : undefined));
      }
      if (app.mailer.deliverMany) await app.mailer.deliverMany(app.db, mails);
      else for (const m of mails) await app.mailer.deliver(app.db, m);
    };
  },
});
