// Procedures, their revisions, groups and labels, written directly: there are no commands to create
// them yet. Used by the demo seed (demo.ts) and the load generator (tools/load/load.ts).
import type { Trx } from '../platform/db/index.ts';
import type { FieldDef } from '../domain/fields/types.ts';

/** A user the seed refers to (id and e-mail). */
export interface Person {
  id: string;
  email: string;
}

export interface ProcedureRow {
  title: string;
  description: string;
  service_name: string;
  contact_email: string;
  state: 'brouillon' | 'publiee' | 'close';
  rdv_enabled?: boolean;
  created_at: Date;
  published_at?: Date;
  closed_at?: Date;
  attestation_template?: { title: string; body: string; footer: string; activated: boolean };
  retention_months?: number;
}

/** A procedure, its revisions (published and/or draft, same form) and its administrator. */
export async function insertProcedure(
  trx: Trx,
  p: ProcedureRow,
  form: { fields: FieldDef[]; annotations: FieldDef[] },
  revisions: { published: boolean; draft: boolean },
  admin: Person,
): Promise<{ id: string; publishedRevisionId: string | null; draftRevisionId: string | null }> {
  const { id } = await trx
    .insertInto('procedures')
    .values({
      title: p.title,
      description: p.description,
      service_name: p.service_name,
      contact_email: p.contact_email,
      state: p.state,
      rdv_enabled: p.rdv_enabled ?? false,
      created_at: p.created_at,
      published_at: p.published_at ?? null,
      closed_at: p.closed_at ?? null,
      attestation_template: p.attestation_template ? JSON.stringify(p.attestation_template) : null,
      retention_months: p.retention_months ?? 12,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('procedure_administrateurs').values({ procedure_id: id, user_id: admin.id }).execute();
  const rev = async (publishedAt: Date | null, createdAt: Date) =>
    (
      await trx
        .insertInto('procedure_revisions')
        .values({
          procedure_id: id,
          fields: JSON.stringify(form.fields),
          annotations: JSON.stringify(form.annotations),
          created_at: createdAt,
          published_at: publishedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const publishedRevisionId = revisions.published ? await rev(p.published_at ?? p.created_at, p.created_at) : null;
  const draftRevisionId = revisions.draft ? await rev(null, p.published_at ?? p.created_at) : null;
  await trx
    .updateTable('procedures')
    .set({ published_revision_id: publishedRevisionId, draft_revision_id: draftRevisionId })
    .where('id', '=', id)
    .execute();
  return { id, publishedRevisionId, draftRevisionId };
}

export async function insertGroups(
  trx: Trx,
  procedureId: string,
  groups: { label: string; is_default: boolean; routing_rule: unknown; members: Person[] }[],
): Promise<string[]> {
  const rows = await trx
    .insertInto('groupes_instructeurs')
    .values(
      groups.map((g) => ({
        procedure_id: procedureId,
        label: g.label,
        is_default: g.is_default,
        routing_rule: g.routing_rule === null ? null : JSON.stringify(g.routing_rule),
      })),
    )
    .returning(['id', 'label'])
    .execute();
  const ids = groups.map((g) => rows.find((r) => r.label === g.label)!.id);
  const members = groups.flatMap((g, i) => g.members.map((m) => ({ groupe_id: ids[i], user_id: m.id })));
  if (members.length) await trx.insertInto('groupe_members').values(members).execute();
  return ids;
}

/** The procedure's labels, in this order. */
export async function insertLabels(
  trx: Trx,
  procedureId: string,
  labels: [string, string][],
): Promise<{ id: string; name: string }[]> {
  const rows = await trx
    .insertInto('labels')
    .values(labels.map(([name, color], position) => ({ procedure_id: procedureId, name, color, position })))
    .returning(['id', 'name'])
    .execute();
  return labels.map(([name]) => ({ id: rows.find((r) => r.name === name)!.id, name }));
}
