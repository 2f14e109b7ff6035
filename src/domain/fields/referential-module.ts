// The shape shared by the field types whose value is an entry of a reference list (communes,
// départements, régions, EPCI, pays): what is typed or picked is checked against the list, the entry's
// code and name are stored, lists and exports show its label (docs/domain.md, field catalogue).
import { lookupEntry, referentialLabel } from './referentials.ts';
import { asText, emptyResult, fail, isBlank, isPlainObject, ok, TEXT_FILTERS } from './shared.ts';
import type { FieldType, FieldTypeModule, FieldValue, ReferentialKind, ReferentialValue } from './types.ts';

export const REFERENTIAL_UNAVAILABLE = 'La liste de référence est indisponible : réessayez plus tard';

export interface ReferentialSpec {
  type: FieldType;
  kind: ReferentialKind;
  label: string;
  /** « Choisissez une commune de la liste », … */
  notFound: string;
  /** the noun for homonyms: « Plusieurs communes portent ce nom : … » */
  plural: string;
}

/** A stored value of a reference list type, or null when the value has another shape. */
export function asReferentialValue(value: FieldValue | null | undefined): ReferentialValue | null {
  if (!isPlainObject(value)) return null;
  const { code, name, departement } = value as Record<string, unknown>;
  if (typeof code !== 'string' || typeof name !== 'string') return null;
  return typeof departement === 'string' ? { code, name, departement } : { code, name };
}

function rawText(raw: unknown): string | null {
  // a stored value given back as input (stored values are valid inputs)
  if (isPlainObject(raw) && typeof raw.code === 'string') return raw.code;
  return asText(raw);
}

function carryDepartement(entries: readonly ReferentialValue[]): boolean {
  return entries.some((e) => e.departement !== undefined);
}

export function referentialModule(spec: ReferentialSpec): FieldTypeModule {
  const label = (value: FieldValue | null | undefined): string => {
    const v = asReferentialValue(value);
    return v ? referentialLabel(spec.kind, v) : '';
  };
  return {
    type: spec.type,
    label: spec.label,
    fillable: true,
    columnKind: 'text',
    filterOperators: TEXT_FILTERS,
    parse(def, raw, ctx) {
      if (isBlank(raw)) return emptyResult(def);
      const text = rawText(raw);
      if (text === null) return fail(spec.notFound);
      if (text === '') return emptyResult(def);
      if (!ctx?.referentials) return fail(REFERENTIAL_UNAVAILABLE);
      const ref = ctx.referentials(spec.kind);
      const found = lookupEntry(ref, text);
      if ('found' in found) {
        const e = found.found;
        return ok(
          e.departement ? { code: e.code, name: e.name, departement: e.departement } : { code: e.code, name: e.name },
        );
      }
      if ('ambiguous' in found) {
        // homonymous communes are told apart by their département (docs/domain.md, field catalogue)
        const departements = carryDepartement(found.ambiguous) ? ctx.referentials('departements') : null;
        const choices = found.ambiguous.slice(0, 12).map((e) => {
          const dep = e.departement ? departements?.byCode.get(e.departement)?.name : undefined;
          return `${referentialLabel(spec.kind, e)}${dep ? ` – ${dep}` : ''}`;
        });
        const more = found.ambiguous.length > choices.length ? ', …' : '';
        return fail(`Plusieurs ${spec.plural} portent ce nom, ajoutez le code : ${choices.join(', ')}${more}`);
      }
      return fail(spec.notFound);
    },
    isEmpty: (value) => asReferentialValue(value) === null,
    display: (_def, value) => label(value),
    // the name and the code: an instructor finds « Lyon » or « 69123 »
    searchText: (_def, value) => {
      const v = asReferentialValue(value);
      return v ? `${v.name} ${v.code}` : '';
    },
  };
}
