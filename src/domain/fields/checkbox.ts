import type { FieldTypeModule } from './types.ts';
import { asText, fail, isBlank, ok } from './shared.ts';

export const CHECKBOX_REQUIRED = 'Ce champ est obligatoire : cochez la case';

const CHECKED = new Set(['on', 'true', '1', 'oui']);
const UNCHECKED = new Set(['off', 'false', '0', 'non']);

/** Single checkbox: 'on' | 'true' | true → true; absent / '' / false → false.
 *  Always stored as a boolean; a mandatory checkbox must be checked. */
export const checkbox: FieldTypeModule = {
  type: 'checkbox',
  label: 'Case à cocher seule',
  fillable: true,
  columnKind: 'boolean',
  filterOperators: ['is_true', 'is_false'],
  parse(def, raw) {
    let checked: boolean;
    if (typeof raw === 'boolean') checked = raw;
    else if (isBlank(raw)) checked = false;
    else {
      // a hidden "false" input followed by the checkbox sends ['false', 'on']: the last one wins
      const text = Array.isArray(raw) ? asText(raw[raw.length - 1]) : asText(raw);
      const word = text?.toLowerCase() ?? '';
      if (CHECKED.has(word)) checked = true;
      else if (UNCHECKED.has(word)) checked = false;
      else return fail('Valeur invalide pour une case à cocher');
    }
    if (def.mandatory && !checked) return fail(CHECKBOX_REQUIRED);
    return ok(checked);
  },
  isEmpty: isBlank,
  display: (_def, value) => (value === true ? 'Oui' : value === false ? 'Non' : ''),
  searchText: () => '',
};
