// Suggestions for the territorial and country inputs (search as you type): read from the offline
// reference lists, nothing from the database.
import { isReferentialType, referentialLabel, searchReferential } from '../domain/fields/referentials.ts';
import { referentials } from '../platform/referentials.ts';

export interface ReferentialSuggestion {
  /** what goes in the input, and what the form sends back: « Lyon (69123) » */
  value: string;
  /** what tells homonyms apart: the commune's département, « Rhône (69) » */
  hint?: string;
}

/** At most `limit` entries of the list `kind` for what is typed; [] for an unknown list. */
export function referentialSuggestions(kind: string, typed: string, limit = 10): ReferentialSuggestion[] {
  if (!isReferentialType(kind) || typed.trim().length === 0) return [];
  const found = searchReferential(referentials(kind), typed.slice(0, 100), limit);
  const departements = kind === 'communes' ? referentials('departements') : null;
  return found.map((e) => {
    const dep = e.departement ? departements?.byCode.get(e.departement) : undefined;
    return { value: referentialLabel(kind, e), ...(dep ? { hint: `${dep.name} (${dep.code})` } : {}) };
  });
}

/** Every entry of a short list (départements, régions, pays) for a select: code and label. */
export function referentialOptions(kind: 'departements' | 'regions' | 'pays'): { value: string; label: string }[] {
  return referentials(kind).entries.map((e) => ({ value: e.code, label: referentialLabel(kind, e) }));
}
