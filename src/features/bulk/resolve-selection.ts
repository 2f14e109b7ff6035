// Turning a selection into the operation's rows (docs/domain.md §8), inside the caller's transaction:
// one pending row per dossier of the selection; a dossier already held by another running operation
// is recorded as failed with its reason, and so is every checked id outside the instructor's scope
// or the tab (never acted on, never silently dropped).
import { sql } from 'kysely';
import { BULK_ALREADY_RUNNING, BULK_NOT_IN_TAB } from '../../domain/bulk.ts';
import type { Trx } from '../../platform/db/index.ts';
import { bulkSelectionSql, type BulkSelection } from '../../queries/bulk-selection.ts';
import type { ListContext } from '../../queries/list-context.ts';

export async function resolveSelection(
  trx: Trx,
  list: ListContext,
  operationId: string,
  selection: BulkSelection,
  now: Date,
): Promise<{ pending: number; failed: number }> {
  const cond = bulkSelectionSql(list, selection, now);
  await sql`
    INSERT INTO bulk_operation_items (operation_id, dossier_id)
    SELECT ${operationId}, d.id FROM dossiers d WHERE ${cond}
    ON CONFLICT DO NOTHING`.execute(trx);
  // held by another running operation: the partial unique index refused them
  await sql`
    INSERT INTO bulk_operation_items (operation_id, dossier_id, status, reason, processed_at)
    SELECT ${operationId}, d.id, 'failed', ${BULK_ALREADY_RUNNING}, ${now} FROM dossiers d
    WHERE ${cond}
      AND NOT EXISTS (SELECT 1 FROM bulk_operation_items i WHERE i.operation_id = ${operationId} AND i.dossier_id = d.id)
    ON CONFLICT DO NOTHING`.execute(trx);
  if (selection.kind === 'ids') {
    const ids = selection.ids.filter((id) => /^[0-9]{1,18}$/.test(id));
    await sql`
      INSERT INTO bulk_operation_items (operation_id, dossier_id, status, reason, processed_at)
      SELECT ${operationId}, x.id, 'failed', ${BULK_NOT_IN_TAB}, ${now} FROM unnest(${ids}::bigint[]) AS x(id)
      WHERE NOT EXISTS (SELECT 1 FROM bulk_operation_items i WHERE i.operation_id = ${operationId} AND i.dossier_id = x.id)
      ON CONFLICT DO NOTHING`.execute(trx);
  }
  const r = await sql<{ pending: number; failed: number }>`
    SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'failed')::int AS failed
    FROM bulk_operation_items WHERE operation_id = ${operationId}`.execute(trx);
  const { pending, failed } = r.rows[0] ?? { pending: 0, failed: 0 };
  await trx
    .updateTable('bulk_operations')
    .set({
      state: pending > 0 ? 'running' : 'done',
      total: pending + failed,
      failed,
      finished_at: pending > 0 ? null : now,
    })
    .where('id', '=', operationId)
    .execute();
  return { pending, failed };
}
