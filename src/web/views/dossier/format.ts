// French dates for the dossier pages (Europe/Paris, whatever the server's zone).
const DATE = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const SHORT = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });

function asDate(d: Date | string): Date {
  return d instanceof Date ? d : new Date(d);
}

/** « 2 mars 2026 » */
export function frDate(d: Date | string | null | undefined): string {
  return d ? DATE.format(asDate(d)) : '';
}

/** « 2 mars 2026 à 10:00 » */
export function frDateTime(d: Date | string | null | undefined): string {
  if (!d) return '';
  const x = asDate(d);
  return `${DATE.format(x)} à ${TIME.format(x)}`;
}

/** « 02/03/2026 » */
export function frShortDate(d: Date | string | null | undefined): string {
  return d ? SHORT.format(asDate(d)) : '';
}

/** « 10:00 » */
export function frTime(d: Date | string | null | undefined): string {
  return d ? TIME.format(asDate(d)) : '';
}

/** ISO for <time datetime> */
export function isoOf(d: Date | string | null | undefined): string {
  return d ? asDate(d).toISOString() : '';
}

export { DATE_TIME };
