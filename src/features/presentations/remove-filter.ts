// Remove one saved filter (the × of its tag), or every filter of a scope.
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { instructsProcedure } from '../authorize.ts';
import {
  contextFor,
  filtersOfScope,
  procedureIdSchema,
  savePresentation,
  scopeSchema,
  withFiltersOfScope,
} from './store.ts';

export const removeFilter = defineCommand({
  name: 'remove-filter',
  input: z.object({
    procedureId: procedureIdSchema,
    scope: scopeSchema,
    /** position in the scope's list; absent = remove them all */
    index: z.coerce.number().int().min(0).max(1000).optional(),
    /** the column of that filter, to refuse a stale form */
    column: z.string().max(200).optional(),
  }),
  authorize: instructsProcedure,
  async run({ trx, actor, now }, { procedureId, scope, index, column }) {
    const ctx = await contextFor(trx, actor, procedureId);
    const current = filtersOfScope(ctx.presentation, scope);
    let next = current;
    if (index === undefined) next = [];
    else if (current[index] && (column === undefined || current[index].column === column))
      next = current.filter((_, i) => i !== index);
    else return { removed: false };
    await savePresentation(trx, actor.userId!, procedureId, withFiltersOfScope(ctx.presentation, scope, next), now);
    return { removed: current.length !== next.length };
  },
});
