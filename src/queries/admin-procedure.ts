// The administrator's view of one procedure (docs/interface.md §A): its settings, its draft form,
// its people counts and what is missing before publishing. Access is decided by the caller with the
// domain's assertAdminister; a missing procedure is not_found.
import { sql } from 'kysely';
import { notFound } from '../domain/errors.ts';
import type { FieldDef } from '../domain/fields/types.ts';
import { formErrors } from '../domain/procedure-builder.ts';
import { publicationBlockers, templateTagErrors, type PublicationFacts } from '../domain/procedure.ts';
import type { Executor } from '../platform/db/index.ts';

export async function procedureForAdmin(ex: Executor, procedureId: string) {
  const p = await ex
    .selectFrom('procedures')
    .leftJoin('procedure_revisions as d', 'd.id', 'procedures.draft_revision_id')
    .leftJoin('procedure_revisions as pub', 'pub.id', 'procedures.published_revision_id')
    .select([
      'procedures.id',
      'procedures.title',
      'procedures.description',
      'procedures.service_name',
      'procedures.service_address',
      'procedures.contact_email',
      'procedures.contact_phone',
      'procedures.contact_hours',
      'procedures.for_individual',
      'procedures.slug',
      'procedures.state',
      'procedures.closes_at',
      'procedures.closing_message',
      'procedures.retention_months',
      'procedures.declarative',
      'procedures.rdv_enabled',
      'procedures.allow_expert_review',
      'procedures.allow_expert_messaging',
      'procedures.instructeurs_self_management',
      'procedures.attestation_template',
      'procedures.published_at',
      'procedures.published_revision_id',
      'procedures.closed_at',
      'procedures.lock_version',
      'procedures.logo_content_type',
      'd.id as draft_id',
      'd.fields as draft_fields',
      'd.annotations as draft_annotations',
      'd.lock_version as draft_lock_version',
      'pub.fields as published_fields',
      'pub.annotations as published_annotations',
    ])
    .where('procedures.id', '=', procedureId)
    .executeTakeFirst();
  if (!p) throw notFound('Démarche introuvable.');
  return {
    ...p,
    draft_fields: (p.draft_fields ?? []) as FieldDef[],
    draft_annotations: (p.draft_annotations ?? []) as FieldDef[],
    published_fields: p.published_fields as FieldDef[] | null,
    published_annotations: p.published_annotations as FieldDef[] | null,
  };
}

export type AdminProcedure = Awaited<ReturnType<typeof procedureForAdmin>>;

/** The counts the dashboard shows (one statement). */
export async function procedureCounts(ex: Executor, procedureId: string) {
  const r = await sql<{ instructeurs: number; groupes: number; dossiers: number; administrateurs: number }>`
    SELECT
      (SELECT count(DISTINCT m.user_id)::int FROM groupe_members m JOIN groupes_instructeurs g ON g.id = m.groupe_id
        WHERE g.procedure_id = ${procedureId} AND NOT g.closed) AS instructeurs,
      (SELECT count(*)::int FROM groupes_instructeurs WHERE procedure_id = ${procedureId} AND NOT closed) AS groupes,
      (SELECT count(*)::int FROM dossiers WHERE procedure_id = ${procedureId}) AS dossiers,
      (SELECT count(*)::int FROM procedure_administrateurs WHERE procedure_id = ${procedureId}) AS administrateurs`.execute(
    ex,
  );
  return r.rows[0];
}

/** Every label of a form, repetition children included (template tags may name any field). */
export function fieldLabels(defs: FieldDef[]): string[] {
  return defs.flatMap((d) => [d.label, ...(d.children ?? []).map((c) => c.label)]);
}

/** The facts the domain needs to say what is missing before publishing. */
export function publicationFacts(p: AdminProcedure, counts: { instructeurs: number }): PublicationFacts {
  const t = p.attestation_template;
  const labels = [...fieldLabels(p.draft_fields), ...fieldLabels(p.draft_annotations)];
  return {
    fieldCount: p.draft_fields.length,
    formErrors: [
      ...formErrors(p.draft_fields, 'formulaire').map((e) => e.message),
      ...formErrors(p.draft_annotations, 'annotations').map((e) => e.message),
    ],
    instructeurCount: counts.instructeurs,
    slug: p.slug,
    description: p.description,
    service_name: p.service_name,
    declarative: p.declarative,
    attestationActivated: !!t?.activated,
    attestationErrors: t ? [t.title, t.body, t.footer].flatMap((x) => templateTagErrors(x ?? '', labels)) : [],
  };
}

export async function publicationBlockersOf(ex: Executor, procedureId: string): Promise<string[]> {
  const p = await procedureForAdmin(ex, procedureId);
  return publicationBlockers(publicationFacts(p, await procedureCounts(ex, procedureId)));
}

/** The logo's bytes and checked type, null when there is none. */
export async function procedureLogo(ex: Executor, procedureId: string) {
  const r = await ex
    .selectFrom('procedures')
    .select(['logo', 'logo_content_type'])
    .where('id', '=', procedureId)
    .executeTakeFirst();
  return r?.logo && r.logo_content_type ? { logo: r.logo, content_type: r.logo_content_type } : null;
}

/** The procedure's own e-mail templates and its refusal attestation. */
export async function procedureMailTemplates(ex: Executor, procedureId: string) {
  const r = await ex
    .selectFrom('procedures')
    .select(['mail_templates', 'refusal_attestation_template'])
    .where('id', '=', procedureId)
    .executeTakeFirstOrThrow();
  return {
    mails: (r.mail_templates ?? {}) as Record<string, { subject: string; body: string } | undefined>,
    refusal: r.refusal_attestation_template as {
      title: string;
      body: string;
      footer: string;
      activated: boolean;
    } | null,
  };
}
