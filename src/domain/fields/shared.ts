// Helpers shared by the field type modules: results, blank checks, text-like modules, numbers, dates.
import type {
  ColumnKind,
  FieldDef,
  FieldType,
  FieldTypeModule,
  FieldValue,
  FilterOperator,
  ParseContext,
  ValidationResult,
} from './types.ts';

export const REQUIRED = 'Ce champ est obligatoire';

export const TEXT_FILTERS: FilterOperator[] = ['contains', 'eq', 'empty', 'not_empty'];
export const NUMBER_FILTERS: FilterOperator[] = ['eq', 'lt', 'gt', 'between', 'empty', 'not_empty'];
export const DATE_FILTERS: FilterOperator[] = [
  'on',
  'before',
  'after',
  'between',
  'this_week',
  'this_month',
  'this_year',
  'empty',
  'not_empty',
];
export const ENUM_FILTERS: FilterOperator[] = ['in', 'empty', 'not_empty'];

export function ok(value: FieldValue | null): ValidationResult {
  return { ok: true, value };
}

export function fail(error: string): ValidationResult {
  return { ok: false, error };
}

/** null, undefined, '', whitespace only, or an empty array. */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** The result for an empty input: an error when mandatory, else the value null. */
export function emptyResult(def: FieldDef): ValidationResult {
  return def.mandatory ? fail(REQUIRED) : ok(null);
}

/** A raw input read as trimmed text: strings, finite numbers, or a one-element array of those
 *  (HTML forms may repeat a name). null when the input is not text. */
export function asText(raw: unknown): string | null {
  if (typeof raw === 'string') return raw.trim();
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (Array.isArray(raw) && raw.length === 1) return asText(raw[0]);
  return null;
}

/** Stored value shown as text whatever its type (defensive against unexpected stored shapes). */
export function plain(value: FieldValue | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  return canonicalJson(value);
}

/** JSON with object keys sorted, so that equal values give equal strings. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Text-like modules

export interface TextLikeSpec {
  type: FieldType;
  label: string;
  /** message when the input is not text at all (an object, a boolean…) */
  invalid?: string;
  /** validate and normalise the trimmed, non-empty text */
  normalize?: (text: string, def: FieldDef, ctx?: ParseContext) => ValidationResult;
  display?: (value: string, def: FieldDef) => string;
  searchText?: (value: string, def: FieldDef) => string;
  columnKind?: ColumnKind;
  filterOperators?: FilterOperator[];
}

/** A module whose stored value is a string: blank → null (or mandatory error), else normalize(). */
export function textLikeModule(spec: TextLikeSpec): FieldTypeModule {
  const display = (def: FieldDef, value: FieldValue | null | undefined): string => {
    if (isBlank(value)) return '';
    if (typeof value !== 'string') return plain(value);
    return spec.display ? spec.display(value, def) : value;
  };
  return {
    type: spec.type,
    label: spec.label,
    fillable: true,
    columnKind: spec.columnKind ?? 'text',
    filterOperators: spec.filterOperators ?? TEXT_FILTERS,
    parse(def, raw, ctx) {
      if (isBlank(raw)) return emptyResult(def);
      const text = asText(raw);
      if (text === null) return fail(spec.invalid ?? 'Saisissez un texte');
      if (text === '') return emptyResult(def);
      return spec.normalize ? spec.normalize(text, def, ctx) : ok(text);
    },
    isEmpty: isBlank,
    display,
    searchText(def, value) {
      if (isBlank(value)) return '';
      if (typeof value === 'string' && spec.searchText) return spec.searchText(value, def);
      return display(def, value);
    },
  };
}

/** A module that is never filled (header_section, explication). */
export function staticModule(type: FieldType, label: string): FieldTypeModule {
  return {
    type,
    label,
    fillable: false,
    columnKind: 'none',
    filterOperators: [],
    parse: () => ok(null),
    isEmpty: () => true,
    display: () => '',
    searchText: () => '',
  };
}

// ---------------------------------------------------------------------------------------------
// Numbers

/** French decimal display: 3.5 → '3,5'. */
export function formatNumberFr(n: number): string {
  return String(n).replace('.', ',');
}

/** Apply positive/min/max options; returns an error message or null. */
export function checkNumberBounds(n: number, def: FieldDef): string | null {
  const o = def.options ?? {};
  if (o.positive && n < 0) return 'La valeur doit être positive ou nulle';
  if (typeof o.min === 'number' && n < o.min) {
    return `La valeur doit être supérieure ou égale à ${formatNumberFr(o.min)}`;
  }
  if (typeof o.max === 'number' && n > o.max) {
    return `La valeur doit être inférieure ou égale à ${formatNumberFr(o.max)}`;
  }
  return null;
}

/** Removes spaces used as thousands separators (regular, non-breaking, narrow non-breaking). */
export function stripNumberSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u202f]/g, '');
}

// ---------------------------------------------------------------------------------------------
// Dates

export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' or 'DD/MM/YYYY' (also D/M/YYYY) → 'YYYY-MM-DD', or null if not a real date. */
export function parseDateText(text: string): string | null {
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (!isValidYmd(y, m, d)) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** 'HH:mm' or 'HH:mm:ss' (seconds dropped) → 'HH:mm', or null. */
export function parseTimeText(text: string): string | null {
  const match = /^(\d{1,2})[:h](\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(text);
  if (!match) return null;
  const h = Number(match[1]);
  const min = Number(match[2]);
  const s = match[3] === undefined ? 0 : Number(match[3]);
  if (h > 23 || min > 59 || s > 59) return null;
  return `${pad2(h)}:${pad2(min)}`;
}

/** 'YYYY-MM-DD' → 'DD/MM/YYYY' (unchanged if not in that shape). */
export function formatDateFr(ymd: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : ymd;
}

export const FUTURE_DATE = 'La date ne peut pas être dans le futur';

/** true when `ymd` is after `today` (both 'YYYY-MM-DD'); false when today is unknown. */
export function isAfterToday(ymd: string, ctx?: ParseContext): boolean {
  const today = ctx?.today;
  if (!today || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return false;
  return ymd > today;
}
