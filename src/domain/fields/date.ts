import type { FieldTypeModule } from './types.ts';
import {
  asText,
  DATE_FILTERS,
  emptyResult,
  fail,
  formatDateFr,
  FUTURE_DATE,
  isAfterToday,
  isBlank,
  ok,
  parseDateText,
} from './shared.ts';

export const DATE_ERROR = 'Saisissez une date valide, par exemple 28/11/2026';

/** Calendar date: input 'YYYY-MM-DD' or 'DD/MM/YYYY', stored 'YYYY-MM-DD', shown '28/11/2026'.
 *  options.pastOnly: not after ctx.today (skipped when today is not given). */
export const date: FieldTypeModule = {
  type: 'date',
  label: 'Date',
  fillable: true,
  columnKind: 'date',
  filterOperators: DATE_FILTERS,
  parse(def, raw, ctx) {
    if (isBlank(raw)) return emptyResult(def);
    const text = typeof raw === 'string' || Array.isArray(raw) ? asText(raw) : null;
    const ymd = text === null ? null : parseDateText(text);
    if (ymd === null) return fail(DATE_ERROR);
    if (def.options?.pastOnly && isAfterToday(ymd, ctx)) return fail(FUTURE_DATE);
    return ok(ymd);
  },
  isEmpty: isBlank,
  display: (_def, value) => (typeof value === 'string' ? formatDateFr(value) : ''),
  searchText: (_def, value) => (typeof value === 'string' ? formatDateFr(value) : ''),
};
