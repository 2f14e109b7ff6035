/**
 * Instructors' e-mail preferences per procedure and the daily / weekly recaps — docs/domain.md §4.6.
 */

/** The five choices of « Gestion des notifications par e-mail », in the page's order. */
export const EMAIL_KINDS = [
  'instant_email_new_dossier',
  'instant_email_new_message',
  'daily_email_summary',
  'weekly_email_summary',
  'instant_email_new_expert_avis',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const EMAIL_KIND_LABELS: Record<EmailKind, { label: string; hint: string }> = {
  instant_email_new_dossier: {
    label: 'Notification à chaque dossier déposé',
    hint: 'Un e-mail vous signale le dépôt de chaque nouveau dossier sur la démarche.',
  },
  instant_email_new_message: {
    label: 'Notification à chaque message déposé',
    hint: 'Un e-mail vous signale chaque message déposé par un usager sur vos dossiers suivis.',
  },
  daily_email_summary: {
    label: 'Notification quotidienne',
    hint: 'Un récapitulatif des dossiers à instruire, du lundi au samedi vers 10 h, quand il y a du nouveau.',
  },
  weekly_email_summary: {
    label: 'Notification hebdomadaire',
    hint: "Le bilan de l'activité de la semaine sur la démarche, le lundi matin.",
  },
  instant_email_new_expert_avis: {
    label: "Notification d'un avis rendu par un expert",
    hint: 'Un e-mail vous signale chaque avis rendu par un expert sur vos dossiers suivis.',
  },
};

/** Every choice is off until the instructor turns it on. */
export const DEFAULT_EMAIL_PREFERENCES: Record<EmailKind, boolean> = {
  instant_email_new_dossier: false,
  instant_email_new_message: false,
  daily_email_summary: false,
  weekly_email_summary: false,
  instant_email_new_expert_avis: false,
};

/** The stored JSON read with the defaults (unknown keys, such as the retention digests', are kept apart). */
export function emailPreferences(stored: unknown): Record<EmailKind, boolean> {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const out = { ...DEFAULT_EMAIL_PREFERENCES };
  for (const k of EMAIL_KINDS) if (typeof s[k] === 'boolean') out[k] = s[k] as boolean;
  return out;
}

/** No instructor e-mail about a declarative procedure: its dossiers are decided without instruction. */
export function sendsInstructorEmails(p: { declarative: string | null }): boolean {
  return p.declarative === null;
}

export const RECAP_KINDS = ['daily', 'weekly'] as const;
export type RecapKind = (typeof RECAP_KINDS)[number];

export const RECAP_PREFERENCE: Record<RecapKind, EmailKind> = {
  daily: 'daily_email_summary',
  weekly: 'weekly_email_summary',
};

/** The schedules, in Europe/Paris time: the daily recap Monday to Saturday at 10:00, the weekly one Monday at 07:00. */
export const RECAP_CRON: Record<RecapKind, string> = { daily: '0 10 * * 1-6', weekly: '0 7 * * 1' };

export const RECAP_TIME_ZONE = 'Europe/Paris';

/** The calendar day and weekday (0 = Sunday) of an instant in Paris. */
export function parisDay(now: Date): { day: string; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: RECAP_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { day: `${get('year')}-${get('month')}-${get('day')}`, weekday };
}

/** Whether a recap of this kind goes out on that Paris weekday (daily: Monday–Saturday; weekly: Monday). */
export function isRecapDay(kind: RecapKind, weekday: number): boolean {
  return kind === 'daily' ? weekday >= 1 && weekday <= 6 : weekday === 1;
}

/**
 * A recap prepared for `day` is sent only on that very Paris day: a worker that was down when it was
 * due never sends yesterday's recap late.
 */
export function recapStillDue(kind: RecapKind, day: string, now: Date): boolean {
  const today = parisDay(now);
  return today.day === day && isRecapDay(kind, today.weekday);
}

export interface RecapProcedure {
  counts: { aSuivre: number; suivis: number; traites: number; total: number };
  badges: { kind: string; count: number }[];
}

/**
 * The daily recap is sent only when something is new: a badge (notification) of the instructor on one
 * of the procedures; the weekly one when one of its procedures holds a dossier.
 */
export function recapWorthSending(kind: RecapKind, procedures: RecapProcedure[]): boolean {
  if (kind === 'daily') return procedures.some((p) => p.badges.some((b) => b.count > 0));
  return procedures.some((p) => p.counts.total > 0);
}
