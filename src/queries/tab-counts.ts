// The seven tab counts of a procedure for one instructor, and the red dots ("news" badges of mine
// on a dossier of the tab), in ONE statement, per tab class (see tab-classes.ts):
//  - the totals per class, and per class the dossiers I follow, from `work_list_counts` (kept by a
//    trigger, migration 0004: a few rows per group instead of one index entry per dossier);
//  - "expires within 14 days", a range of dossiers_wl_expiring_idx (few dossiers);
//  - "has news for me": per class, whether my badge summary (`dossier_badges`, migration 0024: one
//    row per dossier of mine with a displayed badge, its class copied) holds one, index-only.
// The tab totals are then summed from the classes with the domain's own rules (tabsOf via
// tabCodes) — no second copy of the tab rules here.
import { sql } from 'kysely';
import { PREPARED, type Executor } from '../platform/db/index.ts';
import { NEWS_TABS, TABS, type Tab } from '../domain/tabs.ts';
import { allTabCodes } from './tab-classes.ts';
import { badgeStepSql, classInScope, expiringLimit, scopeSql, type Scope } from './work-list-sql.ts';

export interface TabCounts {
  counts: Record<Tab, number>;
  /** tabs holding a dossier with news for me (a-suivre, suivis, traites only) */
  news: Record<Tab, boolean>;
}

interface ClassRow {
  c: number;
  n: string;
  n_me: string;
  n_exp: string;
  news: boolean;
  news_me: boolean;
}

export async function tabCounts(ex: Executor, s: Scope): Promise<TabCounts> {
  const scope = scopeSql(s);
  // a red dot needs one news badge of mine in the class: a probe per class (LIMIT 1: not a hashed
  // set of all my news badges) stops at the first
  const newsOfMine = sql`b.user_id = ${s.userId} AND b.procedure_id = ${s.procedureId} AND b.groupe_id = ANY(${s.groupIds}::bigint[])
        AND b.news AND ${badgeStepSql(s.now)}`;
  const r = await sql<ClassRow>`${PREPARED}
    WITH c AS (
      SELECT w.wl_class AS c, sum(w.n) FILTER (WHERE w.follower_id = 0) AS n, sum(w.n) FILTER (WHERE w.follower_id <> 0) AS n_me
      FROM work_list_counts w
      WHERE w.procedure_id = ${s.procedureId} AND w.groupe_id = ANY(${s.groupIds}::bigint[]) AND w.follower_id IN (0, ${s.userId})
      GROUP BY w.wl_class
    ), e AS (
      SELECT d.wl_class AS c, count(*) AS n_exp FROM dossiers d WHERE ${scope} AND d.expires_at <= ${expiringLimit(s.now)} GROUP BY d.wl_class
    )
    SELECT c.c, coalesce(c.n, 0) AS n, coalesce(c.n_me, 0) AS n_me, coalesce(e.n_exp, 0) AS n_exp,
           coalesce(nw.news, false) AS news, coalesce(nm.news, false) AS news_me
    FROM c LEFT JOIN e ON e.c = c.c
      LEFT JOIN LATERAL (SELECT true AS news FROM dossier_badges b WHERE ${newsOfMine} AND b.wl_class = c.c LIMIT 1) nw ON true
      LEFT JOIN LATERAL (SELECT true AS news FROM dossier_badges b WHERE ${newsOfMine} AND b.wl_class = c.c AND b.mine LIMIT 1) nm ON true`.execute(
    ex,
  );
  const codes = allTabCodes(s.expiresWhenTermine);
  const counts = Object.fromEntries(TABS.map((t) => [t, 0])) as Record<Tab, number>;
  const news = Object.fromEntries(TABS.map((t) => [t, false])) as Record<Tab, boolean>;
  for (const row of r.rows) {
    const c = Number(row.c);
    // a scope narrowed to some states (a folded state filter) counts their classes only
    if (!classInScope(s, c)) continue;
    for (const tab of TABS) {
      const rule = codes[tab].all.includes(c)
        ? 'all'
        : codes[tab].me.includes(c)
          ? 'me'
          : codes[tab].expiring.includes(c)
            ? 'expiring'
            : null;
      if (!rule) continue;
      counts[tab] += Number(rule === 'all' ? row.n : rule === 'me' ? row.n_me : row.n_exp);
      // news badges are never displayed on expiring-only tabs (expirant is not a news tab)
      if (NEWS_TABS.includes(tab) && (rule === 'me' ? row.news_me : rule === 'all' && row.news)) news[tab] = true;
    }
  }
  return { counts, news };
}

/**
 * Every dossier of a procedure's groups, from the kept totals: the length of the procedure's range of
 * the update-order index, which a page walking it reads through (`listPage`, « suivis »).
 */
export async function procedureTotal(ex: Executor, procedureId: string, groupIds: readonly string[]): Promise<number> {
  const r = await sql<{ n: string }>`${PREPARED}
    SELECT coalesce(sum(w.n), 0)::text AS n FROM work_list_counts w
    WHERE w.procedure_id = ${procedureId} AND w.groupe_id = ANY(${groupIds}::bigint[]) AND w.follower_id = 0`.execute(
    ex,
  );
  return Number(r.rows[0]?.n ?? 0);
}
