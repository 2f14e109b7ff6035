// The filter bar of the list (docs/interface.md §2D-1): état du dossier, numéro, notification, date de dépôt.
// Its four slots replace the filters of those columns in the chosen scope; other filters stay.
import { z } from 'zod';
import { invalidInput } from '../../domain/errors.ts';
import {
  DEPOSE_COLUMN,
  MAX_FILTERS,
  NOTIFICATIONS_COLUMN,
  NUMBER_COLUMN,
  parseFilter,
  STATE_COLUMN,
  type FilterSpec,
} from '../../domain/presentation.ts';
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

export const FILTER_BAR_COLUMNS = [STATE_COLUMN, NUMBER_COLUMN, NOTIFICATIONS_COLUMN, DEPOSE_COLUMN] as const;

const text = z.string().max(10_000);
export const saveFilterBar = defineCommand({
  name: 'save-filter-bar',
  input: z.object({
    procedureId: procedureIdSchema,
    scope: scopeSchema,
    states: z.array(text).max(20).default([]),
    number: text.default(''),
    notifications: z.array(text).max(20).default([]),
    deposeFrom: text.default(''),
    deposeTo: text.default(''),
  }),
  authorize: instructsProcedure,
  async run({ trx, actor, now }, input) {
    const ctx = await contextFor(trx, actor, input.procedureId);
    const errors: Record<string, string> = {};
    const filters: FilterSpec[] = [];
    const add = (column: string, op: string, values: string[], field: string) => {
      const col = ctx.columns.get(column);
      if (!col) return;
      const r = parseFilter(col, op, values);
      if (r.ok) filters.push(r.filter);
      else errors[field] = r.error;
    };
    if (input.states.length) add(STATE_COLUMN, 'in', input.states, 'states');
    const numbers = input.number.split(/[\s,;]+/).filter(Boolean);
    if (numbers.length) add(NUMBER_COLUMN, 'eq', numbers, 'number');
    if (input.notifications.length) add(NOTIFICATIONS_COLUMN, 'in', input.notifications, 'notifications');
    const from = input.deposeFrom.trim();
    const to = input.deposeTo.trim();
    if (from && to) add(DEPOSE_COLUMN, 'between', [from, to], 'depose');
    else if (from) add(DEPOSE_COLUMN, 'after', [from], 'depose');
    else if (to) add(DEPOSE_COLUMN, 'before', [to], 'depose');
    if (Object.keys(errors).length) throw invalidInput(Object.values(errors)[0], errors);
    const kept = filtersOfScope(ctx.presentation, input.scope).filter(
      (f) => !(FILTER_BAR_COLUMNS as readonly string[]).includes(f.column),
    );
    const next = withFiltersOfScope(ctx.presentation, input.scope, [...kept, ...filters]);
    if (filterCount(next) > MAX_FILTERS)
      throw invalidInput(`Vous avez atteint le nombre maximal de filtres (${MAX_FILTERS}).`);
    await savePresentation(trx, actor.userId!, input.procedureId, next, now);
    return { filters };
  },
});
