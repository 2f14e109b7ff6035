// Producing the attestation after an acceptance or a refusal (run by the 'generate-attestation' job):
// the PDF from the procedure's activated template of that decision, stored as a file (origin 'attestation') and linked in
// `attestations` (one per dossier; a new decision replaces it). Nothing when the dossier is no
// longer accepted or refused, or the template is not activated.
import crypto from 'node:crypto';
import { z } from 'zod';
import { attestationKindOf } from '../../domain/attestation.ts';
import { defineCommand } from '../command.ts';
import { newFileId } from '../files/store-file.ts';
import { attestationFileName, attestationPdf, loadAttestationSource } from './render-attestation.ts';
import { deleteStoredFilesJob } from '../../jobs/delete-stored-files.ts';

export const generateAttestation = defineCommand({
  name: 'generate-attestation',
  input: z.object({ dossierId: z.coerce.string() }),
  authorize: 'system',
  async run(ctx, { dossierId }) {
    // lock the dossier: a concurrent « repasser en instruction » waits, then finds the attestation
    const lock = await ctx.trx
      .selectFrom('dossiers')
      .select(['id', 'state'])
      .where('id', '=', dossierId)
      .forUpdate()
      .executeTakeFirst();
    if (!lock || !attestationKindOf(lock.state)) return { fileId: null };
    // produced meanwhile by the e-mail or by a run of this job that a crash interrupted after its
    // commit: one attestation per acceptance (a new decision deletes the previous one first)
    const existing = await ctx.trx
      .selectFrom('attestations')
      .select('file_id')
      .where('dossier_id', '=', dossierId)
      .executeTakeFirst();
    if (existing) return { fileId: existing.file_id };
    const src = await loadAttestationSource(ctx.trx, dossierId);
    if (!src.template?.activated) return { fileId: null };
    const bytes = await attestationPdf(src, { now: ctx.now });
    const old = await ctx.trx
      .selectFrom('attestations')
      .innerJoin('files', 'files.id', 'attestations.file_id')
      .select(['files.id', 'files.storage_key'])
      .where('attestations.dossier_id', '=', dossierId)
      .execute();
    const id = newFileId();
    const storageKey = `dossiers/${dossierId}/${id}`;
    await ctx.app.storage.put(storageKey, bytes);
    try {
      await ctx.trx
        .insertInto('files')
        .values({
          id,
          dossier_id: dossierId,
          origin: 'attestation',
          origin_ref: null,
          name: attestationFileName(dossierId),
          content_type: 'application/pdf',
          size: bytes.length,
          sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
          storage_key: storageKey,
          uploaded_by: null,
          created_at: ctx.now,
        })
        .execute();
      await ctx.trx.deleteFrom('attestations').where('dossier_id', '=', dossierId).execute();
      if (old.length)
        await ctx.trx
          .deleteFrom('files')
          .where(
            'id',
            'in',
            old.map((o) => o.id),
          )
          .execute();
      await ctx.trx
        .insertInto('attestations')
        .values({ dossier_id: dossierId, file_id: id, created_at: ctx.now })
        .execute();
      if (old.length) await ctx.enqueue(deleteStoredFilesJob, { keys: old.map((o) => o.storage_key) });
      await ctx.recordEvent(dossierId, 'attestation_generee', { file_id: id });
    } catch (e) {
      await ctx.app.storage.delete(storageKey).catch(() => undefined);
      throw e;
    }
    return { fileId: id };
  },
});
