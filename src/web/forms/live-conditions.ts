// Which fields of a form are shown, computed from the values as typed — by the server when it
// renders the form and by the browser as the usager types (src/web/client/controllers/
// conditions-controller.ts), with the same code: the domain's conditions (docs/domain.md §12) over
// the values that parse. Root fields read the root fields placed before them; the children of a
// repetition row read their earlier siblings of the same row, then the visible root fields.
// Pure (no server or browser API), so that the client bundle imports it: only the modules of the
// types a condition may read (CONDITIONABLE_TYPES of the domain, checked when the form is built) are
// needed to parse, the other values count as blank — which keeps the bundle small.
//
// Names: `champ_<stableId>` (+ `__primary`/`__secondary`, `__other`, `__keep`/`__files`), repetition
// rows `champ_<stableId>__rows` and their children `champ_<stableId>__<rowId>__<childStableId>`.
import { resolveVisible, visibleRowFields, type ValueLookup } from '../../domain/conditions.ts';
import { address } from '../../domain/fields/address.ts';
import { checkbox } from '../../domain/fields/checkbox.ts';
import { decimalNumber } from '../../domain/fields/decimal-number.ts';
import { dropDownList } from '../../domain/fields/drop-down-list.ts';
import { integerNumber } from '../../domain/fields/integer-number.ts';
import { multipleDropDownList } from '../../domain/fields/multiple-drop-down-list.ts';
import type { FieldDef, FieldType, FieldTypeModule, FieldValue, ReferentialValue } from '../../domain/fields/types.ts';
import { yesNo } from '../../domain/fields/yes-no.ts';

export const OTHER_OPTION = '__other__';

export function fieldName(stableId: string, prefix = ''): string {
  return `${prefix}champ_${stableId}`;
}

/** The submitted form as the readers need it (the server's parsed body, the browser's FormData). */
export interface FormReader {
  /** the first text value of `name` ('' when absent) */
  one(name: string): string;
  /** every text value of `name` */
  all(name: string): string[];
}

/** Types without a value (titles, explanations). */
const STATIC_TYPES: ReadonlySet<string> = new Set(['header_section', 'explication']);

/** The modules of the types a condition may read (src/domain/conditions.ts, CONDITIONABLE_TYPES). */
const SOURCE_MODULES: Partial<Record<FieldType, FieldTypeModule>> = {
  yes_no: yesNo,
  checkbox,
  integer_number: integerNumber,
  decimal_number: decimalNumber,
  drop_down_list: dropDownList,
  multiple_drop_down_list: multipleDropDownList,
  address,
};

/** Reference-list types: their lists are not in the browser, and conditions compare codes only
 *  (docs/domain.md §12), so an entry is read from its code as typed or picked — « Lyon (69123) »,
 *  « 69123 », a select's « 69 » — in the browser and on the server alike; a name typed without its
 *  code counts as blank here until the server, which has the lists, stores it with its code. */
const REFERENTIAL_SOURCE_TYPES: readonly FieldType[] = ['communes', 'departements', 'regions', 'pays'];

function referentialFromText(type: FieldType, raw: unknown): ReferentialValue | null {
  const text = typeof raw === 'string' ? raw.trim() : '';
  const code = (/\(([0-9A-Za-z]{2,5})\)$/.exec(text) ?? /^([0-9A-Za-z]{2,5})$/.exec(text))?.[1]?.toUpperCase();
  if (!code) return null;
  if (type !== 'communes') return { code, name: text };
  // a commune's département: the first two characters of its INSEE code, three overseas (97x)
  return { code, name: text, departement: code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2) };
}

/** The types this module parses for conditions (kept equal to the domain's CONDITIONABLE_TYPES). */
export const CONDITION_SOURCE_TYPES = [...(Object.keys(SOURCE_MODULES) as FieldType[]), ...REFERENTIAL_SOURCE_TYPES];

/** The raw value of one field in the shapes the domain's parseChamps accepts. */
export function readRawValue(def: FieldDef, f: FormReader, name: string): unknown {
  switch (def.type) {
    case 'checkbox':
    case 'multiple_drop_down_list':
      return f.all(name);
    case 'drop_down_list': {
      const v = f.one(name);
      if (v === OTHER_OPTION) {
        const other = f.one(`${name}__other`).trim();
        return other ? { other } : OTHER_OPTION;
      }
      return v;
    }
    case 'linked_drop_down_list':
      return { primary: f.one(`${name}__primary`), secondary: f.one(`${name}__secondary`) };
    case 'piece_justificative':
      return { keep: f.all(`${name}__keep`) };
    case 'repetition': {
      const rows: Record<string, Record<string, unknown>> = {};
      for (const rowId of f.all(`${name}__rows`)) {
        if (!/^[A-Za-z0-9_-]{1,64}$/.test(rowId)) continue;
        const values: Record<string, unknown> = {};
        for (const child of def.children ?? []) {
          if (STATIC_TYPES.has(child.type)) continue;
          values[child.stableId] = readRawValue(child, f, `${name}__${rowId}__${child.stableId}`);
        }
        rows[rowId] = values;
      }
      return rows;
    }
    default:
      return f.one(name);
  }
}

/** The rows of a repetition value: stored (an array of rows) or as typed (keyed by row id). */
export function rowsOfValue(value: unknown): { rowId: string; values: Record<string, unknown> }[] {
  if (Array.isArray(value)) {
    return value
      .filter(
        (r): r is { rowId: string; values: Record<string, unknown> } =>
          typeof r === 'object' && r !== null && typeof (r as { rowId?: unknown }).rowId === 'string',
      )
      .map((r) => ({ rowId: r.rowId, values: r.values ?? {} }));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value as Record<string, unknown>).map(([rowId, values]) => ({
      rowId,
      values: (values ?? {}) as Record<string, unknown>,
    }));
  }
  return [];
}

export interface Visibility {
  /** the visible root fields */
  root: Set<string>;
  /** the visible children of each row, keyed by `rowKey(repetition, row)` */
  rows: Map<string, Set<string>>;
}

export function rowKey(repetitionId: string, rowId: string): string {
  return `${repetitionId}/${rowId}`;
}

/** A value as a condition reads it: the parsed value, or blank when it does not parse. */
function parsedValues(defs: FieldDef[], raw: Record<string, unknown>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const def of defs) {
    if (REFERENTIAL_SOURCE_TYPES.includes(def.type)) {
      const v = referentialFromText(def.type, raw[def.stableId]);
      if (v) out[def.stableId] = v;
      continue;
    }
    const m = SOURCE_MODULES[def.type];
    if (!m) continue;
    const r = m.parse({ ...def, mandatory: false }, raw[def.stableId]);
    if (r.ok && r.value !== null && r.value !== undefined) out[def.stableId] = r.value;
  }
  return out;
}

/** The visible root fields and row children, given the values as typed (or stored). */
export function visibilityOf(defs: FieldDef[], values: Record<string, unknown>): Visibility {
  const parsed = parsedValues(defs, values);
  const root = new Set(resolveVisible(defs, (id) => parsed[id]).map((d) => d.stableId));
  const rootValueOf: ValueLookup = (id) => (root.has(id) ? parsed[id] : undefined);
  const rows = new Map<string, Set<string>>();
  for (const def of defs) {
    if (def.type !== 'repetition') continue;
    const children = def.children ?? [];
    for (const row of rowsOfValue(values[def.stableId])) {
      const shown = visibleRowFields(children, parsedValues(children, row.values), rootValueOf);
      rows.set(rowKey(def.stableId, row.rowId), new Set(shown.map((c) => c.stableId)));
    }
  }
  return { root, rows };
}
