/**
 * Instructor notification badges — docs/domain.md §4.
 * Rows are per instructor; a row is only created for instructors whose preference wants it.
 */
import { addDaysUTC, WARNING_DAYS } from './retention.ts';

/** The ten kinds, in importance order (used to sort the list by notifications). */
export const NOTIFICATION_KINDS = [
  'dossier_depose',
  'dossier_expirant',
  'dossier_suppression',
  'dossier_modifie',
  'message',
  'annotation_instructeur',
  'avis_externe',
  'attente_correction',
  'attente_reponse',
  'attente_avis',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_LABELS: Record<NotificationKind, string> = {
  dossier_depose: 'Déposé depuis longtemps',
  dossier_expirant: 'Expire bientôt',
  dossier_suppression: 'Bientôt supprimé',
  dossier_modifie: 'Dossier modifié',
  message: 'Message',
  annotation_instructeur: 'Annotation privée',
  avis_externe: 'Avis externe',
  attente_correction: 'En attente de correction',
  attente_reponse: 'En attente de réponse',
  attente_avis: "En attente d'avis externe",
};

/** 0 = most important. */
export function notificationImportance(kind: NotificationKind): number {
  return NOTIFICATION_KINDS.indexOf(kind);
}

export const NOTIFICATION_PREFERENCES = ['all', 'followed', 'none'] as const;
/** all = every dossier of my groups; followed = only dossiers I follow; none. */
export type NotificationPreference = (typeof NOTIFICATION_PREFERENCES)[number];

/** Kinds whose preference an instructor may change (expirant and suppression are for everyone). */
export const CUSTOMISABLE: readonly NotificationKind[] = [
  'dossier_depose',
  'dossier_modifie',
  'message',
  'annotation_instructeur',
  'avis_externe',
  'attente_correction',
  'attente_reponse',
  'attente_avis',
];

export function isCustomisable(kind: NotificationKind): boolean {
  return CUSTOMISABLE.includes(kind);
}

export const DEFAULT_PREFERENCES: Record<NotificationKind, NotificationPreference> = {
  dossier_depose: 'all',
  dossier_expirant: 'all',
  dossier_suppression: 'all',
  dossier_modifie: 'followed',
  message: 'followed',
  annotation_instructeur: 'followed',
  avis_externe: 'followed',
  attente_correction: 'followed',
  attente_reponse: 'followed',
  attente_avis: 'followed',
};

/** Choices offered on the preferences page (dossier_depose: all|none; non-customisable: all only). */
export const ALLOWED_PREFERENCES: Record<NotificationKind, readonly NotificationPreference[]> = {
  dossier_depose: ['all', 'none'],
  dossier_expirant: ['all'],
  dossier_suppression: ['all'],
  dossier_modifie: NOTIFICATION_PREFERENCES,
  message: NOTIFICATION_PREFERENCES,
  annotation_instructeur: NOTIFICATION_PREFERENCES,
  avis_externe: NOTIFICATION_PREFERENCES,
  attente_correction: NOTIFICATION_PREFERENCES,
  attente_reponse: NOTIFICATION_PREFERENCES,
  attente_avis: NOTIFICATION_PREFERENCES,
};

/** Whether an instructor with this preference gets a row for a dossier he does / does not follow. */
export function wantsNotification(kind: NotificationKind, pref: NotificationPreference, follows: boolean): boolean {
  if (!isCustomisable(kind)) return true;
  if (pref === 'all') return true;
  if (pref === 'followed') return follows;
  return false;
}

/**
 * Instructors who get a row of this kind for a dossier: the dossier's group instructors,
 * minus `actorId` when given (pass it only when the author must be excluded), filtered by
 * preference (`all`, or `followed` and following). Non-customisable kinds go to the whole group.
 * Order follows `groupInstructorIds`, without duplicates.
 */
export function recipientsFor(
  kind: NotificationKind,
  ctx: {
    groupInstructorIds: string[];
    followerIds: string[];
    actorId?: string;
    prefs: (instructorId: string) => NotificationPreference;
  },
): string[] {
  const followers = new Set(ctx.followerIds);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const id of ctx.groupInstructorIds) {
    if (seen.has(id)) continue;
    seen.add(id);
    if (ctx.actorId !== undefined && id === ctx.actorId) continue;
    if (wantsNotification(kind, ctx.prefs(id), followers.has(id))) out.push(id);
  }
  return out;
}

/** Delay before a dossier_depose badge shows (nobody took the dossier within 7 days). */
export const DEPOSE_NOTIFICATION_DELAY_DAYS = 7;

/**
 * `display_at` of a new row: dossier_depose = depose_at + 7 days; dossier_expirant =
 * expires_at − 14 days; any other kind (or a missing date) = now.
 */
export function displayAt(
  kind: NotificationKind,
  ctx: { depose_at: Date | null; expires_at: Date | null; now: Date },
): Date {
  if (kind === 'dossier_depose' && ctx.depose_at) return addDaysUTC(ctx.depose_at, DEPOSE_NOTIFICATION_DELAY_DAYS);
  if (kind === 'dossier_expirant' && ctx.expires_at) return addDaysUTC(ctx.expires_at, -WARNING_DAYS);
  return ctx.now;
}

/**
 * "hidden" for the display rule = hidden by administration (corbeille) or by expiry.
 */
export function isHiddenForNotifications(d: {
  hidden_by_administration_at: Date | null;
  hidden_by_expired_at: Date | null;
}): boolean {
  return d.hidden_by_administration_at !== null || d.hidden_by_expired_at !== null;
}

/**
 * docs/domain.md §4 `to_display`: display_at ≤ now AND
 *   (not archived and not hidden) OR (archived, not hidden, kind dossier_expirant) OR (hidden, kind dossier_suppression).
 */
export function isDisplayed(
  kind: NotificationKind,
  row: { archived: boolean; hidden: boolean; displayAt: Date },
  now: Date,
): boolean {
  if (row.displayAt.getTime() > now.getTime()) return false;
  if (row.hidden) return kind === 'dossier_suppression';
  if (row.archived) return kind === 'dossier_expirant';
  return true;
}

export type DossierPageTab = 'demande' | 'annotations' | 'avis' | 'messagerie';

/** Which dossier-page tab clears this kind for the viewer when opened (null: not cleared by viewing). */
export function dossierTabOfNotification(kind: NotificationKind): DossierPageTab | null {
  switch (kind) {
    case 'dossier_modifie':
      return 'demande';
    case 'annotation_instructeur':
      return 'annotations';
    case 'avis_externe':
      return 'avis';
    case 'message':
      return 'messagerie';
    default:
      return null;
  }
}

/** Kinds cleared for the viewer when opening a dossier-page tab. */
export function notificationsClearedBy(tab: DossierPageTab): NotificationKind[] {
  return NOTIFICATION_KINDS.filter((k) => dossierTabOfNotification(k) === tab);
}

/** Per-tab dots on the dossier page are all off when the dossier is archived. */
export function showsDossierTabDots(d: { archived: boolean }): boolean {
  return !d.archived;
}

/**
 * Kinds cleared for the viewer when he opens a dossier-page tab: only the badges that tab shows
 * (docs/domain.md §4) — none on an archived or hidden dossier, whose tab dots are off (the badge
 * stays for when the dossier comes back).
 */
export function notificationsClearedOnOpen(
  tab: DossierPageTab,
  d: { archived: boolean; hidden: boolean },
  now: Date,
): NotificationKind[] {
  return notificationsClearedBy(tab).filter((k) =>
    isDisplayed(k, { archived: d.archived, hidden: d.hidden, displayAt: now }, now),
  );
}

/** The news kinds: something happened that the instructor has not seen yet. */
export const NEWS_KINDS = ['dossier_modifie', 'message', 'annotation_instructeur', 'avis_externe'] as const;
export type NewsKind = (typeof NEWS_KINDS)[number];

/**
 * The latest time something of each news kind happened on the dossier that is news for the
 * follower: a re-submission by the usager, a message by someone else (usager, expert, another
 * instructor; not the platform's, not deleted), a private annotation changed by another
 * instructor, an expert's answer. Null: nothing of that kind.
 */
export type DossierNews = Record<NewsKind, Date | null>;

/** When the follower last opened each tab (his previous follow), null: never. */
export type TabsSeen = Record<DossierPageTab, Date | null>;

/**
 * Badges a new follower gets (docs/domain.md §4): every kind that applies to the dossier for him
 * and that his preference `followed` wants (with `all` he already has the rows, with `none` never):
 * the « en attente » kinds that currently apply (`pending`), and each news kind whose latest event he
 * has not seen — after his last opening of its tab in a previous follow, or at all if he never
 * followed it.
 */
export function badgesOnFollow(input: {
  pending: NotificationKind[];
  news: DossierNews;
  seen: TabsSeen | null;
  prefs: (kind: NotificationKind) => NotificationPreference;
}): NotificationKind[] {
  const out = new Set<NotificationKind>();
  for (const k of input.pending) out.add(k);
  for (const k of NEWS_KINDS) {
    const at = input.news[k];
    if (!at) continue;
    const seen = input.seen?.[dossierTabOfNotification(k)!] ?? null;
    if (seen === null || at.getTime() > seen.getTime()) out.add(k);
  }
  return NOTIFICATION_KINDS.filter((k) => out.has(k) && input.prefs(k) === 'followed');
}
