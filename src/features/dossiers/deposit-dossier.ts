// « Déposer le dossier »: the usager's deposit of his brouillon (docs/domain.md §2). With the form's
// values (the brouillon page), they are applied strictly first: identity complete, every visible
// mandatory field filled, each value valid — else nothing changes and each field gets its message.
// Then the dossier is routed to its group (docs/domain.md §10: the first open group whose valid
// rule holds, else the default; never when the group was forced) and the domain's « deposer »
// transition is applied by applyTransition (its effects: badges, e-mails, the declarative step).
import type { ChampsMap, FieldDef } from '../../domain/fields/index.ts';
import { routeDossier, type RoutableGroup } from '../../domain/routing.ts';
import type { Condition } from '../../domain/fields/types.ts';
import { ownsDossier } from '../authorize.ts';
import { defineCommand, type CommandContext } from '../command.ts';
import { applyTransition } from '../instruction/transition.ts';
import { refreshSearchTerms } from '../work-list/refresh-search-terms.ts';
import { writeBrouillon } from './brouillon.ts';
import { brouillonInput } from './save-brouillon.ts';

/** Routes the dossier by its champs; returns the group it is in afterwards. */
async function route(ctx: CommandContext, dossierId: string): Promise<void> {
  const d = await ctx.trx
    .selectFrom('dossiers')
    .innerJoin('procedure_revisions', 'procedure_revisions.id', 'dossiers.revision_id')
    .select([
      'dossiers.procedure_id',
      'dossiers.groupe_id',
      'dossiers.forced_groupe',
      'dossiers.champs',
      'procedure_revisions.fields',
    ])
    .where('dossiers.id', '=', dossierId)
    .executeTakeFirstOrThrow();
  if (d.forced_groupe) return;
  const groups = await ctx.trx
    .selectFrom('groupes_instructeurs')
    .select(['id', 'is_default', 'closed', 'routing_rule'])
    .where('procedure_id', '=', d.procedure_id)
    .orderBy('id')
    .execute();
  const routable: RoutableGroup[] = groups.map((g) => ({
    id: g.id,
    isDefault: g.is_default,
    closed: g.closed,
    rule: (g.routing_rule ?? null) as Condition | null,
  }));
  const champs = (d.champs ?? {}) as ChampsMap;
  const fieldIds = new Set(((d.fields ?? []) as FieldDef[]).map((f) => f.stableId));
  const target = routeDossier(routable, (id) => champs[id]?.value ?? null, fieldIds);
  if (target && target !== d.groupe_id)
    await ctx.trx.updateTable('dossiers').set({ groupe_id: target }).where('id', '=', dossierId).execute();
}

export const depositDossier = defineCommand({
  name: 'deposit-dossier',
  input: brouillonInput.omit({ only: true, partial: true }),
  authorize: ownsDossier,
  async run(ctx, i) {
    if (i.raw || i.identity) await writeBrouillon(ctx, i.dossierId, i, { complete: true });
    await route(ctx, i.dossierId);
    const { to } = await applyTransition(ctx, { dossierId: i.dossierId, action: 'deposer', actorKind: 'usager' });
    await refreshSearchTerms(ctx.trx, [i.dossierId]);
    return { state: to };
  },
});
