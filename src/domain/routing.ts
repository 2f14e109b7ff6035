// Routing of a deposited dossier to a group of instructors (docs/domain.md §10). A group's routing
// rule is a condition over the dossier's public champs, in the same language as conditional display
// (`conditions.ts`). At a deposit or re-submission the dossier goes to the first open group, in the
// procedure's order, whose rule is valid and true; otherwise to the default group. A group chosen by
// hand (réaffectation) is kept: routing does not run for it.
import { conditionSources, evaluateCondition, type ValueLookup } from './conditions.ts';
import type { Condition } from './fields/types.ts';

export interface RoutableGroup {
  id: string;
  isDefault: boolean;
  closed: boolean;
  rule: Condition | null;
}

/** A rule routes only when it reads at least one field and every field it reads exists in the form. */
export function isValidRoutingRule(rule: Condition | null, fieldIds: ReadonlySet<string>): boolean {
  if (!rule) return false;
  const sources = conditionSources(rule);
  return sources.length > 0 && sources.every((id) => fieldIds.has(id));
}

/** The group a dossier goes to; null only when the procedure has no open group and no default. */
export function routeDossier(
  groups: readonly RoutableGroup[],
  valueOf: ValueLookup,
  fieldIds: ReadonlySet<string>,
): string | null {
  for (const g of groups) {
    if (g.closed || !isValidRoutingRule(g.rule, fieldIds)) continue;
    if (evaluateCondition(g.rule, valueOf)) return g.id;
  }
  return groups.find((g) => g.isDefault)?.id ?? null;
}
