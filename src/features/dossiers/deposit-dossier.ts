// « Déposer le dossier »: the usager's deposit of his brouillon (docs/domain.md §2). The domain's
// « deposer » transition, applied by applyTransition (its effects: routing badges, e-mails, the
// declarative step). Used by the demo seed and the tests' factories until the usager's form pages
// call it.
import { z } from 'zod';
import { ownsDossier } from '../authorize.ts';
import { defineCommand } from '../command.ts';
import { applyTransition } from '../instruction/transition.ts';

export const depositDossier = defineCommand({
  name: 'deposit-dossier',
  input: z.object({ dossierId: z.string() }),
  authorize: ownsDossier,
  async run(ctx, i) {
    const { to } = await applyTransition(ctx, { dossierId: i.dossierId, action: 'deposer', actorKind: 'usager' });
    return { state: to };
  },
});
