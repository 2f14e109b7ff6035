/**
 * Moving a dossier to another group of its procedure (« Réaffectation », docs/domain.md §10) and
 * handing it to a colleague (« Envoyer à un instructeur »). Pure rules: which groups are offered,
 * when a move is refused, who stops following, how badge rows move from the instructors who lose
 * the dossier to those who gain it (docs/domain.md §4).
 */
import type { DossierState } from './dossier-state.ts';
import { wantsNotification, type NotificationKind, type NotificationPreference } from './notifications.ts';

export interface GroupOption {
  id: string;
  label: string;
  closed: boolean;
}

/** The groups a dossier may be moved to: every group of the procedure but its current one, closed ones included (docs/domain.md §10). */
export function reassignmentTargets(groups: GroupOption[], currentGroupeId: string): GroupOption[] {
  return groups.filter((g) => g.id !== currentGroupeId);
}

/** Routing is on (and the « Réaffectation » tab shown) when the procedure has more than one open group. */
export function routingEnabled(groups: GroupOption[]): boolean {
  return groups.filter((g) => !g.closed).length > 1;
}

export interface ReassignmentFacts {
  state: DossierState;
  hidden_by_administration_at: Date | null;
  hidden_by_user_at: Date | null;
  hidden_by_expired_at: Date | null;
}

/**
 * Why the dossier cannot be moved now, independently of the target (null: it can). A traité
 * dossier may be moved too (docs/domain.md §10); a hidden one is not instructed at all.
 */
export function reassignmentRefusal(d: ReassignmentFacts, groups: GroupOption[]): string | null {
  if (!routingEnabled(groups))
    return "Cette démarche n'a qu'un seul groupe d'instructeurs : le dossier ne peut pas être réaffecté.";
  if (d.state === 'brouillon') return "Ce dossier n'a pas encore été déposé.";
  if (d.hidden_by_administration_at || d.hidden_by_expired_at || d.hidden_by_user_at)
    return 'Un dossier supprimé ne peut pas être réaffecté.';
  return null;
}

/** Why the dossier cannot be moved to `targetGroupeId` (null: it can). */
export function reassignmentTargetRefusal(
  d: ReassignmentFacts,
  groups: GroupOption[],
  currentGroupeId: string,
  targetGroupeId: string,
): string | null {
  const general = reassignmentRefusal(d, groups);
  if (general) return general;
  if (targetGroupeId === currentGroupeId) return 'Le dossier est déjà dans ce groupe.';
  if (!reassignmentTargets(groups, currentGroupeId).some((g) => g.id === targetGroupeId))
    return "Choisissez l'un des groupes d'instructeurs de la démarche.";
  return null;
}

/** Followers who are not members of the new group stop following (in follower order). */
export function followersToRemove(followerIds: string[], newGroupMemberIds: string[]): string[] {
  const members = new Set(newGroupMemberIds);
  return followerIds.filter((id) => !members.has(id));
}

/** Kinds only the rows know (their dates come from jobs and deposit): carried over as they are. */
const ROW_CARRIED_KINDS: readonly NotificationKind[] = ['dossier_depose', 'dossier_expirant', 'dossier_suppression'];

export interface BadgeRow {
  userId: string;
  kind: NotificationKind;
  displayAt: Date;
}

/**
 * Badges move with the dossier: instructors of the old group who are not in the new one lose every
 * row on it; instructors of the new group who were not in the old one get the kinds that apply to
 * the dossier from its state (`applying`: « en attente », news nobody of them has seen), plus the
 * platform's kinds present on its rows (déposé depuis longtemps, expire bientôt, bientôt supprimé;
 * earliest display date), when their preference wants it (non-customisable kinds always).
 * Instructors in both groups keep theirs.
 */
export function badgeTransfers(input: {
  rows: BadgeRow[];
  /** kinds that apply from the dossier's state, with their display date (docs/domain.md §4) */
  applying?: { kind: NotificationKind; displayAt: Date }[];
  oldMemberIds: string[];
  newMemberIds: string[];
  /** active followers after the move */
  followerIds: string[];
  prefs: (userId: string, kind: NotificationKind) => NotificationPreference;
}): { deleteFor: string[]; create: BadgeRow[] } {
  const newSet = new Set(input.newMemberIds);
  const oldSet = new Set(input.oldMemberIds);
  const deleteFor = [...new Set(input.oldMemberIds.filter((id) => !newSet.has(id)))];
  const added = [...new Set(input.newMemberIds.filter((id) => !oldSet.has(id)))];
  const kinds = new Map<NotificationKind, Date>();
  const fromRows = input.applying ? (k: NotificationKind) => ROW_CARRIED_KINDS.includes(k) : () => true;
  for (const r of [...input.rows.filter((x) => fromRows(x.kind)), ...(input.applying ?? [])]) {
    const prev = kinds.get(r.kind);
    if (!prev || r.displayAt.getTime() < prev.getTime()) kinds.set(r.kind, r.displayAt);
  }
  const followers = new Set(input.followerIds);
  const create: BadgeRow[] = [];
  for (const userId of added) {
    for (const [kind, displayAt] of kinds) {
      if (wantsNotification(kind, input.prefs(userId, kind), followers.has(userId)))
        create.push({ userId, kind, displayAt });
    }
  }
  return { deleteFor, create };
}

/** Why the dossier cannot be sent to these colleagues (null: it can). */
export function sendToRefusal(input: {
  actorId: string;
  targetIds: string[];
  groupMemberIds: string[];
}): string | null {
  if (input.targetIds.length === 0) return 'Choisissez au moins un instructeur.';
  if (input.targetIds.includes(input.actorId))
    return 'Vous ne pouvez pas vous envoyer le dossier : choisissez un collègue.';
  const members = new Set(input.groupMemberIds);
  if (input.targetIds.some((id) => !members.has(id)))
    return "Le dossier ne peut être envoyé qu'à un instructeur de son groupe.";
  return null;
}
