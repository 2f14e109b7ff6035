// « Créer une nouvelle démarche » (docs/domain.md §1.1): from scratch — en test, an empty draft, a
// default group, the creator as administrator — or by cloning one of mine: its settings, form and
// annotations, groups (members and routing rules), labels and templates, never its dossiers. The
// public link is proposed from the title and made unique.
import { sql } from 'kysely';
import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import { canAdministerProcedure } from '../../domain/permissions.ts';
import { slugify } from '../../domain/procedure.ts';
import type { Trx } from '../../platform/db/index.ts';
import { defineCommand } from '../command.ts';
import { isAdministrateur, procedureId } from './shared.ts';

/** `base`, or `base-2`, `base-3`… the first one no procedure uses. */
export async function uniqueSlug(trx: Trx, base: string, exceptId?: string): Promise<string> {
  const root = base || 'demarche';
  const rows = await trx
    .selectFrom('procedures')
    .select('slug')
    .where(sql<boolean>`lower(slug) LIKE ${`${root.replace(/[%_\\]/g, '\\$&')}%`}`)
    .$if(exceptId !== undefined, (q) => q.where('id', '<>', exceptId!))
    .execute();
  const used = new Set(rows.map((r) => r.slug?.toLowerCase()));
  if (!used.has(root)) return root;
  for (let i = 2; ; i++) if (!used.has(`${root}-${i}`)) return `${root}-${i}`;
}

export const createProcedure = defineCommand({
  name: 'create-procedure',
  input: z.union([
    z.object({
      title: z
        .string()
        .trim()
        .min(1, 'Indiquez le titre de la démarche.')
        .max(200, 'Le titre ne doit pas dépasser 200 caractères.'),
    }),
    z.object({ cloneFromId: procedureId }),
  ]),
  authorize: isAdministrateur,
  async run(ctx, input) {
    const { trx, now } = ctx;
    const userId = ctx.actor.userId!;
    let id: string;
    if ('title' in input) {
      const slug = await uniqueSlug(trx, slugify(input.title));
      ({ id } = await trx
        .insertInto('procedures')
        .values({ title: input.title, slug, state: 'brouillon', created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow());
      const draft = await trx
        .insertInto('procedure_revisions')
        .values({ procedure_id: id, fields: '[]', annotations: '[]', created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.updateTable('procedures').set({ draft_revision_id: draft.id }).where('id', '=', id).execute();
      await trx.insertInto('procedure_administrateurs').values({ procedure_id: id, user_id: userId }).execute();
      await trx
        .insertInto('groupes_instructeurs')
        .values({ procedure_id: id, label: 'défaut', is_default: true })
        .execute();
      return { id };
    }
    if (!canAdministerProcedure(await ctx.access(), input.cloneFromId)) throw notFound('Démarche introuvable.');
    const source = await trx
      .selectFrom('procedures')
      .selectAll()
      .where('id', '=', input.cloneFromId)
      .executeTakeFirstOrThrow();
    const title = `${source.title} (copie)`.slice(0, 200);
    const slug = await uniqueSlug(trx, slugify(title));
    ({ id } = await trx
      .insertInto('procedures')
      .values({
        title,
        slug,
        state: 'brouillon',
        created_at: now,
        cloned_from_id: source.id,
        description: source.description,
        service_name: source.service_name,
        service_address: source.service_address,
        contact_email: source.contact_email,
        contact_phone: source.contact_phone,
        contact_hours: source.contact_hours,
        declarative: source.declarative,
        retention_months: source.retention_months,
        expires_when_termine: source.expires_when_termine,
        for_individual: source.for_individual,
        allow_expert_review: source.allow_expert_review,
        allow_expert_messaging: source.allow_expert_messaging,
        instructeurs_self_management: source.instructeurs_self_management,
        rdv_enabled: source.rdv_enabled,
        attestation_template: source.attestation_template ? JSON.stringify(source.attestation_template) : null,
        refusal_attestation_template: source.refusal_attestation_template
          ? JSON.stringify(source.refusal_attestation_template)
          : null,
        mail_templates: JSON.stringify(source.mail_templates ?? {}),
        logo: source.logo,
        logo_content_type: source.logo_content_type,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
    // the draft of the source (what its administrators see in the builder), else its published form
    const rev = await trx
      .selectFrom('procedure_revisions')
      .select(['fields', 'annotations'])
      .where('id', '=', source.draft_revision_id ?? source.published_revision_id ?? '0')
      .executeTakeFirst();
    const draft = await trx
      .insertInto('procedure_revisions')
      .values({
        procedure_id: id,
        fields: JSON.stringify(rev?.fields ?? []),
        annotations: JSON.stringify(rev?.annotations ?? []),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('procedures').set({ draft_revision_id: draft.id }).where('id', '=', id).execute();
    await sql`INSERT INTO procedure_administrateurs (procedure_id, user_id)
      SELECT ${id}, user_id FROM procedure_administrateurs WHERE procedure_id = ${source.id}`.execute(trx);
    const groups = await trx
      .selectFrom('groupes_instructeurs')
      .select(['id', 'label', 'is_default', 'closed', 'routing_rule'])
      .where('procedure_id', '=', source.id)
      .orderBy('id')
      .execute();
    for (const g of groups) {
      const copy = await trx
        .insertInto('groupes_instructeurs')
        .values({
          procedure_id: id,
          label: g.label,
          is_default: g.is_default,
          closed: g.closed,
          routing_rule: g.routing_rule === null ? null : JSON.stringify(g.routing_rule),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await sql`INSERT INTO groupe_members (groupe_id, user_id, created_at)
        SELECT ${copy.id}, user_id, ${now} FROM groupe_members WHERE groupe_id = ${g.id}`.execute(trx);
    }
    await sql`INSERT INTO instructeur_procedures (user_id, procedure_id)
      SELECT DISTINCT m.user_id, ${id}::bigint FROM groupe_members m
      JOIN groupes_instructeurs g ON g.id = m.groupe_id WHERE g.procedure_id = ${id}
      ON CONFLICT DO NOTHING`.execute(trx);
    await sql`INSERT INTO labels (procedure_id, name, color, position)
      SELECT ${id}, name, color, position FROM labels WHERE procedure_id = ${source.id} ORDER BY position, id`.execute(
      trx,
    );
    return { id };
  },
});
