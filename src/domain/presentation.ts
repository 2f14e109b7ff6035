/**
 * The instructor's saved work-list *presentation* (docs/interface.md §2C–§2E, docs/domain.md §3): displayed columns
 * and their order, sort, filters per tab or for every tab, page size. Pure rules: what a valid
 * presentation is, how a filter value is read (French messages), how a header click changes the
 * sort, how a stale presentation is repaired. The SQL lives in src/queries/dossier-list.ts.
 */
import type { ColumnKind, FilterOperator } from './fields/types.ts';
import { normalizePhone } from './fields/phone.ts';
import { parseDateText, stripNumberSpaces } from './fields/shared.ts';
import { isTab, TABS, type Tab } from './tabs.ts';

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 50;
/** A filter value longer than this is refused (reference: 4048). */
export const MAX_FILTER_VALUE_LENGTH = 4048;
/** Values OR-ed inside one filter. */
export const MAX_FILTER_VALUES = 50;
/** Filters in one presentation (all tabs together). */
export const MAX_FILTERS = 30;
/** Displayed columns besides number and state. */
export const MAX_COLUMNS = 40;
/** Dossier numbers are bigint identities. */
export const MAX_DOSSIER_NUMBER = 9_007_199_254_740_991;

/** Column ids (`<source>/<key>`): fixed dossier columns, then one per field and annotation. */
export const NUMBER_COLUMN = 'dossier/id';
export const STATE_COLUMN = 'dossier/state';
export const NOTIFICATIONS_COLUMN = 'dossier/notifications';
export const DEPOSE_COLUMN = 'dossier/depose_at';
export const DEFAULT_COLUMNS: readonly string[] = ['usager/email'];

export type SortOrder = 'asc' | 'desc';
export interface SortSpec {
  column: string;
  order: SortOrder;
}
/** Dossiers with notifications first (by importance of the badge), then most recently updated. */
export const DEFAULT_SORT: SortSpec = { column: NOTIFICATIONS_COLUMN, order: 'desc' };

export interface FilterSpec {
  column: string;
  op: FilterOperator;
  /** normalised values, OR-ed (between: [min, max]; no-value operators: []) */
  values: string[];
}

/** Where a filter is saved: one tab, or every tab ("pour tous les onglets"). */
export type FilterScope = Tab | 'all';
export const ALL_TABS_SCOPE = 'all';

export interface Presentation {
  /** displayed columns in order (the number comes first and the state last, always) */
  columns: string[];
  sort: SortSpec;
  filters: { all: FilterSpec[]; tabs: Partial<Record<Tab, FilterSpec[]>> };
  pageSize: PageSize;
}

export function defaultPresentation(): Presentation {
  return {
    columns: [...DEFAULT_COLUMNS],
    sort: { ...DEFAULT_SORT },
    filters: { all: [], tabs: {} },
    pageSize: DEFAULT_PAGE_SIZE,
  };
}

export function isPageSize(n: unknown): n is PageSize {
  return typeof n === 'number' && (PAGE_SIZES as readonly number[]).includes(n);
}

export function isFilterScope(s: string): s is FilterScope {
  return s === ALL_TABS_SCOPE || isTab(s);
}

/** Filters applying to a tab: those saved for every tab, then the tab's own (combined with AND). */
export function filtersFor(p: Presentation, tab: Tab): FilterSpec[] {
  return [...p.filters.all, ...(p.filters.tabs[tab] ?? [])];
}

/** Header click (docs/interface.md §2E): a new column sorts ascending; the same column again reverses. */
export function toggleSort(current: SortSpec, column: string): SortSpec {
  if (current.column === column) return { column, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { column, order: 'asc' };
}

/** What the rules need to know about a column (the catalogue in src/queries/columns.ts). */
export interface ColumnShape {
  id: string;
  label: string;
  kind: ColumnKind;
  operators: readonly FilterOperator[];
  displayable: boolean;
  sortable: boolean;
  /** allowed values of enum columns (value → label) */
  options?: readonly { value: string; label: string }[];
  /** phone columns: filter values are read as stored values are (E.164) */
  phone?: boolean;
}

export const OPERATOR_LABELS: Record<FilterOperator, string> = {
  contains: 'contient',
  eq: 'est égal à',
  lt: 'inférieur à',
  gt: 'supérieur à',
  between: 'entre',
  on: 'le',
  before: 'avant le',
  after: 'après le',
  in: "est l'un de",
  is_true: 'est Oui (coché)',
  is_false: 'est Non (ou non coché)',
  empty: "n'est pas renseigné",
  not_empty: 'est renseigné',
  this_week: 'cette semaine',
  this_month: 'ce mois-ci',
  this_year: 'cette année',
};

/** Date operators relative to today (docs/domain.md §3): the current calendar period in Europe/Paris. */
export const PERIOD_OPERATORS = ['this_week', 'this_month', 'this_year'] as const;
export type PeriodOperator = (typeof PERIOD_OPERATORS)[number];

export function isPeriodOperator(op: string): op is PeriodOperator {
  return (PERIOD_OPERATORS as readonly string[]).includes(op);
}

/** Operators that take no value. */
export const VALUELESS_OPERATORS: readonly FilterOperator[] = [
  'is_true',
  'is_false',
  'empty',
  'not_empty',
  ...PERIOD_OPERATORS,
];

const parisYmd = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' });

/**
 * The ISO days [from, to) of the current week (Monday to Sunday), month or year containing `now`,
 * read in Europe/Paris: « cette semaine » on a Sunday 23:30 in Paris is still the week that started
 * on the Monday before.
 */
export function periodBounds(op: PeriodOperator, now: Date): { from: string; to: string } {
  const today = parisYmd.format(now);
  const [y, m] = today.split('-').map(Number);
  if (op === 'this_year') return { from: `${y}-01-01`, to: `${y + 1}-01-01` };
  if (op === 'this_month') {
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    return { from: `${y}-${String(m).padStart(2, '0')}-01`, to: next };
  }
  const d = new Date(`${today}T00:00:00Z`);
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  const monday = new Date(d.getTime() - sinceMonday * 86_400_000);
  const from = monday.toISOString().slice(0, 10);
  return { from, to: new Date(monday.getTime() + 7 * 86_400_000).toISOString().slice(0, 10) };
}

/**
 * A phone filter value in the stored form: a whole number as E.164 ('06 12 34 56 78' →
 * '+33612345678'); a part of one without its separators, a French trunk 0 read as +33 ('06 12' →
 * '+33612'), so that « contient » finds the stored numbers.
 */
export function normalizePhoneFilter(text: string): string {
  const whole = normalizePhone(text);
  if (whole !== null) return whole;
  const compact = text.replace(/[\s.\-/()\u00a0]/g, '');
  if (/^0[1-9]\d*$/.test(compact)) return `+33${compact.slice(1)}`;
  if (/^00[1-9]\d*$/.test(compact)) return `+${compact.slice(2)}`;
  return compact === '' ? text : compact;
}

export type FilterResult = { ok: true; filter: FilterSpec } | { ok: false; error: string };

const fail = (error: string): FilterResult => ({ ok: false, error });

function parseNumber(text: string, integer: boolean): number | null {
  const compact = stripNumberSpaces(text).replace(',', '.');
  if (integer ? !/^[+-]?\d{1,16}$/.test(compact) : !/^[+-]?\d{1,16}(\.\d{1,10})?$/.test(compact)) return null;
  const n = Number(compact);
  return Number.isFinite(n) ? n : null;
}

/** One value read for a column kind; null + message when malformed. */
function parseOne(col: ColumnShape, raw: string): { value: string } | { error: string } {
  const text = raw.trim();
  if (text === '') return { error: 'Saisissez une valeur pour ce filtre' };
  if (text.length > MAX_FILTER_VALUE_LENGTH)
    return { error: `La valeur du filtre ne peut pas dépasser ${MAX_FILTER_VALUE_LENGTH} caractères` };
  switch (col.kind) {
    case 'integer': {
      const n = parseNumber(text, true);
      if (n === null) return { error: `« ${text.slice(0, 40)} » n'est pas un nombre entier` };
      if (col.id === NUMBER_COLUMN && (n < 1 || n > MAX_DOSSIER_NUMBER))
        return { error: "Ce numéro de dossier n'existe pas" };
      return { value: String(n) };
    }
    case 'decimal': {
      const n = parseNumber(text, false);
      if (n === null) return { error: `« ${text.slice(0, 40)} » n'est pas un nombre (exemple : 12,5)` };
      return { value: String(n) };
    }
    case 'date':
    case 'datetime': {
      const ymd = text.length > 10 ? null : parseDateText(text);
      if (ymd === null) return { error: `« ${text.slice(0, 40)} » n'est pas une date (format attendu : JJ/MM/AAAA)` };
      return { value: ymd };
    }
    case 'enum':
    case 'enums': {
      if (col.options && !col.options.some((o) => o.value === text))
        return { error: `« ${text.slice(0, 40)} » ne fait pas partie des valeurs proposées` };
      return { value: text };
    }
    default:
      return { value: col.phone ? normalizePhoneFilter(text) : text };
  }
}

/**
 * Reads a filter from user input (or from a stored presentation, which is re-checked the same way).
 * Several values of one filter are OR-ed; `between` takes [min, max].
 */
export function parseFilter(col: ColumnShape, op: string, rawValues: readonly string[]): FilterResult {
  if (!col.operators.includes(op as FilterOperator))
    return fail(`Ce filtre n'est pas disponible pour « ${col.label} »`);
  const operator = op as FilterOperator;
  if (VALUELESS_OPERATORS.includes(operator)) return { ok: true, filter: { column: col.id, op: operator, values: [] } };
  if (!Array.isArray(rawValues) || rawValues.some((v) => typeof v !== 'string'))
    return fail('Valeur de filtre invalide');
  if (operator === 'between') {
    if (rawValues.length !== 2) return fail('Indiquez une valeur minimale et une valeur maximale');
    const a = parseOne(col, rawValues[0]);
    const b = parseOne(col, rawValues[1]);
    if ('error' in a) return fail(a.error);
    if ('error' in b) return fail(b.error);
    const numeric = col.kind === 'integer' || col.kind === 'decimal';
    const inverted = numeric ? Number(a.value) > Number(b.value) : a.value > b.value;
    if (inverted) return fail('La valeur minimale doit être inférieure ou égale à la valeur maximale');
    return { ok: true, filter: { column: col.id, op: operator, values: [a.value, b.value] } };
  }
  const present = rawValues.filter((v) => v.trim() !== '');
  if (present.length === 0) return fail('Saisissez une valeur pour ce filtre');
  if (present.length > MAX_FILTER_VALUES) return fail(`Un filtre accepte au plus ${MAX_FILTER_VALUES} valeurs`);
  if ((operator === 'lt' || operator === 'gt' || operator === 'before' || operator === 'after') && present.length > 1) {
    return fail('Ce filtre accepte une seule valeur');
  }
  const values: string[] = [];
  for (const raw of present) {
    const r = parseOne(col, raw);
    if ('error' in r) return fail(r.error);
    if (!values.includes(r.value)) values.push(r.value);
  }
  return { ok: true, filter: { column: col.id, op: operator, values } };
}

/** Same column, operator and values. */
export function sameFilter(a: FilterSpec, b: FilterSpec): boolean {
  return (
    a.column === b.column &&
    a.op === b.op &&
    a.values.length === b.values.length &&
    a.values.every((v, i) => v === b.values[i])
  );
}

function readFilter(raw: unknown, catalogue: ReadonlyMap<string, ColumnShape>): FilterSpec | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const f = raw as Record<string, unknown>;
  if (typeof f.column !== 'string' || typeof f.op !== 'string' || !Array.isArray(f.values)) return null;
  const col = catalogue.get(f.column);
  if (!col) return null;
  const r = parseFilter(
    col,
    f.op,
    f.values.filter((v): v is string => typeof v === 'string'),
  );
  return r.ok ? r.filter : null;
}

export interface StoredPresentation {
  columns: unknown;
  sort: unknown;
  filters: unknown;
  page_size: unknown;
}

/**
 * A stored presentation checked against the procedure's current columns: unknown or stale
 * columns, filters and sort are dropped (docs/domain.md §3: "column no longer exists") and each repair
 * comes with a French notice for the instructor. `changed` tells the caller to save the repair.
 */
export function repairPresentation(
  stored: StoredPresentation | null | undefined,
  catalogue: ReadonlyMap<string, ColumnShape>,
): { presentation: Presentation; notices: string[]; changed: boolean } {
  const p = defaultPresentation();
  if (!stored) return { presentation: p, notices: [], changed: false };
  const notices: string[] = [];
  let changed = false;

  const rawColumns = Array.isArray(stored.columns) ? stored.columns : null;
  if (rawColumns === null) changed = true;
  else {
    const kept: string[] = [];
    let dropped = 0;
    for (const c of rawColumns) {
      const col = typeof c === 'string' ? catalogue.get(c) : undefined;
      if (!col?.displayable || kept.includes(col.id) || kept.length >= MAX_COLUMNS) dropped++;
      else kept.push(col.id);
    }
    p.columns = kept;
    if (dropped > 0) {
      changed = true;
      notices.push(
        dropped === 1
          ? "Une colonne de votre tableau n'existe plus dans cette démarche : elle a été retirée."
          : `${dropped} colonnes de votre tableau n'existent plus dans cette démarche : elles ont été retirées.`,
      );
    }
  }

  if (stored.sort !== null && stored.sort !== undefined) {
    const s = stored.sort as Record<string, unknown>;
    const col = typeof s.column === 'string' ? catalogue.get(s.column) : undefined;
    const order = s.order === 'asc' || s.order === 'desc' ? s.order : null;
    if (col && (col.sortable || col.id === NOTIFICATIONS_COLUMN) && order) p.sort = { column: col.id, order };
    else {
      changed = true;
      notices.push("La colonne qui servait au tri n'existe plus : le tri par défaut a été rétabli.");
    }
  }

  let droppedFilters = 0;
  let total = 0;
  const rawFilters = (typeof stored.filters === 'object' && stored.filters !== null ? stored.filters : {}) as Record<
    string,
    unknown
  >;
  const readList = (list: unknown): FilterSpec[] => {
    if (!Array.isArray(list)) return [];
    const out: FilterSpec[] = [];
    for (const raw of list) {
      const f = readFilter(raw, catalogue);
      if (!f || total >= MAX_FILTERS || out.some((o) => sameFilter(o, f))) droppedFilters++;
      else {
        out.push(f);
        total++;
      }
    }
    return out;
  };
  p.filters.all = readList(rawFilters.all);
  const tabs = (typeof rawFilters.tabs === 'object' && rawFilters.tabs !== null ? rawFilters.tabs : {}) as Record<
    string,
    unknown
  >;
  for (const tab of TABS) {
    const list = readList(tabs[tab]);
    if (list.length) p.filters.tabs[tab] = list;
  }
  for (const key of Object.keys(tabs)) if (!isTab(key)) droppedFilters++;
  if (droppedFilters > 0) {
    changed = true;
    notices.push(
      droppedFilters === 1
        ? "Un filtre portait sur une colonne qui n'existe plus ou une valeur invalide : il a été retiré."
        : `${droppedFilters} filtres portaient sur des colonnes qui n'existent plus ou des valeurs invalides : ils ont été retirés.`,
    );
  }

  if (isPageSize(stored.page_size)) p.pageSize = stored.page_size;
  else changed = true;
  return { presentation: p, notices, changed };
}

/** Plain-text description of a filter, for tags and screen readers: « Ville contient « Lyon » ». */
export function describeFilter(col: Pick<ColumnShape, 'label' | 'kind' | 'options'>, f: FilterSpec): string {
  const show = (v: string): string => {
    if (col.options) return col.options.find((o) => o.value === v)?.label ?? v;
    if (col.kind === 'date' || col.kind === 'datetime') {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      return m ? `${m[3]}/${m[2]}/${m[1]}` : v;
    }
    if (col.kind === 'decimal') return v.replace('.', ',');
    return v;
  };
  const op = OPERATOR_LABELS[f.op];
  if (VALUELESS_OPERATORS.includes(f.op)) return `${col.label} ${op}`;
  if (f.op === 'between') return `${col.label} entre ${show(f.values[0])} et ${show(f.values[1])}`;
  const values = f.values.map((v) => `« ${show(v)} »`);
  return `${col.label} ${op} ${values.length > 1 ? values.join(' ou ') : values[0]}`;
}

/** Moves one item of a list up (-1) or down (+1); unchanged at the edges or when absent. */
export function moveItem<T>(list: readonly T[], item: T, direction: -1 | 1): T[] {
  const out = [...list];
  const i = out.indexOf(item);
  const j = i + direction;
  if (i < 0 || j < 0 || j >= out.length) return out;
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/**
 * A new order of the instructor's procedures: the wanted order restricted to the procedures he has,
 * followed by the others in their current order (a stale or partial list never loses one).
 */
export function mergeOrder(current: readonly string[], wanted: readonly string[]): string[] {
  const have = new Set(current);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of wanted)
    if (have.has(id) && !seen.has(id)) {
      seen.add(id);
      out.push(id);
    }
  for (const id of current)
    if (!seen.has(id)) {
      seen.add(id);
      out.push(id);
    }
  return out;
}

/** The ISO day ('YYYY-MM-DD') after `ymd`. */
export function nextIsoDay(ymd: string): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  return new Date(d.getTime() + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The half-open ISO day bounds [from, to) that « avant le D » / « après le D » select
 * (docs/domain.md §3). On date and datetime champs (`includeDay`) both include day D (≤ D, ≥ D);
 * on the dossier's own timestamps they exclude it (before the start of D, after its end).
 */
export function dayFilterBounds(
  op: 'before' | 'after',
  day: string,
  includeDay: boolean,
): { from: string | null; to: string | null } {
  if (op === 'before') return { from: null, to: includeDay ? nextIsoDay(day) : day };
  return { from: includeDay ? day : nextIsoDay(day), to: null };
}
