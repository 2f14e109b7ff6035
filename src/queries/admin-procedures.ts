import type { Executor } from '../platform/db/index.ts';
import { notFound } from '../domain/errors.ts';
import type { Condition } from '../domain/fields/types.ts';

export async function administeredProcedures(ex: Executor, userId: string) {
  return ex
    .selectFrom('procedures')
    .innerJoin('procedure_administrateurs', 'procedure_administrateurs.procedure_id', 'procedures.id')
    .select(['procedures.id', 'procedures.title', 'procedures.state'])
    .where('procedure_administrateurs.user_id', '=', userId)
    .orderBy('procedures.id')
    .execute();
}

/** A procedure's groups with their members (two queries, whatever the number of groups). */
export async function procedureGroups(ex: Executor, procedureId: string) {
  const procedure = await ex
    .selectFrom('procedures')
    .select(['id', 'title'])
    .where('id', '=', procedureId)
    .executeTakeFirst();
  if (!procedure) throw notFound('Démarche introuvable.');
  const rows = await ex
    .selectFrom('groupes_instructeurs')
    .leftJoin('groupe_members', 'groupe_members.groupe_id', 'groupes_instructeurs.id')
    .leftJoin('users', 'users.id', 'groupe_members.user_id')
    .select([
      'groupes_instructeurs.id',
      'groupes_instructeurs.label',
      'groupes_instructeurs.is_default',
      'groupes_instructeurs.closed',
      'groupes_instructeurs.routing_rule',
      'users.email',
      'users.password_hash',
    ])
    .where('groupes_instructeurs.procedure_id', '=', procedureId)
    .orderBy('groupes_instructeurs.id')
    .orderBy('users.email')
    .execute();
  const groups: {
    id: string;
    label: string;
    is_default: boolean;
    closed: boolean;
    routing_rule: Condition | null;
    members: { email: string; active: boolean }[];
  }[] = [];
  for (const r of rows) {
    let g = groups.find((x) => x.id === r.id);
    if (!g)
      groups.push(
        (g = {
          id: r.id,
          label: r.label,
          is_default: r.is_default,
          closed: r.closed,
          routing_rule: (r.routing_rule ?? null) as Condition | null,
          members: [],
        }),
      );
    if (r.email) g.members.push({ email: r.email, active: r.password_hash !== null });
  }
  return { procedure, groups };
}
