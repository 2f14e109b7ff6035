// Conditional display of fields (docs/domain.md §12). A condition is a tree of and/or over comparisons
// of a source field's value with a constant. A hidden or blank source makes every comparison false,
// except 'empty' which is then true. Fields may only depend on fields placed before them.
import type { ChampsMap, Condition, FieldDef, FieldType, FieldValue } from './fields/types.ts';

/** Value of a source field; undefined (or null) when hidden, absent or blank. */
export type ValueLookup = (stableId: string) => FieldValue | null | undefined;

export type ConditionGroup = Extract<Condition, { terms: Condition[] }>;
export type Comparison = Exclude<Condition, ConditionGroup>;
export type ConditionOperator = Comparison['op'];

export function isConditionGroup(cond: Condition): cond is ConditionGroup {
  return cond.op === 'and' || cond.op === 'or';
}

/** Types whose value may drive a condition. */
export const CONDITIONABLE_TYPES: readonly FieldType[] = [
  'yes_no',
  'checkbox',
  'integer_number',
  'decimal_number',
  'drop_down_list',
  'multiple_drop_down_list',
  'address',
  'communes',
  'departements',
  'regions',
  'pays',
];

/** Which source types each operator accepts. */
const OPERATOR_TYPES: Record<ConditionOperator, readonly FieldType[]> = {
  eq: CONDITIONABLE_TYPES,
  not_eq: CONDITIONABLE_TYPES,
  lt: ['integer_number', 'decimal_number'],
  lte: ['integer_number', 'decimal_number'],
  gt: ['integer_number', 'decimal_number'],
  gte: ['integer_number', 'decimal_number'],
  include: ['multiple_drop_down_list', 'drop_down_list'],
  exclude: ['multiple_drop_down_list', 'drop_down_list'],
  empty: CONDITIONABLE_TYPES,
  not_empty: CONDITIONABLE_TYPES,
};

/** The codes a condition on a reference-list field compares with (the lists are not read here). */
const REFERENTIAL_CODES: Partial<Record<FieldType, { pattern: RegExp; expected: string }>> = {
  communes: {
    pattern: /^(?:[0-9][0-9AB][0-9]{3}|[0-9]{2,3}|2[AB])$/i,
    expected: 'un code INSEE de commune (« 69123 ») ou de département (« 69 »)',
  },
  departements: { pattern: /^(?:[0-9]{2,3}|2[AB])$/i, expected: 'un code de département (« 69 », « 2A », « 974 »)' },
  regions: { pattern: /^[0-9]{2}$/, expected: 'un code de région (« 84 »)' },
  pays: { pattern: /^[A-Z]{2}$/i, expected: 'un code de pays à deux lettres (« FR »)' },
};

/** French wording of each operator, for messages and the editor. */
export const OPERATOR_LABELS: Record<ConditionOperator, string> = {
  eq: 'est égal à',
  not_eq: "n'est pas égal à",
  lt: 'est inférieur à',
  lte: 'est inférieur ou égal à',
  gt: 'est supérieur à',
  gte: 'est supérieur ou égal à',
  include: 'contient',
  exclude: 'ne contient pas',
  empty: 'est vide',
  not_empty: "n'est pas vide",
};

/** null, undefined, '', whitespace or []. false and 0 are values, not blanks. */
export function isBlankValue(value: FieldValue | null | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim().replace(',', '.'));
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function toBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

/** Equality of a (non-blank) source value and the condition constant. Booleans compare with
 *  true/false or 'true'/'false'; numbers numerically; strings exactly (trimmed); an array (multiple
 *  choice) is equal to a constant it contains; an entry of a reference list to its code. */
function equals(source: FieldValue, constant: string | number | boolean | undefined): boolean {
  if (constant === undefined) return false;
  if (typeof source === 'boolean') return toBoolean(constant) === source;
  if (typeof source === 'number') return toNumber(constant) === source;
  if (typeof source === 'string') return source.trim() === String(constant).trim();
  if (Array.isArray(source)) return (source as unknown[]).includes(String(constant));
  if (typeof source === 'object' && 'code' in source) return referentialEquals(source, String(constant));
  return false;
}

/** An entry of a reference list equals its code (« 69123 », « FR », case aside); a commune also
 *  equals its département's code (« 69 »), so that a commune field routes by département. */
function referentialEquals(source: { code: string; departement?: string }, constant: string): boolean {
  const code = constant.trim().toUpperCase();
  return source.code.toUpperCase() === code || (source.departement !== undefined && source.departement === code);
}

function includes(source: FieldValue, constant: string | number | boolean | undefined): boolean {
  if (constant === undefined) return false;
  if (Array.isArray(source)) return (source as unknown[]).includes(String(constant));
  if (typeof source === 'string') return source === String(constant);
  return false;
}

function compare(source: FieldValue, constant: unknown, test: (a: number, b: number) => boolean): boolean {
  const a = toNumber(source);
  const b = toNumber(constant);
  return a !== null && b !== null && test(a, b);
}

/** Evaluates a condition; null/undefined condition = always true. and([]) is true, or([]) false. */
export function evaluateCondition(cond: Condition | null | undefined, valueOf: ValueLookup): boolean {
  if (!cond) return true;
  if (isConditionGroup(cond)) {
    return cond.op === 'and'
      ? cond.terms.every((t) => evaluateCondition(t, valueOf))
      : cond.terms.some((t) => evaluateCondition(t, valueOf));
  }
  const source = valueOf(cond.field);
  if (source === null || source === undefined || isBlankValue(source)) return cond.op === 'empty';
  switch (cond.op) {
    case 'empty':
      return false;
    case 'not_empty':
      return true;
    case 'eq':
      return equals(source, cond.value);
    case 'not_eq':
      return cond.value !== undefined && !equals(source, cond.value);
    case 'lt':
      return compare(source, cond.value, (a, b) => a < b);
    case 'lte':
      return compare(source, cond.value, (a, b) => a <= b);
    case 'gt':
      return compare(source, cond.value, (a, b) => a > b);
    case 'gte':
      return compare(source, cond.value, (a, b) => a >= b);
    case 'include':
      return includes(source, cond.value);
    case 'exclude':
      return cond.value !== undefined && !includes(source, cond.value);
    default:
      return false;
  }
}

/** The stable ids a condition reads. */
export function conditionSources(cond: Condition | null | undefined): string[] {
  if (!cond) return [];
  if (isConditionGroup(cond)) return [...new Set(cond.terms.flatMap(conditionSources))];
  return [cond.field];
}

/** Which of `defs` (one level, in order) are visible: each condition is evaluated over the values
 *  of the fields of `defs` placed before it and visible, then over `outer` (e.g. root champs for
 *  the children of a repetition row). A field of `defs` that is hidden or placed after is blank. */
export function resolveVisible(defs: FieldDef[], valueOf: ValueLookup, outer?: ValueLookup): FieldDef[] {
  const own = new Set(defs.map((d) => d.stableId));
  const visible = new Set<string>();
  const result: FieldDef[] = [];
  const lookup: ValueLookup = (id) => {
    if (own.has(id)) return visible.has(id) ? valueOf(id) : undefined;
    return outer ? outer(id) : undefined;
  };
  for (const def of defs) {
    if (evaluateCondition(def.condition, lookup)) {
      visible.add(def.stableId);
      result.push(def);
    }
  }
  return result;
}

/** The visible root fields given stored champs (hidden fields' values are ignored as sources). */
export function visibleFields(defs: FieldDef[], champs: ChampsMap): FieldDef[] {
  return resolveVisible(defs, (id) => champs[id]?.value);
}

/** The visible children of one repetition row; `rootValueOf` gives visible root values. */
export function visibleRowFields(
  children: FieldDef[],
  rowValues: Record<string, FieldValue | null>,
  rootValueOf?: ValueLookup,
): FieldDef[] {
  return resolveVisible(children, (id) => rowValues[id], rootValueOf);
}

// ---------------------------------------------------------------------------------------------
// Validation of a condition in the form editor

interface Located {
  def: FieldDef;
  /** the repetition holding it, if any */
  parent: FieldDef | null;
  /** position among its siblings */
  index: number;
}

function locate(defs: FieldDef[]): Map<string, Located> {
  const map = new Map<string, Located>();
  defs.forEach((def, index) => {
    map.set(def.stableId, { def, parent: null, index });
    (def.children ?? []).forEach((child, childIndex) => {
      map.set(child.stableId, { def: child, parent: def, index: childIndex });
    });
  });
  return map;
}

/** May `source` be read by the condition of `target`? Root fields read root fields placed before;
 *  repetition children read root fields placed before their block and siblings placed before. */
function placedBefore(source: Located, target: Located, located: Map<string, Located>): boolean {
  if (source.parent === null) {
    const targetRootIndex = target.parent ? located.get(target.parent.stableId)!.index : target.index;
    return source.index < targetRootIndex;
  }
  return target.parent !== null && source.parent.stableId === target.parent.stableId && source.index < target.index;
}

/** French errors for a condition: unknown or non-conditionable source, source placed after the
 *  field (when `targetStableId` is given), operator unsuitable for the source type, missing or
 *  wrong constant. [] when the condition is valid. */
export function validateCondition(cond: Condition, defs: FieldDef[], targetStableId?: string): string[] {
  const located = locate(defs);
  const target = targetStableId === undefined ? undefined : located.get(targetStableId);
  const errors: string[] = [];
  const walk = (c: Condition): void => {
    if (isConditionGroup(c)) {
      if (c.terms.length === 0)
        errors.push(`Un groupe « ${c.op === 'and' ? 'et' : 'ou'} » doit contenir au moins une règle`);
      c.terms.forEach(walk);
      return;
    }
    const source = located.get(c.field);
    if (!source) {
      errors.push(`La condition porte sur un champ qui n'existe pas (${c.field})`);
      return;
    }
    const name = `« ${source.def.label} »`;
    if (c.field === targetStableId) {
      errors.push(`Un champ ne peut pas dépendre de lui-même (${name})`);
      return;
    }
    if (!CONDITIONABLE_TYPES.includes(source.def.type)) {
      errors.push(`Le champ ${name} ne peut pas servir de condition (type non pris en charge)`);
      return;
    }
    if (target && !placedBefore(source, target, located)) {
      errors.push(
        source.parent && source.parent.stableId !== target.parent?.stableId
          ? `Le champ ${name} est dans un bloc répétable : seuls les champs du même bloc peuvent en dépendre`
          : `La condition ne peut porter que sur un champ placé avant celui-ci : ${name} est placé après`,
      );
      return;
    }
    if (!OPERATOR_TYPES[c.op].includes(source.def.type)) {
      errors.push(`L'opérateur « ${OPERATOR_LABELS[c.op]} » ne s'applique pas au champ ${name}`);
      return;
    }
    if (c.op === 'empty' || c.op === 'not_empty') return;
    if (c.value === undefined || (typeof c.value === 'string' && c.value.trim() === '')) {
      errors.push(`Indiquez la valeur à comparer au champ ${name}`);
      return;
    }
    const type = source.def.type;
    if ((type === 'integer_number' || type === 'decimal_number') && toNumber(c.value) === null) {
      errors.push(`La valeur comparée au champ ${name} doit être un nombre`);
    } else if (type === 'integer_number' && ['eq', 'not_eq'].includes(c.op) && !Number.isInteger(toNumber(c.value))) {
      errors.push(`La valeur comparée au champ ${name} doit être un nombre entier`);
    } else if ((type === 'yes_no' || type === 'checkbox') && toBoolean(c.value) === null) {
      errors.push(`La valeur comparée au champ ${name} doit être « Oui » ou « Non »`);
    } else if (type in REFERENTIAL_CODES && !REFERENTIAL_CODES[type]!.pattern.test(String(c.value).trim())) {
      errors.push(`La valeur comparée au champ ${name} doit être ${REFERENTIAL_CODES[type]!.expected}`);
    } else if (type === 'drop_down_list' || type === 'multiple_drop_down_list') {
      const choices = source.def.options?.choices ?? [];
      const other = type === 'drop_down_list' && source.def.options?.other;
      if (!other && !choices.includes(String(c.value))) {
        errors.push(`« ${String(c.value)} » ne fait pas partie des options du champ ${name}`);
      }
    }
  };
  walk(cond);
  return [...new Set(errors)];
}
