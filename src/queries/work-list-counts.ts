// `work_list_counts` (migration 0004): the per-class totals behind the tab counts, kept as signed
// deltas by a trigger on dossiers. The counted keys and the drift check (reads); the upkeep that
// writes them (folding the deltas, recounting, counting new dossiers) is in
// src/features/work-list/work-list-counts.ts.
import type { Executor } from '../platform/db/index.ts';
import { executeRaw } from '../platform/db/index.ts';

/**
 * The counted keys of the dossiers matching `where` (alias d), with their numbers: each dossier once
 * for everyone (follower 0) and once per active follower; brouillons are never counted. The same
 * rule as the trigger of migration 0004 (which, being a migration, keeps its own frozen copy).
 */
export const countedKeys = (where: string) => `
  SELECT d.procedure_id, d.groupe_id, d.wl_class, f.id AS follower_id, count(*) AS n
  FROM dossiers d CROSS JOIN LATERAL unnest(array_prepend(0::bigint, d.follower_ids)) AS f(id)
  WHERE (${where}) AND d.state <> 'brouillon'
  GROUP BY 1, 2, 3, 4`;

/** Keys whose kept total differs from a recount of the dossiers (0 when all is well: tests, operators). */
export async function workListCountsDrift(ex: Executor): Promise<number> {
  const r = await executeRaw(
    ex,
    `
    SELECT count(*)::int AS drift FROM (
      SELECT procedure_id, groupe_id, wl_class, follower_id, sum(n) AS n FROM work_list_counts GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
    ) kept FULL JOIN (${countedKeys('true')}) actual USING (procedure_id, groupe_id, wl_class, follower_id)
    WHERE kept.n IS DISTINCT FROM actual.n`,
  );
  return Number(r.rows[0].drift);
}
