// Suggestions for the territorial and country inputs (search as you type): read from the offline
// reference lists, nothing from the database.
import type { FieldDef } from '../domain/fields/types.ts';
import {
  isReferentialType,
  referentialLabel,
  searchReferential,
  type ReferentialOptions,
  type ReferentialSelectKind,
} from '../domain/fields/referentials.ts';
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

const SELECT_KINDS: readonly string[] = ['departements', 'regions', 'pays'] satisfies ReferentialSelectKind[];

/** Every entry of a short list (départements, régions, pays) for a select: code and label. */
export function referentialOptions(kind: ReferentialSelectKind): { value: string; label: string }[] {
  return referentials(kind).entries.map((e) => ({ value: e.code, label: referentialLabel(kind, e) }));
}

/** The options of the short lists that the fields `defs` (repetition blocks' children included) use. */
export function referentialOptionsFor(defs: readonly FieldDef[]): ReferentialOptions {
  const out: ReferentialOptions = {};
  const visit = (list: readonly FieldDef[]) => {
    for (const d of list) {
      if (SELECT_KINDS.includes(d.type)) {
        const kind = d.type as ReferentialSelectKind;
        out[kind] ??= referentialOptions(kind);
      }
      if (d.children) visit(d.children);
    }
  };
  visit(defs);
  return out;
}
