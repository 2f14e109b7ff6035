// Sort by a column header (docs/interface.md §2E): a new column sorts ascending, the same one again reverses;
// an explicit order may be given (keyboard menu, "trier par").
import { z } from 'zod';
import { invalidInput } from '../../domain/errors.ts';
import { DEFAULT_SORT, NOTIFICATIONS_COLUMN, toggleSort, type SortSpec } from '../../domain/presentation.ts';
import { defineCommand } from '../command.ts';
import { instructsProcedure } from '../authorize.ts';
import { contextFor, procedureIdSchema, savePresentation } from './store.ts';

export const sortList = defineCommand({
  name: 'sort-list',
  input: z.object({
    procedureId: procedureIdSchema,
    column: z.string().max(200),
    order: z.enum(['asc', 'desc']).optional(),
  }),
  authorize: instructsProcedure,
  async run({ trx, actor, now }, { procedureId, column, order }) {
    const ctx = await contextFor(trx, actor, procedureId);
    let sort: SortSpec;
    if (column === NOTIFICATIONS_COLUMN)
      sort = order
        ? { column, order }
        : ctx.presentation.sort.column === column
          ? toggleSort(ctx.presentation.sort, column)
          : { ...DEFAULT_SORT };
    else {
      const col = ctx.columns.get(column);
      if (!col?.sortable) throw invalidInput("Cette colonne ne peut pas servir au tri (ou n'existe plus).");
      sort = order ? { column, order } : toggleSort(ctx.presentation.sort, column);
    }
    await savePresentation(trx, actor.userId!, procedureId, { ...ctx.presentation, sort }, now);
    return { sort };
  },
});
