// The usager's side of the front door (docs/interface.md §7): a démarche's public page, « Mes
// dossiers » with its brouillons, one brouillon with its form, and what account deletion depends
// on. Access is decided by the domain (`canReadAsUsager`); anyone else gets « not found ».
import { sql } from 'kysely';
import type { DossierState } from '../domain/dossier-state.ts';
import { notFound } from '../domain/errors.ts';
import type { ChampsMap, FieldDef } from '../domain/fields/index.ts';
import { canReadAsUsager, type DossierRef, isProcedureStaff } from '../domain/permissions.ts';
import { type DossierStart, dossierStartOf } from '../domain/procedure.ts';
import { loadAccess } from './access.ts';
import type { Executor } from '../platform/db/index.ts';

export interface PublicProcedure {
  id: string;
  title: string;
  description: string;
  serviceName: string;
  contactEmail: string | null;
  state: 'brouillon' | 'publiee' | 'close' | 'depubliee';
  forIndividual: boolean;
  declarative: string | null;
  hasForm: boolean;
  /** the draft form has at least one field (what a test dossier is filed on while en test) */
  draftHasForm: boolean;
  /** median days from deposit to decision over the last year, when some dossiers were decided */
  medianDays: number | null;
  /** the administrator's public link, when set (docs/domain.md §1.1) */
  slug: string | null;
  /** the administrator's text for usagers once the démarche is closed */
  closingMessage: string | null;
}

/** How a public link names its procedure: the administrator's slug, or `<id>` / `<id>-<words>` (a slug
 *  wins over a number it starts with), for a statement on `procedures p`. */
function publicLink(slug: string) {
  const id = /^([0-9]{1,18})(?:-[a-z0-9-]{0,200})?$/.exec(slug)?.[1] ?? null;
  return {
    where: sql`(lower(p.slug) = lower(${slug}) OR p.id = ${id}::bigint)`,
    order: sql`(lower(p.slug) = lower(${slug})) IS TRUE DESC`,
  };
}

/** The number of the procedure a public link names; null when there is none. */
export async function publicProcedureId(ex: Executor, slug: string): Promise<string | null> {
  if (slug.length > 200) return null;
  const link = publicLink(slug);
  const r = await sql<{ id: string }>`
    SELECT p.id::text AS id FROM procedures p WHERE ${link.where} ORDER BY ${link.order} LIMIT 1`.execute(ex);
  return r.rows[0]?.id ?? null;
}

/** The procedure named by a public link (see publicLink); null when there is none. */
export async function loadPublicProcedure(ex: Executor, slug: string, now: Date): Promise<PublicProcedure | null> {
  if (slug.length > 200) return null;
  const link = publicLink(slug);
  const r = await sql<{
    id: string;
    title: string;
    description: string;
    service_name: string;
    contact_email: string | null;
    state: PublicProcedure['state'];
    for_individual: boolean;
    declarative: string | null;
    published_revision_id: string | null;
    median_days: number | null;
    slug: string | null;
    closing_message: string | null;
    draft_fields: number | null;
  }>`
    SELECT p.id::text AS id, p.title, p.description, p.service_name, p.contact_email, p.state, p.for_individual,
      p.declarative, p.published_revision_id::text AS published_revision_id, p.slug, p.closing_message,
      (SELECT jsonb_array_length(r.fields) FROM procedure_revisions r WHERE r.id = p.draft_revision_id) AS draft_fields,
      (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.processed_at - d.depose_at) / 86400)
         FROM dossiers d WHERE d.procedure_id = p.id AND d.processed_at IS NOT NULL AND d.depose_at IS NOT NULL
           AND d.processed_at > ${now}::timestamptz - interval '1 year') AS median_days
    FROM procedures p WHERE ${link.where} ORDER BY ${link.order} LIMIT 1`.execute(ex);
  const p = r.rows[0];
  if (!p) return null;
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    serviceName: p.service_name,
    contactEmail: p.contact_email,
    state: p.state,
    forIndividual: p.for_individual,
    declarative: p.declarative,
    hasForm: p.published_revision_id !== null,
    draftHasForm: Number(p.draft_fields ?? 0) > 0,
    medianDays: p.median_days === null ? null : Math.max(1, Math.round(Number(p.median_days))),
    slug: p.slug,
    closingMessage: p.closing_message,
  };
}

/** Whether the user may start a dossier on the procedure from its public link, and whether it is a
 *  test dossier (docs/domain.md §1.1): the procedure's staff are looked up only while it is en test. */
export async function dossierStartFor(ex: Executor, p: PublicProcedure, userId: string | null): Promise<DossierStart> {
  let staff = false;
  if (p.state === 'brouillon' && userId) {
    const [access, groupes] = await Promise.all([
      loadAccess(ex, userId),
      ex.selectFrom('groupes_instructeurs').select('id').where('procedure_id', '=', p.id).execute(),
    ]);
    staff = isProcedureStaff(
      access,
      p.id,
      groupes.map((g) => g.id),
    );
  }
  const start = dossierStartOf(p.state, staff);
  if (!start.ok || !(start.test ? p.draftHasForm : p.hasForm)) return { ok: false };
  return start;
}

export interface MesDossiersItem {
  id: string;
  procedureId: string;
  procedureTitle: string;
  state: DossierState;
  owner: boolean;
  createdAt: Date;
  deposeAt: Date | null;
  updatedAt: Date;
  pendingCorrection: boolean;
  unread: number;
  /** a test dossier, filed while the démarche was en test (docs/domain.md §1.1) */
  isTest: boolean;
}

/** The usager's dossiers (owned or co-edited, not deleted), brouillons included; one procedure or all. */
export async function listMesDossiers(ex: Executor, userId: string, procedureId?: string): Promise<MesDossiersItem[]> {
  const r = await sql<{
    id: string;
    procedure_id: string;
    title: string;
    state: DossierState;
    owner: boolean;
    created_at: Date;
    depose_at: Date | null;
    updated_at: Date;
    pending_correction: boolean;
    unread: number;
    is_test: boolean;
  }>`
    SELECT d.id::text AS id, d.procedure_id::text AS procedure_id, p.title, d.state,
      (d.user_id = ${userId}::bigint) AS owner, d.created_at, d.depose_at, d.updated_at, d.pending_correction, d.is_test,
      (SELECT count(*)::int FROM messages m WHERE m.dossier_id = d.id AND m.author_kind IN ('instructeur', 'expert')
         AND m.seen_by_recipient_at IS NULL AND m.discarded_at IS NULL) AS unread
    FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
    WHERE (d.user_id = ${userId}::bigint
           OR EXISTS (SELECT 1 FROM dossier_co_editors ce WHERE ce.dossier_id = d.id AND ce.user_id = ${userId}::bigint))
      AND d.hidden_by_user_at IS NULL
      ${procedureId ? sql`AND d.procedure_id = ${procedureId}::bigint` : sql``}
    ORDER BY d.updated_at DESC, d.id DESC
    LIMIT 500`.execute(ex);
  return r.rows.map((x) => ({
    id: x.id,
    procedureId: x.procedure_id,
    procedureTitle: x.title,
    state: x.state,
    owner: x.owner,
    createdAt: x.created_at,
    deposeAt: x.depose_at,
    updatedAt: x.updated_at,
    pendingCorrection: x.pending_correction,
    unread: Number(x.unread),
    isTest: x.is_test,
  }));
}

export interface BrouillonPage {
  id: string;
  procedureId: string;
  procedureTitle: string;
  serviceName: string;
  forIndividual: boolean;
  procedureState: string;
  lockVersion: number;
  owner: boolean;
  identity: { civilite: string | null; nom: string | null; prenom: string | null; siret: string | null };
  fields: FieldDef[];
  champs: ChampsMap;
  coEditors: { userId: string; email: string }[];
  updatedAt: Date;
  isTest: boolean;
}

/** A brouillon of the usager (owner or co-editor): not found for anyone else and for a deposited dossier. */
export async function loadBrouillon(ex: Executor, dossierId: string, userId: string): Promise<BrouillonPage> {
  if (!/^[0-9]{1,18}$/.test(dossierId)) throw notFound('Dossier introuvable.');
  const r = await sql<{
    id: string;
    procedure_id: string;
    groupe_id: string;
    user_id: string | null;
    title: string;
    service_name: string;
    for_individual: boolean;
    procedure_state: string;
    state: DossierState;
    lock_version: number;
    civilite: string | null;
    nom: string | null;
    prenom: string | null;
    siret: string | null;
    fields: FieldDef[];
    champs: ChampsMap;
    hidden_by_user_at: Date | null;
    hidden_by_administration_at: Date | null;
    hidden_by_expired_at: Date | null;
    updated_at: Date;
    co_editors: { userId: string; email: string }[];
    is_test: boolean;
  }>`
    SELECT d.id::text AS id, d.procedure_id::text AS procedure_id, d.groupe_id::text AS groupe_id,
      d.user_id::text AS user_id, p.title, p.service_name, p.for_individual, p.state AS procedure_state, d.state,
      d.lock_version, d.civilite, d.nom, d.prenom, d.siret, r.fields, d.champs, d.hidden_by_user_at,
      d.hidden_by_administration_at, d.hidden_by_expired_at, d.updated_at, d.is_test,
      (SELECT coalesce(json_agg(json_build_object('userId', u.id::text, 'email', u.email) ORDER BY u.email), '[]'::json)
         FROM dossier_co_editors ce JOIN users u ON u.id = ce.user_id WHERE ce.dossier_id = d.id) AS co_editors
    FROM dossiers d JOIN procedures p ON p.id = d.procedure_id JOIN procedure_revisions r ON r.id = d.revision_id
    WHERE d.id = ${dossierId}::bigint`.execute(ex);
  const row = r.rows[0];
  if (!row) throw notFound('Dossier introuvable.');
  const ref: DossierRef = {
    id: row.id,
    procedureId: row.procedure_id,
    groupeId: row.groupe_id,
    ownerId: row.user_id,
    coEditorIds: row.co_editors.map((c) => c.userId),
    state: row.state,
    hidden_by_user_at: row.hidden_by_user_at,
    hidden_by_administration_at: row.hidden_by_administration_at,
    hidden_by_expired_at: row.hidden_by_expired_at,
  };
  if (!canReadAsUsager({ userId, instructorGroupIds: [], adminProcedureIds: [] }, ref))
    throw notFound('Dossier introuvable.');
  if (row.state !== 'brouillon' || row.hidden_by_user_at) throw notFound('Dossier introuvable.');
  return {
    id: row.id,
    procedureId: row.procedure_id,
    procedureTitle: row.title,
    serviceName: row.service_name,
    forIndividual: row.for_individual,
    procedureState: row.procedure_state,
    lockVersion: row.lock_version,
    owner: row.user_id === userId,
    identity: { civilite: row.civilite, nom: row.nom, prenom: row.prenom, siret: row.siret },
    fields: row.fields ?? [],
    champs: row.champs ?? {},
    coEditors: row.co_editors,
    updatedAt: row.updated_at,
    isTest: row.is_test,
  };
}

/** What « Supprimer mon compte » depends on: dossiers en instruction block it, brouillons go with it. */
export async function accountDeletionFacts(
  ex: Executor,
  userId: string,
): Promise<{ blockers: number; brouillons: number }> {
  const r = await sql<{ blockers: number; brouillons: number }>`
    SELECT count(*) FILTER (WHERE state = 'en_instruction')::int AS blockers,
      count(*) FILTER (WHERE state = 'brouillon')::int AS brouillons
    FROM dossiers WHERE user_id = ${userId}::bigint`.execute(ex);
  return { blockers: Number(r.rows[0]?.blockers ?? 0), brouillons: Number(r.rows[0]?.brouillons ?? 0) };
}

/** The people invited to modify a dossier (the caller has checked the usager may read it). */
export async function listCoEditors(ex: Executor, dossierId: string): Promise<{ userId: string; email: string }[]> {
  const rows = await ex
    .selectFrom('dossier_co_editors')
    .innerJoin('users', 'users.id', 'dossier_co_editors.user_id')
    .select(['users.id', 'users.email'])
    .where('dossier_co_editors.dossier_id', '=', dossierId)
    .orderBy('users.email')
    .execute();
  return rows.map((r) => ({ userId: r.id, email: r.email }));
}

export interface IncomingTransfer {
  dossierId: string;
  procedureTitle: string;
  fromEmail: string;
  createdAt: Date;
}

/** The dossiers offered to this account (« Transférer le dossier »), waiting for its answer. */
export async function listIncomingTransfers(ex: Executor, userId: string): Promise<IncomingTransfer[]> {
  const r = await sql<{ dossier_id: string; title: string; user_email: string; created_at: Date }>`
    SELECT t.dossier_id::text AS dossier_id, p.title, d.user_email, t.created_at
    FROM dossier_transfers t JOIN users u ON lower(u.email) = t.email JOIN dossiers d ON d.id = t.dossier_id
      JOIN procedures p ON p.id = d.procedure_id
    WHERE u.id = ${userId}::bigint
    ORDER BY t.created_at DESC LIMIT 100`.execute(ex);
  return r.rows.map((x) => ({
    dossierId: x.dossier_id,
    procedureTitle: x.title,
    fromEmail: x.user_email,
    createdAt: x.created_at,
  }));
}

/** The e-mail a dossier is offered to, if any (the caller has checked the usager owns it). */
export async function pendingTransferOf(ex: Executor, dossierId: string): Promise<string | null> {
  const t = await ex
    .selectFrom('dossier_transfers')
    .select('email')
    .where('dossier_id', '=', dossierId)
    .executeTakeFirst();
  return t?.email ?? null;
}
