// Indexes created when a column is first used to sort or filter a procedure's list: a partial
// btree on the column's sort key (`WHERE procedure_id = <id>`), and for "contient" filters a
// trigram GIN on its unaccented text. Measured (docs/work-list.md): a sort on a JSONB champ over
// 100 000 dossiers takes milliseconds with its key index and hundreds of milliseconds without.
// They are built CONCURRENTLY, outside any transaction, and recorded in `work_list_indexes`;
// the list works the same (only slower) while one is being built or if building failed.
//
// DDL cannot take parameters: the only values written into it are the procedure id (digits), stable
// ids (checked against [A-Za-z0-9_-]) and, for the one-value partial indexes, an option of a list
// field — a filter value is one of the field's options (parseFilter) and is written only when it
// is made of letters, digits, spaces and plain punctuation (no backslash), quotes doubled.
import crypto from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Services } from '../platform/services.ts';
import type { FilterSpec, Presentation } from '../domain/presentation.ts';
import type { Column } from './columns.ts';

/** Beyond this many, a procedure's columns are not indexed any more (write cost). */
export const MAX_INDEXES_PER_PROCEDURE = 40;
/** One-option partial indexes take at most this many of those places (sorts and filters keep the rest). */
export const MAX_VALUE_INDEXES_PER_PROCEDURE = 10;

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const SAFE_VALUE = /^[\p{L}\p{N} '’.,;:()/&+°-]{1,80}$/u;
const DIGITS = /^[0-9]{1,18}$/;

export interface IndexSpec {
  name: string;
  columnId: string;
  method: 'btree' | 'trgm';
  /** the CREATE INDEX statement without CONCURRENTLY / IF NOT EXISTS */
  body: RawBuilder<unknown>;
  /** a one-option partial index (counted against MAX_VALUE_INDEXES_PER_PROCEDURE) */
  oneValue?: boolean;
}

/** Literal twins of the key expressions of work-list-sql.ts (which uses parameters). */
function keyDdl(c: Column): { key: string; text: string | null } | null {
  if (c.source.type === 'field') {
    if (!SAFE_ID.test(c.source.stableId)) return null;
    const store = c.source.store === 'champs' ? 'champs' : 'annotations';
    const key = `'${c.source.stableId}'`; // SAFE_ID: no quote can be in it
    const v = `(${store} -> ${key} -> 'value')`;
    const t = c.source.def.type;
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

/** What the names of one-option indexes contain (see indexName). */
const VALUE_INFIX = '_value_';

function indexName(procedureId: string, columnId: string, method: string): string {
  const h = crypto.createHash('sha256').update(`${columnId}|${method}|v1`).digest('hex').slice(0, 12);
  return `wl_p${procedureId}_${method}_${h}`;
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
  }
  // « est l'une de » with ONE option of a list field: a partial index holding only the matching
  // dossiers, with what the list reads of them. Its predicate implies the filter, so counting the
  // matches and reading their order keys is index-only (an expression index cannot be: PostgreSQL
  // needs the JSONB column itself): « Avis du service = Favorable », 13 410 matches, 19 ms -> 4 ms.
  if (op === 'in' && c.kind === 'enum' && use.filter!.values.length === 1 && SAFE_VALUE.test(use.filter!.values[0])) {
    const value = use.filter!.values[0];
    const name = indexName(procedureId, `${c.id}=${value}`, 'value');
    const literal = `'${value.replace(/'/g, "''")}'`;
    specs.push({
      name,
      columnId: c.id,
      method: 'btree',
      oneValue: true,
      body: sql`${sql.id(name)} ON dossiers (groupe_id, wl_class) INCLUDE (id, updated_at, expires_at, follower_ids) ${sql.raw(`WHERE procedure_id = ${procedureId} AND state <> 'brouillon' AND ${k.key} = ${literal}`)}`,
    });
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
 * Builds the missing indexes (CONCURRENTLY on PostgreSQL). Never throws: a failure is recorded
 * and logged, the list keeps working without the index. Returns the names built now.
 */
/** A build still « building » after this long was abandoned (a CONCURRENTLY build of a 1M-row table takes minutes). */
const STALE_BUILD_MS = 30 * 60_000;

export async function ensureColumnIndexes(app: Services, procedureId: string, specs: IndexSpec[]): Promise<string[]> {
  if (specs.length === 0) return [];
  const built: string[] = [];
  try {
    const known = (await app.db
      .selectFrom('work_list_indexes' as any)
      .select(['index_name', 'state', 'created_at'] as any)
      .where('procedure_id' as any, '=', procedureId)
      .execute()) as { index_name: string; state: string; created_at: Date }[];
    // a build claimed long ago died with its process (its index, if any, is invalid): build it again
    const stale = (k: { state: string; created_at: Date }) =>
      k.state === 'building' && Date.now() - new Date(k.created_at).getTime() > STALE_BUILD_MS;
    const have = new Map(known.map((k) => [k.index_name, stale(k) ? 'failed' : k.state]));
    const kept = known.filter((k) => k.state !== 'failed');
    let room = MAX_INDEXES_PER_PROCEDURE - kept.length;
    let valueRoom = MAX_VALUE_INDEXES_PER_PROCEDURE - kept.filter((k) => k.index_name.includes(VALUE_INFIX)).length;
    // sort and filter indexes first: a one-option index is a bonus
    for (const spec of [...specs].sort((a, b) => Number(!!a.oneValue) - Number(!!b.oneValue))) {
      if (have.get(spec.name) === 'ready' || have.get(spec.name) === 'building') continue;
      if (room <= 0) break;
      if (spec.oneValue && valueRoom <= 0) continue;
      room--;
      if (spec.oneValue) valueRoom--;
      const claimed = await sql`
        INSERT INTO work_list_indexes (index_name, procedure_id, column_id, method, state)
        VALUES (${spec.name}, ${procedureId}, ${spec.columnId}, ${spec.method}, 'building')
        ON CONFLICT (index_name) DO UPDATE SET state = 'building', error = NULL, created_at = now()
          WHERE work_list_indexes.state = 'failed'
             OR (work_list_indexes.state = 'building' AND work_list_indexes.created_at < now() - make_interval(secs => ${STALE_BUILD_MS / 1000}))
        RETURNING index_name`.execute(app.db);
      if (claimed.rows.length === 0) continue; // another process builds it
      try {
        if (app.database.engine === 'postgres') {
          await sql`DROP INDEX CONCURRENTLY IF EXISTS ${sql.id(spec.name)}`.execute(app.db); // an invalid leftover
          await sql`CREATE INDEX CONCURRENTLY IF NOT EXISTS ${spec.body}`.execute(app.db);
        } else {
          await sql`CREATE INDEX IF NOT EXISTS ${spec.body}`.execute(app.db);
        }
        await sql`UPDATE work_list_indexes SET state = 'ready', ready_at = now() WHERE index_name = ${spec.name}`.execute(
          app.db,
        );
        built.push(spec.name);
      } catch (e) {
        app.logger.warn({ err: { message: (e as Error).message }, index: spec.name }, 'index de liste non créé');
        await sql`UPDATE work_list_indexes SET state = 'failed', error = ${(e as Error).message.slice(0, 500)} WHERE index_name = ${spec.name}`
          .execute(app.db)
          .catch(() => undefined);
      }
    }
  } catch (e) {
    app.logger.warn({ err: { message: (e as Error).message } }, 'index de liste : registre indisponible');
  }
  return built;
}
