// The instructor's procedures page (docs/interface.md §2A): the procedures of my groups in three tabs — en cours
// (published, or closed with dossiers still to process), en test (not yet published), terminées
// (closed with nothing left to process) — each with my counters (à suivre, suivis par moi, traités,
// au total) and my badge summary, in my saved order. Two statements whatever the number of
// procedures: my groups, then the tab-class totals kept in work_list_counts (see tab-classes.ts) plus my badges.
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from '../domain/notifications.ts';
import { instructorGroupsFilter } from '../domain/permissions.ts';
import { allTabCodes } from './tab-classes.ts';
import { instructorAccess } from './search.ts';
import { displayedSql } from './work-list-sql.ts';
import type { ProcedureState } from './list-context.ts';

export const DASHBOARD_TABS = ['en-cours', 'en-test', 'terminees'] as const;
export type DashboardTab = (typeof DASHBOARD_TABS)[number];
export const DASHBOARD_TAB_LABELS: Record<DashboardTab, string> = {
  'en-cours': 'en cours',
  'en-test': 'en test',
  terminees: 'terminées',
};

export interface DashboardProcedure {
  id: string;
  title: string;
  state: ProcedureState;
  tab: DashboardTab;
  position: number | null;
  counts: { aSuivre: number; suivis: number; traites: number; total: number };
  /** dossiers with a displayed badge of mine, per kind (importance order) */
  badges: { kind: NotificationKind; count: number }[];
}

export interface Dashboard {
  procedures: DashboardProcedure[];
  tabCounts: Record<DashboardTab, number>;
}

interface Row {
  id: string;
  title: string;
  state: ProcedureState;
  expires_when_termine: boolean;
  position: number | null;
  classes: { c: number; n: number; me: number }[] | null;
  badges: { k: string; n: number }[] | null;
}

export function dashboardTabOf(state: ProcedureState, enCours: number): DashboardTab {
  if (state === 'brouillon') return 'en-test';
  if (state === 'publiee') return 'en-cours';
  return enCours > 0 ? 'en-cours' : 'terminees';
}

export async function proceduresDashboard(ex: Executor, userId: string, now: Date): Promise<Dashboard> {
  const groupIds = instructorGroupsFilter(await instructorAccess(ex, userId));
  const empty: Dashboard = { procedures: [], tabCounts: { 'en-cours': 0, 'en-test': 0, terminees: 0 } };
  if (groupIds.length === 0) return empty;
  const r = await sql<Row>`
    WITH mine AS (
      SELECT DISTINCT g.procedure_id FROM groupes_instructeurs g WHERE g.id = ANY(${groupIds}::bigint[])
    ),
    classes AS (
      -- the totals kept per class by the dossiers trigger (migration 0004), not a pass over the dossiers
      SELECT w.procedure_id, w.wl_class AS c, coalesce(sum(w.n) FILTER (WHERE w.follower_id = 0), 0)::int AS n,
        coalesce(sum(w.n) FILTER (WHERE w.follower_id <> 0), 0)::int AS me
      FROM work_list_counts w
      WHERE w.procedure_id IN (SELECT procedure_id FROM mine) AND w.groupe_id = ANY(${groupIds}::bigint[]) AND w.follower_id IN (0, ${userId})
      GROUP BY w.procedure_id, w.wl_class
    ),
    badges AS (
      SELECT d.procedure_id, n.kind, count(DISTINCT n.dossier_id)::int AS n
      FROM notifications n JOIN dossiers d ON d.id = n.dossier_id
      WHERE n.user_id = ${userId} AND d.groupe_id = ANY(${groupIds}::bigint[]) AND d.state <> 'brouillon' AND ${displayedSql(now)}
      GROUP BY d.procedure_id, n.kind
    )
    SELECT p.id::text AS id, p.title, p.state, p.expires_when_termine, ip.position,
      (SELECT json_agg(json_build_object('c', c.c, 'n', c.n, 'me', c.me)) FROM classes c WHERE c.procedure_id = p.id) AS classes,
      (SELECT json_agg(json_build_object('k', b.kind, 'n', b.n)) FROM badges b WHERE b.procedure_id = p.id) AS badges
    FROM procedures p
    JOIN mine ON mine.procedure_id = p.id
    LEFT JOIN instructeur_procedures ip ON ip.user_id = ${userId} AND ip.procedure_id = p.id
    ORDER BY ip.position NULLS LAST, p.id DESC`.execute(ex);

  const procedures = r.rows.map((row): DashboardProcedure => {
    const codes = allTabCodes(row.expires_when_termine);
    const sum = (tab: 'a-suivre' | 'suivis' | 'traites' | 'tous') =>
      (row.classes ?? []).reduce(
        (acc, c) => acc + (codes[tab].all.includes(c.c) ? c.n : codes[tab].me.includes(c.c) ? c.me : 0),
        0,
      );
    const counts = { aSuivre: sum('a-suivre'), suivis: sum('suivis'), traites: sum('traites'), total: sum('tous') };
    // "dossiers à traiter" of a closed procedure: the en cours ones (à suivre or followed by anyone)
    const enCours = (row.classes ?? []).reduce(
      (acc, c) => acc + (codes['a-suivre'].all.includes(c.c) || codes.suivis.me.includes(c.c) ? c.n : 0),
      0,
    );
    const badges = NOTIFICATION_KINDS.map((kind) => ({
      kind,
      count: (row.badges ?? []).find((b) => b.k === kind)?.n ?? 0,
    })).filter((b) => b.count > 0);
    return {
      id: row.id,
      title: row.title,
      state: row.state,
      tab: dashboardTabOf(row.state, enCours),
      position: row.position,
      counts,
      badges,
    };
  });
  const tabCounts = { 'en-cours': 0, 'en-test': 0, terminees: 0 };
  for (const p of procedures) tabCounts[p.tab]++;
  return { procedures, tabCounts };
}

/** Accent- and case-insensitive match of a procedure on its title or its number ("Accès direct"). */
export function matchesProcedure(p: { id: string; title: string }, query: string): boolean {
  const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
  const q = norm(query).replace(/^n[°o]\s*/, '');
  if (q === '') return true;
  if (/^[0-9]+$/.test(q)) return p.id === q || norm(p.title).includes(q);
  return q.split(/\s+/).every((w) => norm(p.title).includes(w));
}
