// The form builder's rules (docs/domain.md §12): the edits an administrator makes to the draft's
// fields or annotations (add, change, duplicate, remove, move), the options each type accepts, and the
// errors that stop a publication — a condition reading a removed or moved field is flagged, never
// dropped. Stable ids are chosen by the caller (the domain draws no random numbers).
import { CONDITIONABLE_TYPES, OPERATOR_LABELS, conditionSources, validateCondition } from './conditions.ts';
import { invalidInput } from './errors.ts';
import { FIELD_TYPES, type Condition, type FieldDef, type FieldOptions, type FieldType } from './fields/types.ts';

export type BuilderOperator = keyof typeof OPERATOR_LABELS;
export const BUILDER_OPERATORS = Object.keys(OPERATOR_LABELS) as BuilderOperator[];

/** Where a field sits: its index among its siblings, and the repetition holding it (null at the root). */
export interface FieldPosition {
  parentId: string | null;
  index: number;
}

export function findField(defs: FieldDef[], stableId: string): (FieldPosition & { def: FieldDef }) | null {
  for (let i = 0; i < defs.length; i++) {
    if (defs[i].stableId === stableId) return { def: defs[i], parentId: null, index: i };
    const children = defs[i].children ?? [];
    const j = children.findIndex((c) => c.stableId === stableId);
    if (j >= 0) return { def: children[j], parentId: defs[i].stableId, index: j };
  }
  return null;
}

function notFoundField(): never {
  throw invalidInput("Ce champ n'existe plus : la page a peut-être été modifiée par un autre administrateur.");
}

/** The sibling list of a parent (a copy of the tree with that list replaced by `update`). */
function withSiblings(defs: FieldDef[], parentId: string | null, update: (list: FieldDef[]) => FieldDef[]): FieldDef[] {
  if (parentId === null) return update(defs.slice());
  const i = defs.findIndex((d) => d.stableId === parentId);
  if (i < 0 || defs[i].type !== 'repetition') notFoundField();
  const copy = defs.slice();
  copy[i] = { ...defs[i], children: update((defs[i].children ?? []).slice()) };
  return copy;
}

/** Adds `def` at the end of the root list or of a repetition block (never a repetition in a repetition). */
export function addField(
  defs: FieldDef[],
  def: FieldDef,
  parentId: string | null = null,
  afterId?: string,
): FieldDef[] {
  if (parentId !== null && def.type === 'repetition')
    throw invalidInput('Un bloc répétable ne peut pas contenir un autre bloc répétable.', {
      type: 'Type non permis ici',
    });
  const field = def.type === 'repetition' ? { ...def, children: def.children ?? [] } : def;
  return withSiblings(defs, parentId, (list) => {
    const at = afterId ? list.findIndex((d) => d.stableId === afterId) : -1;
    if (at < 0) list.push(field);
    else list.splice(at + 1, 0, field);
    return list;
  });
}

/** Replaces the definition of a field (its stable id, privacy and children are kept). */
export function updateField(
  defs: FieldDef[],
  stableId: string,
  next: Omit<FieldDef, 'stableId' | 'private'>,
): FieldDef[] {
  const found = findField(defs, stableId) ?? notFoundField();
  if (found.parentId !== null && next.type === 'repetition')
    throw invalidInput('Un bloc répétable ne peut pas contenir un autre bloc répétable.', {
      type: 'Type non permis ici',
    });
  const updated: FieldDef = { ...next, stableId, private: found.def.private };
  if (next.type === 'repetition') updated.children = found.def.children ?? [];
  else delete updated.children;
  return withSiblings(defs, found.parentId, (list) => {
    list[found.index] = updated;
    return list;
  });
}

export function removeField(defs: FieldDef[], stableId: string): FieldDef[] {
  const found = findField(defs, stableId) ?? notFoundField();
  return withSiblings(defs, found.parentId, (list) => {
    list.splice(found.index, 1);
    return list;
  });
}

/** Moves a field one place up (-1) or down (+1) among its siblings; at an end it stays. */
export function moveField(defs: FieldDef[], stableId: string, delta: -1 | 1): FieldDef[] {
  const found = findField(defs, stableId) ?? notFoundField();
  return withSiblings(defs, found.parentId, (list) => {
    const to = found.index + delta;
    if (to < 0 || to >= list.length) return list;
    [list[found.index], list[to]] = [list[to], list[found.index]];
    return list;
  });
}

/** Puts the siblings of a level in the given order (drag and drop); ids not given keep their order, after. */
export function reorderFields(defs: FieldDef[], parentId: string | null, order: string[]): FieldDef[] {
  return withSiblings(defs, parentId, (list) => {
    const byId = new Map(list.map((d) => [d.stableId, d]));
    const head = [...new Set(order)].filter((id) => byId.has(id)).map((id) => byId.get(id)!);
    const rest = list.filter((d) => !head.includes(d));
    return [...head, ...rest];
  });
}

/** A copy placed right after the original, labelled « (copie) », with fresh ids (`newId` draws them;
 *  the children of a copied block get fresh ids too, and conditions between them follow). */
export function duplicateField(defs: FieldDef[], stableId: string, newId: () => string): FieldDef[] {
  const found = findField(defs, stableId) ?? notFoundField();
  const ids = new Map<string, string>();
  const copyId = newId();
  ids.set(found.def.stableId, copyId);
  for (const c of found.def.children ?? []) ids.set(c.stableId, newId());
  const remap = (cond: Condition | null | undefined): Condition | null | undefined => {
    if (!cond) return cond;
    if ('terms' in cond) return { op: cond.op, terms: cond.terms.map((t) => remap(t)!) };
    return { ...cond, field: ids.get(cond.field) ?? cond.field };
  };
  const copy: FieldDef = {
    ...structuredClone(found.def),
    stableId: copyId,
    label: `${found.def.label} (copie)`,
  };
  if (found.def.children)
    copy.children = found.def.children.map((c) => ({
      ...structuredClone(c),
      stableId: ids.get(c.stableId)!,
      condition: remap(c.condition) ?? null,
    }));
  return withSiblings(defs, found.parentId, (list) => {
    list.splice(found.index + 1, 0, copy);
    return list;
  });
}

// ---------------------------------------------------------------------------------------------
// Options typed in the editor

/** What the editor form sends for a field (every value as text; checkboxes as booleans). */
export interface FieldInput {
  type: string;
  label: string;
  description: string;
  mandatory: boolean;
  /** choices, one per line (drop-down lists); linked lists: a primary, then its secondaries prefixed by « - » */
  choices: string;
  other: boolean;
  min: string;
  max: string;
  positive: boolean;
  pastOnly: boolean;
  characterLimit: string;
  maxFiles: string;
  level: string;
  collapsible: boolean;
  regex: string;
  regexExample: string;
  regexError: string;
  minLength: string;
  maxLength: string;
  letters: boolean;
  numbers: boolean;
  specialChars: boolean;
  /** conditional display: how the rules combine, and the rules (blank rows are ignored) */
  logic: 'and' | 'or';
  conditions: { field: string; op: string; value: string }[];
}

function lines(s: string): string[] {
  return s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

function num(s: string, key: string, errors: Record<string, string>, integer = false): number | undefined {
  const t = s.trim().replace(',', '.');
  if (t === '') return undefined;
  const n = Number(t);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    errors[key] = integer ? 'Indiquez un nombre entier.' : 'Indiquez un nombre.';
    return undefined;
  }
  return n;
}

/** The condition typed in the editor (null when no rule), or the errors of its rows. */
function conditionOf(input: FieldInput, errors: Record<string, string>): Condition | null {
  const rows = input.conditions.filter((r) => r.field.trim() !== '');
  const terms: Condition[] = [];
  rows.forEach((r, i) => {
    if (!(BUILDER_OPERATORS as string[]).includes(r.op)) {
      errors[`conditions.${i}.op`] = "Choisissez l'opérateur de la condition.";
      return;
    }
    const op = r.op as BuilderOperator;
    terms.push(
      op === 'empty' || op === 'not_empty' ? { op, field: r.field } : { op, field: r.field, value: r.value.trim() },
    );
  });
  if (terms.length === 0) return null;
  return terms.length === 1 ? terms[0] : { op: input.logic, terms };
}

/** A field definition from the editor's input, or a French error per input name. */
export function fieldFromInput(
  input: FieldInput,
): { def: Omit<FieldDef, 'stableId' | 'private'> } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!(FIELD_TYPES as readonly string[]).includes(input.type)) errors.type = 'Choisissez le type du champ.';
  const type = input.type as FieldType;
  const label = input.label.trim();
  if (label === '') errors.label = 'Indiquez le libellé du champ.';
  else if (label.length > 250) errors.label = 'Le libellé ne doit pas dépasser 250 caractères.';
  if (input.description.length > 5000) errors.description = 'La description ne doit pas dépasser 5 000 caractères.';
  const options: FieldOptions = {};
  switch (type) {
    case 'header_section': {
      const level = num(input.level || '1', 'level', errors, true) ?? 1;
      if (level < 1 || level > 3) errors.level = 'Le niveau de titre va de 1 à 3.';
      options.level = level;
      break;
    }
    case 'explication':
      options.collapsible = input.collapsible;
      break;
    case 'textarea': {
      const limit = num(input.characterLimit, 'characterLimit', errors, true);
      if (limit !== undefined && (limit < 1 || limit > 100_000))
        errors.characterLimit = 'La limite de caractères va de 1 à 100 000.';
      if (limit !== undefined) options.characterLimit = limit;
      break;
    }
    case 'integer_number':
    case 'decimal_number': {
      const integer = type === 'integer_number';
      const min = num(input.min, 'min', errors, integer);
      const max = num(input.max, 'max', errors, integer);
      if (min !== undefined) options.min = min;
      if (max !== undefined) options.max = max;
      if (min !== undefined && max !== undefined && min > max)
        errors.max = 'Le maximum doit être supérieur au minimum.';
      if (input.positive) options.positive = true;
      break;
    }
    case 'date':
    case 'datetime':
      if (input.pastOnly) options.pastOnly = true;
      break;
    case 'drop_down_list':
    case 'multiple_drop_down_list': {
      const choices = [...new Set(lines(input.choices))];
      if (choices.length === 0) errors.choices = 'Indiquez au moins une option, une par ligne.';
      options.choices = choices;
      if (type === 'drop_down_list' && input.other) options.other = true;
      break;
    }
    case 'linked_drop_down_list': {
      const linked: { primary: string; secondaries: string[] }[] = [];
      for (const l of lines(input.choices)) {
        if (l.startsWith('-')) {
          const s = l.replace(/^-+\s*/, '');
          if (!linked.length) {
            errors.choices = 'Commencez par une option principale (les options secondaires commencent par « - »).';
            break;
          }
          if (s) linked[linked.length - 1].secondaries.push(s);
        } else linked.push({ primary: l, secondaries: [] });
      }
      if (!errors.choices && (linked.length === 0 || linked.some((x) => x.secondaries.length === 0)))
        errors.choices =
          'Chaque option principale doit être suivie d’au moins une option secondaire (lignes commençant par « - »).';
      options.linked = linked;
      break;
    }
    case 'piece_justificative': {
      const max = num(input.maxFiles || '1', 'maxFiles', errors, true) ?? 1;
      if (max < 1 || max > 10) errors.maxFiles = 'Le nombre de fichiers va de 1 à 10.';
      options.maxFiles = max;
      break;
    }
    case 'formatted': {
      if (input.regex.trim() !== '') {
        try {
          new RegExp(input.regex.trim());
        } catch {
          errors.regex = "L'expression régulière n'est pas valide.";
        }
        options.regex = input.regex.trim();
        if (input.regexExample.trim()) options.regexExample = input.regexExample.trim();
        if (input.regexError.trim()) options.regexError = input.regexError.trim();
        if (!errors.regex && options.regexExample && !new RegExp(`^(?:${options.regex})$`).test(options.regexExample))
          errors.regexExample = "L'exemple ne respecte pas l'expression régulière.";
      } else {
        options.letters = input.letters;
        options.numbers = input.numbers;
        options.specialChars = input.specialChars;
        if (!input.letters && !input.numbers && !input.specialChars)
          errors.letters = 'Autorisez au moins les lettres, les chiffres ou les caractères spéciaux.';
        const minLength = num(input.minLength, 'minLength', errors, true);
        const maxLength = num(input.maxLength, 'maxLength', errors, true);
        if (minLength !== undefined) options.minLength = minLength;
        if (maxLength !== undefined) options.maxLength = maxLength;
        if (minLength !== undefined && maxLength !== undefined && minLength > maxLength)
          errors.maxLength = 'La longueur maximale doit être supérieure à la longueur minimale.';
      }
      break;
    }
    default:
      break;
  }
  const condition = conditionOf(input, errors);
  if (Object.keys(errors).length) return { errors };
  const fillable = type !== 'header_section' && type !== 'explication';
  const def: Omit<FieldDef, 'stableId' | 'private'> = {
    type,
    label,
    mandatory: fillable && input.mandatory,
    condition,
  };
  if (input.description.trim()) def.description = input.description.trim();
  if (Object.keys(options).length) def.options = options;
  return { def };
}

/** The editor's input for an existing field (to show it in the form). */
export function inputFromField(def: FieldDef): FieldInput {
  const o = def.options ?? {};
  const cond = def.condition;
  const terms = !cond ? [] : 'terms' in cond ? cond.terms : [cond];
  return {
    type: def.type,
    label: def.label,
    description: def.description ?? '',
    mandatory: def.mandatory,
    choices: o.linked
      ? o.linked.map((l) => [l.primary, ...l.secondaries.map((s) => `- ${s}`)].join('\n')).join('\n')
      : (o.choices ?? []).join('\n'),
    other: !!o.other,
    min: o.min?.toString() ?? '',
    max: o.max?.toString() ?? '',
    positive: !!o.positive,
    pastOnly: !!o.pastOnly,
    characterLimit: o.characterLimit?.toString() ?? '',
    maxFiles: o.maxFiles?.toString() ?? '',
    level: o.level?.toString() ?? '',
    collapsible: !!o.collapsible,
    regex: o.regex ?? '',
    regexExample: o.regexExample ?? '',
    regexError: o.regexError ?? '',
    minLength: o.minLength?.toString() ?? '',
    maxLength: o.maxLength?.toString() ?? '',
    letters: o.letters ?? true,
    numbers: o.numbers ?? true,
    specialChars: o.specialChars ?? true,
    logic: cond && 'terms' in cond && cond.op === 'or' ? 'or' : 'and',
    conditions: terms
      .filter((t): t is Exclude<Condition, { terms: Condition[] }> => !('terms' in t))
      .map((t) => ({ field: t.field, op: t.op, value: t.value === undefined ? '' : String(t.value) })),
  };
}

/** The fields a condition of `stableId` may read: conditionable fields placed before it (for a
 *  repetition child: root fields before its block and siblings before it). */
export function conditionCandidates(defs: FieldDef[], stableId: string | null, parentId: string | null): FieldDef[] {
  const out: FieldDef[] = [];
  for (const d of defs) {
    if (d.stableId === stableId || (parentId !== null && d.stableId === parentId)) {
      if (parentId !== null) {
        for (const c of d.children ?? []) {
          if (c.stableId === stableId) break;
          if (CONDITIONABLE_TYPES.includes(c.type)) out.push(c);
        }
      }
      return out;
    }
    if (CONDITIONABLE_TYPES.includes(d.type)) out.push(d);
  }
  if (parentId !== null) {
    const parent = defs.find((d) => d.stableId === parentId);
    for (const c of parent?.children ?? []) if (CONDITIONABLE_TYPES.includes(c.type)) out.push(c);
  }
  return out;
}

/** Everything wrong with a form (public fields or annotations), in French, one line per problem,
 *  naming the field: empty labels or lists, empty repetition blocks, broken conditions. */
export function formErrors(
  defs: FieldDef[],
  what: 'formulaire' | 'annotations' = 'formulaire',
): { stableId: string; message: string }[] {
  const out: { stableId: string; message: string }[] = [];
  const where = what === 'annotations' ? ' (annotations privées)' : '';
  const check = (d: FieldDef) => {
    const name = `« ${d.label || 'sans libellé'} »${where}`;
    if (!d.label.trim()) out.push({ stableId: d.stableId, message: `Un champ${where} n'a pas de libellé.` });
    const choices = d.options?.choices ?? [];
    if ((d.type === 'drop_down_list' || d.type === 'multiple_drop_down_list') && choices.length === 0)
      out.push({ stableId: d.stableId, message: `Le champ ${name} n'a aucune option.` });
    if (d.type === 'repetition' && (d.children ?? []).length === 0)
      out.push({ stableId: d.stableId, message: `Le bloc répétable ${name} ne contient aucun champ.` });
    if (d.condition)
      for (const e of validateCondition(d.condition, defs, d.stableId))
        out.push({ stableId: d.stableId, message: `Condition du champ ${name} : ${e}.` });
  };
  for (const d of defs) {
    check(d);
    for (const c of d.children ?? []) check(c);
  }
  return out;
}

/** The fields whose condition reads `stableId` (warned before a removal). */
export function dependents(defs: FieldDef[], stableId: string): FieldDef[] {
  const out: FieldDef[] = [];
  for (const d of defs)
    for (const x of [d, ...(d.children ?? [])])
      if (x.condition && conditionSources(x.condition).includes(stableId)) out.push(x);
  return out;
}

/** « Oui » / « Non » typed for a yes/no or checkbox source become the stored booleans' text. */
export function normaliseConditionValues(cond: Condition | null, defs: FieldDef[]): Condition | null {
  if (!cond) return cond;
  if ('terms' in cond) return { op: cond.op, terms: cond.terms.map((t) => normaliseConditionValues(t, defs)!) };
  const source = findField(defs, cond.field)?.def;
  if (!source || (source.type !== 'yes_no' && source.type !== 'checkbox') || typeof cond.value !== 'string')
    return cond;
  const v = cond.value.trim().toLowerCase();
  return { ...cond, value: v === 'oui' ? 'true' : v === 'non' ? 'false' : cond.value };
}
