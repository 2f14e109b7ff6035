import type { FieldTypeModule } from './types.ts';
import {
  asText,
  checkNumberBounds,
  emptyResult,
  fail,
  formatNumberFr,
  isBlank,
  NUMBER_FILTERS,
  ok,
  stripNumberSpaces,
} from './shared.ts';

export const DECIMAL_ERROR = 'Saisissez un nombre, par exemple 3,14';

/** Decimal number: comma or dot as decimal separator, spaces as thousands separators; stored as a
 *  number; displayed with a comma ('3,14'). Options positive/min/max. */
export const decimalNumber: FieldTypeModule = {
  type: 'decimal_number',
  label: 'Nombre décimal',
  fillable: true,
  columnKind: 'decimal',
  filterOperators: NUMBER_FILTERS,
  parse(def, raw) {
    if (isBlank(raw)) return emptyResult(def);
    let n: number;
    if (typeof raw === 'number') {
      n = raw;
    } else {
      const text = asText(raw);
      if (text === null) return fail(DECIMAL_ERROR);
      const compact = stripNumberSpaces(text);
      if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(compact)) return fail(DECIMAL_ERROR);
      n = Number(compact.replace(',', '.'));
    }
    if (!Number.isFinite(n) || Math.abs(n) > 1e15) {
      return Number.isNaN(n) ? fail(DECIMAL_ERROR) : fail('Ce nombre est trop grand');
    }
    if (Object.is(n, -0)) n = 0;
    const bound = checkNumberBounds(n, def);
    return bound ? fail(bound) : ok(n);
  },
  isEmpty: isBlank,
  display: (_def, value) => (typeof value === 'number' ? formatNumberFr(value) : isBlank(value) ? '' : String(value)),
  searchText: (_def, value) => {
    if (typeof value !== 'number') return '';
    return Number.isInteger(value) ? String(value) : `${String(value)} ${formatNumberFr(value)}`;
  },
};
