// « Labels » on the dossier page: the instructor sets which of the procedure's labels the dossier
// carries (rows added and removed in dossier_labels), recorded in the history.
import { z } from 'zod';
import { defineCommand, type CommandContext } from '../command.ts';
import { assertNotInBulkOperation } from '../../domain/bulk.ts';
import { instructsDossier } from '../authorize.ts';
import { invalidInput } from '../../domain/errors.ts';
import { assertInstruct } from '../../domain/permissions.ts';
import { loadDossierForUpdate } from '../dossiers/load-dossier.ts';

/**
 * Change the dossier's labels to `wantedOf(current)` (the single action sets the list; the bulk one,
 * docs/domain.md §8, adds or removes one label).
 */
export async function changeLabels(
  ctx: CommandContext,
  dossierId: string,
  wantedOf: (current: string[]) => string[],
): Promise<{ added: string[]; removed: string[] }> {
  const d = await loadDossierForUpdate(ctx.trx, dossierId);
  assertInstruct(await ctx.access(), d.ref);
  assertNotInBulkOperation(d.row.running_bulk_operation_id, ctx.bulkOperationId);
  const labels = await ctx.trx
    .selectFrom('labels')
    .select(['id', 'name'])
    .where('procedure_id', '=', d.row.procedure_id)
    .execute();
  const byId = new Map(labels.map((l) => [l.id, l.name]));
  const current = (
    await ctx.trx.selectFrom('dossier_labels').select('label_id').where('dossier_id', '=', d.row.id).execute()
  ).map((r) => r.label_id);
  const wanted = [...new Set(wantedOf(current))];
  const unknown = wanted.filter((id) => !byId.has(id));
  if (unknown.length)
    throw invalidInput("Un des labels choisis n'existe pas sur cette démarche.", {
      labels: "Un des labels choisis n'existe pas sur cette démarche.",
    });
  const added = wanted.filter((id) => !current.includes(id));
  const removed = current.filter((id) => !wanted.includes(id));
  if (!added.length && !removed.length) return { added: [], removed: [] };
  if (removed.length)
    await ctx.trx
      .deleteFrom('dossier_labels')
      .where('dossier_id', '=', d.row.id)
      .where('label_id', 'in', removed)
      .execute();
  if (added.length)
    await ctx.trx
      .insertInto('dossier_labels')
      .values(added.map((label_id) => ({ dossier_id: d.row.id, label_id })))
      .execute();
  await ctx.recordEvent(d.row.id, 'labels_modifies', {
    added: added.map((id) => byId.get(id) ?? id),
    removed: removed.map((id) => byId.get(id) ?? id),
  });
  return { added, removed };
}

export const setDossierLabels = defineCommand({
  name: 'set-dossier-labels',
  input: z.object({
    dossierId: z.coerce.string(),
    labelIds: z.array(z.string().regex(/^[0-9]{1,18}$/, 'Label inconnu.')).max(100),
  }),
  authorize: instructsDossier,
  run: (ctx, { dossierId, labelIds }) => changeLabels(ctx, dossierId, () => labelIds),
});
