import type { FieldTypeModule } from './types.ts';
import { asText, emptyResult, ENUM_FILTERS, fail, isBlank, ok } from './shared.ts';

export const CIVILITE_ERROR = 'Choisissez « M. » ou « Mme »';

const ALIASES: Record<string, 'M.' | 'Mme'> = {
  'm.': 'M.',
  m: 'M.',
  monsieur: 'M.',
  mme: 'Mme',
  madame: 'Mme',
};

/** Civilité: stored 'M.' or 'Mme' ('M', 'Monsieur', 'Madame' accepted as input). */
export const civilite: FieldTypeModule = {
  type: 'civilite',
  label: 'Civilité',
  fillable: true,
  columnKind: 'enum',
  filterOperators: ENUM_FILTERS,
  parse(def, raw) {
    if (isBlank(raw)) return emptyResult(def);
    const value = ALIASES[asText(raw)?.toLowerCase() ?? ''];
    return value ? ok(value) : fail(CIVILITE_ERROR);
  },
  isEmpty: isBlank,
  display: (_def, value) => (typeof value === 'string' ? value : ''),
  searchText: (_def, value) => (typeof value === 'string' ? value : ''),
};
