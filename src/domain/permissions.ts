/**
 * Who may do what — the ONLY source of access checks (routes, features, queries and the API all
 * call these). Pure functions over plain data loaded by the caller.
 *
 * Rule: a user without access to a dossier gets `not_found` (never reveal that it exists);
 * a user who can see the dossier but may not perform an action gets `forbidden`.
 */
import { ACTION_ACTORS, type ActorKind, type DossierAction, type DossierState } from './dossier-state.ts';
import { forbidden, notFound } from './errors.ts';

export interface Access {
  userId: string;
  /** Groups (groupes instructeurs) this user instructs, all procedures together. */
  instructorGroupIds: string[];
  /** Procedures this user administers. */
  adminProcedureIds: string[];
  /** Dossiers on which this user (as an expert) has a non-revoked avis. */
  expertAvisDossierIds?: string[];
  /** Optional groupId → procedureId map, to narrow `instructorGroupsFilter` to one procedure. */
  groupProcedureIds?: Record<string, string>;
}

export interface DossierRef {
  id: string;
  procedureId: string;
  groupeId: string;
  ownerId: string | null;
  coEditorIds?: string[];
  state: DossierState;
  /** Hiding (docs/domain.md §5): corbeille, deletion by the usager, expiry. */
  hidden_by_administration_at: Date | null;
  hidden_by_user_at: Date | null;
  hidden_by_expired_at: Date | null;
}

type HiddenRef = Pick<
  DossierRef,
  'state' | 'hidden_by_administration_at' | 'hidden_by_user_at' | 'hidden_by_expired_at'
>;

/**
 * Hidden from the administration (docs/domain.md §5): in the corbeille, expired, or deleted by the
 * usager before instruction (a termine dossier the usager deleted stays visible). A hidden dossier
 * cannot be opened, followed, annotated or acted on by instructors: only listed in the corbeille
 * and restored (`canRestore`).
 */
export function isHiddenFromInstructors(d: HiddenRef): boolean {
  return (
    d.hidden_by_administration_at !== null ||
    d.hidden_by_expired_at !== null ||
    (d.hidden_by_user_at !== null && (d.state === 'brouillon' || d.state === 'en_construction'))
  );
}

/** In the corbeille tab (docs/domain.md §3): put there by an instructor (termine), or expired. */
export function isInCorbeille(d: HiddenRef): boolean {
  if (d.state === 'brouillon') return false;
  if (d.hidden_by_user_at !== null && d.state === 'en_construction') return false;
  return d.hidden_by_expired_at !== null || d.hidden_by_administration_at !== null;
}

/** The only actions an instructor may perform on a dossier of the corbeille. */
export const CORBEILLE_ACTIONS: readonly DossierAction[] = ['restaurer', 'prolonger_conservation'];

/** Instructor of the dossier's group, dossier submitted and visible (not hidden: see `isHiddenFromInstructors`). */
export function canInstruct(a: Access, d: DossierRef): boolean {
  return d.state !== 'brouillon' && a.instructorGroupIds.includes(d.groupeId) && !isHiddenFromInstructors(d);
}

/** Instructor of the dossier's group, dossier in the corbeille: he may list it and restore it, nothing else. */
export function canRestore(a: Access, d: DossierRef): boolean {
  return a.instructorGroupIds.includes(d.groupeId) && isInCorbeille(d);
}

/** Owner or co-editor (invité) of the dossier. */
export function canReadAsUsager(a: Access, d: DossierRef): boolean {
  return (d.ownerId !== null && d.ownerId === a.userId) || (d.coEditorIds ?? []).includes(a.userId);
}

/** Expert with an avis on this dossier (submitted dossiers only). */
export function canReadAsExpert(a: Access, d: DossierRef): boolean {
  return d.state !== 'brouillon' && (a.expertAvisDossierIds ?? []).includes(d.id);
}

/** Any read access to the dossier page, whatever the role. */
export function canRead(a: Access, d: DossierRef): boolean {
  return canInstruct(a, d) || canReadAsUsager(a, d) || canReadAsExpert(a, d);
}

export function canAdministerProcedure(a: Access, procedureId: string): boolean {
  return a.adminProcedureIds.includes(procedureId);
}

/** The procedure's staff: one of its administrators, or an instructor of one of its groups
 *  (`procedureGroupIds`) — those who may file test dossiers while it is en test. */
export function isProcedureStaff(a: Access, procedureId: string, procedureGroupIds: readonly string[]): boolean {
  return canAdministerProcedure(a, procedureId) || procedureGroupIds.some((g) => a.instructorGroupIds.includes(g));
}

/** Private annotations: instructors of the dossier's group only (not experts, not usagers, not admins). */
export function canSeeAnnotations(a: Access, d: DossierRef): boolean {
  return canInstruct(a, d);
}

export interface MessagingFacts {
  archived: boolean;
  hidden_by_administration_at?: Date | null;
  hidden_by_expired_at?: Date | null;
  hidden_by_user_at?: Date | null;
  /** Procedure option `allow_expert_messaging` (default true). */
  allowExpertMessaging?: boolean;
}

export type Permission = { ok: true } | { ok: false; reason: string };

export const MESSAGING_ARCHIVED = 'La messagerie est désactivée pour les dossiers archivés';
export const MESSAGING_USAGER_DELETED =
  "Le compte de l'usager a été supprimé : la messagerie est désactivée pour ce dossier";

/** Posting in the messagerie. */
export function canMessage(a: Access, d: DossierRef, facts: MessagingFacts): Permission {
  const instructor = canInstruct(a, d);
  const usager = canReadAsUsager(a, d);
  const expert = canReadAsExpert(a, d);
  if (!instructor && !usager && !expert) return { ok: false, reason: "Vous n'avez pas accès à ce dossier" };
  if (d.state === 'brouillon') {
    return { ok: false, reason: 'La messagerie est disponible une fois le dossier déposé' };
  }
  if (facts.archived) return { ok: false, reason: MESSAGING_ARCHIVED };
  if (facts.hidden_by_administration_at || facts.hidden_by_expired_at || facts.hidden_by_user_at) {
    return { ok: false, reason: 'La messagerie est désactivée pour les dossiers supprimés' };
  }
  // a submitted dossier without owner: the usager deleted his account (nobody would read the answer)
  if (d.ownerId === null) return { ok: false, reason: MESSAGING_USAGER_DELETED };
  if (!instructor && !usager && expert && facts.allowExpertMessaging === false) {
    return { ok: false, reason: 'La messagerie est désactivée pour les experts sur cette démarche' };
  }
  return { ok: true };
}

/**
 * May this user perform `action` as `actor`? Combines ACTION_ACTORS with the role:
 * usager → owner or co-editor; instructeur → instructor of the dossier's group.
 * 'system' is never granted to a user (jobs call `decide` directly).
 * State guards are `decide`'s job, not this one's.
 */
export function canAct(a: Access, d: DossierRef, action: DossierAction, actor: ActorKind): boolean {
  if (!ACTION_ACTORS[action].includes(actor)) return false;
  if (actor === 'usager') return canReadAsUsager(a, d);
  if (actor === 'instructeur') {
    if (isHiddenFromInstructors(d)) return CORBEILLE_ACTIONS.includes(action) && canRestore(a, d);
    return canInstruct(a, d);
  }
  return false;
}

/**
 * Group ids to filter dossier lists (and bulk selections) with: `dossiers.groupe_id IN (…)`.
 * The same rule as `canInstruct` for mutations. With `procedureId` and a `groupProcedureIds`
 * map, only that procedure's groups; without the map, all the user's groups (the SQL must AND
 * `procedure_id = $1` anyway). Empty array = no access (the SQL must then return nothing).
 */
export function instructorGroupsFilter(a: Access, procedureId?: string): string[] {
  if (procedureId === undefined || !a.groupProcedureIds) return [...a.instructorGroupIds];
  const map = a.groupProcedureIds;
  return a.instructorGroupIds.filter((g) => map[g] === procedureId);
}

/** Throws not_found (no existence leak) unless the user instructs the dossier. */
export function assertInstruct(a: Access, d: DossierRef): void {
  if (!canInstruct(a, d)) throw notFound();
}

export function assertReadAsUsager(a: Access, d: DossierRef): void {
  if (!canReadAsUsager(a, d)) throw notFound();
}

export function assertReadAsExpert(a: Access, d: DossierRef): void {
  if (!canReadAsExpert(a, d)) throw notFound();
}

/** Administration pages of a procedure: not_found for non-administrators. */
export function assertAdminister(a: Access, procedureId: string): void {
  if (!canAdministerProcedure(a, procedureId)) throw notFound();
}

/**
 * not_found if the user cannot see the dossier at all; forbidden if he sees it but may not act
 * (an instructor sees a dossier of the corbeille in that tab: only restaurer / prolonger pass).
 */
export function assertAct(a: Access, d: DossierRef, action: DossierAction, actor: ActorKind): void {
  const inCorbeille = actor === 'instructeur' && canRestore(a, d);
  if (!canRead(a, d) && !inCorbeille) throw notFound();
  if (!canAct(a, d, action, actor)) throw forbidden();
}
