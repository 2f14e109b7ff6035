// The catalogue of field types and the helpers that apply them to a whole form.
import { evaluateCondition, type ValueLookup } from '../conditions.ts';
import type {
  ValidationResult,
  ChampsMap,
  FieldDef,
  FieldType,
  FieldTypeModule,
  FieldValue,
  ReferentialSource,
  StoredChamp,
} from './types.ts';
import { isPlainObject, sameValue } from './shared.ts';
import { CHILD_TYPES } from './child-types.ts';
import { parseRepetition, repetition } from './repetition.ts';

export * from './types.ts';

export const fieldTypes: Record<FieldType, FieldTypeModule> = { ...CHILD_TYPES, repetition };

/** The module of a type; throws on an unknown type (a corrupt revision is a bug). */
export function getFieldType(type: FieldType | string): FieldTypeModule {
  const module = Object.hasOwn(fieldTypes, type) ? fieldTypes[type as FieldType] : undefined;
  if (!module) throw new Error(`Type de champ inconnu : ${type}`);
  return module;
}

export interface ParseChampsOptions {
  /** the champs stored before this input: unchanged values keep their updatedAt */
  previous?: ChampsMap;
  /** ISO timestamp stamped on changed values */
  now: string;
  /** local date 'YYYY-MM-DD' for date/datetime `pastOnly`; defaults to the date part of `now` (UTC) */
  today?: string;
  /** the reference lists of the territorial and country types (src/platform/referentials.ts) */
  referentials?: ReferentialSource;
}

export interface ParseChampsResult {
  /** visible fillable fields with a valid input (value null when left empty); hidden fields are
   *  left out (cleared); a field whose input is invalid keeps its previous stored champ, if any */
  champs: ChampsMap;
  /** French message per stable id; for repetition children also per public id
   *  `${childStableId}-${rowId}` (the repetition's own message names the rows, one per line) */
  errors: Record<string, string>;
}

/** Validates a whole form. `raw` holds the input of every field, keyed by stable id (a key absent
 *  means nothing entered, as with HTML forms — stored values are valid inputs, so a partial update
 *  can start from the previous values). Conditions are evaluated in order over the values parsed so
 *  far: a field hidden by its condition is not validated and not kept; an invalid source counts as
 *  blank. Only visible mandatory fields are required. */
export function parseChamps(
  defs: FieldDef[],
  raw: Record<string, unknown>,
  opts: ParseChampsOptions,
): ParseChampsResult {
  const today = opts.today ?? (/^\d{4}-\d{2}-\d{2}/.test(opts.now) ? opts.now.slice(0, 10) : undefined);
  const champs: ChampsMap = {};
  const errors: Record<string, string> = {};
  const values = new Map<string, FieldValue | null>();
  const valueOf: ValueLookup = (id) => values.get(id);
  for (const def of defs) {
    if (!evaluateCondition(def.condition, valueOf)) continue;
    const module = getFieldType(def.type);
    if (!module.fillable) continue;
    const input = raw[def.stableId];
    const ctx = { today, rootValueOf: valueOf, referentials: opts.referentials };
    let result: ValidationResult;
    if (def.type === 'repetition') {
      const parsed = parseRepetition(def, input, ctx);
      Object.assign(errors, parsed.childErrors);
      result = parsed.result;
    } else {
      result = module.parse(def, input, ctx);
    }
    const previous = opts.previous?.[def.stableId];
    if (!result.ok) {
      errors[def.stableId] = result.error ?? 'Valeur invalide';
      if (previous) champs[def.stableId] = previous;
      continue;
    }
    const value = result.value ?? null;
    values.set(def.stableId, value);
    champs[def.stableId] =
      previous && sameValue(previous.value, value)
        ? { value: previous.value, updatedAt: previous.updatedAt }
        : { value, updatedAt: opts.now };
  }
  return { champs, errors };
}

function isStoredChamp(x: unknown): x is StoredChamp {
  return isPlainObject(x) && 'value' in x && 'updatedAt' in x;
}

/** Plain-text display of a stored champ (or of a bare value). */
export function displayValue(def: FieldDef, stored: StoredChamp | FieldValue | null | undefined): string {
  const value = isStoredChamp(stored) ? stored.value : stored;
  const module = getFieldType(def.type);
  return module.isEmpty(value) ? '' : module.display(def, value);
}

/** Words to index for full-text search: the search text of every filled root champ (repetition
 *  rows included), separated by spaces. Pass only the visible definitions if hidden values linger. */
export function searchTextOf(defs: FieldDef[], champs: ChampsMap): string {
  return searchPartsOf(defs, champs).join(' ');
}

/** The same, one part per champ (the load seed assembles search vectors part by part). */
export function searchPartsOf(defs: FieldDef[], champs: ChampsMap): string[] {
  const parts: string[] = [];
  for (const def of defs) {
    const module = getFieldType(def.type);
    const value = champs[def.stableId]?.value;
    if (!module.fillable || module.isEmpty(value)) continue;
    const words = module.searchText(def, value).trim();
    if (words) parts.push(words);
  }
  return parts;
}

/** The values of stored champs, keyed by stable id. */
export function champValues(champs: ChampsMap): Record<string, FieldValue | null> {
  return Object.fromEntries(Object.entries(champs).map(([id, c]) => [id, c.value]));
}

/** A field with the stable id of the repetition holding it (null for root fields). */
export type FlatField = FieldDef & { parentStableId: string | null };

/** The root fields in order (repetition children are not listed; they stay in `children`). */
export function flattenFields(defs: FieldDef[]): FieldDef[] {
  return defs.slice();
}

/** Every field in order, each repetition followed by its children. */
export function allFields(defs: FieldDef[]): FlatField[] {
  return defs.flatMap((def) => [
    { ...def, parentStableId: null },
    ...(def.children ?? []).map((child) => ({ ...child, parentStableId: def.stableId })),
  ]);
}
