// A saved presentation naming columns that no longer exist (a field removed from the procedure, a
// group merged, …) is repaired — stale columns, filters and sort dropped — and saved, so that the
// instructor is told once (docs/domain.md §3: "invalid presentations are reset with a flash message").
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { instructsProcedure } from '../authorize.ts';
import { contextFor, procedureIdSchema, savePresentation } from './store.ts';

export const repairPresentation = defineCommand({
  name: 'repair-presentation',
  input: z.object({ procedureId: procedureIdSchema }),
  authorize: instructsProcedure,
  async run({ trx, actor, now }, { procedureId }) {
    const ctx = await contextFor(trx, actor, procedureId);
    if (ctx.presentationChanged) await savePresentation(trx, actor.userId!, procedureId, ctx.presentation, now);
    return { notices: ctx.notices, repaired: ctx.presentationChanged };
  },
});
