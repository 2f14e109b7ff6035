import { evaluateCondition, type ValueLookup } from '../conditions.ts';
import type { FieldDef, FieldTypeModule, FieldValue, ParseContext, RepetitionRow, ValidationResult } from './types.ts';
import { fail, isBlank, isPlainObject, ok, REQUIRED } from './shared.ts';
import { CHILD_TYPES } from './child-types.ts';

function childModule(def: FieldDef): FieldTypeModule | null {
  return def.type === 'repetition' ? null : (CHILD_TYPES[def.type] ?? null);
}

export const ROWS_ERROR = 'Les lignes de ce bloc sont invalides';

/** Raw rows: an array of { rowId, values }, or an object { [rowId]: values } (form order). */
function readRows(raw: unknown): { rowId: string; values: Record<string, unknown> }[] | null {
  if (raw === undefined || raw === null || raw === '') return [];
  const entries = Array.isArray(raw)
    ? raw.map((row) => (isPlainObject(row) ? [row.rowId, row.values ?? {}] : [undefined, undefined]))
    : isPlainObject(raw)
      ? Object.entries(raw)
      : null;
  if (entries === null) return null;
  const rows: { rowId: string; values: Record<string, unknown> }[] = [];
  const seen = new Set<string>();
  for (const [rowId, values] of entries) {
    if (typeof rowId !== 'string' || rowId === '' || seen.has(rowId) || !isPlainObject(values)) return null;
    seen.add(rowId);
    rows.push({ rowId, values });
  }
  return rows;
}

export interface RepetitionParse {
  result: ValidationResult;
  /** per-child errors keyed by the public id `${childStableId}-${rowId}` */
  childErrors: Record<string, string>;
}

/** Parses every row: each visible fillable child with its module (child conditions read the
 *  visible earlier siblings of the row, then ctx.rootValueOf). Hidden children are left out of the
 *  row. The error names each faulty row: « Ligne 2 : Âge : Saisissez un nombre entier ». */
export function parseRepetition(def: FieldDef, raw: unknown, ctx?: ParseContext): RepetitionParse {
  const rows = readRows(raw);
  if (rows === null) return { result: fail(ROWS_ERROR), childErrors: {} };
  if (rows.length === 0) return { result: def.mandatory ? fail(REQUIRED) : ok(null), childErrors: {} };
  const children = def.children ?? [];
  const childIds = new Set(children.map((c) => c.stableId));
  const childErrors: Record<string, string> = {};
  const messages: string[] = [];
  const parsedRows: RepetitionRow[] = [];
  rows.forEach((row, i) => {
    const values: Record<string, FieldValue | null> = {};
    const rowMessages: string[] = [];
    // A child's condition reads the siblings placed before it (once visible and parsed), then the
    // root champs; siblings placed after it are blank for it.
    const visible = new Set<string>();
    const lookup: ValueLookup = (id) =>
      childIds.has(id) ? (visible.has(id) ? values[id] : undefined) : ctx?.rootValueOf?.(id);
    for (const child of children) {
      if (!evaluateCondition(child.condition, lookup)) continue;
      visible.add(child.stableId);
      const module = childModule(child);
      if (!module) {
        rowMessages.push(`${child.label} : type de champ non pris en charge dans un bloc répétable`);
        continue;
      }
      if (!module.fillable) continue;
      const parsed = module.parse(child, row.values[child.stableId], ctx);
      if (parsed.ok) {
        values[child.stableId] = parsed.value ?? null;
      } else {
        const message = parsed.error ?? 'Valeur invalide';
        childErrors[`${child.stableId}-${row.rowId}`] = message;
        rowMessages.push(`${child.label} : ${message}`);
      }
    }
    if (rowMessages.length > 0) messages.push(`Ligne ${i + 1} : ${rowMessages.join(' ; ')}`);
    parsedRows.push({ rowId: row.rowId, values });
  });
  if (messages.length > 0) return { result: fail(messages.join('\n')), childErrors };
  return { result: ok(parsedRows), childErrors };
}

function rowsOf(value: FieldValue | null | undefined): RepetitionRow[] {
  return Array.isArray(value)
    ? (value as unknown[]).filter((r): r is RepetitionRow => isPlainObject(r) && isPlainObject(r.values))
    : [];
}

/** Text of each filled child of a row: 'Nom : Dupont, Âge : 42'. */
function rowText(def: FieldDef, row: RepetitionRow, part: 'display' | 'searchText'): string[] {
  const out: string[] = [];
  for (const child of def.children ?? []) {
    const module = childModule(child);
    const value = row.values[child.stableId];
    if (!module?.fillable || module.isEmpty(value)) continue;
    const shown = module[part](child, value);
    if (shown !== '') out.push(part === 'display' ? `${child.label} : ${shown}` : shown);
  }
  return out;
}

/** Repeatable block of child fields; stored RepetitionRow[] (non-empty) or null. A mandatory
 *  block needs at least one row. Displayed one row per line. */
export const repetition: FieldTypeModule = {
  type: 'repetition',
  label: 'Bloc répétable',
  fillable: true,
  columnKind: 'none',
  filterOperators: [],
  parse: (def, raw, ctx) => parseRepetition(def, raw, ctx).result,
  isEmpty: (value) => isBlank(value) || rowsOf(value).length === 0,
  display: (def, value) =>
    rowsOf(value)
      .map((row, i) => `Ligne ${i + 1} : ${rowText(def, row, 'display').join(', ')}`)
      .join('\n'),
  searchText: (def, value) =>
    rowsOf(value)
      .flatMap((row) => rowText(def, row, 'searchText'))
      .join(' '),
};
