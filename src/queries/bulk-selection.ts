// The dossiers a bulk operation covers (docs/domain.md §8), as a condition on `dossiers d` built from
// the work list's own SQL: the instructor's scope (his groups of the procedure, never a brouillon),
// the tab's rule and either the saved filters of the tab or the ids he checked. No cap: a whole tab
// of 100 000 dossiers is one condition, resolved by the database when the operation starts.
import { sql } from 'kysely';
import type { FilterSpec, Presentation } from '../domain/presentation.ts';
import { isTab, type Tab } from '../domain/tabs.ts';
import type { Executor } from '../platform/db/index.ts';
import { listWhere, scopeOf } from './dossier-list.ts';
import { loadListContext, type ListContext } from './list-context.ts';
import { scopeSql, tabSql, type Sql } from './work-list-sql.ts';

/** What the instructor selected: every dossier of a tab with its filters, or checked rows of a tab. */
export type BulkSelection = { kind: 'tab'; tab: Tab; filters: FilterSpec[] } | { kind: 'ids'; tab: Tab; ids: string[] };

/** The list context of the instructor on the procedure (not_found when he instructs none of its groups). */
export function selectionContext(ex: Executor, userId: string, procedureId: string): Promise<ListContext> {
  return loadListContext(ex, userId, procedureId);
}

/** The selection as a condition on `dossiers d` (the ids of a forged request never leave the scope). */
export function bulkSelectionSql(ctx: ListContext, selection: BulkSelection, now: Date): Sql<boolean> {
  const tab: Tab = isTab(selection.tab) ? selection.tab : 'tous';
  if (selection.kind === 'ids') {
    const scope = scopeOf(ctx, now);
    const ids = selection.ids.filter((id) => /^[0-9]{1,18}$/.test(id));
    return sql<boolean>`${scopeSql(scope)} AND ${tabSql(tab, scope)} AND d.id = ANY(${ids}::bigint[])`;
  }
  // the list's own reading of the filters (state and group filters narrow the scope)
  return listWhere(ctx, tab, now, withFilters(ctx.presentation, tab, selection.filters)).base;
}

/** A presentation whose only filters are the selection's, on its tab. */
function withFilters(p: Presentation, tab: Tab, filters: FilterSpec[]): Presentation {
  return { ...p, filters: { all: [], tabs: { [tab]: filters } } };
}

/** Every dossier id of the selection, in id order (tests and small selections). */
export async function selectionIds(
  ex: Executor,
  ctx: ListContext,
  selection: BulkSelection,
  now: Date,
): Promise<string[]> {
  const r = await sql<{ id: string }>`
    SELECT d.id::text AS id FROM dossiers d WHERE ${bulkSelectionSql(ctx, selection, now)} ORDER BY d.id`.execute(ex);
  return r.rows.map((x) => x.id);
}
