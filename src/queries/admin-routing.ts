// The routing preview of a procedure (docs/domain.md §10): for a sample of its latest deposited
// dossiers, the group the current rules would choose — computed by the domain's routeDossier, the
// same rule the deposit applies — next to the group they are in.
import { routeDossier, type RoutableGroup } from '../domain/routing.ts';
import type { ChampsMap, Condition, FieldDef } from '../domain/fields/types.ts';
import type { Executor } from '../platform/db/index.ts';

export const PREVIEW_SAMPLE = 20;

export async function routingPreview(ex: Executor, procedureId: string, fields: FieldDef[]) {
  const [groups, dossiers] = await Promise.all([
    ex
      .selectFrom('groupes_instructeurs')
      .select(['id', 'label', 'is_default', 'closed', 'routing_rule'])
      .where('procedure_id', '=', procedureId)
      .orderBy('id')
      .execute(),
    ex
      .selectFrom('dossiers')
      .innerJoin('groupes_instructeurs as g', 'g.id', 'dossiers.groupe_id')
      .select(['dossiers.id', 'dossiers.champs', 'g.label as groupe'])
      .where('dossiers.procedure_id', '=', procedureId)
      .where('dossiers.state', '<>', 'brouillon')
      .orderBy('dossiers.id', 'desc')
      .limit(PREVIEW_SAMPLE)
      .execute(),
  ]);
  const routable: RoutableGroup[] = groups.map((g) => ({
    id: g.id,
    isDefault: g.is_default,
    closed: g.closed,
    rule: (g.routing_rule ?? null) as Condition | null,
  }));
  const labels = new Map(groups.map((g) => [g.id, g.label]));
  const ids = new Set(fields.map((f) => f.stableId));
  return dossiers.map((d) => {
    const champs = d.champs as ChampsMap;
    const to = routeDossier(routable, (id) => champs[id]?.value, ids);
    return { id: d.id, current: d.groupe, wouldGo: to ? (labels.get(to) ?? '') : 'aucun groupe' };
  });
}

/** The administrators of a procedure (one statement). */
export async function procedureAdministrateurs(ex: Executor, procedureId: string) {
  return ex
    .selectFrom('procedure_administrateurs')
    .innerJoin('users', 'users.id', 'procedure_administrateurs.user_id')
    .select(['users.id', 'users.email', 'users.password_hash'])
    .where('procedure_administrateurs.procedure_id', '=', procedureId)
    .orderBy('users.email')
    .execute()
    .then((rows) => rows.map((r) => ({ id: r.id, email: r.email, active: r.password_hash !== null })));
}
