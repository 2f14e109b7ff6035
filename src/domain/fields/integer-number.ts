import type { FieldTypeModule } from './types.ts';
import {
  asText,
  checkNumberBounds,
  emptyResult,
  fail,
  isBlank,
  NUMBER_FILTERS,
  ok,
  stripNumberSpaces,
} from './shared.ts';

export const INTEGER_ERROR = 'Saisissez un nombre entier';

/** Whole number; '1 000' and '+5' are accepted; options positive/min/max. */
export const integerNumber: FieldTypeModule = {
  type: 'integer_number',
  label: 'Nombre entier',
  fillable: true,
  columnKind: 'integer',
  filterOperators: NUMBER_FILTERS,
  parse(def, raw) {
    if (isBlank(raw)) return emptyResult(def);
    let n: number;
    if (typeof raw === 'number') {
      n = raw;
    } else {
      const text = asText(raw);
      if (text === null) return fail(INTEGER_ERROR);
      const compact = stripNumberSpaces(text);
      if (!/^[+-]?\d+$/.test(compact)) return fail(INTEGER_ERROR);
      n = Number(compact);
    }
    if (!Number.isInteger(n)) return fail(INTEGER_ERROR);
    if (!Number.isSafeInteger(n)) return fail('Ce nombre est trop grand');
    if (Object.is(n, -0)) n = 0;
    const bound = checkNumberBounds(n, def);
    return bound ? fail(bound) : ok(n);
  },
  isEmpty: isBlank,
  display: (_def, value) => (typeof value === 'number' ? String(value) : isBlank(value) ? '' : String(value)),
  searchText: (_def, value) => (typeof value === 'number' ? String(value) : ''),
};
