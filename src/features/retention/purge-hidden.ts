// Retention, step 3 (docs/domain.md §5): dossiers hidden long enough are deleted for good. Each leaves a
// tombstone in `deleted_dossiers` (number, procedure, group, state, deposit date, deletion date and
// reason — « Dossiers supprimés »); its rows go (ON DELETE CASCADE: events, messages, files rows…)
// and the stored bytes are deleted by a job once this transaction has committed. The tombstone is
// the only memory left: the dossier's own event log goes with it.
import { sql } from 'kysely';
import type { DossierState } from '../../domain/dossier-state.ts';
import { purgeReason } from '../../domain/deletion.ts';
import { addDaysUTC, PURGE_DAYS, shouldPurge } from '../../domain/retention.ts';
import type { CommandContext } from '../command.ts';
import { defineCommand } from '../command.ts';
import { batchInput, type BatchResult } from './warn-expiring.ts';
import { deleteStoredFilesJob } from '../../jobs/delete-stored-files.ts';

type Row = {
  id: string;
  state: DossierState;
  groupe_id: string;
  procedure_id: string;
  depose_at: Date | null;
  hidden_by_user_at: Date | null;
  hidden_by_administration_at: Date | null;
  hidden_by_expired_at: Date | null;
};

const KEYS_PER_JOB = 1000;

/** Deletes these (locked) dossiers and schedules the deletion of their stored files. */
export async function destroyDossiers(ctx: CommandContext, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const files = await ctx.trx.selectFrom('files').select('storage_key').where('dossier_id', 'in', ids).execute();
  await ctx.trx.deleteFrom('dossiers').where('id', 'in', ids).execute();
  const keys = [...new Set(files.map((f) => f.storage_key))];
  for (let i = 0; i < keys.length; i += KEYS_PER_JOB)
    await ctx.enqueue(deleteStoredFilesJob, { keys: keys.slice(i, i + KEYS_PER_JOB) });
}

export const purgeHiddenDossiers = defineCommand({
  name: 'purge-hidden-dossiers',
  input: batchInput,
  authorize: 'system',
  async run(ctx, { afterId, limit }): Promise<BatchResult> {
    const { trx, now } = ctx;
    const limitDate = addDaysUTC(now, -PURGE_DAYS);
    // the SQL twin of the domain's shouldPurge
    const r = await sql<Row>`
      SELECT d.id::text AS id, d.state, d.groupe_id::text AS groupe_id, d.procedure_id::text AS procedure_id, d.depose_at,
        d.hidden_by_user_at, d.hidden_by_administration_at, d.hidden_by_expired_at
      FROM dossiers d
      WHERE d.id > ${afterId}::bigint AND d.state <> 'en_instruction' AND (
        d.hidden_by_expired_at <= ${limitDate}
        OR (d.state IN ('brouillon', 'en_construction') AND d.hidden_by_user_at <= ${limitDate})
        OR (d.state IN ('accepte', 'refuse', 'sans_suite') AND d.hidden_by_user_at <= ${limitDate} AND d.hidden_by_administration_at <= ${limitDate}))
      ORDER BY d.id
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED`.execute(trx);
    const purge = r.rows.filter((row) => shouldPurge(row, now));
    const tombstones = purge.filter((row) => row.state !== 'brouillon');
    if (tombstones.length) {
      await trx
        .insertInto('deleted_dossiers')
        .values(
          tombstones.map((row) => ({
            dossier_id: row.id,
            procedure_id: row.procedure_id,
            groupe_id: row.groupe_id,
            state: row.state,
            depose_at: row.depose_at,
            deleted_at: now,
            reason: purgeReason(row),
          })),
        )
        .onConflict((oc) => oc.column('dossier_id').doNothing())
        .execute();
    }
    await destroyDossiers(
      ctx,
      purge.map((row) => row.id),
    );
    return { read: r.rows.length, lastId: r.rows.at(-1)?.id ?? null, ids: purge.map((row) => row.id) };
  },
});
