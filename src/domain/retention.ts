/**
 * Expiry (conservation), warning, hiding and purge dates — docs/domain.md §5.
 * Pure: `now` is always passed in. All arithmetic is in UTC.
 */
import type { DossierFacts, ProcedureFacts } from './dossier-facts.ts';

/** Warning sent this many days before expiry; after the warning, the dossier expires this many days later. */
export const WARNING_DAYS = 14;
/** A hidden dossier (trash or expiry) is purged this many days after being hidden. */
export const PURGE_DAYS = 14;
/** Default conservation (months) of a procedure's dossiers. */
export const DEFAULT_RETENTION_MONTHS = 12;
/** Maximum conservation an administrator may choose (months). */
export const MAX_RETENTION_MONTHS = 60;
/** Brouillons are kept at most this many months (capped: min(retention, 3)). */
export const BROUILLON_MAX_RETENTION_MONTHS = 3;

const DAY_MS = 24 * 60 * 60 * 1000;

function daysInMonthUTC(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/**
 * Calendar month addition in UTC, clamping to the end of the target month
 * (31 Jan + 1 month = 28 Feb, or 29 Feb in a leap year). Time of day is kept.
 * Negative `months` subtract.
 */
export function addMonthsUTC(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const day = Math.min(date.getUTCDate(), daysInMonthUTC(targetYear, targetMonth));
  return new Date(
    Date.UTC(
      targetYear,
      targetMonth,
      day,
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds(),
    ),
  );
}

/** Exact 24 h days (UTC has no DST). */
export function addDaysUTC(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

function isTermineState(state: DossierFacts['state']): boolean {
  return state === 'accepte' || state === 'refuse' || state === 'sans_suite';
}

/**
 * Whether a dossier in this state can expire at all on this procedure:
 * brouillon and en_construction always; termine only if the procedure enables it;
 * en_instruction never.
 */
export function isExpirableState(
  state: DossierFacts['state'],
  p: Pick<ProcedureFacts, 'expires_when_termine'>,
): boolean {
  if (state === 'en_instruction') return false;
  if (isTermineState(state)) return p.expires_when_termine;
  return true;
}

/**
 * `expires_at` of a dossier (docs/domain.md §5):
 * - en_instruction → null (never expires); termine → null unless `expires_when_termine`;
 * - once the warning was sent → notice + WARNING_DAYS;
 * - brouillon → brouillonReference (last edit, passed by the caller; null if absent)
 *   + min(retention, 3) months + extension;
 * - en_construction → en_construction_at + retention + extension months;
 * - termine → processed_at + retention + extension months.
 * Retention and extension are added as one month count.
 */
export function computeExpiresAt(
  d: Pick<
    DossierFacts,
    'state' | 'en_construction_at' | 'processed_at' | 'conservation_extension_months' | 'expiry_notice_sent_at'
  >,
  p: Pick<ProcedureFacts, 'retention_months' | 'expires_when_termine'>,
  opts?: { brouillonReference?: Date },
): Date | null {
  if (!isExpirableState(d.state, p)) return null;
  if (d.expiry_notice_sent_at) return addDaysUTC(d.expiry_notice_sent_at, WARNING_DAYS);
  const extension = d.conservation_extension_months ?? 0;
  let reference: Date | null | undefined;
  let months = p.retention_months;
  if (d.state === 'brouillon') {
    reference = opts?.brouillonReference;
    months = Math.min(p.retention_months, BROUILLON_MAX_RETENTION_MONTHS);
  } else if (d.state === 'en_construction') {
    reference = d.en_construction_at;
  } else {
    reference = d.processed_at;
  }
  if (!reference) return null;
  return addMonthsUTC(reference, months + extension);
}

/** expires_at is set and falls within the next WARNING_DAYS (or is past). */
export function isExpiring(d: Pick<DossierFacts, 'state' | 'expires_at'>, now: Date): boolean {
  if (d.state === 'en_instruction' || !d.expires_at) return false;
  return d.expires_at.getTime() <= addDaysUTC(now, WARNING_DAYS).getTime();
}

/**
 * The expiry warning must be sent now: expiring, not yet warned, not already hidden by expiry, not
 * deleted by the usager (such a dossier is purged by the corbeille rules, not by expiry).
 */
export function shouldWarn(
  d: Pick<
    DossierFacts,
    'state' | 'expires_at' | 'expiry_notice_sent_at' | 'hidden_by_expired_at' | 'hidden_by_user_at'
  >,
  now: Date,
): boolean {
  return isExpiring(d, now) && !d.expiry_notice_sent_at && !d.hidden_by_expired_at && !d.hidden_by_user_at;
}

/**
 * The dossier must now be hidden by expiry: warned at least WARNING_DAYS ago, not en_instruction,
 * not already hidden by expiry, not deleted by the usager. (Brouillons are destroyed instead of
 * hidden — caller's choice.)
 */
export function shouldHide(
  d: Pick<DossierFacts, 'state' | 'expiry_notice_sent_at' | 'hidden_by_expired_at' | 'hidden_by_user_at'>,
  now: Date,
): boolean {
  if (d.state === 'en_instruction' || d.hidden_by_expired_at || d.hidden_by_user_at || !d.expiry_notice_sent_at)
    return false;
  return d.expiry_notice_sent_at.getTime() <= addDaysUTC(now, -WARNING_DAYS).getTime();
}

/**
 * Extension is offered (docs/domain.md §5) only close to expiry (within the warning window, or past)
 * on a visible dossier, or on an expired one (« Restaurer et prolonger »). Never en_instruction,
 * never on a dossier the usager deleted before instruction, never in the corbeille unless expired.
 */
export function canExtend(
  d: Pick<
    DossierFacts,
    'state' | 'expires_at' | 'hidden_by_expired_at' | 'hidden_by_user_at' | 'hidden_by_administration_at'
  >,
  now: Date,
): boolean {
  if (d.state === 'en_instruction' || d.state === 'brouillon') return false;
  if (d.hidden_by_user_at && d.state === 'en_construction') return false;
  if (d.hidden_by_expired_at) return true;
  if (d.hidden_by_administration_at) return false;
  return isExpiring(d, now);
}

/**
 * « Prolonger la conservation d'un mois » (docs/domain.md §5): the notice is reset, so the date is
 * recomputed from the reference date — which may give a date earlier than the current one (the
 * notice-based date was later, or the warning came late). Extending never moves the expiry earlier:
 * the new date is the later of the recomputed one and one month after the current expiry (after
 * `now` when that is past: a restored dossier is not warned again at once). The warning jobs read
 * the stored date. Returns the new extension and expiry.
 */
export function extendConservation(
  d: Pick<
    DossierFacts,
    'state' | 'en_construction_at' | 'processed_at' | 'conservation_extension_months' | 'expires_at'
  >,
  p: Pick<ProcedureFacts, 'retention_months' | 'expires_when_termine'>,
  now: Date,
): { conservation_extension_months: number; expires_at: Date | null } {
  const current = d.expires_at && d.expires_at.getTime() > now.getTime() ? d.expires_at : now;
  const floor = addMonthsUTC(current, 1).getTime();
  const months = (d.conservation_extension_months ?? 0) + 1;
  const computed = computeExpiresAt({ ...d, expiry_notice_sent_at: null, conservation_extension_months: months }, p);
  if (!computed) return { conservation_extension_months: months, expires_at: null };
  return {
    conservation_extension_months: months,
    expires_at: computed.getTime() < floor ? new Date(floor) : computed,
  };
}

/**
 * Definitive deletion (purge job, docs/domain.md §5):
 * - brouillon / en_construction hidden by the user or by expiry ≥ PURGE_DAYS ago;
 * - termine hidden by BOTH user and administration ≥ PURGE_DAYS ago (each), or by expiry ≥ PURGE_DAYS ago.
 *   A termine dossier trashed only by the instructor stays in the corbeille until it expires.
 * - en_instruction is never purged.
 */
export function shouldPurge(
  d: Pick<DossierFacts, 'state' | 'hidden_by_user_at' | 'hidden_by_administration_at' | 'hidden_by_expired_at'>,
  now: Date,
): boolean {
  const limit = addDaysUTC(now, -PURGE_DAYS).getTime();
  const old = (t: Date | null) => t !== null && t.getTime() <= limit;
  if (d.state === 'en_instruction') return false;
  if (old(d.hidden_by_expired_at)) return true;
  if (d.state === 'brouillon' || d.state === 'en_construction') return old(d.hidden_by_user_at);
  return old(d.hidden_by_user_at) && old(d.hidden_by_administration_at);
}

/**
 * When a hidden dossier will be purged (shown in the corbeille, docs/domain.md §5), following
 * `shouldPurge`: hidden by expiry or by the usager before instruction → hiding + PURGE_DAYS; termine
 * hidden by both usager and administration → the later hiding + PURGE_DAYS; termine only in the
 * corbeille → it stays until it expires (hidden at `expires_at`, purged PURGE_DAYS later), null
 * when it never expires.
 */
export function purgeDate(
  d: Pick<
    DossierFacts,
    'state' | 'hidden_by_user_at' | 'hidden_by_administration_at' | 'hidden_by_expired_at' | 'expires_at'
  >,
): Date | null {
  if (d.state === 'en_instruction') return null;
  const dates: Date[] = [];
  if (d.hidden_by_expired_at) dates.push(addDaysUTC(d.hidden_by_expired_at, PURGE_DAYS));
  const user = d.hidden_by_user_at;
  const admin = d.hidden_by_administration_at;
  if (user && (d.state === 'brouillon' || d.state === 'en_construction')) dates.push(addDaysUTC(user, PURGE_DAYS));
  if (user && admin && isTermineState(d.state))
    dates.push(addDaysUTC(user.getTime() > admin.getTime() ? user : admin, PURGE_DAYS));
  if (dates.length) return new Date(Math.min(...dates.map((x) => x.getTime())));
  if (admin && d.expires_at) return addDaysUTC(d.expires_at, PURGE_DAYS);
  return null;
}

/**
 * The procedure's retention was raised (docs/domain.md §5): the dossier's new expiry date, computed from
 * its base date as if no warning had been sent, when it is later than the current one; null when
 * nothing changes (a date never moves earlier, and a non-expiring state stays without a date).
 * A warned dossier whose date moves later is no longer « Expire bientôt »: its warning is cleared.
 */
export function expiryAfterRetentionRaise(
  d: Pick<
    DossierFacts,
    | 'state'
    | 'en_construction_at'
    | 'processed_at'
    | 'conservation_extension_months'
    | 'expiry_notice_sent_at'
    | 'expires_at'
  >,
  p: Pick<ProcedureFacts, 'retention_months' | 'expires_when_termine'>,
  opts?: { brouillonReference?: Date },
): Date | null {
  const candidate = computeExpiresAt({ ...d, expiry_notice_sent_at: null }, p, opts);
  if (!candidate) return null;
  if (d.expires_at && candidate.getTime() <= d.expires_at.getTime()) return null;
  return candidate;
}
