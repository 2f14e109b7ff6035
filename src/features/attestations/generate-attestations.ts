// The attestations of many decided dossiers at once (a batch of 'generate-attestation' jobs or of
// acceptance e-mails after a bulk decision, docs/domain.md §8): the same rule as
// generate-attestation.ts — one attestation per acceptance or refusal (attestationKindOf), nothing
// when the dossier is no longer decided that way or the template is not activated — with the dossiers locked, read and written in a few
// statements whatever their number; only the PDFs are made one by one.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { attestationKindOf } from '../../domain/attestation.ts';
import { parseEventPayload } from '../../domain/events.ts';
import { defineCommand } from '../command.ts';
import { newFileId } from '../files/store-file.ts';
import { attestationFileName, attestationPdf, loadAttestationSources } from './render-attestation.ts';

export const generateAttestations = defineCommand({
  name: 'generate-attestations',
  input: z.object({ dossierIds: z.array(z.coerce.string().regex(/^[0-9]{1,18}$/)).max(1000) }),
  authorize: 'system',
  async run(ctx, { dossierIds }): Promise<Map<string, string>> {
    const fileIds = new Map<string, string>();
    const ids = [...new Set(dossierIds)];
    if (ids.length === 0) return fileIds;
    // locked in id order: a concurrent « repasser en instruction » or generation waits here; the
    // attestations are read after the lock, by a new statement, to see what the other one wrote
    const locked = await sql<{ id: string; state: string }>`
      SELECT id::text AS id, state FROM dossiers WHERE id = ANY(${ids}::bigint[]) ORDER BY id FOR UPDATE`.execute(
      ctx.trx,
    );
    const existing = await ctx.trx
      .selectFrom('attestations')
      .select(['dossier_id', 'file_id'])
      .where(sql<boolean>`dossier_id = ANY(${ids}::bigint[])`)
      .execute();
    for (const a of existing) fileIds.set(a.dossier_id, a.file_id);
    const missing = locked.rows
      .filter((r) => attestationKindOf(r.state) !== null && !fileIds.has(r.id))
      .map((r) => r.id);
    const sources = (await loadAttestationSources(ctx.trx, missing)).filter((s) => s.template?.activated);
    if (sources.length === 0) return fileIds;
    const made: { dossierId: string; id: string; storageKey: string; bytes: Buffer }[] = [];
    try {
      for (const src of sources) {
        const bytes = await attestationPdf(src, { now: ctx.now });
        const id = newFileId();
        const storageKey = `dossiers/${src.dossierId}/${id}`;
        await ctx.app.storage.put(storageKey, bytes);
        made.push({ dossierId: src.dossierId, id, storageKey, bytes });
      }
      await ctx.trx
        .insertInto('files')
        .values(
          made.map((m) => ({
            id: m.id,
            dossier_id: m.dossierId,
            origin: 'attestation' as const,
            origin_ref: null,
            name: attestationFileName(m.dossierId),
            content_type: 'application/pdf',
            size: m.bytes.length,
            sha256: crypto.createHash('sha256').update(m.bytes).digest('hex'),
            storage_key: m.storageKey,
            uploaded_by: null,
            created_at: ctx.now,
          })),
        )
        .execute();
      await ctx.trx
        .insertInto('attestations')
        .values(made.map((m) => ({ dossier_id: m.dossierId, file_id: m.id, created_at: ctx.now })))
        .execute();
      await ctx.trx
        .insertInto('dossier_events')
        .values(
          made.map((m) => ({
            dossier_id: m.dossierId,
            type: 'attestation_generee' as const,
            actor_id: ctx.actor.userId,
            actor_email: ctx.actor.email,
            data: JSON.stringify(parseEventPayload('attestation_generee', { file_id: m.id })),
            created_at: ctx.now,
          })),
        )
        .execute();
    } catch (e) {
      for (const m of made) await ctx.app.storage.delete(m.storageKey).catch(() => undefined);
      throw e;
    }
    for (const m of made) fileIds.set(m.dossierId, m.id);
    return fileIds;
  },
});
