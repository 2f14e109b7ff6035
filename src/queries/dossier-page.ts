// The tabs of the instructor's dossier page, and the usager's dossier page: each is ONE statement
// (the header of src/queries/dossier-header.ts plus the tab's columns as JSON aggregates), so a page
// costs the same number of queries whatever the number of fields, messages, files or events.
import type { GroupeContact } from '../domain/groupe-management.ts';
import { groupeContactOf } from './groupe-contact.ts';
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import { DOSSIER_EVENT_TYPES, type DossierState } from '../domain/dossier-state.ts';
import { notFound } from '../domain/errors.ts';
import type { FileOriginKind } from '../domain/files.ts';
import type { ChampsMap, FieldDef } from '../domain/fields/types.ts';
import type { MessageAuthorKind } from '../domain/messages.ts';
import { canInstruct, canReadAsUsager, type Access, type DossierRef } from '../domain/permissions.ts';
import { headerFromRow, selectHeaderRow, type DossierHeader } from './dossier-header.ts';

export interface HistoryEntry {
  id: string;
  type: string;
  actorEmail: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}

export interface FileItem {
  id: string;
  origin: FileOriginKind;
  originRef: string | null;
  name: string;
  contentType: string;
  size: number;
  createdAt: Date;
}

export interface MessageItem {
  id: string;
  authorKind: MessageAuthorKind;
  authorId: string | null;
  authorEmail: string;
  body: string;
  awaitingResponse: boolean;
  respondedAt: Date | null;
  createdAt: Date;
  seenByRecipientAt: Date | null;
  discardedAt: Date | null;
  files: FileItem[];
  correction: { id: string; reason: 'incorrect' | 'incomplete' | 'outdated'; resolvedAt: Date | null } | null;
}

export interface AvisItem {
  id: string;
  expertEmail: string;
  claimantEmail: string | null;
  introduction: string;
  questionLabel: string | null;
  questionAnswer: boolean | null;
  answer: string | null;
  confidentiel: boolean;
  createdAt: Date;
  answeredAt: Date | null;
  revokedAt: Date | null;
  files: FileItem[];
}

const d = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

const FILE_JSON = sql`json_build_object('id', f.id, 'origin', f.origin, 'origin_ref', f.origin_ref, 'name', f.name,
  'content_type', f.content_type, 'size', f.size, 'created_at', f.created_at)`;

type RawFile = {
  id: string;
  origin: FileOriginKind;
  origin_ref: string | null;
  name: string;
  content_type: string;
  size: number | string;
  created_at: string;
};
function fileItem(f: RawFile): FileItem {
  return {
    id: f.id,
    origin: f.origin,
    originRef: f.origin_ref,
    name: f.name,
    contentType: f.content_type,
    size: Number(f.size),
    createdAt: new Date(f.created_at),
  };
}

// -- column fragments (alias d = dossier) -------------------------------------------------------

export const REVISION_FIELDS = sql`(SELECT r.fields FROM procedure_revisions r WHERE r.id = d.revision_id) AS revision_fields`;
const REVISION_ANNOTATIONS = sql`(SELECT r.annotations FROM procedure_revisions r WHERE r.id = d.revision_id) AS revision_annotations`;
export const CHAMPS = sql`d.champs AS champs`;
const ANNOTATIONS = sql`d.annotations AS annotation_values`;
const HISTORY = sql`(SELECT coalesce(json_agg(json_build_object('id', e.id::text, 'type', e.type, 'actor_email', e.actor_email, 'data', e.data,
    'created_at', e.created_at) ORDER BY e.id), '[]'::json)
  FROM dossier_events e WHERE e.dossier_id = d.id AND e.type = ANY(${[...DOSSIER_EVENT_TYPES]}::text[])) AS history`;
const FILES = sql`(SELECT coalesce(json_agg(${FILE_JSON} ORDER BY f.created_at DESC, f.id), '[]'::json)
  FROM files f WHERE f.dossier_id = d.id AND f.origin <> 'export') AS files`;
/** The dossier's messages as one JSON array (newest first), for a statement's select list. */
export const messagesSubquery = (
  includeFileIds: boolean,
) => sql`(SELECT coalesce(json_agg(json_build_object('id', m.id::text, 'author_kind', m.author_kind,
    'author_id', m.author_id::text, 'author_email', m.author_email, 'body', m.body, 'awaiting_response', m.awaiting_response,
    'responded_at', m.responded_at, 'created_at', m.created_at, 'seen_by_recipient_at', m.seen_by_recipient_at,
    'discarded_at', m.discarded_at,
    'files', ${includeFileIds ? sql`(SELECT coalesce(json_agg(${FILE_JSON} ORDER BY f.name), '[]'::json) FROM files f WHERE f.id = ANY(m.file_ids))` : sql`'[]'::json`},
    'correction', (SELECT json_build_object('id', c.id::text, 'reason', c.reason, 'resolved_at', c.resolved_at) FROM corrections c WHERE c.message_id = m.id LIMIT 1))
    ORDER BY m.created_at DESC, m.id DESC), '[]'::json)
  FROM messages m WHERE m.dossier_id = d.id)`;
const messagesSql = (includeFileIds: boolean) => sql`${messagesSubquery(includeFileIds)} AS messages`;
const AVIS = sql`(SELECT coalesce(json_agg(json_build_object('id', a.id::text, 'expert_email', ue.email, 'claimant_email', uc.email,
    'introduction', a.introduction, 'question_label', a.question_label, 'question_answer', a.question_answer, 'answer', a.answer,
    'confidentiel', a.confidentiel, 'created_at', a.created_at, 'answered_at', a.answered_at, 'revoked_at', a.revoked_at,
    'files', (SELECT coalesce(json_agg(${FILE_JSON} ORDER BY f.created_at), '[]'::json) FROM files f
              WHERE f.dossier_id = d.id AND f.origin = 'avis' AND f.origin_ref = a.id::text))
    ORDER BY a.created_at DESC, a.id DESC), '[]'::json)
  FROM avis a JOIN users ue ON ue.id = a.expert_id LEFT JOIN users uc ON uc.id = a.claimant_id WHERE a.dossier_id = d.id) AS avis`;
const PENDING_RESPONSES = sql`(SELECT count(*)::int FROM messages m WHERE m.dossier_id = d.id AND m.awaiting_response
  AND m.responded_at IS NULL AND m.discarded_at IS NULL) AS pending_responses`;

export type RawMessage = {
  id: string;
  author_kind: MessageAuthorKind;
  author_id: string | null;
  author_email: string;
  body: string;
  awaiting_response: boolean;
  responded_at: string | null;
  created_at: string;
  seen_by_recipient_at: string | null;
  discarded_at: string | null;
  files: RawFile[];
  correction: { id: string; reason: 'incorrect' | 'incomplete' | 'outdated'; resolved_at: string | null } | null;
};
export function messageItem(m: RawMessage): MessageItem {
  return {
    id: m.id,
    authorKind: m.author_kind,
    authorId: m.author_id,
    authorEmail: m.author_email,
    body: m.body,
    awaitingResponse: m.awaiting_response,
    respondedAt: d(m.responded_at),
    createdAt: new Date(m.created_at),
    seenByRecipientAt: d(m.seen_by_recipient_at),
    discardedAt: d(m.discarded_at),
    files: (m.files ?? []).map(fileItem),
    correction: m.correction
      ? { id: m.correction.id, reason: m.correction.reason, resolvedAt: d(m.correction.resolved_at) }
      : null,
  };
}
type RawHistory = {
  id: string;
  type: string;
  actor_email: string | null;
  data: Record<string, unknown>;
  created_at: string;
};
const historyItem = (e: RawHistory): HistoryEntry => ({
  id: e.id,
  type: e.type,
  actorEmail: e.actor_email,
  data: e.data ?? {},
  createdAt: new Date(e.created_at),
});

async function instructorRow<X extends object>(
  ex: Executor,
  dossierId: string,
  userId: string,
  now: Date,
  extra: ReturnType<typeof sql>[],
) {
  const row = await selectHeaderRow<X>(ex, dossierId, userId, extra);
  if (!row) throw notFound('Dossier introuvable.');
  const header = headerFromRow(row, userId, now);
  if (!canInstruct(header.access, header.ref)) throw notFound('Dossier introuvable.');
  return { row, header };
}

// -- instructor tabs ----------------------------------------------------------------------------

export interface DemandeTab {
  header: DossierHeader;
  fields: FieldDef[];
  champs: ChampsMap;
  history: HistoryEntry[];
}

export async function loadDemandeTab(ex: Executor, dossierId: string, userId: string, now: Date): Promise<DemandeTab> {
  const { row, header } = await instructorRow<{
    revision_fields: FieldDef[];
    champs: ChampsMap;
    history: RawHistory[];
  }>(ex, dossierId, userId, now, [REVISION_FIELDS, CHAMPS, HISTORY]);
  return {
    header,
    fields: row.revision_fields ?? [],
    champs: row.champs ?? {},
    history: (row.history ?? []).map(historyItem),
  };
}

export interface PiecesTab {
  header: DossierHeader;
  fields: FieldDef[];
  annotationDefs: FieldDef[];
  files: FileItem[];
}

export async function loadPiecesTab(ex: Executor, dossierId: string, userId: string, now: Date): Promise<PiecesTab> {
  const { row, header } = await instructorRow<{
    revision_fields: FieldDef[];
    revision_annotations: FieldDef[];
    files: RawFile[];
  }>(ex, dossierId, userId, now, [REVISION_FIELDS, REVISION_ANNOTATIONS, FILES]);
  return {
    header,
    fields: row.revision_fields ?? [],
    annotationDefs: row.revision_annotations ?? [],
    files: (row.files ?? []).map(fileItem),
  };
}

export interface AnnotationsTab {
  header: DossierHeader;
  defs: FieldDef[];
  values: ChampsMap;
}

export async function loadAnnotationsTab(
  ex: Executor,
  dossierId: string,
  userId: string,
  now: Date,
): Promise<AnnotationsTab> {
  const { row, header } = await instructorRow<{ revision_annotations: FieldDef[]; annotation_values: ChampsMap }>(
    ex,
    dossierId,
    userId,
    now,
    [REVISION_ANNOTATIONS, ANNOTATIONS],
  );
  return { header, defs: row.revision_annotations ?? [], values: row.annotation_values ?? {} };
}

export interface AvisTab {
  header: DossierHeader;
  avis: AvisItem[];
}

type RawAvis = {
  id: string;
  expert_email: string;
  claimant_email: string | null;
  introduction: string;
  question_label: string | null;
  question_answer: boolean | null;
  answer: string | null;
  confidentiel: boolean;
  created_at: string;
  answered_at: string | null;
  revoked_at: string | null;
  files: RawFile[];
};

export async function loadAvisTab(ex: Executor, dossierId: string, userId: string, now: Date): Promise<AvisTab> {
  const { row, header } = await instructorRow<{ avis: RawAvis[] }>(ex, dossierId, userId, now, [AVIS]);
  return {
    header,
    avis: (row.avis ?? []).map((a) => ({
      id: a.id,
      expertEmail: a.expert_email,
      claimantEmail: a.claimant_email,
      introduction: a.introduction,
      questionLabel: a.question_label,
      questionAnswer: a.question_answer,
      answer: a.answer,
      confidentiel: a.confidentiel,
      createdAt: new Date(a.created_at),
      answeredAt: d(a.answered_at),
      revokedAt: d(a.revoked_at),
      files: (a.files ?? []).map(fileItem),
    })),
  };
}

export interface MessagerieTab {
  header: DossierHeader;
  messages: MessageItem[];
  pendingResponses: number;
}

export async function loadMessagerieTab(
  ex: Executor,
  dossierId: string,
  userId: string,
  now: Date,
): Promise<MessagerieTab> {
  const { row, header } = await instructorRow<{ messages: RawMessage[]; pending_responses: number }>(
    ex,
    dossierId,
    userId,
    now,
    [messagesSql(true), PENDING_RESPONSES],
  );
  return {
    header,
    messages: (row.messages ?? []).map(messageItem),
    pendingResponses: Number(row.pending_responses ?? 0),
  };
}

// -- the usager's side --------------------------------------------------------------------------

export interface UsagerDossierPage {
  id: string;
  procedureId: string;
  procedureTitle: string;
  serviceName: string;
  contactEmail: string | null;
  /** the contact information of the dossier's group (« Aide », after the deposit), null when not filled in */
  groupeContact: GroupeContact | null;
  state: DossierState;
  ref: DossierRef;
  access: Access;
  facts: DossierHeader['facts'];
  lockVersion: number;
  motivation: string | null;
  depose_at: Date | null;
  processed_at: Date | null;
  fields: FieldDef[];
  champs: ChampsMap;
  history: HistoryEntry[];
  messages: MessageItem[];
  pendingCorrection: { reason: 'incorrect' | 'incomplete' | 'outdated'; message: string; createdAt: Date } | null;
  /** the decision's justificatif(s) and the attestation */
  justificatifs: FileItem[];
  attestation: FileItem | null;
  /** the procedure's attestation template is activated: an accepted dossier has an attestation */
  attestationActive: boolean;
  /** the procedure's refusal attestation template is activated: a refused dossier has an attestation */
  refusalAttestationActive: boolean;
  allowExpertMessaging: boolean;
  /** a test dossier (docs/domain.md §1.1) */
  isTest: boolean;
}

/** The usager's dossier (owner or co-editor), one statement; not found for anyone else. */
export async function loadUsagerDossier(ex: Executor, dossierId: string, userId: string): Promise<UsagerDossierPage> {
  const row = await selectHeaderRow<{
    service_name: string;
    contact_email: string | null;
    groupe_contact: GroupeContact | null;
    revision_fields: FieldDef[];
    champs: ChampsMap;
    history: RawHistory[];
    messages: RawMessage[];
    correction: { reason: 'incorrect' | 'incomplete' | 'outdated'; body: string; created_at: string } | null;
    justificatifs: RawFile[];
    attestation: RawFile | null;
  }>(ex, dossierId, userId, [
    sql`p.service_name AS service_name`,
    sql`p.contact_email AS contact_email`,
    sql`${groupeContactOf(sql.ref('d.groupe_id'))} AS groupe_contact`,
    REVISION_FIELDS,
    CHAMPS,
    HISTORY,
    messagesSql(true),
    sql`(SELECT json_build_object('reason', c.reason, 'body', m.body, 'created_at', c.created_at) FROM corrections c
          LEFT JOIN messages m ON m.id = c.message_id
          WHERE c.dossier_id = d.id AND c.resolved_at IS NULL ORDER BY c.created_at DESC LIMIT 1) AS correction`,
    sql`(SELECT coalesce(json_agg(${FILE_JSON} ORDER BY f.created_at), '[]'::json) FROM files f
          WHERE f.dossier_id = d.id AND f.origin = 'justificatif' AND d.processed_at IS NOT NULL AND f.created_at >= d.processed_at) AS justificatifs`,
    sql`(SELECT ${FILE_JSON} FROM attestations att JOIN files f ON f.id = att.file_id WHERE att.dossier_id = d.id) AS attestation`,
  ]);
  if (!row) throw notFound('Dossier introuvable.');
  const header = headerFromRow(row, userId, new Date());
  if (!canReadAsUsager(header.access, header.ref) || header.state === 'brouillon')
    throw notFound('Dossier introuvable.');
  return {
    id: header.id,
    procedureId: header.procedureId,
    procedureTitle: header.procedureTitle,
    serviceName: row.service_name,
    contactEmail: row.contact_email,
    groupeContact: row.groupe_contact,
    state: header.state,
    ref: header.ref,
    access: header.access,
    facts: header.facts,
    lockVersion: header.lockVersion,
    motivation: header.motivation,
    depose_at: header.facts.depose_at,
    processed_at: header.facts.processed_at,
    fields: row.revision_fields ?? [],
    champs: row.champs ?? {},
    history: (row.history ?? []).map(historyItem),
    messages: (row.messages ?? []).map(messageItem),
    pendingCorrection:
      header.facts.pending_correction && row.correction
        ? {
            reason: row.correction.reason,
            message: row.correction.body ?? '',
            createdAt: new Date(row.correction.created_at),
          }
        : null,
    justificatifs: (row.justificatifs ?? []).map(fileItem),
    attestation: row.attestation ? fileItem(row.attestation) : null,
    attestationActive: header.attestationActive,
    refusalAttestationActive: header.refusalAttestationActive,
    isTest: header.isTest,
    allowExpertMessaging: header.allowExpertMessaging,
  };
}
