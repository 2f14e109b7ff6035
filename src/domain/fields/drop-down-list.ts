import type { FieldTypeModule } from './types.ts';
import { asText, emptyResult, ENUM_FILTERS, fail, isBlank, isPlainObject, ok } from './shared.ts';

export const CHOICE_ERROR = 'Choisissez une option de la liste';

/** Single choice among options.choices. With options.other, any non-empty text is accepted
 *  (the "Autre" free value), given as a string or as { other: '…' }. */
export const dropDownList: FieldTypeModule = {
  type: 'drop_down_list',
  label: 'Choix simple',
  fillable: true,
  columnKind: 'enum',
  filterOperators: ENUM_FILTERS,
  parse(def, raw) {
    const input = isPlainObject(raw) && 'other' in raw ? raw.other : raw;
    if (isBlank(input)) return emptyResult(def);
    const text = asText(input);
    if (text === null) return fail(CHOICE_ERROR);
    if (text === '') return emptyResult(def);
    const choices = def.options?.choices ?? [];
    if (choices.includes(text) || def.options?.other) return ok(text);
    return fail(CHOICE_ERROR);
  },
  isEmpty: isBlank,
  display: (_def, value) => (typeof value === 'string' ? value : ''),
  searchText: (_def, value) => (typeof value === 'string' ? value : ''),
};
