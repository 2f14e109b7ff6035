// The dossier list of a tab: a typed presentation → ONE SQL statement for the page (ids in order,
// then the displayed values, badges, labels and followers of those rows only), plus one COUNT
// statement when filters apply (without filters the total is the tab count).
//
// Order = a sequence of *segments*, each one an index-friendly "WHERE … ORDER BY keys LIMIT n":
//   default sort: [dossiers with my displayed badges, by importance then updated_at desc]
//                 then [the others by updated_at desc];
//   column sort:  [key not empty, by key then id] then [key empty, by id] (empty values last in
//                 both directions, with one index per key).
// The page is the UNION ALL of the segments, each limited to offset + size rows, sorted once more.
// src/queries/neighbours.ts walks the same segments with keyset conditions.
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import type { StoredChamp } from '../domain/fields/types.ts';
import { displayValue } from '../domain/fields/index.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from '../domain/notifications.ts';
import {
  type FilterSpec,
  filtersFor,
  NOTIFICATIONS_COLUMN,
  type Presentation,
  type SortOrder,
} from '../domain/presentation.ts';
import type { DossierState } from '../domain/dossier-state.ts';
import { purgeDate } from '../domain/retention.ts';
import type { Tab } from '../domain/tabs.ts';
import type { Column } from './columns.ts';
import type { ListContext } from './list-context.ts';
import { procedureTotal, tabCounts } from './tab-counts.ts';
import { indexSpecsFor } from './column-indexes.ts';
import { heldByBulkSql } from './bulk-operations.ts';
import {
  displaySelectSql,
  displayedSql,
  badgeStepSql,
  filtersSql,
  myBadgeStepSql,
  narrowScope,
  scopeSql,
  scopeTabCodes,
  sortKeySql,
  sortKeyType,
  tabSql,
  type Scope,
  type Sql,
} from './work-list-sql.ts';

export interface SlotSpec {
  dir: SortOrder;
  type: Sql;
}

export interface Segment {
  /**
   * the segment's rows as `SELECT d.id AS id, … AS s0, … AS s1 … FROM <from> … WHERE <base> …`;
   * `from` is `dossiers d` or a materialised set of matching dossiers aliased `d`
   */
  rows: (base: Sql<boolean>, from?: Sql) => Sql;
  /** slots that are NULL in this segment (left out of its own order) */
  nullSlots: boolean[];
}

export interface Ordering {
  slots: SlotSpec[];
  idDir: SortOrder;
  segments: Segment[];
  /**
   * The segments read the importance of my badge: a materialised set of matches (`MATCHES`) then
   * carries it, joined once for every match (`importance`, NULL without a displayed badge of mine).
   */
  readsMyBadge?: boolean;
}

/** The materialised set of a list's matching dossiers (`pageQuery`), aliased `d`. */
const MATCHES = sql`f d`;

export function scopeOf(ctx: ListContext, now: Date): Scope {
  return {
    userId: ctx.userId,
    procedureId: ctx.procedure.id,
    groupIds: ctx.groupIds,
    now,
    expiresWhenTermine: ctx.procedure.expiresWhenTermine,
  };
}

/** What a list of a tab reads: its scope (state and group filters folded in), the other filters, and both as SQL. */
export interface ListWhere {
  scope: Scope;
  /** the filters tested row by row (empty: the list reads like a tab without filters) */
  filters: FilterSpec[];
  /** the filters alone (`true` without any) */
  filter: Sql<boolean>;
  base: Sql<boolean>;
}

export function listWhere(
  ctx: ListContext,
  tab: Tab,
  now: Date,
  presentation = ctx.presentation,
  walkUpdateOrder = false,
): ListWhere {
  const narrowed = narrowScope(scopeOf(ctx, now), filtersFor(presentation, tab), ctx.columns);
  const scope = walkUpdateOrder ? { ...narrowed.scope, walkUpdateOrder } : narrowed.scope;
  const filters = narrowed.filters;
  const filter = filtersSql(filters, ctx.columns, scope);
  const base = sql<boolean>`${scopeSql(scope)} AND ${tabSql(tab, scope)} AND ${filter}`;
  return { scope, filters, filter, base };
}

/**
 * The ordering of the list for a presentation's sort. `summaryTab`, the tab when its list has no
 * filters tested row by row (`ListWhere.filters` empty), lets the badge segment read only my badge
 * summary; with `probe` (the list's filters, `ListWhere.filter`) too, each summary row walked is then
 * checked against them (`listPage`, « One option of a list field: walking its matches »).
 */
export function orderingOf(
  p: Presentation,
  columns: ReadonlyMap<string, Column>,
  s: Scope,
  summaryTab?: Tab,
  probe?: Sql<boolean>,
): Ordering {
  const sort = p.sort;
  const col = sort.column === NOTIFICATIONS_COLUMN ? null : columns.get(sort.column);
  const key = col ? sortKeySql(col) : null;
  if (!col || !key) {
    if (sort.column === NOTIFICATIONS_COLUMN && sort.order === 'asc') {
      // docs/domain.md §3: "asc" is simply the least recently updated first
      return {
        slots: [{ dir: 'asc', type: sql`timestamptz` }],
        idDir: 'asc',
        segments: [
          {
            rows: (base, from = DOSSIERS) => sql`SELECT d.id AS id, d.updated_at AS s0 FROM ${from} WHERE ${base}`,
            nullSlots: [false],
          },
        ],
      };
    }
    const mine = myBadgeStepSql(s);
    // Without filters, the tab's dossiers holding a badge of mine are my summary rows in its scope
    // and tab rule (the facts they read are copied there): a range of dossier_badges_order_idx, already
    // in this order, stopped after the page — the dossiers are not read.
    const tab = summaryTab;
    // With filters, each summary row walked is probed (OFFSET 0 keeps the probe a subplan run per row:
    // joined, the planner would read every match to hash them, the walk stopping after the page)
    const probed = probe
      ? sql` AND EXISTS (SELECT 1 FROM dossiers d WHERE d.id = b.dossier_id AND d.procedure_id = ${s.procedureId}
          AND d.state <> 'brouillon' AND ${probe} OFFSET 0)`
      : sql``;
    const summaryRows = tab
      ? sql`SELECT b.dossier_id AS id, b.importance AS s0, b.updated_at AS s1 FROM dossier_badges b
          WHERE b.user_id = ${s.userId} AND b.procedure_id = ${s.procedureId} AND b.groupe_id = ANY(${s.groupIds}::bigint[])
            AND ${badgeStepSql(s.now)} AND ${tabSql(tab, s, 'badges')}${probed}`
      : null;
    // A tab of the dossiers *I* follow (« suivis »), read by its class: the dossiers holding a badge
    // of mine are one hashed set of my summary rows, not a probe per dossier read. When it walks the
    // update-order index instead (`Scope.walkUpdateOrder`) and stops after the page: a probe for each
    // of the few dossiers walked (docs/work-list.md, « Suivis: walking the update order »).
    const withoutMyBadge =
      tab && !probe && !s.walkUpdateOrder && scopeTabCodes(tab, s).me.length > 0
        ? sql<boolean>`d.id NOT IN (SELECT b.dossier_id FROM dossier_badges b
            WHERE b.user_id = ${s.userId} AND b.procedure_id = ${s.procedureId} AND b.groupe_id = ANY(${s.groupIds}::bigint[])
              AND ${badgeStepSql(s.now)})`
        : null;
    return {
      slots: [
        { dir: 'asc', type: sql`integer` },
        { dir: 'desc', type: sql`timestamptz` },
      ],
      idDir: 'desc',
      segments: [
        {
          // my displayed badges (my badge summary, migration 0024), by importance then updated_at;
          // with filters (or over a materialised set of matches) joined to the dossiers
          rows: (base, from = DOSSIERS) =>
            from === MATCHES
              ? sql`SELECT d.id AS id, d.importance AS s0, d.updated_at AS s1 FROM ${from} WHERE ${base} AND d.importance IS NOT NULL`
              : summaryRows && from === DOSSIERS
                ? summaryRows
                : sql`SELECT b.dossier_id AS id, b.importance AS s0, b.updated_at AS s1
                  FROM ${from} JOIN dossier_badges b ON ${mine} WHERE ${base}`,
          nullSlots: [false, false],
        },
        {
          rows: (base, from = DOSSIERS) => sql`SELECT d.id AS id, NULL::integer AS s0, d.updated_at AS s1
            FROM ${from} WHERE ${base} AND ${
              from === MATCHES
                ? sql`d.importance IS NULL`
                : withoutMyBadge && from === DOSSIERS
                  ? withoutMyBadge
                  : sql`NOT EXISTS (SELECT 1 FROM dossier_badges b WHERE ${mine})`
            }`,
          nullSlots: [true, false],
        },
      ],
      readsMyBadge: true,
    };
  }
  const dir = sort.order;
  const type = sortKeyType(col);
  if (!col.nullable) {
    return {
      slots: [{ dir, type }],
      idDir: dir,
      segments: [
        {
          rows: (base, from = DOSSIERS) => sql`SELECT d.id AS id, ${key} AS s0 FROM ${from} WHERE ${base}`,
          nullSlots: [false],
        },
      ],
    };
  }
  return {
    slots: [{ dir, type }],
    idDir: dir,
    segments: [
      {
        rows: (base, from = DOSSIERS) =>
          sql`SELECT d.id AS id, ${key} AS s0 FROM ${from} WHERE ${base} AND ${key} IS NOT NULL`,
        nullSlots: [false],
      },
      {
        rows: (base, from = DOSSIERS) =>
          sql`SELECT d.id AS id, NULL::${type} AS s0 FROM ${from} WHERE ${base} AND ${key} IS NULL`,
        nullSlots: [true],
      },
    ],
  };
}

const DIR = { asc: sql`ASC`, desc: sql`DESC` } as const;
const DOSSIERS = sql`dossiers d`;

/** The default order reads only what the list indexes carry (updated_at, the tab class). */
export function isDefaultOrder(p: Presentation): boolean {
  return p.sort.column === NOTIFICATIONS_COLUMN;
}

/** ORDER BY of one segment's own rows over alias `x` (NULL slots left out). */
export function segmentOrderSql(o: Ordering, seg: Segment, alias = 'x', flip = false): Sql {
  const d = (dir: SortOrder) => DIR[flip ? (dir === 'asc' ? 'desc' : 'asc') : dir];
  const parts: Sql[] = [];
  o.slots.forEach((slot, i) => {
    if (!seg.nullSlots[i]) parts.push(sql`${sql.ref(`${alias}.s${i}`)} ${d(slot.dir)}`);
  });
  parts.push(sql`${sql.ref(`${alias}.id`)} ${d(o.idDir)}`);
  return sql.join(parts);
}

export interface ListRow {
  id: string;
  state: DossierState;
  archived: boolean;
  pendingCorrection: boolean;
  /** a test dossier (docs/domain.md §1.1) */
  isTest: boolean;
  followedByMe: boolean;
  followerCount: number;
  badges: NotificationKind[];
  labels: { id: string; name: string; color: string }[];
  /** displayed text per column id */
  values: Record<string, string>;
  /** a running bulk operation holds it: its box is disabled */
  heldByBulk: boolean;
  /** Corbeille tab (docs/domain.md §5): hidden by expiry (« Restaurer et prolonger »), purge date. */
  expired: boolean;
  purgeAt: Date | null;
}

function dateOf(v: Date | string | null): Date | null {
  return v === null ? null : new Date(v);
}

export interface ListPage {
  rows: ListRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
}

const dateFmt = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const dateTimeFmt = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

function formatCell(c: Column, raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  if (c.source.type === 'part') return String(raw);
  if (c.source.type === 'field') {
    try {
      return displayValue(c.source.def, raw as StoredChamp);
    } catch {
      return '';
    }
  }
  if (raw instanceof Date)
    return c.source.name === 'created_at' || c.source.name === 'updated_at'
      ? dateTimeFmt.format(raw)
      : dateFmt.format(raw);
  if (c.source.name === 'civilite') return raw === 'Mme' ? 'Madame' : raw === 'M.' ? 'Monsieur' : String(raw);
  return String(raw);
}

/**
 * Count of the dossiers of a tab matching the filters (only called when filters apply): the kept
 * counts when the filters only narrow the scope (states, groups), else a count of the matches.
 */
export async function countFiltered(
  ex: Executor,
  ctx: ListContext,
  tab: Tab,
  now: Date,
  presentation = ctx.presentation,
): Promise<number> {
  return countWhere(ex, listWhere(ctx, tab, now, presentation), tab);
}

async function countWhere(ex: Executor, w: ListWhere, tab: Tab): Promise<number> {
  if (w.filters.length === 0) return (await tabCounts(ex, w.scope)).counts[tab];
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM dossiers d WHERE ${w.base}`.execute(ex);
  return Number(r.rows[0]?.n ?? 0);
}

/** Whether the tab's list has filters (its total is then not the tab count). */
export function hasFilters(p: Presentation, tab: Tab): boolean {
  return filtersFor(p, tab).length > 0;
}

/** Clamps a requested page to [1, pageCount]. */
export function clampPage(
  page: number,
  total: number,
  pageSize: number,
): { page: number; pageCount: number; clamped: boolean } {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const wanted = Number.isSafeInteger(page) ? page : 1;
  const clamped = Math.min(Math.max(1, wanted), pageCount);
  return { page: clamped, pageCount, clamped: clamped !== wanted };
}

/** A tab up to this many dossiers is read whole for its default order (see listPage). */
export const SMALL_TAB = 3000;

/**
 * The rows of one page, and the total. Without filters pass the tab count as `total`. With
 * filters leave it out: in the default order the matching dossiers are read once (one statement:
 * count and page from the same materialised set — each filter is evaluated once per dossier), except
 * one option of a list field or one « contient » text with its indexes built, counted first then
 * walked when its matches are many; with a column sort they are counted, then the page walks the
 * sort index and stops early.
 * A page past the end is clamped to the last one (`clamped`).
 */
export async function listPage(
  ex: Executor,
  ctx: ListContext,
  req: {
    tab: Tab;
    page: number;
    now: Date;
    presentation?: Presentation;
    total?: number /** default SMALL_TAB (tests: 0) */;
    smallTab?: number;
    /**
     * the dossiers of the procedure's groups (default: `procedureTotal`, read only when a tab of the
     * dossiers I follow may walk the update order; tests: 0 makes it walk)
     */
    procedureTotal?: number;
    /**
     * the tab's dossiers without the filters (the tab count): with one option of a list field (or one
     * « contient » text) as the filter, whether its matches are walked (default: `procedureTotal`,
     * more; tests: 0 walks).
     * The route passes the tab count of the whole scope, also when a state or group filter narrows
     * it: larger, so the rule leans to reading the matches whole, the rows being the same either way.
     */
    tabTotal?: number;
  },
): Promise<ListPage & { clamped: boolean }> {
  const p = req.presentation ?? ctx.presentation;
  const pageSize = p.pageSize;
  let w = listWhere(ctx, req.tab, req.now, p);
  const filtered = w.filters.length > 0;
  // filters that only narrow the scope (states, groups) are counted from the kept totals
  let total = req.total ?? (!filtered && hasFilters(p, req.tab) ? await countWhere(ex, w, req.tab) : undefined);
  // A small tab is read whole too, whatever the order (its best index, then sorted in memory):
  // walking the update-order index for it reads the whole procedure when its dossiers nearly all
  // hold a badge (« expirants »: 92 000 entries read for 1 400 rows), and walking a sort index for
  // it reads until enough of its sparse dossiers are found (« suivis » of an instructor who follows
  // few, sorted by deposit date: 110–170 ms under load; docs/work-list.md).
  const small = !filtered && total !== undefined && total <= (req.smallTab ?? SMALL_TAB);
  let materialise = (total === undefined && filtered && isDefaultOrder(p)) || small;
  // One option of a list field, or one « contient » text (its own indexes, column-indexes.ts), in
  // the default order: the matches are counted first, from their index; when they are many, the page
  // walks them in update order and probes my badges' dossiers instead of reading them all (walking
  // reads about reach × tab / total entries, reading them all `total`: the same rule as « suivis »;
  // docs/work-list.md, « One option of a list field: walking its matches »). The first segment is not
  // in the rule: it probes my badge rows of the tab until the page is full, all of them when few of
  // my dossiers match (one index-only probe each).
  let probe = false;
  if (materialise && !small && walksValueFilter(w, ctx)) {
    total = await countWhere(ex, w, req.tab);
    const reach = clampPage(req.page, total, pageSize).page * pageSize;
    const tabTotal =
      req.tabTotal ?? (total >= reach ? await procedureTotal(ex, ctx.procedure.id, w.scope.groupIds) : 0);
    if (total >= reach && walkReadsLess(total, reach, tabTotal)) {
      materialise = false;
      probe = true;
    }
  }
  if (total === undefined && !materialise) total = await countWhere(ex, w, req.tab);
  const wanted = clampPage(req.page, total ?? Number.MAX_SAFE_INTEGER, pageSize);
  if (total === 0) return { rows: [], total: 0, page: 1, pageCount: 1, pageSize, clamped: wanted.clamped };
  // « suivis » in the default order: walk the procedure's update order when that reads less than the
  // class (a tab of at most SMALL_TAB dossiers was materialised above: it never gets here)
  const reach = wanted.page * pageSize;
  if (!materialise && total !== undefined && mayWalkFollowed(w, p, req.tab, total, reach)) {
    const walked =
      req.procedureTotal ??
      (await procedureTotal(
        ex,
        ctx.procedure.id,
        ctx.groups.map((g) => g.id),
      ));
    if (walkReadsLess(total, reach, walked)) w = listWhere(ctx, req.tab, req.now, p, true);
  }
  const r = await pageQuery(ex, ctx, p, w, req.tab, wanted.page, materialise, probe);
  if (materialise) {
    total = r.total ?? 0;
    const c = clampPage(req.page, total, pageSize);
    if (c.page !== wanted.page && total > 0) {
      // past the last page (bad input): run again for the last one
      const again = await pageQuery(ex, ctx, p, w, req.tab, c.page, true);
      return { rows: again.rows, total, page: c.page, pageCount: c.pageCount, pageSize, clamped: true };
    }
    return { rows: r.rows, total, page: c.page, pageCount: c.pageCount, pageSize, clamped: c.clamped };
  }
  const c = clampPage(req.page, total!, pageSize);
  return { rows: r.rows, total: total!, page: c.page, pageCount: c.pageCount, pageSize, clamped: c.clamped };
}

/**
 * Whether a tab of the dossiers I follow (« suivis », no filters tested row by row) may be read by
 * walking the procedure's update order rather than its class. The walk reads about `reach × walked /
 * total` entries (`walked`: the procedure's dossiers, `procedureTotal`), the class at least `total`
 * (`reach`: offset + page size): `listPage` walks when `total² ≥ reach × walked`. The planner cannot
 * tell: the statistics of `follower_ids` are the whole base's, where my follows are a tiny share
 * (docs/work-list.md, « Suivis: walking the update order »). Checked first, without reading `walked`:
 * the default order (a column sort walks its own index), and a tab holding the page's reach.
 */
function mayWalkFollowed(w: ListWhere, p: Presentation, tab: Tab, total: number, reach: number): boolean {
  return isDefaultOrder(p) && w.filters.length === 0 && total >= reach && scopeTabCodes(tab, w.scope).me.length > 0;
}

/**
 * Whether walking an index in list order and stopping after the page reads less than reading every
 * one of `total` rows and sorting them: the walk reads about `reach × walked / total` entries (`reach`:
 * offset + page size; `walked`: the entries of the range walked, of which `total` are kept).
 */
function walkReadsLess(total: number, reach: number, walked: number): boolean {
  return total * total >= reach * walked;
}

/**
 * Whether the list's one filter is one option of a list field or one « contient » text whose own
 * indexes are all built (while they are not, counting first would read the dossiers: the matches are
 * read once, materialised).
 */
function walksValueFilter(w: ListWhere, ctx: ListContext): boolean {
  const ready = ctx.readyValueIndexes;
  if (w.filters.length !== 1 || !ready?.length) return false;
  const c = ctx.columns.get(w.filters[0].column);
  const specs = c ? indexSpecsFor(ctx.procedure.id, c, { filter: w.filters[0] }).filter((x) => x.oneValue) : [];
  return specs.length > 0 && specs.every((x) => ready.includes(x.name));
}

async function pageQuery(
  ex: Executor,
  ctx: ListContext,
  p: Presentation,
  w: ListWhere,
  tab: Tab,
  page: number,
  materialise: boolean,
  /** my badges' dossiers are probed against the filters (`listPage`) */
  probe = false,
): Promise<{ rows: ListRow[]; total: number | null }> {
  const { scope: s, base } = w;
  const pageSize = p.pageSize;
  const o = orderingOf(p, ctx.columns, s, w.filters.length && !probe ? undefined : tab, probe ? w.filter : undefined);
  const offset = (page - 1) * pageSize;
  const reach = offset + pageSize;
  const slotCols = o.slots.map((_, i) => sql.ref(`x.s${i}`));
  const branches = o.segments.map((seg, i) => {
    // the default order reads the materialised matches' own columns; a column sort reads its key
    // from the dossiers of the materialised set
    const rows = !materialise
      ? seg.rows(base)
      : isDefaultOrder(p)
        ? seg.rows(sql<boolean>`true`, MATCHES)
        : seg.rows(sql<boolean>`d.id IN (SELECT f.id FROM f)`);
    return sql`(SELECT x.id, ${sql.join(slotCols)}, ${i}::int AS seg FROM (${rows}) x ORDER BY ${segmentOrderSql(o, seg)} LIMIT ${reach})`;
  });
  const outerOrder = sql.join([
    sql`u.seg`,
    ...o.slots.map((slot, i) => sql`${sql.ref(`u.s${i}`)} ${DIR[slot.dir]}`),
    sql`u.id ${DIR[o.idDir]}`,
  ]);

  const displayed = p.columns.map((id) => ctx.columns.get(id)).filter((c): c is Column => !!c && c.displayable);
  const selects = displayed.map((c, i) => {
    const expr = displaySelectSql(c);
    return expr ? sql`${expr} AS ${sql.ref(`v${i}`)}` : sql`NULL AS ${sql.ref(`v${i}`)}`;
  });
  const mine = sql`n.dossier_id = d.id AND n.user_id = ${s.userId} AND ${displayedSql(s.now)}`;
  const pageCte = sql`page AS MATERIALIZED (
      SELECT u.id, row_number() OVER (ORDER BY ${outerOrder}) AS ord
      FROM (${sql.join(branches, sql` UNION ALL `)}) u
      ORDER BY ${outerOrder}
      LIMIT ${pageSize} OFFSET ${offset}
    )`;
  const rowsSelect = sql`SELECT page.ord, d.id::text AS id, d.state, d.archived, d.pending_correction, d.is_test, d.follower_ids::text[] AS follower_ids,
      d.hidden_by_user_at, d.hidden_by_administration_at, d.hidden_by_expired_at, d.expires_at,
      (SELECT array_agg(DISTINCT n.kind) FROM notifications n WHERE ${mine}) AS badges,
      ARRAY(SELECT dl.label_id::text FROM dossier_labels dl WHERE dl.dossier_id = d.id) AS label_ids,
      ${heldByBulkSql(sql.ref('d.id'))} AS held
      ${selects.length ? sql`, ${sql.join(selects)}` : sql``}
    FROM page JOIN dossiers d ON d.id = page.id`;
  type Row = Record<string, unknown> & {
    id: string | null;
    state: DossierState;
    archived: boolean;
    pending_correction: boolean;
    is_test: boolean;
    follower_ids: string[];
    hidden_by_user_at: Date | null;
    hidden_by_administration_at: Date | null;
    hidden_by_expired_at: Date | null;
    expires_at: Date | null;
    badges: string[] | null;
    label_ids: string[];
    held: boolean;
    total?: string;
  };
  // the matches, read once; with my badge's importance when the segments read it (one join for both)
  const matchesSql =
    o.readsMyBadge && isDefaultOrder(p)
      ? sql`SELECT d.id, d.updated_at, b.importance FROM dossiers d
          LEFT JOIN dossier_badges b ON ${myBadgeStepSql(s)} WHERE ${base}`
      : sql`SELECT d.id, d.updated_at FROM dossiers d WHERE ${base}`;
  const r = materialise
    ? await sql<Row>`
        WITH f AS MATERIALIZED (${matchesSql}),
        ${pageCte},
        rows AS (${rowsSelect})
        SELECT t.total, rows.* FROM (SELECT count(*)::text AS total FROM f) t LEFT JOIN rows ON true ORDER BY rows.ord`.execute(
        ex,
      )
    : await sql<Row>`WITH ${pageCte} ${rowsSelect} ORDER BY page.ord`.execute(ex);

  const importance = (k: string) => NOTIFICATION_KINDS.indexOf(k as NotificationKind);
  const rows: ListRow[] = r.rows
    .filter((row) => row.id !== null)
    .map((row) => {
      // the procedure's labels are in the list context, in their order: a row reads only its ids (a
      // label created between the two statements shows from the next page load)
      const labels = row.label_ids.length ? ctx.labels.filter((l) => row.label_ids.includes(l.id)) : [];
      const values: Record<string, string> = {};
      displayed.forEach((c, i) => {
        // the labels column shows the row's labels, already read for the row markers
        values[c.id] =
          c.source.type === 'fixed' && c.source.name === 'labels'
            ? labels.map((l) => l.name).join(', ')
            : formatCell(c, row[`v${i}`]);
      });
      return {
        id: row.id!,
        state: row.state,
        archived: row.archived,
        pendingCorrection: row.pending_correction,
        isTest: row.is_test,
        followedByMe: row.follower_ids.includes(ctx.userId),
        followerCount: row.follower_ids.length,
        badges: (row.badges ?? [])
          .filter((k) => importance(k) >= 0)
          .sort((a, b) => importance(a) - importance(b)) as NotificationKind[],
        labels,
        values,
        heldByBulk: row.held,
        expired: row.hidden_by_expired_at !== null,
        purgeAt: purgeDate({
          state: row.state,
          hidden_by_user_at: dateOf(row.hidden_by_user_at),
          hidden_by_administration_at: dateOf(row.hidden_by_administration_at),
          hidden_by_expired_at: dateOf(row.hidden_by_expired_at),
          expires_at: dateOf(row.expires_at),
        }),
      };
    });
  return { rows, total: materialise ? Number(r.rows[0]?.total ?? 0) : null };
}

/** Every dossier id of a tab with its filters, in list order ("tout sélectionner"; bulk actions). */
export async function allIdsOf(ex: Executor, ctx: ListContext, tab: Tab, now: Date, limit = 10_000): Promise<string[]> {
  const { base } = listWhere(ctx, tab, now);
  const r = await sql<{
    id: string;
  }>`SELECT d.id::text AS id FROM dossiers d WHERE ${base} ORDER BY d.id LIMIT ${limit}`.execute(ex);
  return r.rows.map((x) => x.id);
}
