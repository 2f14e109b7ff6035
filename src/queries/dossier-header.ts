// The dossier page's header (every tab of /instructeur/dossiers/:id, theirs and ours): the dossier,
// its procedure and group, my access to it, its labels, my badges and my follow — ONE statement.
// Tab pages add their own columns to the same statement (`extra`, see src/queries/dossier-page.ts)
// so that a tab costs one query whatever the number of fields, messages or files.
//
// Access: the statement also reads the facts the domain's permission functions need about this
// dossier (am I a member of its group, an administrator of its procedure, an expert with an avis on
// it, its co-editors); `canInstruct` decides, and a refusal is a 404 (no existence leak).
import { rendezVousLeftAfterDecision } from '../domain/rendez-vous.ts';
import { sql, type RawBuilder } from 'kysely';
import { PREPARED, type Executor } from '../platform/db/index.ts';
import {
  availableActions,
  dossierFactsOf,
  type DossierAction,
  type DossierFacts,
  type DossierState,
  type ProcedureFacts,
} from '../domain/dossier-state.ts';
import { notFound } from '../domain/errors.ts';
import {
  isDisplayed,
  isHiddenForNotifications,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from '../domain/notifications.ts';
import { canInstruct, type Access, type DossierRef } from '../domain/permissions.ts';
import type { AttestationTemplate } from '../platform/db/schema.ts';

export interface HeaderLabel {
  id: string;
  name: string;
  color: string;
  applied: boolean;
}

export interface HeaderFollow {
  createdAt: Date;
  demandeSeenAt: Date;
  annotationsSeenAt: Date;
  avisSeenAt: Date;
  messagerieSeenAt: Date;
}

/** What every tab of the instructor's dossier page shows above its content. */
export interface DossierHeader {
  id: string;
  procedureId: string;
  procedureTitle: string;
  revisionId: string;
  groupeId: string;
  groupeLabel: string;
  /** open groups of the procedure: « Réaffectation » is offered when > 1 */
  groupCount: number;
  /** procedures.rdv_enabled: the « Rendez-vous » tab */
  rdvEnabled: boolean;
  allowExpertMessaging: boolean;
  state: DossierState;
  lockVersion: number;
  facts: DossierFacts;
  procedure: ProcedureFacts;
  /** the permission reference of the dossier */
  ref: DossierRef;
  /** my access to this dossier (the facts about this dossier only) */
  access: Access;
  applicant: {
    userId: string | null;
    email: string;
    civilite: string | null;
    nom: string | null;
    prenom: string | null;
  };
  createdAt: Date;
  updatedAt: Date;
  lastChampUpdatedAt: Date | null;
  lastAnnotationUpdatedAt: Date | null;
  lastMessageAt: Date | null;
  archivedAt: Date | null;
  motivation: string | null;
  /** a test dossier, filed while the démarche was en test (docs/domain.md §1.1) */
  isTest: boolean;
  labels: HeaderLabel[];
  /** my badges on this dossier that are displayed now (docs/domain.md §4 display rule), importance order */
  notifications: NotificationKind[];
  /** my active follow, null when I do not follow the dossier */
  follow: HeaderFollow | null;
  attestationTemplate: AttestationTemplate | null;
  /** an activated attestation template: preview before accepting, attestation after */
  attestationActive: boolean;
  /** an activated refusal attestation template: preview before refusing, attestation after */
  refusalAttestationActive: boolean;
  hasAttestation: boolean;
  /** the state actions an instructor may take now (domain `availableActions`) */
  actions: DossierAction[];
  /** the time the header was read (display rules, warnings) */
  now: Date;
  /** a decided dossier's rendez-vous still to come (pointed out, with « Annuler le rendez-vous ») */
  rendezVousLeft: { id: string; startsAt: Date }[];
}

type Row = {
  id: string;
  procedure_id: string;
  revision_id: string;
  groupe_id: string;
  user_id: string | null;
  user_email: string;
  state: DossierState;
  civilite: string | null;
  nom: string | null;
  prenom: string | null;
  created_at: Date;
  updated_at: Date;
  depose_at: Date | null;
  en_construction_at: Date | null;
  en_instruction_at: Date | null;
  processed_at: Date | null;
  last_champ_updated_at: Date | null;
  last_annotation_updated_at: Date | null;
  last_message_at: Date | null;
  motivation: string | null;
  archived: boolean;
  archived_at: Date | null;
  hidden_by_user_at: Date | null;
  hidden_by_administration_at: Date | null;
  hidden_by_expired_at: Date | null;
  expires_at: Date | null;
  expiry_notice_sent_at: Date | null;
  conservation_extension_months: number;
  declarative_triggered_at: Date | null;
  pending_correction: boolean;
  lock_version: number;
  is_test: boolean;
  procedure_title: string;
  procedure_state: ProcedureFacts['state'];
  declarative: ProcedureFacts['declarative'];
  sva_svr: ProcedureFacts['sva_svr'];
  retention_months: number;
  expires_when_termine: boolean;
  rdv_enabled: boolean;
  allow_expert_messaging: boolean;
  attestation_template: AttestationTemplate | null;
  refusal_activated: boolean | null;
  groupe_label: string;
  groupe_count: number;
  is_member: boolean;
  is_admin: boolean;
  is_expert: boolean;
  co_editor_ids: string[];
  labels: HeaderLabel[];
  notifications: { kind: string; display_at: string }[];
  follow: {
    created_at: string;
    demande_seen_at: string;
    annotations_seen_at: string;
    avis_seen_at: string;
    messagerie_seen_at: string;
  } | null;
  has_attestation: boolean;
  rendez_vous: { id: string; starts_at: string }[];
};

/** A dossier number from a URL, or null (then: 404). */
export function dossierIdParam(raw: string | undefined): string | null {
  return raw && /^[0-9]{1,18}$/.test(raw) ? raw : null;
}

/** The header statement's select list (`d` the dossier, `p` the procedure, `g` the group). */
function headerSelect(userId: string, extra: RawBuilder<unknown>[]) {
  const extras = extra.length ? sql`, ${sql.join(extra, sql`, `)}` : sql``;
  return sql`
    SELECT d.id::text AS id, d.procedure_id::text AS procedure_id, d.revision_id::text AS revision_id, d.groupe_id::text AS groupe_id,
      d.user_id::text AS user_id, d.user_email, d.state, d.civilite, d.nom, d.prenom, d.created_at, d.updated_at, d.depose_at,
      d.en_construction_at, d.en_instruction_at, d.processed_at, d.last_champ_updated_at, d.last_annotation_updated_at,
      d.last_message_at, d.motivation, d.archived, d.archived_at, d.hidden_by_user_at, d.hidden_by_administration_at,
      d.hidden_by_expired_at, d.expires_at, d.expiry_notice_sent_at, d.conservation_extension_months, d.declarative_triggered_at,
      d.pending_correction, d.lock_version, d.is_test,
      p.title AS procedure_title, p.state AS procedure_state, p.declarative, p.sva_svr, p.retention_months, p.expires_when_termine,
      p.rdv_enabled, p.allow_expert_messaging, p.attestation_template,
      (p.refusal_attestation_template->>'activated')::boolean AS refusal_activated,
      g.label AS groupe_label,
      (SELECT count(*)::int FROM groupes_instructeurs g2 WHERE g2.procedure_id = d.procedure_id AND NOT g2.closed) AS groupe_count,
      EXISTS (SELECT 1 FROM groupe_members gm WHERE gm.groupe_id = d.groupe_id AND gm.user_id = ${userId}::bigint) AS is_member,
      EXISTS (SELECT 1 FROM procedure_administrateurs pa WHERE pa.procedure_id = d.procedure_id AND pa.user_id = ${userId}::bigint) AS is_admin,
      EXISTS (SELECT 1 FROM avis av WHERE av.dossier_id = d.id AND av.expert_id = ${userId}::bigint AND av.revoked_at IS NULL) AS is_expert,
      ARRAY(SELECT ce.user_id::text FROM dossier_co_editors ce WHERE ce.dossier_id = d.id ORDER BY ce.user_id) AS co_editor_ids,
      (SELECT coalesce(json_agg(json_build_object('id', l.id::text, 'name', l.name, 'color', l.color, 'applied', dl.label_id IS NOT NULL)
                                ORDER BY l.position, l.id), '[]'::json)
         FROM labels l LEFT JOIN dossier_labels dl ON dl.label_id = l.id AND dl.dossier_id = d.id
        WHERE l.procedure_id = d.procedure_id) AS labels,
      (SELECT coalesce(json_agg(json_build_object('kind', n.kind, 'display_at', n.display_at)), '[]'::json)
         FROM notifications n WHERE n.dossier_id = d.id AND n.user_id = ${userId}::bigint) AS notifications,
      (SELECT json_build_object('created_at', f.created_at, 'demande_seen_at', f.demande_seen_at, 'annotations_seen_at', f.annotations_seen_at,
                                'avis_seen_at', f.avis_seen_at, 'messagerie_seen_at', f.messagerie_seen_at)
         FROM follows f WHERE f.dossier_id = d.id AND f.user_id = ${userId}::bigint AND f.unfollowed_at IS NULL) AS follow,
      EXISTS (SELECT 1 FROM attestations att WHERE att.dossier_id = d.id) AS has_attestation,
      (SELECT coalesce(json_agg(json_build_object('id', r.id::text, 'starts_at', r.starts_at) ORDER BY r.starts_at), '[]'::json)
         FROM rendez_vous r WHERE r.dossier_id = d.id AND r.cancelled_at IS NULL) AS rendez_vous
      ${extras}`;
}

/**
 * `selectHeaderRow` for many dossiers in one statement (the zip export's PDFs, read by batches);
 * the rows in no particular order, missing dossiers left out.
 */
export async function selectHeaderRows<X extends object = Record<string, never>>(
  ex: Executor,
  dossierIds: readonly string[],
  userId: string,
  extra: RawBuilder<unknown>[] = [],
): Promise<(Row & X)[]> {
  const ids = dossierIds.filter((id) => dossierIdParam(id));
  if (ids.length === 0) return [];
  const r = await sql<Row & X>`
    ${headerSelect(userId, extra)}
    FROM dossiers d
    JOIN procedures p ON p.id = d.procedure_id
    JOIN groupes_instructeurs g ON g.id = d.groupe_id
    WHERE d.id = ANY(${ids}::bigint[])`.execute(ex);
  return r.rows;
}

/**
 * The header statement plus `extra` columns (each `sql\`… AS name\``, may use the alias `d` for the
 * dossier and `p` for the procedure). Returns the raw row, or undefined when the dossier does not
 * exist. Exported for the tab queries of src/queries/dossier-page.ts.
 */
export async function selectHeaderRow<X extends object = Record<string, never>>(
  ex: Executor,
  dossierId: string,
  userId: string,
  extra: RawBuilder<unknown>[] = [],
): Promise<(Row & X) | undefined> {
  if (!dossierIdParam(dossierId)) return undefined;
  // prepared: every tab of every dossier page runs it (one text per tab's extra columns)
  const r = await sql<Row & X>`${PREPARED}
    ${headerSelect(userId, extra)}
    FROM dossiers d
    JOIN procedures p ON p.id = d.procedure_id
    JOIN groupes_instructeurs g ON g.id = d.groupe_id
    WHERE d.id = ${dossierId}::bigint`.execute(ex);
  return r.rows[0];
}

function date(v: string | Date | null | undefined): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(v);
}

/** Builds the header from a row of `selectHeaderRow` (no access check). */
export function headerFromRow(row: Row, userId: string, now: Date): DossierHeader {
  const facts: DossierFacts = dossierFactsOf(row);
  const procedure: ProcedureFacts = {
    state: row.procedure_state,
    declarative: row.declarative,
    sva_svr: row.sva_svr,
    retention_months: row.retention_months,
    expires_when_termine: row.expires_when_termine,
  };
  const ref: DossierRef = {
    id: row.id,
    procedureId: row.procedure_id,
    groupeId: row.groupe_id,
    ownerId: row.user_id,
    coEditorIds: row.co_editor_ids ?? [],
    state: row.state,
    hidden_by_administration_at: facts.hidden_by_administration_at,
    hidden_by_user_at: facts.hidden_by_user_at,
    hidden_by_expired_at: facts.hidden_by_expired_at,
  };
  const access: Access = {
    userId,
    instructorGroupIds: row.is_member ? [row.groupe_id] : [],
    adminProcedureIds: row.is_admin ? [row.procedure_id] : [],
    expertAvisDossierIds: row.is_expert ? [row.id] : [],
  };
  const hidden = isHiddenForNotifications(facts);
  const kinds = new Set(
    (row.notifications ?? [])
      .filter((n) => (NOTIFICATION_KINDS as readonly string[]).includes(n.kind))
      .filter((n) =>
        isDisplayed(
          n.kind as NotificationKind,
          { archived: row.archived, hidden, displayAt: new Date(n.display_at) },
          now,
        ),
      )
      .map((n) => n.kind as NotificationKind),
  );
  const template =
    row.attestation_template && typeof row.attestation_template === 'object' ? row.attestation_template : null;
  return {
    id: row.id,
    procedureId: row.procedure_id,
    procedureTitle: row.procedure_title,
    revisionId: row.revision_id,
    groupeId: row.groupe_id,
    groupeLabel: row.groupe_label,
    groupCount: Number(row.groupe_count),
    rdvEnabled: row.rdv_enabled,
    allowExpertMessaging: row.allow_expert_messaging,
    state: row.state,
    lockVersion: row.lock_version,
    facts,
    procedure,
    ref,
    access,
    applicant: { userId: row.user_id, email: row.user_email, civilite: row.civilite, nom: row.nom, prenom: row.prenom },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastChampUpdatedAt: row.last_champ_updated_at,
    lastAnnotationUpdatedAt: row.last_annotation_updated_at,
    lastMessageAt: row.last_message_at,
    archivedAt: row.archived_at,
    motivation: row.motivation,
    isTest: row.is_test,
    labels: row.labels ?? [],
    notifications: NOTIFICATION_KINDS.filter((k) => kinds.has(k)),
    follow: row.follow
      ? {
          createdAt: date(row.follow.created_at)!,
          demandeSeenAt: date(row.follow.demande_seen_at)!,
          annotationsSeenAt: date(row.follow.annotations_seen_at)!,
          avisSeenAt: date(row.follow.avis_seen_at)!,
          messagerieSeenAt: date(row.follow.messagerie_seen_at)!,
        }
      : null,
    attestationTemplate: template,
    attestationActive: !!template?.activated,
    refusalAttestationActive: !!row.refusal_activated,
    hasAttestation: row.has_attestation,
    actions: availableActions({ dossier: facts, procedure, actor: 'instructeur', now }),
    now,
    rendezVousLeft: rendezVousLeftAfterDecision(
      row.state,
      (row.rendez_vous ?? []).map((r) => ({ id: r.id, startsAt: new Date(r.starts_at), cancelledAt: null })),
      now,
    ).map((r) => ({ id: r.id, startsAt: r.startsAt })),
  };
}

/**
 * The header of the instructor's dossier page. `access` is the viewer (its userId is what counts:
 * the facts about this dossier are read by the same statement). Throws not_found (→ 404) when the
 * dossier does not exist or when the domain says the viewer does not instruct it.
 */
export async function loadDossierHeader(
  ex: Executor,
  dossierId: string,
  access: Pick<Access, 'userId'>,
  opts: { now?: Date } = {},
): Promise<DossierHeader> {
  const row = await selectHeaderRow(ex, dossierId, access.userId);
  if (!row) throw notFound('Dossier introuvable.');
  const header = headerFromRow(row, access.userId, opts.now ?? new Date());
  if (!canInstruct(header.access, header.ref)) throw notFound('Dossier introuvable.');
  return header;
}

export interface DossierAccessFacts {
  ref: DossierRef;
  access: Access;
  facts: Pick<
    DossierFacts,
    | 'state'
    | 'archived'
    | 'hidden_by_administration_at'
    | 'hidden_by_user_at'
    | 'hidden_by_expired_at'
    | 'pending_correction'
  >;
  lockVersion: number;
  procedureId: string;
  allowExpertMessaging: boolean;
}

/**
 * The facts the domain's permission functions need about ONE dossier for one user, in one
 * statement (commands on hot paths use it instead of loading all the user's groups). Null when the
 * dossier does not exist.
 */
export async function loadDossierAccess(
  ex: Executor,
  dossierId: string,
  userId: string,
): Promise<DossierAccessFacts | null> {
  if (!dossierIdParam(dossierId)) return null;
  const r = await sql<{
    id: string;
    procedure_id: string;
    groupe_id: string;
    user_id: string | null;
    state: DossierState;
    archived: boolean;
    hidden_by_administration_at: Date | null;
    hidden_by_user_at: Date | null;
    hidden_by_expired_at: Date | null;
    pending_correction: boolean;
    lock_version: number;
    allow_expert_messaging: boolean;
    is_member: boolean;
    is_expert: boolean;
    co_editor_ids: string[];
  }>`${PREPARED}
    SELECT d.id::text AS id, d.procedure_id::text AS procedure_id, d.groupe_id::text AS groupe_id, d.user_id::text AS user_id, d.state,
      d.archived, d.hidden_by_administration_at, d.hidden_by_user_at, d.hidden_by_expired_at, d.pending_correction, d.lock_version,
      p.allow_expert_messaging,
      EXISTS (SELECT 1 FROM groupe_members gm WHERE gm.groupe_id = d.groupe_id AND gm.user_id = ${userId}::bigint) AS is_member,
      EXISTS (SELECT 1 FROM avis av WHERE av.dossier_id = d.id AND av.expert_id = ${userId}::bigint AND av.revoked_at IS NULL) AS is_expert,
      ARRAY(SELECT ce.user_id::text FROM dossier_co_editors ce WHERE ce.dossier_id = d.id) AS co_editor_ids
    FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
    WHERE d.id = ${dossierId}::bigint`.execute(ex);
  const row = r.rows[0];
  if (!row) return null;
  return {
    ref: {
      id: row.id,
      procedureId: row.procedure_id,
      groupeId: row.groupe_id,
      ownerId: row.user_id,
      coEditorIds: row.co_editor_ids,
      state: row.state,
      hidden_by_administration_at: row.hidden_by_administration_at,
      hidden_by_user_at: row.hidden_by_user_at,
      hidden_by_expired_at: row.hidden_by_expired_at,
    },
    access: {
      userId,
      instructorGroupIds: row.is_member ? [row.groupe_id] : [],
      adminProcedureIds: [],
      expertAvisDossierIds: row.is_expert ? [row.id] : [],
    },
    facts: {
      state: row.state,
      archived: row.archived,
      hidden_by_administration_at: row.hidden_by_administration_at,
      hidden_by_user_at: row.hidden_by_user_at,
      hidden_by_expired_at: row.hidden_by_expired_at,
      pending_correction: row.pending_correction,
    },
    lockVersion: row.lock_version,
    procedureId: row.procedure_id,
    allowExpertMessaging: row.allow_expert_messaging,
  };
}
