// « Déposer le dossier »: the usager's deposit of his brouillon (docs/domain.md §2). With the form's
// values (the brouillon page), they are applied strictly first: identity complete, every visible
// mandatory field filled, each value valid — else nothing changes and each field gets its message.
// Then the dossier is routed to its group (docs/domain.md §10: the first open group whose valid
// rule holds, else the default; never when the group was forced) and the domain's « deposer »
// transition is applied by applyTransition (its effects: badges, e-mails, the declarative step).
import { ownsDossier } from '../authorize.ts';
import { defineCommand, type CommandContext } from '../command.ts';
import { applyTransition } from '../instruction/transition.ts';
import { routingMove } from '../reassignment/move-dossier.ts';
import { refreshSearchTerms } from '../work-list/refresh-search-terms.ts';
import { writeBrouillon } from './brouillon.ts';
import { brouillonInput } from './save-brouillon.ts';

/** Routes the brouillon by its champs: nobody follows it yet, so only its group changes. */
async function route(ctx: CommandContext, dossierId: string): Promise<void> {
  const move = await routingMove(ctx.trx, dossierId);
  if (move) await ctx.trx.updateTable('dossiers').set({ groupe_id: move.to.id }).where('id', '=', dossierId).execute();
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
