// « Ajouter un filtre » (docs/interface.md §2D): one column, one operator, values OR-ed; saved for one tab or
// « pour tous les onglets ». Malformed values get a French message; nothing is saved then.
import { z } from 'zod';
import { invalidInput } from '../../domain/errors.ts';
import { MAX_FILTERS, parseFilter, sameFilter } from '../../domain/presentation.ts';
import { defineCommand } from '../command.ts';
import { instructsProcedure } from '../authorize.ts';
import {
  contextFor,
  filterCount,
  filtersOfScope,
  procedureIdSchema,
  savePresentation,
  scopeSchema,
  withFiltersOfScope,
} from './store.ts';

export const addFilter = defineCommand({
  name: 'add-filter',
  input: z.object({
    procedureId: procedureIdSchema,
    scope: scopeSchema,
    column: z.string().max(200),
    op: z.string().max(20),
    values: z.array(z.string().max(10_000)).max(100, 'Trop de valeurs pour un filtre.').default([]),
  }),
  authorize: instructsProcedure,
  async run({ trx, actor, now }, { procedureId, scope, column, op, values }) {
    const ctx = await contextFor(trx, actor, procedureId);
    const col = ctx.columns.get(column);
    if (!col?.filterable)
      throw invalidInput("Cette colonne ne peut pas servir de filtre (ou n'existe plus).", {
        column: 'Choisissez une colonne de la liste.',
      });
    const r = parseFilter(col, op, values);
    if (!r.ok) throw invalidInput(r.error, { values: r.error });
    const current = filtersOfScope(ctx.presentation, scope);
    if (current.some((f) => sameFilter(f, r.filter))) return { filter: r.filter, added: false };
    if (filterCount(ctx.presentation) >= MAX_FILTERS)
      throw invalidInput(
        `Vous avez atteint le nombre maximal de filtres (${MAX_FILTERS}). Retirez-en un avant d'en ajouter.`,
      );
    await savePresentation(
      trx,
      actor.userId!,
      procedureId,
      withFiltersOfScope(ctx.presentation, scope, [...current, r.filter]),
      now,
    );
    return { filter: r.filter, added: true };
  },
});
