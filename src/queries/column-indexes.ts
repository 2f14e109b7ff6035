// Indexes created when a column is first used to sort or filter a procedure's list: a partial
// btree on the column's sort key (`WHERE procedure_id = <id>`), for "contient" filters a trigram GIN
// on its unaccented text, for one option or one text partial indexes of its matches, and for a
// filtered field statistics of its values in the procedure. Measured (docs/work-list.md): a sort on a JSONB champ over
// 100 000 dossiers takes milliseconds with its key index and hundreds of milliseconds without.
// This module says which indexes a presentation needs and reads what is recorded of them in
// `work_list_indexes`; src/features/work-list/build-list-indexes.ts builds them (CONCURRENTLY, in the
// build-list-indexes job); the list works the same (only slower) while one is being built or if
// building failed.
//
// DDL cannot take parameters: the only values written into it are the procedure id (digits), stable
// ids (checked against [A-Za-z0-9_-]) and, for the one-value partial indexes, an option of a list
// field or the text of a « contient » filter — written only when it is made of letters, digits,
// spaces and plain punctuation (no backslash, no LIKE wildcard), at most 80 characters, quotes doubled.
import crypto from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import {
  repairPresentation,
  type FilterSpec,
  type Presentation,
  type StoredPresentation,
} from '../domain/presentation.ts';
import type { Column } from './columns.ts';
import { isReferentialType } from '../domain/fields/referentials.ts';

/** Beyond this many, a procedure's columns are not indexed any more (write cost). */
export const MAX_INDEXES_PER_PROCEDURE = 40;
/** One-option partial indexes (three per option) take at most this many of those places (sorts and filters keep the rest). */
export const MAX_VALUE_INDEXES_PER_PROCEDURE = 15;

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SAFE_VALUE = /^[\p{L}\p{N} '’.,;:()/&+°-]{1,80}$/u;
const DIGITS = /^[0-9]{1,18}$/;

export interface IndexSpec {
  name: string;
  columnId: string;
  /** `stats`: extended statistics (CREATE STATISTICS), not an index */
  method: 'btree' | 'trgm' | 'stats';
  /** the CREATE INDEX (or CREATE STATISTICS) statement without CONCURRENTLY / IF NOT EXISTS */
  body: RawBuilder<unknown>;
  /** a one-option partial index (counted against MAX_VALUE_INDEXES_PER_PROCEDURE) */
  oneValue?: boolean;
  /** the option's key (column and value): its indexes are built together or not at all */
  option?: string;
}

/** Literal twins of the key expressions of work-list-sql.ts (which uses parameters). */
function keyDdl(c: Column): { key: string; text: string | null } | null {
  if (c.source.type === 'part') return null; // parts are read per dossier (docs/work-list.md)
  if (c.source.type === 'field') {
    if (!SAFE_ID.test(c.source.stableId)) return null;
    const store = c.source.store === 'champs' ? 'champs' : 'annotations';
    const key = `'${c.source.stableId}'`; // SAFE_ID: no quote can be in it
    const v = `(${store} -> ${key} -> 'value')`;
    const t = c.source.def.type;
    // a referential value's text is written with concat_ws, which PostgreSQL does not hold immutable
    // and refuses in an index: such a field is sorted and filtered without one
    if (isReferentialType(t)) return null;
    const text =
      t === 'linked_drop_down_list' || t === 'multiple_drop_down_list' || t === 'piece_justificative'
        ? `f_jtext(${v})`
        : `(${store} -> ${key} ->> 'value')`;
    switch (c.kind) {
      case 'integer':
      case 'decimal':
        return { key: `f_jnum(${v})`, text: null };
      case 'date':
      case 'datetime':
        return { key: `(${text} COLLATE "C")`, text: null };
      case 'boolean':
        return { key: `f_jbool(${v})`, text: null };
      case 'none':
        return null;
      default:
        return { key: `(${text} COLLATE fr)`, text };
    }
  }
  switch (c.source.name) {
    case 'created_at':
    case 'en_instruction_at':
    case 'processed_at':
    case 'expires_at':
      return { key: c.source.name, text: null };
    case 'user_email':
      return { key: '(user_email COLLATE fr)', text: 'user_email' };
    case 'nom':
    case 'prenom':
      return { key: `(${c.source.name} COLLATE fr)`, text: c.source.name };
    default:
      return null; // id, updated_at, depose_at: indexed by migration 0002; others need no index
  }
}

/** What the names of one-value indexes contain (see indexName). */
export const VALUE_INFIX = '_value_';
/** What the names of field statistics contain (see indexName). */
export const STATS_INFIX = '_stats_';

function indexName(procedureId: string, columnId: string, method: string): string {
  const h = crypto.createHash('sha256').update(`${columnId}|${method}|v1`).digest('hex').slice(0, 12);
  return `wl_p${procedureId}_${method}_${h}`;
}

/**
 * The predicate of a filter's own partial indexes, when it has some: one option of a list field
 * (« est l'une de » with one value), or « contient » with one text. Literal twins of filterSql's
 * conditions (work-list-sql.ts), which PostgreSQL proves them from: an unnamed statement is planned
 * with its values, and `'%' || f_unaccent(…) || '%'` folds to the same constant on both sides
 * (SAFE_VALUE holds no LIKE wildcard or backslash, so likeEscape leaves the value as it is).
 */
function valuePredicate(c: Column, f: FilterSpec): { key: string; condition: string } | null {
  if (f.values.length !== 1 || !SAFE_VALUE.test(f.values[0])) return null;
  const k = keyDdl(c);
  if (!k) return null;
  const literal = `'${f.values[0].replace(/'/g, "''")}'`;
  if (f.op === 'in' && c.kind === 'enum') return { key: `${c.id}=${f.values[0]}`, condition: `${k.key} = ${literal}` };
  if (f.op === 'contains' && k.text)
    return {
      key: `${c.id}~${f.values[0]}`,
      condition: `f_unaccent(${k.text}) ILIKE ('%' || f_unaccent(${literal}) || '%')`,
    };
  return null;
}

/** The indexes that make sorting by / filtering on this column fast. */
export function indexSpecsFor(
  procedureId: string,
  c: Column,
  use: { sort?: boolean; filter?: FilterSpec },
): IndexSpec[] {
  if (!DIGITS.test(procedureId)) return [];
  const k = keyDdl(c);
  if (!k) return [];
  const where = sql.raw(`WHERE procedure_id = ${procedureId} AND state <> 'brouillon'`);
  const specs: IndexSpec[] = [];
  // sort: the key in list order (key, id) — a page is the first rows of an index range
  if (use.sort) {
    const name = indexName(procedureId, c.id, 'btree');
    specs.push({
      name,
      columnId: c.id,
      method: 'btree',
      body: sql`${sql.id(name)} ON dossiers (${sql.raw(k.key)}, id) ${where}`,
    });
  }
  // equality / range filters: (key, groupe_id, wl_class) — the filter, the group scope and the tab
  // are all index conditions, so counting the matches never reads a dossier that does not match
  const op = use.filter?.op;
  if (op && op !== 'contains' && op !== 'empty' && op !== 'not_empty' && op !== 'is_true' && op !== 'is_false') {
    const name = indexName(procedureId, c.id, 'filter');
    specs.push({
      name,
      columnId: c.id,
      method: 'btree',
      body: sql`${sql.id(name)} ON dossiers (${sql.raw(k.key)}, groupe_id, wl_class) ${where}`,
    });
    // and what the planner knows of the field's values in the procedure: the planner does not use
    // the statistics of a partial index's expressions, so without these it takes any value of a field
    // for 0.5 % of the dossiers (« Avis du service = Favorable »: 201 expected, 13 514 read) and
    // reads the tab's classes as a filter rather than as index conditions. A multi-column MCV over
    // the procedure and the key: the pair is estimated together (docs/work-list.md).
    if (c.source.type === 'field') {
      const stats = indexName(procedureId, c.id, 'stats');
      specs.push({
        name: stats,
        columnId: c.id,
        method: 'stats',
        body: sql`${sql.id(stats)} (mcv) ON procedure_id, (${sql.raw(k.key)}) FROM dossiers`,
      });
    }
  }
  // « est l'une de » with ONE option of a list field, or « contient » ONE text: partial indexes
  // holding only the matching dossiers, with what the list reads of them. Their predicate implies the
  // filter, so counting the matches and reading their order keys is index-only (an expression index
  // cannot be: PostgreSQL needs the JSONB column itself): « Avis du service = Favorable », 13 410
  // matches, 19 ms -> 4 ms; « adresse contient lille » reads its 940 matches instead of rechecking
  // 1 361 trigram candidates in the dossiers. Three: by group and class (the count, and reading all
  // the matches), in update order (a page of many matches walks it and stops), by id (probing whether
  // a dossier of my badges matches); docs/work-list.md, « One option of a list field: walking its
  // matches ».
  const value = op ? valuePredicate(c, use.filter!) : null;
  if (value) {
    const predicate = sql.raw(`WHERE procedure_id = ${procedureId} AND state <> 'brouillon' AND ${value.condition}`);
    const shapes: [string, RawBuilder<unknown>][] = [
      ['', sql`(groupe_id, wl_class) INCLUDE (id, updated_at, expires_at, follower_ids)`],
      ['|order', sql`(updated_at DESC, id DESC) INCLUDE (groupe_id, wl_class, expires_at, follower_ids)`],
      ['|id', sql`(id) INCLUDE (groupe_id, wl_class)`],
    ];
    for (const [suffix, columns] of shapes) {
      const name = indexName(procedureId, `${value.key}${suffix}`, 'value');
      specs.push({
        name,
        columnId: c.id,
        method: 'btree',
        oneValue: true,
        option: value.key,
        body: sql`${sql.id(name)} ON dossiers ${columns} ${predicate}`,
      });
    }
  }
  // « contient »: trigram GIN on the unaccented text
  if (op === 'contains' && k.text) {
    const name = indexName(procedureId, c.id, 'trgm');
    specs.push({
      name,
      columnId: c.id,
      method: 'trgm',
      body: sql`${sql.id(name)} ON dossiers USING gin (f_unaccent(${sql.raw(k.text)}) gin_trgm_ops) ${where}`,
    });
  }
  return specs;
}

/** Every index a presentation would use (sort, and filters of every tab). */
export function indexSpecsForPresentation(
  procedureId: string,
  p: Presentation,
  columns: ReadonlyMap<string, Column>,
): IndexSpec[] {
  const out = new Map<string, IndexSpec>();
  const sortCol = columns.get(p.sort.column);
  if (sortCol) for (const s of indexSpecsFor(procedureId, sortCol, { sort: true })) out.set(s.name, s);
  const filters = [...p.filters.all, ...Object.values(p.filters.tabs).flat()];
  for (const f of filters) {
    const c = columns.get(f.column);
    if (c) for (const s of indexSpecsFor(procedureId, c, { filter: f })) out.set(s.name, s);
  }
  return [...out.values()];
}

/**
 * The one-value indexes and statistics that some instructor's saved presentation of the procedure
 * asks for (build-list-indexes.ts drops the others: statistics at once, one-value indexes when a new
 * option or text needs their places).
 */
export async function listObjectsInUse(
  ex: Executor,
  procedureId: string,
  columns: ReadonlyMap<string, Column>,
): Promise<Set<string>> {
  const r = await sql<StoredPresentation>`
    SELECT columns, sort, filters, page_size FROM presentations WHERE procedure_id = ${procedureId}`.execute(ex);
  const names = new Set<string>();
  for (const row of r.rows) {
    const p = repairPresentation(row, columns).presentation;
    for (const spec of indexSpecsForPresentation(procedureId, p, columns))
      if (spec.oneValue || spec.method === 'stats') names.add(spec.name);
  }
  return names;
}

/** What is recorded of a procedure's list indexes: built (`ready`), being built, or failed. */
export interface RecordedIndex {
  index_name: string;
  state: 'building' | 'ready' | 'failed';
  created_at: Date;
}

export async function recordedIndexes(ex: Executor, procedureId: string): Promise<RecordedIndex[]> {
  return ex
    .selectFrom('work_list_indexes')
    .select(['index_name', 'state', 'created_at'])
    .where('procedure_id', '=', procedureId)
    .execute();
}

/** A build still « building » after this long was abandoned (a CONCURRENTLY build of a 1M-row table takes minutes). */
export const STALE_BUILD_MS = 30 * 60_000;

/** A recorded index's state, a build claimed long ago counting as failed (it died with its process; its index, if any, is invalid). */
export function effectiveState(k: RecordedIndex, now: number): RecordedIndex['state'] {
  return k.state === 'building' && now - new Date(k.created_at).getTime() > STALE_BUILD_MS ? 'failed' : k.state;
}

/** The specs that are neither built nor being built (what a build would still have to do). */
export function missingIndexes(
  specs: readonly IndexSpec[],
  recorded: readonly RecordedIndex[],
  now: number,
): IndexSpec[] {
  const have = new Map(recorded.map((k) => [k.index_name, effectiveState(k, now)]));
  return specs.filter((s) => have.get(s.name) !== 'ready' && have.get(s.name) !== 'building');
}
