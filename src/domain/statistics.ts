/**
 * A procedure's statistics — docs/domain.md §11.2. The figures are SQL aggregates; the rules that shape
 * them live here.
 */

/** Below this many deposited dossiers the public page publishes no figure. */
export const PUBLIC_STATISTICS_THRESHOLD = 10;

/** The usual processing time reads the decisions of the last 30 days; it needs at least 3. */
export const USUAL_TIME_WINDOW_DAYS = 30;
export const USUAL_TIME_MIN_DOSSIERS = 3;

/** Weeks shown by the per-week charts (about six months). */
export const STATISTICS_WEEKS = 26;

export function publishable(deposes: number): boolean {
  return deposes >= PUBLIC_STATISTICS_THRESHOLD;
}

/** 90th percentile with linear interpolation (PostgreSQL's percentile_cont). */
export function percentileCont(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const x = (sorted.length - 1) * p;
  const lo = Math.floor(x);
  const hi = Math.ceil(x);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (x - lo);
}

/**
 * The usual processing time: the durations (deposit → decision) sorted and split into three groups of
 * equal size (the first ones one larger when it does not divide, as SQL's ntile), the 90th percentile
 * of each. Null below 3 dossiers. The SQL of src/queries/statistics.ts computes the same.
 */
export function usualProcessingTime(durations: readonly number[]): number[] | null {
  if (durations.length < USUAL_TIME_MIN_DOSSIERS) return null;
  const sorted = [...durations].sort((a, b) => a - b);
  const n = sorted.length;
  const base = Math.floor(n / 3);
  const extra = n % 3;
  const out: number[] = [];
  let start = 0;
  for (let k = 0; k < 3; k++) {
    const size = base + (k < extra ? 1 : 0);
    out.push(percentileCont(sorted.slice(start, start + size), 0.9));
    start += size;
  }
  return out;
}

/** A duration in seconds as whole days, rounded up (« 3 jours »). */
export function durationDays(seconds: number): number {
  return Math.max(0, Math.ceil(seconds / 86_400));
}

/** Shares of each decision among the decided dossiers, in percent with one decimal (0 when none). */
export function decisionShares(d: { accepte: number; refuse: number; sans_suite: number }): {
  accepte: number;
  refuse: number;
  sans_suite: number;
} {
  const total = d.accepte + d.refuse + d.sans_suite;
  const pct = (n: number) => (total === 0 ? 0 : Math.round((n / total) * 1000) / 10);
  return { accepte: pct(d.accepte), refuse: pct(d.refuse), sans_suite: pct(d.sans_suite) };
}

/** The instant a Paris calendar day (YYYY-MM-DD) begins (Paris changes time at night, never at midnight). */
export function parisMidnight(day: string): Date {
  const guess = new Date(`${day}T00:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(guess);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(guess.getTime() - (wall - guess.getTime()));
}

/** The Mondays 00:00 (Paris) of the `n` weeks ending with the current one, oldest first. */
export function parisWeekStarts(now: Date, n: number): { day: string; at: Date }[] {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday'));
  const today = Date.UTC(Number(get('year')), Number(get('month')) - 1, Number(get('day')));
  const out: { day: string; at: Date }[] = [];
  for (let k = n - 1; k >= 0; k--) {
    const day = new Date(today - (weekday + 7 * k) * 86_400_000).toISOString().slice(0, 10);
    out.push({ day, at: parisMidnight(day) });
  }
  return out;
}
