// The usager's deposit of a brouillon (docs/domain.md §2), for the demo seed and the tests' factories.
import { z } from 'zod';
import { defineCommand } from '../features/command.ts';
import { applyTransition } from '../features/instruction/transition.ts';

/**
 * There is no deposit command yet (the usager's new-dossier form is to come): the seed runs the
 * domain's « deposer » transition through applyTransition, inside a command, as that one will.
 */
export const depositDossier = defineCommand({
  name: 'seed-deposit-dossier',
  input: z.object({ dossierId: z.string() }),
  async run(ctx, i) {
    const { to } = await applyTransition(ctx, { dossierId: i.dossierId, action: 'deposer', actorKind: 'usager' });
    return { state: to };
  },
});
