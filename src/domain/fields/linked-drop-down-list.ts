import type { FieldTypeModule } from './types.ts';
import { asText, emptyResult, fail, isBlank, isPlainObject, ok, TEXT_FILTERS } from './shared.ts';

export const PRIMARY_ERROR = 'Choisissez une option de la liste';
export const SECONDARY_ERROR = 'Choisissez une option dans la seconde liste';

/** Reads { primary, secondary } or [primary, secondary]; null when neither shape. */
function readPair(raw: unknown): { primary: string; secondary: string } | null {
  let primary: unknown;
  let secondary: unknown;
  if (Array.isArray(raw) && raw.length <= 2) [primary, secondary] = raw;
  else if (isPlainObject(raw)) ({ primary, secondary } = raw);
  else return null;
  const p = isBlank(primary) ? '' : asText(primary);
  const s = isBlank(secondary) ? '' : asText(secondary);
  return p === null || s === null ? null : { primary: p, secondary: s };
}

/** Two linked menus: options.linked lists each primary with its secondaries. Stored
 *  { primary, secondary }; secondary is '' only when the primary has no secondaries. */
export const linkedDropDownList: FieldTypeModule = {
  type: 'linked_drop_down_list',
  label: 'Deux menus déroulants liés',
  fillable: true,
  columnKind: 'text',
  filterOperators: TEXT_FILTERS,
  parse(def, raw) {
    if (isBlank(raw)) return emptyResult(def);
    const pair = readPair(raw);
    if (pair === null) return fail(PRIMARY_ERROR);
    if (pair.primary === '' && pair.secondary === '') return emptyResult(def);
    const entry = (def.options?.linked ?? []).find((l) => l.primary === pair.primary);
    if (!entry) return fail(PRIMARY_ERROR);
    if (entry.secondaries.length === 0) return ok({ primary: pair.primary, secondary: '' });
    if (pair.secondary === '' || !entry.secondaries.includes(pair.secondary)) return fail(SECONDARY_ERROR);
    return ok({ primary: pair.primary, secondary: pair.secondary });
  },
  isEmpty: (value) => isBlank(value) || (isPlainObject(value) && isBlank(value.primary)),
  display(_def, value) {
    if (!isPlainObject(value) || typeof value.primary !== 'string') return '';
    return value.secondary ? `${value.primary} / ${value.secondary}` : value.primary;
  },
  searchText: (def, value) => linkedDropDownList.display(def, value),
};
