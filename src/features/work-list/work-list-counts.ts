// Upkeep of `work_list_counts` (migration 0004), the per-class totals behind the tab counts that a
// trigger on dossiers keeps as signed deltas: for the writers that bypass the trigger (the load seed),
// for the job that folds the deltas (work-list-counts-compact) and for `guichet recount`.
import type { Db, Executor } from '../../platform/db/index.ts';
import { executeRaw } from '../../platform/db/index.ts';
import { countedKeys, workListCountsDrift } from '../../queries/work-list-counts.ts';

/** Counts these dossiers as new (the load seed writes with triggers off: session_replication_role = replica). */
export async function countNewDossiers(ex: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const { text, values } = countNewDossiersStatement(ids);
  await executeRaw(ex, text, values);
}

/** The same statement, for a writer on a bare connection (the load seed's COPY). */
export function countNewDossiersStatement(ids: readonly string[]): { text: string; values: unknown[] } {
  return {
    text: `INSERT INTO work_list_counts (procedure_id, groupe_id, wl_class, follower_id, n) ${countedKeys('d.id = ANY($1::bigint[])')}`,
    values: [ids],
  };
}

/**
 * Folds the deltas of each key into one row (and drops keys whose total is 0). Safe beside writers
 * and beside another run: rows appended after its snapshot are left for the next run, a row two
 * runs both try to delete is deleted (and summed) once.
 */
export async function compactWorkListCounts(ex: Executor): Promise<number> {
  const r = await executeRaw(
    ex,
    `
    WITH k AS (
      SELECT procedure_id, groupe_id, wl_class, follower_id FROM work_list_counts
      GROUP BY 1, 2, 3, 4 HAVING count(*) > 1 OR sum(n) = 0
    ), d AS (
      DELETE FROM work_list_counts w USING k
      WHERE w.procedure_id = k.procedure_id AND w.groupe_id = k.groupe_id AND w.wl_class = k.wl_class AND w.follower_id = k.follower_id
      RETURNING w.*
    ), s AS (
      INSERT INTO work_list_counts (procedure_id, groupe_id, wl_class, follower_id, n)
      SELECT procedure_id, groupe_id, wl_class, follower_id, sum(n) FROM d GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM d)::int AS folded`,
  );
  return Number(r.rows[0]?.folded ?? 0);
}

/**
 * Recounts the kept totals from the dossiers (`guichet recount`), for an operator who found drift.
 * Writers of dossiers wait meanwhile (SHARE lock); readers go on. Returns the drift found before.
 */
export async function rebuildWorkListCounts(db: Db): Promise<{ drift: number }> {
  return db.transaction().execute(async (trx) => {
    await executeRaw(trx, 'LOCK TABLE dossiers IN SHARE MODE');
    const drift = await workListCountsDrift(trx);
    await executeRaw(trx, 'DELETE FROM work_list_counts');
    await executeRaw(
      trx,
      `INSERT INTO work_list_counts (procedure_id, groupe_id, wl_class, follower_id, n) ${countedKeys('true')}`,
    );
    return { drift };
  });
}
