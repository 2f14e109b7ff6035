// Reads of the avis externes (docs/domain.md §6): the instructor's « Avis externes » tab with what the
// request form needs, the expert's space (his avis by procedure, a dossier read-only), the
// administrator's expert settings, and who is told that an avis was given. Each page is one statement;
// access is decided by the domain (canInstruct, expertMayOpen, expertSeesAvis) and a refusal is a 404.
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import { expertMayOpen, expertSeesAvis, expertTabOf, type ExpertAvisTab } from '../domain/avis.ts';
import type { DossierState } from '../domain/dossier-state.ts';
import { notFound } from '../domain/errors.ts';
import type { FieldDef, ChampsMap } from '../domain/fields/types.ts';
import { canInstruct } from '../domain/permissions.ts';
import { headerFromRow, selectHeaderRow, type DossierHeader } from './dossier-header.ts';
import {
  CHAMPS,
  type MessageItem,
  messageItem,
  messagesSubquery,
  REVISION_FIELDS,
  type RawMessage,
} from './dossier-page.ts';

export interface AvisFile {
  id: string;
  name: string;
  size: number;
}

export interface AvisEntry {
  id: string;
  expertId: string;
  expertEmail: string;
  claimantId: string | null;
  claimantEmail: string | null;
  introduction: string;
  introductionFile: AvisFile | null;
  questionLabel: string | null;
  questionAnswer: boolean | null;
  answer: string | null;
  confidentiel: boolean;
  createdAt: Date;
  answeredAt: Date | null;
  revokedAt: Date | null;
  remindedAt: Date | null;
  files: AvisFile[];
}

const AVIS_FILE = sql`json_build_object('id', f.id, 'name', f.name, 'size', f.size)`;
const AVIS_LIST = sql`(SELECT coalesce(json_agg(json_build_object('id', a.id::text, 'expert_id', a.expert_id::text,
    'expert_email', ue.email, 'claimant_id', a.claimant_id::text, 'claimant_email', uc.email,
    'introduction', a.introduction, 'question_label', a.question_label, 'question_answer', a.question_answer, 'answer', a.answer,
    'confidentiel', a.confidentiel, 'created_at', a.created_at, 'answered_at', a.answered_at, 'revoked_at', a.revoked_at,
    'reminded_at', a.reminded_at,
    'introduction_file', (SELECT ${AVIS_FILE} FROM files f WHERE f.id = a.introduction_file_id),
    'files', (SELECT coalesce(json_agg(${AVIS_FILE} ORDER BY f.created_at, f.id), '[]'::json) FROM files f
              WHERE f.dossier_id = a.dossier_id AND f.origin = 'avis' AND f.origin_ref = a.id::text
                AND f.id IS DISTINCT FROM a.introduction_file_id))
    ORDER BY a.created_at DESC, a.id DESC), '[]'::json)
  FROM avis a JOIN users ue ON ue.id = a.expert_id LEFT JOIN users uc ON uc.id = a.claimant_id
  WHERE a.dossier_id = d.id) AS avis_list`;

type RawFile = { id: string; name: string; size: number | string };
type RawAvis = {
  id: string;
  expert_id: string;
  expert_email: string;
  claimant_id: string | null;
  claimant_email: string | null;
  introduction: string;
  question_label: string | null;
  question_answer: boolean | null;
  answer: string | null;
  confidentiel: boolean;
  created_at: string;
  answered_at: string | null;
  revoked_at: string | null;
  reminded_at: string | null;
  introduction_file: RawFile | null;
  files: RawFile[];
};
const dateOf = (v: string | null): Date | null => (v === null ? null : new Date(v));
const fileOf = (f: RawFile): AvisFile => ({ id: f.id, name: f.name, size: Number(f.size) });

function avisEntry(a: RawAvis): AvisEntry {
  return {
    id: a.id,
    expertId: a.expert_id,
    expertEmail: a.expert_email,
    claimantId: a.claimant_id,
    claimantEmail: a.claimant_email,
    introduction: a.introduction,
    introductionFile: a.introduction_file ? fileOf(a.introduction_file) : null,
    questionLabel: a.question_label,
    questionAnswer: a.question_answer,
    answer: a.answer,
    confidentiel: a.confidentiel,
    createdAt: new Date(a.created_at),
    answeredAt: dateOf(a.answered_at),
    revokedAt: dateOf(a.revoked_at),
    remindedAt: dateOf(a.reminded_at),
    files: (a.files ?? []).map(fileOf),
  };
}

export interface ExpertSettingsView {
  allowExpertReview: boolean;
  restricted: boolean;
  mayInvite: boolean;
  allowExpertMessaging: boolean;
  listedEmails: string[];
}

const SETTINGS = sql`p.allow_expert_review AS allow_expert_review, p.experts_restricted AS experts_restricted,
  p.experts_may_invite AS experts_may_invite,
  ARRAY(SELECT pe.email FROM procedure_experts pe WHERE pe.procedure_id = p.id ORDER BY pe.email) AS listed_emails`;
type RawSettings = {
  allow_expert_review: boolean;
  experts_restricted: boolean;
  experts_may_invite: boolean;
  allow_expert_messaging: boolean;
  listed_emails: string[];
};
const settingsOf = (r: RawSettings): ExpertSettingsView => ({
  allowExpertReview: r.allow_expert_review,
  restricted: r.experts_restricted,
  mayInvite: r.experts_may_invite,
  allowExpertMessaging: r.allow_expert_messaging,
  listedEmails: r.listed_emails ?? [],
});

export interface AvisPanel {
  header: DossierHeader;
  avis: AvisEntry[];
  settings: ExpertSettingsView;
}

/** The instructor's « Avis externes » tab: every avis of the dossier and the request form's choices. */
export async function loadAvisPanel(ex: Executor, dossierId: string, userId: string, now: Date): Promise<AvisPanel> {
  const row = await selectHeaderRow<{ avis_list: RawAvis[] } & RawSettings>(ex, dossierId, userId, [
    AVIS_LIST,
    SETTINGS,
  ]);
  if (!row) throw notFound('Dossier introuvable.');
  const header = headerFromRow(row, userId, now);
  if (!canInstruct(header.access, header.ref)) throw notFound('Dossier introuvable.');
  return { header, avis: (row.avis_list ?? []).map(avisEntry), settings: settingsOf(row) };
}

export interface ExpertDossier {
  header: DossierHeader;
  fields: FieldDef[];
  champs: ChampsMap;
  /** the avis this expert may see (docs/domain.md §6) */
  avis: AvisEntry[];
  /** his own open avis on this dossier, newest first */
  mine: AvisEntry[];
  settings: ExpertSettingsView;
  /** null when the procedure keeps experts out of the messagerie */
  messages: MessageItem[] | null;
}

/**
 * A dossier as an expert sees it: the form, the avis he may see, the messagerie when the procedure
 * allows it — never the annotations privées (not even read). Revoked → not found, at once.
 */
export async function loadExpertDossier(
  ex: Executor,
  dossierId: string,
  userId: string,
  now: Date,
): Promise<ExpertDossier> {
  const row = await selectHeaderRow<
    {
      avis_list: RawAvis[];
      revision_fields: FieldDef[];
      champs: ChampsMap;
      messages: RawMessage[] | null;
    } & RawSettings
  >(ex, dossierId, userId, [
    AVIS_LIST,
    SETTINGS,
    REVISION_FIELDS,
    CHAMPS,
    sql`CASE WHEN p.allow_expert_messaging THEN ${messagesSubquery(true)} END AS messages`,
  ]);
  if (!row) throw notFound('Dossier introuvable.');
  const header = headerFromRow(row, userId, now);
  if (!expertMayOpen(header.access, header.ref)) throw notFound('Dossier introuvable.');
  const all = (row.avis_list ?? []).map(avisEntry);
  const avis = all.filter((a) => expertSeesAvis(userId, a));
  return {
    header,
    fields: row.revision_fields ?? [],
    champs: row.champs ?? {},
    avis,
    mine: avis.filter((a) => a.expertId === userId),
    settings: settingsOf(row),
    // The messagerie as an expert reads it: no read marks, no « en attente » (instructors' tools).
    messages: row.messages
      ? row.messages.map((m) => ({
          ...messageItem(m),
          awaitingResponse: false,
          respondedAt: null,
          seenByRecipientAt: null,
          correction: null,
        }))
      : null,
  };
}

export interface ExpertAvisRow {
  id: string;
  dossierId: string;
  state: DossierState;
  usager: string;
  questionLabel: string | null;
  createdAt: Date;
  answeredAt: Date | null;
  tab: ExpertAvisTab;
}

export interface ExpertProcedure {
  id: string;
  title: string;
  aDonner: ExpertAvisRow[];
  donnes: ExpertAvisRow[];
}

/** « Avis »: the expert's open avis, by procedure, in « à donner » and « donnés » (one statement). */
export async function loadExpertAvisList(ex: Executor, userId: string): Promise<ExpertProcedure[]> {
  const r = await sql<{
    id: string;
    dossier_id: string;
    state: DossierState;
    usager: string;
    question_label: string | null;
    created_at: Date;
    answered_at: Date | null;
    procedure_id: string;
    title: string;
  }>`
    SELECT a.id::text AS id, d.id::text AS dossier_id, d.state, d.user_email AS usager, a.question_label, a.created_at,
      a.answered_at, p.id::text AS procedure_id, p.title
    FROM avis a JOIN dossiers d ON d.id = a.dossier_id JOIN procedures p ON p.id = d.procedure_id
    WHERE a.expert_id = ${userId}::bigint AND a.revoked_at IS NULL AND d.state <> 'brouillon'
      AND d.hidden_by_administration_at IS NULL AND d.hidden_by_expired_at IS NULL
    ORDER BY p.title, a.created_at DESC, a.id DESC`.execute(ex);
  const out = new Map<string, ExpertProcedure>();
  for (const a of r.rows) {
    const tab = expertTabOf({ answeredAt: a.answered_at }, a.state);
    if (!tab) continue;
    let p = out.get(a.procedure_id);
    if (!p) out.set(a.procedure_id, (p = { id: a.procedure_id, title: a.title, aDonner: [], donnes: [] }));
    const item: ExpertAvisRow = {
      id: a.id,
      dossierId: a.dossier_id,
      state: a.state,
      usager: a.usager,
      questionLabel: a.question_label,
      createdAt: new Date(a.created_at),
      answeredAt: a.answered_at ? new Date(a.answered_at) : null,
      tab,
    };
    (tab === 'a-donner' ? p.aDonner : p.donnes).push(item);
  }
  return [...out.values()];
}

/** The dossier of one of my avis (the e-mail's link), or null. */
export async function dossierOfMyAvis(ex: Executor, avisId: string, userId: string): Promise<string | null> {
  if (!/^[0-9]{1,18}$/.test(avisId)) return null;
  const r = await ex
    .selectFrom('avis')
    .select('dossier_id')
    .where('id', '=', avisId)
    .where('expert_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r?.dossier_id ?? null;
}

export interface ProcedureExpertsPage {
  procedure: { id: string; title: string };
  settings: ExpertSettingsView;
}

/** The administrator's « Experts » page of a procedure. */
export async function loadProcedureExperts(ex: Executor, procedureId: string): Promise<ProcedureExpertsPage> {
  const r = await sql<{ id: string; title: string } & RawSettings>`
    SELECT p.id::text AS id, p.title, p.allow_expert_messaging, ${SETTINGS}
    FROM procedures p WHERE p.id = ${procedureId}::bigint`.execute(ex);
  const row = r.rows[0];
  if (!row) throw notFound('Démarche introuvable.');
  return { procedure: { id: row.id, title: row.title }, settings: settingsOf(row) };
}

/**
 * Who is e-mailed when an avis is given: the instructor who asked and the dossier's followers, each
 * unless he turned it off (email_prefs.instant_email_new_expert_avis, on by default) — instructors
 * of the dossier's group only.
 */
export async function avisGivenRecipients(ex: Executor, avisId: string) {
  const r = await sql<{ email: string; dossier_id: string; title: string; expert_email: string }>`
    SELECT DISTINCT u.email, d.id::text AS dossier_id, p.title, ue.email AS expert_email
    FROM avis a JOIN dossiers d ON d.id = a.dossier_id JOIN procedures p ON p.id = d.procedure_id
    JOIN users ue ON ue.id = a.expert_id
    JOIN groupe_members gm ON gm.groupe_id = d.groupe_id
    JOIN users u ON u.id = gm.user_id
    LEFT JOIN instructeur_procedures ip ON ip.user_id = gm.user_id AND ip.procedure_id = d.procedure_id
    WHERE a.id = ${avisId}::bigint AND a.revoked_at IS NULL AND a.answered_at IS NOT NULL
      AND (gm.user_id = a.claimant_id
           OR EXISTS (SELECT 1 FROM follows f WHERE f.dossier_id = d.id AND f.user_id = gm.user_id AND f.unfollowed_at IS NULL))
      AND coalesce((ip.email_prefs->>'instant_email_new_expert_avis')::boolean, true)
    ORDER BY u.email`.execute(ex);
  return r.rows;
}
