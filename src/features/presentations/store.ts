// Shared by the presentation commands: the instructor's list context (not_found when he does not
// instruct the procedure) with his current presentation, and the upsert of a new one.
import { sql } from 'kysely';
import { z } from 'zod';
import type { Trx } from '../../platform/db/index.ts';
import { forbidden } from '../../domain/errors.ts';
import { isFilterScope, type FilterScope, type FilterSpec, type Presentation } from '../../domain/presentation.ts';
import { loadListContext, type ListContext } from '../../queries/list-context.ts';
import type { Actor } from '../command.ts';

export const procedureIdSchema = z
  .string({ error: 'Démarche introuvable.' })
  .regex(/^[0-9]{1,18}$/, 'Démarche introuvable.');
export const scopeSchema = z
  .string()
  .refine((s) => isFilterScope(s), 'Onglet inconnu.')
  .transform((s) => s as FilterScope);

export async function contextFor(trx: Trx, actor: Actor, procedureId: string): Promise<ListContext> {
  if (!actor.userId) throw forbidden();
  return loadListContext(trx, actor.userId, procedureId);
}

export async function savePresentation(
  trx: Trx,
  userId: string,
  procedureId: string,
  p: Presentation,
  now: Date,
): Promise<void> {
  await sql`
    INSERT INTO presentations (user_id, procedure_id, columns, sort, filters, page_size, updated_at)
    VALUES (${userId}, ${procedureId}, ${JSON.stringify(p.columns)}::jsonb, ${JSON.stringify(p.sort)}::jsonb,
            ${JSON.stringify(p.filters)}::jsonb, ${p.pageSize}, ${now})
    ON CONFLICT (user_id, procedure_id) DO UPDATE SET columns = EXCLUDED.columns, sort = EXCLUDED.sort,
      filters = EXCLUDED.filters, page_size = EXCLUDED.page_size, updated_at = EXCLUDED.updated_at`.execute(trx);
}

/** The filters saved for one scope (a tab, or every tab). */
export function filtersOfScope(p: Presentation, scope: FilterScope): FilterSpec[] {
  return scope === 'all' ? p.filters.all : (p.filters.tabs[scope] ?? []);
}

export function withFiltersOfScope(p: Presentation, scope: FilterScope, filters: FilterSpec[]): Presentation {
  if (scope === 'all') return { ...p, filters: { ...p.filters, all: filters } };
  const tabs = { ...p.filters.tabs };
  if (filters.length) tabs[scope] = filters;
  else delete tabs[scope];
  return { ...p, filters: { ...p.filters, tabs } };
}

export function filterCount(p: Presentation): number {
  return p.filters.all.length + Object.values(p.filters.tabs).reduce((n, l) => n + (l?.length ?? 0), 0);
}
