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
  parseTimeText,
} from './shared.ts';

export const DATETIME_ERROR = 'Saisissez une date et une heure valides, par exemple 28/11/2026 14:05';

/** 'YYYY-MM-DDTHH:mm' (seconds dropped; ' ' accepted for 'T') or 'DD/MM/YYYY HH:mm' (also '14h05')
 *  → 'YYYY-MM-DDTHH:mm' → null when not a valid date and time. */
export function parseDateTimeText(text: string): string | null {
  const match = /^(\S+?)(?:T|\s+(?:à\s+)?)(\S+)$/.exec(text);
  if (!match) return null;
  const day = parseDateText(match[1]);
  const time = parseTimeText(match[2]);
  return day && time ? `${day}T${time}` : null;
}

/** Local date and time, no zone: stored 'YYYY-MM-DDTHH:mm', shown '28/11/2026 à 14:05'.
 *  options.pastOnly: its day not after ctx.today (skipped when today is not given). */
export const datetime: FieldTypeModule = {
  type: 'datetime',
  label: 'Date et heure',
  fillable: true,
  columnKind: 'datetime',
  filterOperators: DATE_FILTERS,
  parse(def, raw, ctx) {
    if (isBlank(raw)) return emptyResult(def);
    const text = typeof raw === 'string' || Array.isArray(raw) ? asText(raw) : null;
    const value = text === null ? null : parseDateTimeText(text);
    if (value === null) return fail(DATETIME_ERROR);
    if (def.options?.pastOnly && isAfterToday(value.slice(0, 10), ctx)) return fail(FUTURE_DATE);
    return ok(value);
  },
  isEmpty: isBlank,
  display(_def, value) {
    if (typeof value !== 'string') return '';
    const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
    return match ? `${formatDateFr(match[1])} à ${match[2]}` : value;
  },
  searchText: (def, value) => datetime.display(def, value),
};
