// « Statistiques de la démarche » (docs/domain.md §11.2), in ONE statement of aggregates:
//  - the usual processing time: the decisions of the last 30 days, in three groups by duration (ntile),
//    the 90th percentile of each — read from dossiers_stats_processed_idx (migration 0013);
//  - the funnel and the decisions: the per-class totals the work list keeps (work_list_counts, so no pass
//    over the dossiers) plus the tombstones of the purged ones;
//  - deposits and decisions per week over 26 Paris weeks: the per-day totals a trigger keeps
//    (procedure_daily_stats, migration 0023), at most 182 days' rows instead of the weeks' dossiers.
// Counts only: nothing about a person, nothing per group.
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import { notFound } from '../domain/errors.ts';
import type { DossierState } from '../domain/dossier-state.ts';
import { parisWeekStarts, STATISTICS_WEEKS, USUAL_TIME_WINDOW_DAYS } from '../domain/statistics.ts';
import { decodeClass } from './tab-classes.ts';
import { PROCEDURE_ID, type ProcedureState } from './list-context.ts';

export interface ProcedureStatistics {
  procedure: { id: string; title: string; state: ProcedureState };
  /** the 90th percentile of each third, in seconds; null below 3 decisions in 30 days */
  usualTime: { clusters: { count: number; p90Seconds: number }[]; decisions: number } | null;
  funnel: { deposes: number; instruction: number; traites: number };
  decisions: { accepte: number; refuse: number; sans_suite: number };
  /** Monday of each Paris week (YYYY-MM-DD), oldest first */
  weeks: { week: string; deposes: number; accepte: number; refuse: number; sans_suite: number }[];
}

interface Row {
  id: string;
  title: string;
  state: ProcedureState;
  usual: { k: number; n: number; p90: number }[] | null;
  classes: { c: number; n: number }[] | null;
  tombstones: { s: string; n: number }[] | null;
  weeks: { k: number; d: number; a: number; r: number; s: number }[] | null;
}

const DECIDED: readonly DossierState[] = ['accepte', 'refuse', 'sans_suite'];

export async function procedureStatistics(ex: Executor, procedureId: string, now: Date): Promise<ProcedureStatistics> {
  if (!PROCEDURE_ID.test(procedureId)) throw notFound('Démarche introuvable.');
  const windowStart = new Date(now.getTime() - USUAL_TIME_WINDOW_DAYS * 86_400_000);
  const weeks = parisWeekStarts(now, STATISTICS_WEEKS);
  const mondays = weeks.map((w) => w.day);
  // a day's week by binary search among the Paris Mondays (width_bucket)
  const r = await sql<Row>`
    WITH usual AS (
      SELECT k, count(*)::int AS n, percentile_cont(0.9) WITHIN GROUP (ORDER BY s) AS p90
      FROM (SELECT s, ntile(3) OVER (ORDER BY s) AS k
            FROM (SELECT extract(epoch FROM d.processed_at - d.depose_at)::float8 AS s FROM dossiers d
                  WHERE d.procedure_id = ${procedureId} AND d.processed_at IS NOT NULL
                    AND d.hidden_by_administration_at IS NULL AND d.processed_at >= ${windowStart}
                    AND d.state IN ('accepte', 'refuse', 'sans_suite') AND d.depose_at IS NOT NULL) x) y
      GROUP BY k
    ), wk AS (
      SELECT width_bucket(s.day, ${mondays}::date[]) AS k, sum(s.deposes)::int AS d, sum(s.accepte)::int AS a,
        sum(s.refuse)::int AS r, sum(s.sans_suite)::int AS s
      FROM procedure_daily_stats s WHERE s.procedure_id = ${procedureId} AND s.day >= ${mondays[0]}::date GROUP BY 1
    )
    SELECT p.id::text AS id, p.title, p.state,
      (SELECT json_agg(json_build_object('k', k, 'n', n, 'p90', p90) ORDER BY k) FROM usual) AS usual,
      (SELECT json_agg(json_build_object('c', c, 'n', n)) FROM (
         SELECT w.wl_class AS c, sum(w.n)::int AS n FROM work_list_counts w
         WHERE w.procedure_id = p.id AND w.follower_id = 0 GROUP BY w.wl_class) cl) AS classes,
      (SELECT json_agg(json_build_object('s', state, 'n', n)) FROM (
         SELECT t.state, count(*)::int AS n FROM deleted_dossiers t WHERE t.procedure_id = p.id GROUP BY t.state) tb) AS tombstones,
      (SELECT json_agg(json_build_object('k', k, 'd', d, 'a', a, 'r', r, 's', s)) FROM wk) AS weeks
    FROM procedures p WHERE p.id = ${procedureId}`.execute(ex);
  const row = r.rows[0];
  if (!row) throw notFound('Démarche introuvable.');
  const byState = new Map<string, number>();
  for (const c of row.classes ?? []) {
    const facts = decodeClass(Number(c.c));
    if (facts) byState.set(facts.state, (byState.get(facts.state) ?? 0) + Number(c.n));
  }
  for (const t of row.tombstones ?? []) byState.set(t.s, (byState.get(t.s) ?? 0) + t.n);
  const count = (states: readonly string[]) => states.reduce((acc, s) => acc + (byState.get(s) ?? 0), 0);
  const usual = row.usual ?? [];
  const decisionsIn30 = usual.reduce((a, u) => a + u.n, 0);
  return {
    procedure: { id: row.id, title: row.title, state: row.state },
    usualTime:
      decisionsIn30 >= 3
        ? { clusters: usual.map((u) => ({ count: u.n, p90Seconds: u.p90 })), decisions: decisionsIn30 }
        : null,
    funnel: {
      deposes: count(['en_construction', 'en_instruction', ...DECIDED]),
      instruction: count(['en_instruction', ...DECIDED]),
      traites: count(DECIDED),
    },
    decisions: { accepte: count(['accepte']), refuse: count(['refuse']), sans_suite: count(['sans_suite']) },
    weeks: weeks.map((w, i) => {
      const found = (row.weeks ?? []).find((x) => x.k === i + 1);
      return {
        week: w.day,
        deposes: found?.d ?? 0,
        accepte: found?.a ?? 0,
        refuse: found?.r ?? 0,
        sans_suite: found?.s ?? 0,
      };
    }),
  };
}
