import type { FieldTypeModule } from './types.ts';
import { asText, emptyResult, fail, isBlank, ok } from './shared.ts';

export const YES_NO_ERROR = 'Choisissez « Oui » ou « Non »';

/** Oui/Non radio: 'true'/'false' (also 'oui'/'non') or a boolean; nothing chosen → null. */
export const yesNo: FieldTypeModule = {
  type: 'yes_no',
  label: 'Oui/Non',
  fillable: true,
  columnKind: 'boolean',
  filterOperators: ['is_true', 'is_false', 'empty'],
  parse(def, raw) {
    if (typeof raw === 'boolean') return ok(raw);
    if (isBlank(raw)) return emptyResult(def);
    const word = asText(raw)?.toLowerCase();
    if (word === 'true' || word === 'oui') return ok(true);
    if (word === 'false' || word === 'non') return ok(false);
    return fail(YES_NO_ERROR);
  },
  isEmpty: isBlank,
  display: (_def, value) => (value === true ? 'Oui' : value === false ? 'Non' : ''),
  searchText: () => '',
};
