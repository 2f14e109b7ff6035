// Upkeep of `procedure_daily_stats` (migration 0023), the per-day deposits and decisions behind the
// statistics' weekly charts, kept by a trigger on dossiers as signed deltas.
import type { Executor } from '../../platform/db/index.ts';
import { executeRaw } from '../../platform/db/index.ts';
import { dailyKeys } from '../../platform/db/migrations/0023-statistics-days-broadcast-files.ts';

/**
 * Counts these dossiers as new in the per-day totals, for a writer with triggers off (the load seed's
 * COPY). The batch's rows are read once by their ids (MATERIALIZED): inlined in each branch of
 * `dailyKeys`, the planner, with no statistics yet on a growing table, read every decided dossier of
 * the table through the statistics index for the second branch and filtered them by id — a pass over
 * the table per batch, the load quadratic in its size (docs/load-seed.md).
 */
export function countNewDossiersDailyStatement(ids: readonly string[]): { text: string; values: unknown[] } {
  return {
    text: `WITH batch AS MATERIALIZED (
        SELECT procedure_id, depose_at, processed_at, hidden_by_administration_at, state
        FROM dossiers WHERE id = ANY($1::bigint[]))
      INSERT INTO procedure_daily_stats (procedure_id, day, deposes, accepte, refuse, sans_suite)
      SELECT procedure_id, day, sum(deposes), sum(accepte), sum(refuse), sum(sans_suite)
      FROM (${dailyKeys('batch', '1')}) k GROUP BY 1, 2`,
    values: [ids],
  };
}

/**
 * Folds the deltas of each (procedure, day) into one row and drops days whose totals are all 0. Safe
 * beside writers and beside another run, as the work list's compaction: rows appended after its
 * snapshot wait for the next run, a row two runs both try to delete is deleted (and summed) once.
 */
export async function compactProcedureDailyStats(ex: Executor): Promise<number> {
  const r = await executeRaw(
    ex,
    `
    WITH k AS (
      SELECT procedure_id, day FROM procedure_daily_stats GROUP BY 1, 2
      HAVING count(*) > 1 OR (sum(deposes) = 0 AND sum(accepte) = 0 AND sum(refuse) = 0 AND sum(sans_suite) = 0)
    ), d AS (
      DELETE FROM procedure_daily_stats s USING k WHERE s.procedure_id = k.procedure_id AND s.day = k.day
      RETURNING s.*
    ), s AS (
      INSERT INTO procedure_daily_stats (procedure_id, day, deposes, accepte, refuse, sans_suite)
      SELECT procedure_id, day, sum(deposes), sum(accepte), sum(refuse), sum(sans_suite) FROM d GROUP BY 1, 2
      HAVING sum(deposes) <> 0 OR sum(accepte) <> 0 OR sum(refuse) <> 0 OR sum(sans_suite) <> 0
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM d)::int AS folded`,
  );
  return Number(r.rows[0]?.folded ?? 0);
}
