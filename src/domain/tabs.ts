/**
 * Instructor work-list tabs — docs/domain.md §3.
 *
 * `tabsOf` is the SPECIFICATION of the tab filters: the SQL in src/queries (list and tab counts)
 * must select exactly the dossiers for which `tabsOf(...)` contains the tab. Integration tests
 * compare both. The group scope (dossier in one of my groups of this procedure) is applied before
 * and is not repeated here.
 */
import { isTermine, type DossierFacts, type ProcedureFacts } from './dossier-state.ts';
import type { NotificationKind } from './notifications.ts';
import { addDaysUTC, WARNING_DAYS } from './retention.ts';

export const TABS = ['a-suivre', 'suivis', 'traites', 'tous', 'expirant', 'archives', 'supprimes'] as const;
/** URL `statut` value. */
export type Tab = (typeof TABS)[number];

export const TAB_LABELS: Record<Tab, string> = {
  'a-suivre': 'à suivre',
  suivis: 'suivis par moi',
  traites: 'traités',
  tous: 'au total',
  expirant: 'expirants',
  archives: 'à archiver',
  supprimes: 'corbeille',
};

export const DEFAULT_TAB: Tab = 'a-suivre';

export function isTab(s: string): s is Tab {
  return (TABS as readonly string[]).includes(s);
}

/** "News" notification kinds: a red dot on a tab when one exists on a dossier of that tab. */
export const NEWS_NOTIFICATIONS = [
  'dossier_modifie',
  'message',
  'annotation_instructeur',
  'avis_externe',
] as const satisfies readonly NotificationKind[];
/** Tabs that can show the news dot. */
export const NEWS_TABS: readonly Tab[] = ['a-suivre', 'suivis', 'traites'];

/** The `expirant` tab exists only when termine dossiers of the procedure expire. */
export function visibleTabs(p: Pick<ProcedureFacts, 'expires_when_termine'>): Tab[] {
  return TABS.filter((t) => t !== 'expirant' || p.expires_when_termine);
}

type TabFacts = Pick<
  DossierFacts,
  'state' | 'archived' | 'hidden_by_administration_at' | 'hidden_by_user_at' | 'hidden_by_expired_at' | 'expires_at'
>;

/**
 * "Visible by administration":
 *   state ≠ brouillon
 *   AND hidden_by_administration_at IS NULL
 *   AND hidden_by_expired_at IS NULL
 *   AND (hidden_by_user_at IS NULL OR state ≠ en_construction)
 * (A termine dossier deleted by the usager stays visible; an en_construction one disappears.)
 */
export function isVisibleByAdministration(d: TabFacts): boolean {
  return (
    d.state !== 'brouillon' &&
    d.hidden_by_administration_at === null &&
    d.hidden_by_expired_at === null &&
    (d.hidden_by_user_at === null || d.state !== 'en_construction')
  );
}

/** "En cours": NOT archived AND state ∈ {en_construction, en_instruction}. */
export function isEnCours(d: Pick<DossierFacts, 'state' | 'archived'>): boolean {
  return !d.archived && (d.state === 'en_construction' || d.state === 'en_instruction');
}

/**
 * Tabs (in TABS order) the dossier appears in for instructor `me`.
 * `followers` = ids of instructors ACTIVELY following (unfollowed rows excluded).
 */
export function tabsOf(
  d: DossierFacts & { followers: string[] },
  me: string,
  now: Date,
  p: Pick<ProcedureFacts, 'expires_when_termine'>,
): Tab[] {
  const visible = isVisibleByAdministration(d);
  const enCours = isEnCours(d);
  const tabs: Tab[] = [];

  // a-suivre: visible AND en cours AND no active follower at all (not "not followed by me").
  if (visible && enCours && d.followers.length === 0) tabs.push('a-suivre');

  // suivis: visible AND en cours AND followed by me.
  if (visible && enCours && d.followers.includes(me)) tabs.push('suivis');

  // traites: visible AND NOT archived AND state termine.
  if (visible && !d.archived && isTermine(d.state)) tabs.push('traites');

  // tous: visible AND NOT archived (visible already excludes brouillon).
  if (visible && !d.archived) tabs.push('tous');

  // expirant: visible AND expires_at ≤ now + 14 days AND
  //   (state = en_construction OR (state termine AND procedure.expires_when_termine)).
  //   Archived dossiers are NOT excluded. (en_instruction has expires_at NULL anyway.)
  if (
    visible &&
    d.expires_at !== null &&
    d.expires_at.getTime() <= addDaysUTC(now, WARNING_DAYS).getTime() &&
    (d.state === 'en_construction' || (isTermine(d.state) && p.expires_when_termine))
  ) {
    tabs.push('expirant');
  }

  // archives ("à archiver"): visible AND archived (any state).
  if (visible && d.archived) tabs.push('archives');

  // supprimes ("corbeille"): state ≠ brouillon AND
  //   ((hidden_by_administration_at IS NOT NULL AND state termine) OR hidden_by_expired_at IS NOT NULL).
  if (
    d.state !== 'brouillon' &&
    ((d.hidden_by_administration_at !== null && isTermine(d.state)) || d.hidden_by_expired_at !== null)
  ) {
    tabs.push('supprimes');
  }

  return tabs;
}
