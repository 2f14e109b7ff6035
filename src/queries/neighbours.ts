// "Dossier précédent / suivant" on the dossier page: the neighbours of a dossier in the list the
// instructor came from (its tab, filters and sort), found with keyset conditions on the same
// ordered segments as the list (src/queries/dossier-list.ts) — one statement, no id list in
// memory, whatever the position of the dossier in the list.
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import type { Presentation } from '../domain/presentation.ts';
import type { Tab } from '../domain/tabs.ts';
import { listWhere, orderingOf, segmentOrderSql, type Ordering, type Segment } from './dossier-list.ts';
import { loadListContext, type ListContext } from './list-context.ts';
import type { Sql } from './work-list-sql.ts';

export interface Neighbours {
  previousId: string | null;
  nextId: string | null;
}

type Dir = 'asc' | 'desc';
const flip = (d: Dir): Dir => (d === 'asc' ? 'desc' : 'asc');

/** The keys of a segment's rows (columns of its row source), in order. */
function keysOf(o: Ordering, seg: Segment): { col: string; dir: Dir }[] {
  const keys: { col: string; dir: Dir }[] = [];
  o.slots.forEach((slot, i) => {
    if (!seg.nullSlots[i]) keys.push({ col: `s${i}`, dir: slot.dir });
  });
  keys.push({ col: 'id', dir: o.idDir });
  return keys;
}

/**
 * The closest row of segment `seg` strictly after (`forward`) or before the current row `c`; the
 * first (or last) row of the segment when there is no current row. Keys of one direction compare
 * as a row value (an index range); mixed directions expand into OR terms.
 */
function stepSql(base: Sql<boolean>, o: Ordering, seg: Segment, forward: boolean, from: string | null): Sql {
  const keys = keysOf(o, seg).map((k) => ({ ...k, dir: forward ? k.dir : flip(k.dir) }));
  const x = (k: { col: string }) => sql.ref(`x.${k.col}`);
  let after: Sql = sql`true`;
  if (from) {
    const cur = (k: { col: string }) => sql.ref(`${from}.${k.col}`);
    if (keys.every((k) => k.dir === keys[0].dir)) {
      const op = keys[0].dir === 'asc' ? sql`>` : sql`<`;
      after = sql`(${sql.join(keys.map(x))}) ${op} (${sql.join(keys.map(cur))})`;
    } else {
      const ors = keys.map((k, i) => {
        const eqs = keys.slice(0, i).map((p) => sql`${x(p)} = ${cur(p)}`);
        const cmp = k.dir === 'asc' ? sql`${x(k)} > ${cur(k)}` : sql`${x(k)} < ${cur(k)}`;
        return sql`(${sql.join([...eqs, cmp], sql` AND `)})`;
      });
      after = sql`(${sql.join(ors, sql` OR `)})`;
    }
  }
  return sql`(SELECT x.id FROM (${seg.rows(base)}) x WHERE ${after} ORDER BY ${segmentOrderSql(o, seg, 'x', !forward)} LIMIT 1)`;
}

/** Neighbours with an already loaded list context (the list page itself, tests). */
export async function neighboursIn(
  ex: Executor,
  ctx: ListContext,
  tab: Tab,
  presentation: Presentation,
  dossierId: string,
  now: Date,
): Promise<Neighbours> {
  if (!/^[0-9]{1,18}$/.test(dossierId)) return { previousId: null, nextId: null };
  const w = listWhere(ctx, tab, now, presentation);
  const base = w.base;
  const o = orderingOf(presentation, ctx.columns, w.scope, w.filters.length ? undefined : tab);
  const segs = o.segments;
  // the current row, once per segment it may belong to: c0, c1 (at most one is non-empty)
  const ctes = segs.map(
    (seg, i) =>
      sql`${sql.ref(`c${i}`)} AS MATERIALIZED (SELECT x.* FROM (${seg.rows(base)}) x WHERE x.id = ${dossierId})`,
  );
  const next: Sql[] = [];
  const prev: Sql[] = [];
  segs.forEach((seg, i) => {
    const c = `c${i}`;
    const inSeg = sql`EXISTS (SELECT 1 FROM ${sql.ref(c)})`;
    const mine = (forward: boolean) =>
      sql`(SELECT y.id FROM ${sql.ref(c)} cur, LATERAL ${stepSql(base, o, seg, forward, 'cur')} y(id))`;
    // next: after me in my segment, else the first row of a following segment
    const nextChain = [mine(true), ...segs.slice(i + 1).map((s2) => stepSql(base, o, s2, true, null))];
    // previous: before me in my segment, else the last row of a preceding segment
    const prevChain = [
      mine(false),
      ...segs
        .slice(0, i)
        .reverse()
        .map((s2) => stepSql(base, o, s2, false, null)),
    ];
    next.push(sql`WHEN ${inSeg} THEN coalesce(${sql.join(nextChain)})`);
    prev.push(sql`WHEN ${inSeg} THEN coalesce(${sql.join(prevChain)})`);
  });
  const r = await sql<{ next_id: string | null; prev_id: string | null }>`
    WITH ${sql.join(ctes)}
    SELECT (CASE ${sql.join(next, sql` `)} END)::text AS next_id, (CASE ${sql.join(prev, sql` `)} END)::text AS prev_id`.execute(
    ex,
  );
  const row = r.rows[0];
  return { previousId: row?.prev_id ?? null, nextId: row?.next_id ?? null };
}

/**
 * The dossier page's "précédent / suivant": `presentation` is the instructor's saved one
 * (`loadPresentation`) or the one of the list he came from; null ids at the ends of the list or
 * when the dossier is not (any more) in it.
 */
export async function dossierNeighbours(
  ex: Executor,
  q: { userId: string; procedureId: string; tab: Tab; presentation?: Presentation; now?: Date },
  dossierId: string,
): Promise<Neighbours> {
  const ctx = await loadListContext(ex, q.userId, q.procedureId);
  return neighboursIn(ex, ctx, q.tab, q.presentation ?? ctx.presentation, dossierId, q.now ?? new Date());
}
