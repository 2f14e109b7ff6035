import type { FieldTypeModule } from './types.ts';
import { asText, emptyResult, ENUM_FILTERS, fail, isBlank, isPlainObject, ok } from './shared.ts';

export const CHOICE_ERROR = 'Choisissez une option de la liste';
export const OTHER_EMPTY = 'Précisez votre réponse « Autre »';
/** Value of the "Autre" option in a form; the free text then comes as { other: '…' }. */
export const OTHER_OPTION = '__other__';

/** Single choice among options.choices. With options.other, any non-empty text is accepted
 *  (the "Autre" free value), given as a string or as { other: '…' }; '__other__' alone means
 *  "Autre" chosen without the free text. */
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
    if (text === OTHER_OPTION) {
      if (!def.options?.other) return fail(CHOICE_ERROR);
      return def.mandatory ? fail(OTHER_EMPTY) : ok(null);
    }
    const choices = def.options?.choices ?? [];
    if (choices.includes(text) || def.options?.other) return ok(text);
    return fail(CHOICE_ERROR);
  },
  isEmpty: isBlank,
  display: (_def, value) => (typeof value === 'string' ? value : ''),
  searchText: (_def, value) => (typeof value === 'string' ? value : ''),
};
