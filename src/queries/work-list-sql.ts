// SQL fragments of the work list, over `dossiers d`: group scope, the seven tab rules (the SQL
// twin of src/domain/tabs.ts `tabsOf`, checked against it by test/integration/work-list-tabs),
// notification display rule (domain/notifications.ts `isDisplayed`), column keys and filters.
// Every user value is a parameter; stable ids come from the catalogue and are parameters too.
import { sql, type RawBuilder } from 'kysely';
import type { ColumnKind, FieldType } from '../domain/fields/types.ts';
import { isReferentialType } from '../domain/fields/referentials.ts';
import {
  dayFilterBounds,
  isPeriodOperator,
  nextIsoDay,
  periodBounds,
  type FilterSpec,
} from '../domain/presentation.ts';
import { addDaysUTC, WARNING_DAYS } from '../domain/retention.ts';
import type { Tab } from '../domain/tabs.ts';
import type { Column, FieldPart, FixedColumnName } from './columns.ts';
import type { DossierState } from '../domain/dossier-state.ts';
import {
  CLASS_ARCHIVED,
  CLASS_HIDDEN_BY_ADMINISTRATION,
  CLASS_HIDDEN_BY_EXPIRED,
  decodeClass,
  STATE_CODES,
  tabCodes,
  type TabCodes,
} from './tab-classes.ts';

export type Sql<T = unknown> = RawBuilder<T>;

export interface Scope {
  userId: string;
  procedureId: string;
  groupIds: string[];
  now: Date;
  expiresWhenTermine: boolean;
  /** only dossiers in these states (a state filter folded into the scope: `narrowScope`) */
  states?: readonly DossierState[];
  /**
   * The list walks the update order for « suivis » (`listPage` chose it from the counts): "followed by
   * me" is written so that the planner does not take my share of all the follows of the base for my
   * share here (the same rows either way; docs/work-list.md, « Suivis: walking the update order »).
   */
  walkUpdateOrder?: boolean;
}

/** The procedure, the instructor's groups, never a brouillon. */
export function scopeSql(s: Scope): Sql<boolean> {
  return sql<boolean>`d.procedure_id = ${s.procedureId} AND d.groupe_id = ANY(${s.groupIds}::bigint[]) AND d.state <> 'brouillon'`;
}

/**
 * The rule of one tab (docs/domain.md §3) for a dossier already in scope: its class (see tab-classes.ts,
 * derived from the domain's `tabsOf`), plus "followed by me" or "expires within 14 days" for the
 * classes where the tab depends on them.
 */
export function tabSql(tab: Tab, s: Scope, on: 'dossier' | 'badges' = 'dossier'): Sql<boolean> {
  const codes = scopeTabCodes(tab, s);
  // the dossier d, or my badge summary b (dossier_badges: the same facts copied, `mine` for "I follow it")
  const t = on === 'dossier' ? sql`d` : sql`b`;
  const followedByMe =
    on === 'badges'
      ? sql`b.mine`
      : s.walkUpdateOrder
        ? sql`array_position(d.follower_ids, ${s.userId}::bigint) IS NOT NULL`
        : sql`d.follower_ids @> ARRAY[${s.userId}::bigint]`;
  const parts: Sql<boolean>[] = [];
  if (codes.all.length) parts.push(sql`${t}.wl_class = ANY(${codes.all}::smallint[])`);
  if (codes.me.length) parts.push(sql`(${t}.wl_class = ANY(${codes.me}::smallint[]) AND ${followedByMe})`);
  if (codes.expiring.length)
    parts.push(
      sql`(${t}.wl_class = ANY(${codes.expiring}::smallint[]) AND ${t}.expires_at <= ${expiringLimit(s.now)})`,
    );
  if (parts.length === 0) return sql<boolean>`false`;
  return parts.length === 1 ? parts[0] : sql<boolean>`(${sql.join(parts, sql` OR `)})`;
}

/** Whether a tab class belongs to the scope's states (every class when the scope has none). */
export function classInScope(s: Scope, code: number): boolean {
  if (!s.states) return true;
  const state = decodeClass(code)?.state;
  return state !== undefined && s.states.includes(state);
}

/** The class codes of a tab within the scope's states. */
export function scopeTabCodes(tab: Tab, s: Scope): TabCodes {
  const codes = tabCodes(tab, s.expiresWhenTermine);
  if (!s.states) return codes;
  const keep = (c: number) => classInScope(s, c);
  return { all: codes.all.filter(keep), me: codes.me.filter(keep), expiring: codes.expiring.filter(keep) };
}

/**
 * The filters that only narrow the scope, folded into it: a state filter is a set of tab classes
 * (the class encodes the state: tab-classes.ts), a group filter a subset of the instructor's
 * groups. Such a list then reads the kept counts and the list indexes as a tab without filters
 * does, instead of counting and testing its rows one by one. The other filters are returned as
 * they are. Filters are AND-ed, so two state filters keep the states they share.
 */
export function narrowScope(
  s: Scope,
  filters: readonly FilterSpec[],
  columns: ReadonlyMap<string, Column>,
): { scope: Scope; filters: FilterSpec[] } {
  let states = s.states;
  let groupIds = s.groupIds;
  const rest: FilterSpec[] = [];
  for (const f of filters) {
    const c = columns.get(f.column);
    const name = c?.source.type === 'fixed' ? c.source.name : null;
    if (name === 'state') {
      const wanted = STATE_CODES.filter((st) => f.values.includes(st));
      states = states ? states.filter((st) => wanted.includes(st)) : wanted;
    } else if (name === 'groupe') {
      const wanted = new Set(f.values.filter((v) => /^[0-9]{1,18}$/.test(v)).map((v) => BigInt(v).toString()));
      groupIds = groupIds.filter((g) => wanted.has(g));
    } else rest.push(f);
  }
  return { scope: { ...s, states, groupIds }, filters: rest };
}

/** "Expires within 14 days" (tab expirant). */
export function expiringLimit(now: Date): Date {
  return addDaysUTC(now, WARNING_DAYS);
}

const HIDDEN_BITS = CLASS_HIDDEN_BY_ADMINISTRATION | CLASS_HIDDEN_BY_EXPIRED;

/** Notification row `n` of dossier `d` is displayed now (domain `isDisplayed`; flags from the class). */
export function displayedSql(now: Date): Sql<boolean> {
  return sql<boolean>`(n.display_at <= ${now} AND CASE
    WHEN (d.wl_class & ${sql.lit(HIDDEN_BITS)}) <> 0 THEN n.kind = 'dossier_suppression'
    WHEN (d.wl_class & ${sql.lit(CLASS_ARCHIVED)}) <> 0 THEN n.kind = 'dossier_expirant'
    ELSE true END)`;
}

/** My displayed notifications on dossier d. */
export function myNotificationsSql(s: Scope): Sql<boolean> {
  return sql<boolean>`n.dossier_id = d.id AND n.user_id = ${s.userId} AND ${displayedSql(s.now)}`;
}

/**
 * The step of my badge summary `b` (dossier_badges, migration 0024) in force at `now`: its badges
 * with a future display_at are further steps, so the summary is read with the request's clock.
 */
export function badgeStepSql(now: Date): Sql<boolean> {
  return sql<boolean>`(b.from_at <= ${now} AND (b.until_at IS NULL OR b.until_at > ${now}))`;
}

/** My summary row `b` of dossier d in force now: d holds a displayed badge of mine. */
export function myBadgeStepSql(s: Scope): Sql<boolean> {
  return sql<boolean>`b.dossier_id = d.id AND b.user_id = ${s.userId} AND ${badgeStepSql(s.now)}`;
}

// ---------------------------------------------------------------------------------------------
// Column keys

type FieldColumn = Column & { source: { type: 'field' } };
type PartColumn = Column & { source: { type: 'part' } };

function jsonValue(c: FieldColumn | PartColumn): Sql {
  const store = c.source.store === 'champs' ? sql`d.champs` : sql`d.annotations`;
  return sql`(${store} -> ${c.source.stableId} -> 'value')`;
}

/** The field documents a part is read from: the dossier's stored columns, or (exports, docs/domain.md
 *  §9) the same documents already read once for the row. */
export interface FieldDocuments {
  champs: Sql;
  annotations: Sql;
}

const STORED_DOCUMENTS: FieldDocuments = { champs: sql`d.champs`, annotations: sql`d.annotations` };

/** The text of a reference-list value ({ code, name }): « Lyon (69123) », so that « contient » finds
 *  the name or the code and the sort follows the name. Not indexed: concat_ws is not immutable
 *  (column-indexes.ts). */
function referentialText(v: Sql): Sql<string> {
  return sql`nullif(concat_ws(' ', ${v} ->> 'name', '(' || (${v} ->> 'code') || ')'), '')`;
}

/** Plain text of a field (no collation): what "contient" and "est égal à" read. */
function fieldText(c: FieldColumn | PartColumn): Sql<string> {
  const store = c.source.store === 'champs' ? sql`d.champs` : sql`d.annotations`;
  const t = c.source.def.type;
  if (t === 'linked_drop_down_list' || t === 'multiple_drop_down_list' || t === 'piece_justificative')
    return sql`f_jtext(${jsonValue(c)})`;
  if (isReferentialType(t)) return referentialText(jsonValue(c));
  return sql`(${store} -> ${c.source.stableId} ->> 'value')`;
}

/** Text of a JSON value `v` of a field type (the twin of fieldText for values not at the top level). */
function valueText(type: FieldType, v: Sql): Sql<string> {
  if (type === 'linked_drop_down_list' || type === 'multiple_drop_down_list' || type === 'piece_justificative')
    return sql`f_jtext(${v})`;
  if (isReferentialType(type)) return referentialText(v);
  return sql`(${v} #>> '{}')`;
}

function isField(c: Column): c is FieldColumn {
  return c.source.type === 'field';
}

function isPart(c: Column): c is PartColumn {
  return c.source.type === 'part';
}

// A French postal code in free-text addresses: the first group of exactly five digits (no digit
// before or after; without a capture group, PostgreSQL's fast matcher: 3 times less CPU).
const POSTAL_CODE_RE = '(?<![0-9])[0-9]{5}(?![0-9])';
// The commune: what follows the postal code, when it starts with a letter.
const COMMUNE_RE = '(?<![0-9])[0-9]{5}[ ,]*([^0-9 ,].*)$';

/**
 * The text of a value part (docs/domain.md §3 "parts"), NULL when the value has none. Addresses are
 * free text: the postal code is its first five-digit group, the commune what follows it, the
 * département the postal code's first two digits (three overseas, 2A/2B in Corsica). The one
 * definition of a part: the list's display, sort and filter and the export's value (read from the
 * documents the export has already decompressed, `docs`) all come from here.
 */
function partText(c: PartColumn, part: FieldPart, docs: FieldDocuments = STORED_DOCUMENTS): Sql<string> {
  const doc = docs[c.source.store];
  const text = sql`(${doc} -> ${c.source.stableId} ->> 'value')`;
  const v = sql`(${doc} -> ${c.source.stableId} -> 'value')`;
  switch (part) {
    case 'code_postal':
      return sql`substring(${text} FROM ${POSTAL_CODE_RE}::text)`;
    case 'commune':
      return sql`nullif(btrim(substring(${text} FROM ${COMMUNE_RE}::text)), '')`;
    case 'departement':
      // the postal code matched once (a function in FROM), not once per reference in the CASE
      return sql`(SELECT CASE WHEN part_cp ~ '^9[78]' THEN left(part_cp, 3)
        WHEN part_cp ~ '^20' THEN CASE WHEN part_cp < '20200' THEN '2A' ELSE '2B' END
        ELSE left(part_cp, 2) END FROM substring(${text} FROM ${POSTAL_CODE_RE}::text) AS part_cp)`;
    case 'siren':
      return sql`(CASE WHEN ${text} ~ '^[0-9]{14}$' THEN left(${text}, 9) END)`;
    case 'iban_pays':
      return sql`(CASE WHEN ${text} ~ '^[A-Z]{2}' THEN left(${text}, 2) END)`;
    case 'iban_banque':
      return sql`(CASE WHEN ${text} ~ '^(FR|MC)' THEN nullif(substring(${text} FROM 5 FOR 5), '') END)`;
    case 'primary':
      return sql`nullif(${v} ->> 'primary', '')`;
    case 'secondary':
      return sql`nullif(${v} ->> 'secondary', '')`;
    case 'code':
      return sql`nullif(${v} ->> 'code', '')`;
    case 'commune_departement':
      return sql`nullif(${v} ->> 'departement', '')`;
  }
}

function fixedName(c: Column): FixedColumnName {
  return c.source.type === 'fixed' ? c.source.name : 'id';
}

/**
 * The sort key of a column: numbers as numbers, dates as ISO text in byte order (= chronological),
 * text in French collation. The same expressions are indexed by src/queries/column-indexes.ts.
 */
export function sortKeySql(c: Column): Sql | null {
  if (!c.sortable) return null;
  if (isPart(c)) return c.source.part ? sql`(${partText(c, c.source.part)} COLLATE fr)` : null;
  if (isField(c)) {
    switch (c.kind) {
      case 'integer':
      case 'decimal':
        return sql`f_jnum(${jsonValue(c)})`;
      case 'date':
      case 'datetime':
        return sql`(${fieldText(c)} COLLATE "C")`;
      case 'boolean':
        return sql`f_jbool(${jsonValue(c)})`;
      case 'none':
        return null;
      default:
        return sql`(${fieldText(c)} COLLATE fr)`;
    }
  }
  switch (fixedName(c)) {
    case 'id':
      return sql`d.id`;
    case 'created_at':
    case 'depose_at':
    case 'en_construction_at':
    case 'en_instruction_at':
    case 'processed_at':
    case 'last_champ_updated_at':
    case 'updated_at':
    case 'expires_at':
      return sql`d.${sql.ref(fixedName(c))}`;
    case 'user_email':
      return sql`(d.user_email COLLATE fr)`;
    // the displayed text of these columns, in French collation (no index: read per dossier of the tab)
    case 'followers':
    case 'groupe':
    case 'labels':
    case 'avis_answer':
      return sql`(${displaySelectSql(c)} COLLATE fr)`;
    case 'civilite':
    case 'nom':
    case 'prenom':
      return sql`(d.${sql.ref(fixedName(c))} COLLATE fr)`;
    default:
      return null;
  }
}

/** SQL type of the sort key, for typed NULLs in a UNION. */
export function sortKeyType(c: Column): Sql {
  if (isPart(c)) return sql`text COLLATE fr`;
  if (isField(c)) {
    if (c.kind === 'integer' || c.kind === 'decimal') return sql`numeric`;
    if (c.kind === 'boolean') return sql`boolean`;
    if (c.kind === 'date' || c.kind === 'datetime') return sql`text COLLATE "C"`;
    return sql`text COLLATE fr`;
  }
  switch (fixedName(c)) {
    case 'id':
      return sql`bigint`;
    case 'user_email':
    case 'civilite':
    case 'nom':
    case 'prenom':
    case 'followers':
    case 'groupe':
    case 'labels':
    case 'avis_answer':
      return sql`text COLLATE fr`;
    default:
      return sql`timestamptz`;
  }
}

/** Escapes LIKE wildcards of a user value. */
export function likeEscape(v: string): string {
  return v.replace(/[\\%_]/g, (m) => `\\${m}`);
}

const nextDay = nextIsoDay;

/** Midnight (Europe/Paris) starting a day, as a timestamptz expression. */
function parisMidnight(ymd: string): Sql {
  return sql`(${ymd}::date::timestamp AT TIME ZONE 'Europe/Paris')`;
}

function anyOf(parts: Sql<boolean>[]): Sql<boolean> {
  return parts.length === 1 ? parts[0] : sql<boolean>`(${sql.join(parts, sql` OR `)})`;
}

function containsSql(text: Sql, values: string[]): Sql<boolean> {
  return anyOf(values.map((v) => sql<boolean>`f_unaccent(${text}) ILIKE ('%' || f_unaccent(${likeEscape(v)}) || '%')`));
}

function textEqualsSql(text: Sql, values: string[]): Sql<boolean> {
  return anyOf(values.map((v) => sql<boolean>`lower(f_unaccent(${text})) = lower(f_unaccent(${v}))`));
}

/** Day comparisons on a timestamptz column (days in Europe/Paris). */
function timestampDaySql(col: Sql, op: FilterSpec['op'], values: string[], now: Date): Sql<boolean> {
  if (isPeriodOperator(op)) {
    const { from, to } = periodBounds(op, now);
    return sql`(${col} >= ${parisMidnight(from)} AND ${col} < ${parisMidnight(to)})`;
  }
  switch (op) {
    case 'on':
      return anyOf(
        values.map((v) => sql<boolean>`(${col} >= ${parisMidnight(v)} AND ${col} < ${parisMidnight(nextDay(v))})`),
      );
    case 'before':
      return sql`${col} < ${parisMidnight(dayFilterBounds('before', values[0], false).to!)}`;
    case 'after':
      return sql`${col} >= ${parisMidnight(dayFilterBounds('after', values[0], false).from!)}`;
    case 'between':
      return sql`(${col} >= ${parisMidnight(values[0])} AND ${col} < ${parisMidnight(nextDay(values[1]))})`;
    case 'empty':
      return sql`${col} IS NULL`;
    case 'not_empty':
      return sql`${col} IS NOT NULL`;
    default:
      return sql`false`;
  }
}

/** Day comparisons on an ISO text key ('YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm'), byte order. */
function textDaySql(key: Sql, op: FilterSpec['op'], values: string[], now: Date): Sql<boolean> {
  if (isPeriodOperator(op)) {
    const { from, to } = periodBounds(op, now);
    return sql`(${key} >= ${from} AND ${key} < ${to})`;
  }
  switch (op) {
    case 'on':
      return anyOf(values.map((v) => sql<boolean>`(${key} >= ${v} AND ${key} < ${nextDay(v)})`));
    // champ dates: day D included (docs/domain.md §3)
    case 'before':
      return sql`${key} < ${dayFilterBounds('before', values[0], true).to!}`;
    case 'after':
      return sql`${key} >= ${dayFilterBounds('after', values[0], true).from!}`;
    case 'between':
      return sql`(${key} >= ${values[0]} AND ${key} < ${nextDay(values[1])})`;
    default:
      return sql`false`;
  }
}

function numberSql(key: Sql, op: FilterSpec['op'], values: string[]): Sql<boolean> {
  switch (op) {
    case 'eq':
      return sql`${key} = ANY(${values}::numeric[])`;
    case 'lt':
      return sql`${key} < ${values[0]}::numeric`;
    case 'gt':
      return sql`${key} > ${values[0]}::numeric`;
    case 'between':
      return sql`${key} BETWEEN ${values[0]}::numeric AND ${values[1]}::numeric`;
    default:
      return sql`false`;
  }
}

/** A JSON champ value counts as filled (not null, not "", not [], not {}). */
function filledSql(v: Sql): Sql<boolean> {
  return sql`(${v} IS NOT NULL AND ${v} NOT IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb))`;
}

/** The predicate of one filter (values OR-ed). */
/** The predicate on one field value: JSON `v`, its text `text` (docs/domain.md §3). */
function valueFilterSql(
  type: FieldType,
  kind: ColumnKind,
  v: Sql,
  text: Sql<string>,
  op: FilterSpec['op'],
  values: string[],
  now: Date,
): Sql<boolean> {
  if (op === 'empty') return sql`NOT ${filledSql(v)}`;
  if (op === 'not_empty') return filledSql(v);
  switch (kind) {
    case 'integer':
    case 'decimal':
      return numberSql(sql`f_jnum(${v})`, op, values);
    case 'date':
    case 'datetime':
      return textDaySql(sql`(${text} COLLATE "C")`, op, values, now);
    case 'boolean':
      if (op === 'is_true') return sql`f_jbool(${v}) IS TRUE`;
      // a checkbox left unticked is "no": false or no value (docs/domain.md §3); a yes/no answered "Non" is false
      if (op === 'is_false') return type === 'checkbox' ? sql`f_jbool(${v}) IS NOT TRUE` : sql`f_jbool(${v}) IS FALSE`;
      return sql`false`;
    case 'enum':
      if (op === 'in') return sql`(${text} COLLATE fr) = ANY(${values}::text[])`;
      return sql`false`;
    case 'enums':
      if (op === 'in') return sql`(jsonb_typeof(${v}) = 'array' AND ${v} ?| ${values}::text[])`;
      return sql`false`;
    default:
      if (op === 'contains') return containsSql(text, values);
      if (op === 'eq') return textEqualsSql(text, values);
      return sql`false`;
  }
}

/** A filter on a value part, or on a repetition child (some row's value matches; « vide »: none has one). */
function partFilterSql(c: PartColumn, op: FilterSpec['op'], values: string[], now: Date): Sql<boolean> {
  const { child, part } = c.source;
  if (child) {
    const rows = jsonValue(c);
    const v = sql`(r.value -> 'values' -> ${child.stableId})`;
    const from = sql`jsonb_array_elements(CASE WHEN jsonb_typeof(${rows}) = 'array' THEN ${rows} ELSE '[]'::jsonb END) r`;
    if (op === 'empty') return sql`NOT EXISTS (SELECT 1 FROM ${from} WHERE ${filledSql(v)})`;
    const pred = valueFilterSql(child.type, c.kind, v, valueText(child.type, v), op, values, now);
    return sql`EXISTS (SELECT 1 FROM ${from} WHERE ${pred})`;
  }
  if (!part) return sql`false`;
  const t = partText(c, part);
  if (op === 'empty') return sql`${t} IS NULL`;
  if (op === 'not_empty') return sql`${t} IS NOT NULL`;
  if (op === 'in') return sql`${t} = ANY(${values}::text[])`;
  if (op === 'contains') return containsSql(t, values);
  if (op === 'eq') return textEqualsSql(t, values);
  return sql`false`;
}

export function filterSql(c: Column, f: FilterSpec, s: Scope): Sql<boolean> {
  const { op, values } = f;
  if (isPart(c)) return partFilterSql(c, op, values, s.now);
  if (isField(c)) {
    const v = jsonValue(c);
    // fieldText is the expression indexed by column-indexes.ts
    return valueFilterSql(c.source.def.type, c.kind, v, fieldText(c), op, values, s.now);
  }
  switch (fixedName(c)) {
    case 'id':
      return sql`d.id = ANY(${values}::bigint[])`;
    case 'state':
      return sql`d.state = ANY(${values}::text[])`;
    case 'notifications':
      return sql`EXISTS (SELECT 1 FROM notifications n WHERE ${myNotificationsSql(s)} AND n.kind = ANY(${values}::text[]))`;
    case 'created_at':
    case 'depose_at':
    case 'en_construction_at':
    case 'en_instruction_at':
    case 'processed_at':
    case 'last_champ_updated_at':
    case 'updated_at':
    case 'expires_at':
      return timestampDaySql(sql`d.${sql.ref(fixedName(c))}`, op, values, s.now);
    case 'user_email':
      return op === 'contains' ? containsSql(sql`d.user_email`, values) : textEqualsSql(sql`d.user_email`, values);
    case 'civilite':
      if (op === 'empty') return sql`d.civilite IS NULL`;
      if (op === 'not_empty') return sql`d.civilite IS NOT NULL`;
      return sql`d.civilite = ANY(${values}::text[])`;
    case 'nom':
    case 'prenom': {
      const col = sql`d.${sql.ref(fixedName(c))}`;
      if (op === 'empty') return sql`coalesce(${col}, '') = ''`;
      if (op === 'not_empty') return sql`coalesce(${col}, '') <> ''`;
      return op === 'contains' ? containsSql(col, values) : textEqualsSql(col, values);
    }
    case 'followers':
      if (op === 'empty') return sql`cardinality(d.follower_ids) = 0`;
      if (op === 'not_empty') return sql`cardinality(d.follower_ids) > 0`;
      return sql`EXISTS (SELECT 1 FROM users fu WHERE fu.id = ANY(d.follower_ids) AND ${containsSql(sql`fu.email`, values)})`;
    case 'groupe':
      return sql`d.groupe_id = ANY(${values}::bigint[])`;
    case 'labels':
      if (op === 'empty') return sql`NOT EXISTS (SELECT 1 FROM dossier_labels dl WHERE dl.dossier_id = d.id)`;
      if (op === 'not_empty') return sql`EXISTS (SELECT 1 FROM dossier_labels dl WHERE dl.dossier_id = d.id)`;
      return sql`EXISTS (SELECT 1 FROM dossier_labels dl WHERE dl.dossier_id = d.id AND dl.label_id = ANY(${values}::bigint[]))`;
    case 'avis_answer':
      return sql`EXISTS (SELECT 1 FROM avis a WHERE a.dossier_id = d.id AND a.revoked_at IS NULL AND a.question_answer = ${op === 'is_true'})`;
  }
}

/** All filters, AND-ed; filters whose column is unknown are skipped (repairPresentation drops them first). */
export function filtersSql(filters: FilterSpec[], columns: ReadonlyMap<string, Column>, s: Scope): Sql<boolean> {
  const parts: Sql<boolean>[] = [];
  for (const f of filters) {
    const c = columns.get(f.column);
    if (c) parts.push(filterSql(c, f, s));
  }
  return parts.length ? sql<boolean>`(${sql.join(parts, sql` AND `)})` : sql<boolean>`true`;
}

/**
 * The text of a part column as the list shows it (`partText`), read from `docs`; null for a
 * repetition child (a filter only: no one value a dossier).
 */
export function partSelectSql(c: Column, docs: FieldDocuments = STORED_DOCUMENTS): Sql<string> | null {
  return isPart(c) && c.source.part ? partText(c, c.source.part, docs) : null;
}

/** The stored champ (value + updatedAt) of a displayed field column, for the page rows. */
export function displaySelectSql(c: Column): Sql | null {
  if (isPart(c)) return partSelectSql(c);
  if (isField(c)) {
    const store = c.source.store === 'champs' ? sql`d.champs` : sql`d.annotations`;
    return sql`(${store} -> ${c.source.stableId})`;
  }
  switch (fixedName(c)) {
    case 'created_at':
    case 'depose_at':
    case 'en_construction_at':
    case 'en_instruction_at':
    case 'processed_at':
    case 'last_champ_updated_at':
    case 'updated_at':
    case 'expires_at':
    case 'user_email':
    case 'civilite':
    case 'nom':
    case 'prenom':
      return sql`d.${sql.ref(fixedName(c))}`;
    case 'followers':
      return sql`(SELECT string_agg(fu.email, ', ' ORDER BY fu.email) FROM users fu WHERE fu.id = ANY(d.follower_ids))`;
    case 'groupe':
      return sql`(SELECT g.label FROM groupes_instructeurs g WHERE g.id = d.groupe_id)`;
    case 'labels':
      // shown from the row markers; this text is the sort key
      return sql`(SELECT string_agg(l.name, ', ' ORDER BY l.position, l.id)
        FROM dossier_labels dl JOIN labels l ON l.id = dl.label_id WHERE dl.dossier_id = d.id)`;
    case 'avis_answer':
      return sql`(SELECT string_agg(CASE WHEN a.question_answer THEN 'Oui' ELSE 'Non' END, ', ' ORDER BY a.answered_at)
        FROM avis a WHERE a.dossier_id = d.id AND a.revoked_at IS NULL AND a.question_answer IS NOT NULL)`;
    default:
      return null;
  }
}
