import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  CONDITIONABLE_TYPES,
  conditionSources,
  evaluateCondition,
  validateCondition,
  visibleFields,
  visibleRowFields,
  type ConditionOperator,
} from '../../src/domain/conditions.ts';
import type { ChampsMap, Condition, FieldDef, FieldType, FieldValue } from '../../src/domain/fields/types.ts';

const NOW = '2026-06-15T10:00:00.000Z';

function field(stableId: string, type: FieldType, label: string, extra: Partial<FieldDef> = {}): FieldDef {
  return { stableId, type, label, mandatory: false, private: false, ...extra };
}

const lookup = (values: Record<string, FieldValue | null>) => (id: string) => values[id];

// ---------------------------------------------------------------------------------------------
// Every operator × (match, no match, blank source, hidden source)

interface OperatorRow {
  op: ConditionOperator;
  name: string;
  type: FieldType;
  value?: string | number | boolean;
  match: FieldValue | null;
  noMatch: FieldValue;
  blank: FieldValue | null;
}

const LYON: FieldValue = { code: '69123', name: 'Lyon', departement: '69' };
const SAINT_ETIENNE: FieldValue = { code: '42218', name: 'Saint-Étienne', departement: '42' };

const OPERATORS: OperatorRow[] = [
  { op: 'eq', name: 'integer', type: 'integer_number', value: 5, match: 5, noMatch: 6, blank: null },
  {
    op: 'eq',
    name: 'decimal with a numeric string constant',
    type: 'decimal_number',
    value: '2,5',
    match: 2.5,
    noMatch: 2.4,
    blank: null,
  },
  { op: 'eq', name: 'drop-down', type: 'drop_down_list', value: 'Lyon', match: 'Lyon', noMatch: 'Paris', blank: '' },
  { op: 'eq', name: 'yes/no true', type: 'yes_no', value: true, match: true, noMatch: false, blank: null },
  {
    op: 'eq',
    name: 'yes/no with a string constant',
    type: 'yes_no',
    value: 'false',
    match: false,
    noMatch: true,
    blank: null,
  },
  { op: 'eq', name: 'unchecked checkbox', type: 'checkbox', value: false, match: false, noMatch: true, blank: null },
  {
    op: 'eq',
    name: 'multiple choice contains',
    type: 'multiple_drop_down_list',
    value: 'a',
    match: ['a', 'b'],
    noMatch: ['b'],
    blank: [],
  },
  {
    op: 'eq',
    name: 'address',
    type: 'address',
    value: '1 rue de Paris',
    match: '1 rue de Paris',
    noMatch: '2 rue de Paris',
    blank: '  ',
  },
  { op: 'not_eq', name: 'integer', type: 'integer_number', value: 5, match: 6, noMatch: 5, blank: null },
  {
    op: 'not_eq',
    name: 'drop-down',
    type: 'drop_down_list',
    value: 'Lyon',
    match: 'Paris',
    noMatch: 'Lyon',
    blank: '',
  },
  { op: 'not_eq', name: 'yes/no', type: 'yes_no', value: true, match: false, noMatch: true, blank: null },
  { op: 'lt', name: 'integer', type: 'integer_number', value: 5, match: 4, noMatch: 5, blank: null },
  { op: 'lt', name: 'decimal', type: 'decimal_number', value: 0.5, match: 0.25, noMatch: 0.75, blank: null },
  { op: 'lte', name: 'integer', type: 'integer_number', value: 5, match: 5, noMatch: 6, blank: null },
  { op: 'gt', name: 'integer', type: 'integer_number', value: 5, match: 6, noMatch: 5, blank: null },
  { op: 'gt', name: 'negative decimal', type: 'decimal_number', value: -1, match: -0.5, noMatch: -1.5, blank: null },
  { op: 'gte', name: 'integer', type: 'integer_number', value: 18, match: 18, noMatch: 17, blank: null },
  {
    op: 'include',
    name: 'multiple choice',
    type: 'multiple_drop_down_list',
    value: 'b',
    match: ['a', 'b'],
    noMatch: ['a'],
    blank: [],
  },
  { op: 'include', name: 'drop-down string', type: 'drop_down_list', value: 'b', match: 'b', noMatch: 'a', blank: '' },
  {
    op: 'exclude',
    name: 'multiple choice',
    type: 'multiple_drop_down_list',
    value: 'b',
    match: ['a'],
    noMatch: ['a', 'b'],
    blank: [],
  },
  { op: 'exclude', name: 'drop-down string', type: 'drop_down_list', value: 'b', match: 'a', noMatch: 'b', blank: '' },
  { op: 'empty', name: 'text-like', type: 'address', match: null, noMatch: 'x', blank: '' },
  { op: 'empty', name: 'multiple choice', type: 'multiple_drop_down_list', match: [], noMatch: ['a'], blank: null },
  {
    op: 'not_empty',
    name: 'integer zero is filled',
    type: 'integer_number',
    match: 0,
    noMatch: null as unknown as FieldValue,
    blank: null,
  },
  { op: 'not_empty', name: 'multiple choice', type: 'multiple_drop_down_list', match: ['a'], noMatch: [], blank: null },
  {
    op: 'eq',
    name: 'commune by its INSEE code',
    type: 'communes',
    value: '69123',
    match: LYON,
    noMatch: SAINT_ETIENNE,
    blank: null,
  },
  {
    op: 'eq',
    name: 'commune by its département',
    type: 'communes',
    value: '69',
    match: LYON,
    noMatch: SAINT_ETIENNE,
    blank: null,
  },
  {
    op: 'eq',
    name: 'département by its code',
    type: 'departements',
    value: '2a',
    match: { code: '2A', name: 'Corse-du-Sud' },
    noMatch: { code: '69', name: 'Rhône' },
    blank: null,
  },
  {
    op: 'not_eq',
    name: 'pays by its code, case aside',
    type: 'pays',
    value: 'fr',
    match: { code: 'DE', name: 'Allemagne' },
    noMatch: { code: 'FR', name: 'France' },
    blank: null,
  },
];

/** A form where `source` is hidden by its own condition on `switch`, then `target` reads `source`. */
function formHidingSource(row: OperatorRow): FieldDef[] {
  return [
    field('switch', 'yes_no', 'Afficher ?'),
    field('source', row.type, 'Source', { condition: { op: 'eq', field: 'switch', value: true } }),
    field('target', 'text', 'Cible', { condition: { op: row.op, field: 'source', value: row.value } as Condition }),
  ];
}

describe('operators', () => {
  test('every operator has rows', () => {
    const ops: ConditionOperator[] = [
      'eq',
      'not_eq',
      'lt',
      'lte',
      'gt',
      'gte',
      'include',
      'exclude',
      'empty',
      'not_empty',
    ];
    assert.deepEqual([...new Set(OPERATORS.map((r) => r.op))].sort(), ops.sort());
  });
  for (const row of OPERATORS) {
    describe(`${row.op} (${row.name})`, () => {
      const cond = { op: row.op, field: 'source', value: row.value } as Condition;
      test('match', () => {
        assert.equal(evaluateCondition(cond, lookup({ source: row.match })), true);
      });
      test('no match', () => {
        assert.equal(evaluateCondition(cond, lookup({ source: row.noMatch })), false);
      });
      test('blank source', () => {
        assert.equal(evaluateCondition(cond, lookup({ source: row.blank })), row.op === 'empty');
        assert.equal(evaluateCondition(cond, lookup({})), row.op === 'empty', 'absent source');
      });
      test('hidden source', () => {
        const defs = formHidingSource(row);
        // the source holds a matching value ('empty' rows: a non-empty one) but is hidden
        const stored = row.op === 'empty' ? row.noMatch : row.match;
        const champs: ChampsMap = {
          switch: { value: false, updatedAt: NOW },
          source: { value: stored, updatedAt: NOW },
        };
        const visible = visibleFields(defs, champs).map((d) => d.stableId);
        assert.deepEqual(visible, row.op === 'empty' ? ['switch', 'target'] : ['switch']);
        // once the source is shown, the same stored value decides
        champs.switch = { value: true, updatedAt: NOW };
        const shown = visibleFields(defs, champs).map((d) => d.stableId);
        assert.deepEqual(shown, row.op === 'empty' ? ['switch', 'source'] : ['switch', 'source', 'target']);
      });
    });
  }
});

describe('and / or', () => {
  const yes: Condition = { op: 'eq', field: 'a', value: true };
  const no: Condition = { op: 'eq', field: 'a', value: false };
  const values = lookup({ a: true });
  const ROWS: [string, Condition | null | undefined, boolean][] = [
    ['no condition', null, true],
    ['undefined condition', undefined, true],
    ['and, all true', { op: 'and', terms: [yes, yes] }, true],
    ['and, one false', { op: 'and', terms: [yes, no] }, false],
    ['and, empty', { op: 'and', terms: [] }, true],
    ['or, one true', { op: 'or', terms: [no, yes] }, true],
    ['or, all false', { op: 'or', terms: [no, no] }, false],
    ['or, empty', { op: 'or', terms: [] }, false],
    ['nested', { op: 'and', terms: [yes, { op: 'or', terms: [no, { op: 'empty', field: 'b' }] }] }, true],
    ['nested, false', { op: 'or', terms: [no, { op: 'and', terms: [yes, { op: 'not_empty', field: 'b' }] }] }, false],
  ];
  for (const [name, cond, expected] of ROWS) {
    test(name, () => assert.equal(evaluateCondition(cond, values), expected));
  }
  test('conditionSources lists each source once', () => {
    assert.deepEqual(
      conditionSources({ op: 'and', terms: [yes, { op: 'or', terms: [no, { op: 'empty', field: 'b' }] }] }),
      ['a', 'b'],
    );
    assert.deepEqual(conditionSources(null), []);
  });
});

describe('visibility', () => {
  test('a field placed after its source is blank for a condition placed before it', () => {
    const defs = [
      field('early', 'text', 'Avant', { condition: { op: 'not_empty', field: 'late' } }),
      field('late', 'yes_no', 'Après'),
    ];
    const champs: ChampsMap = { late: { value: true, updatedAt: NOW } };
    assert.deepEqual(
      visibleFields(defs, champs).map((d) => d.stableId),
      ['late'],
    );
  });

  test('chains: hiding a field hides the fields that depend on it', () => {
    const defs = [
      field('a', 'yes_no', 'A'),
      field('b', 'integer_number', 'B', { condition: { op: 'eq', field: 'a', value: true } }),
      field('c', 'text', 'C', { condition: { op: 'gt', field: 'b', value: 3 } }),
    ];
    const champs = (a: boolean): ChampsMap => ({ a: { value: a, updatedAt: NOW }, b: { value: 5, updatedAt: NOW } });
    assert.deepEqual(
      visibleFields(defs, champs(true)).map((d) => d.stableId),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(
      visibleFields(defs, champs(false)).map((d) => d.stableId),
      ['a'],
    );
  });

  test('row children read earlier siblings, then root values', () => {
    const children = [
      field('n', 'integer_number', 'N'),
      field('big', 'text', 'Grand', { condition: { op: 'gt', field: 'n', value: 10 } }),
      field('root', 'text', 'Racine', { condition: { op: 'eq', field: 'q', value: 'oui' } }),
    ];
    assert.deepEqual(
      visibleRowFields(children, { n: 11 }, lookup({ q: 'oui' })).map((d) => d.stableId),
      ['n', 'big', 'root'],
    );
    assert.deepEqual(
      visibleRowFields(children, { n: 9 }, lookup({ q: 'non' })).map((d) => d.stableId),
      ['n'],
    );
    assert.deepEqual(
      visibleRowFields(children, { n: 11 }).map((d) => d.stableId),
      ['n', 'big'],
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Validation in the form editor

const CHOICES = { choices: ['Paris', 'Lyon'] };
const DEFS: FieldDef[] = [
  field('a', 'yes_no', 'Oui/Non'),
  field('n', 'integer_number', 'Nombre'),
  field('d', 'decimal_number', 'Montant'),
  field('dd', 'drop_down_list', 'Ville', { options: CHOICES }),
  field('ddo', 'drop_down_list', 'Ville ou autre', { options: { ...CHOICES, other: true } }),
  field('m', 'multiple_drop_down_list', 'Villes', { options: CHOICES }),
  field('adr', 'address', 'Adresse'),
  field('cb', 'checkbox', 'Case'),
  field('t', 'text', 'Texte'),
  field('pj', 'piece_justificative', 'Pièce'),
  field('com', 'communes', 'Commune'),
  field('py', 'pays', 'Pays'),
  field('cible', 'text', 'Cible'),
  field('rep', 'repetition', 'Bloc', {
    children: [field('c1', 'integer_number', 'Quantité'), field('c2', 'text', 'Détail'), field('c3', 'yes_no', 'Fin')],
  }),
  field('apres', 'yes_no', 'Après'),
];

const VALIDATION: [string, Condition, string | undefined, string[]][] = [
  // name, condition, target, errors
  ['valid yes/no', { op: 'eq', field: 'a', value: true }, 'cible', []],
  ['valid yes/no with string constant', { op: 'eq', field: 'a', value: 'false' }, 'cible', []],
  ['valid checkbox', { op: 'eq', field: 'cb', value: true }, 'cible', []],
  ['valid number comparison', { op: 'gte', field: 'd', value: 2.5 }, 'cible', []],
  ['valid choice', { op: 'eq', field: 'dd', value: 'Lyon' }, 'cible', []],
  ['free value when other', { op: 'eq', field: 'ddo', value: 'Nice' }, 'cible', []],
  ['valid include', { op: 'include', field: 'm', value: 'Paris' }, 'cible', []],
  ['valid empty on address', { op: 'empty', field: 'adr' }, 'cible', []],
  ['commune: an INSEE code', { op: 'eq', field: 'com', value: '69123' }, 'cible', []],
  ['commune: a département code', { op: 'not_eq', field: 'com', value: '2B' }, 'cible', []],
  [
    'commune: a name instead of a code',
    { op: 'eq', field: 'com', value: 'Lyon' },
    'cible',
    [
      'La valeur comparée au champ « Commune » doit être un code INSEE de commune (« 69123 ») ou de département (« 69 »)',
    ],
  ],
  [
    'pays: a name instead of a code',
    { op: 'eq', field: 'py', value: 'France' },
    'cible',
    ['La valeur comparée au champ « Pays » doit être un code de pays à deux lettres (« FR »)'],
  ],
  [
    'pays: include does not apply',
    { op: 'include', field: 'py', value: 'FR' },
    'cible',
    ["L'opérateur « contient » ne s'applique pas au champ « Pays »"],
  ],
  [
    'unknown field',
    { op: 'eq', field: 'zz', value: 1 },
    'cible',
    ["La condition porte sur un champ qui n'existe pas (zz)"],
  ],
  [
    'text is not conditionable',
    { op: 'eq', field: 't', value: 'x' },
    'cible',
    ['Le champ « Texte » ne peut pas servir de condition (type non pris en charge)'],
  ],
  [
    'files are not conditionable',
    { op: 'not_empty', field: 'pj' },
    'cible',
    ['Le champ « Pièce » ne peut pas servir de condition (type non pris en charge)'],
  ],
  [
    'source placed after',
    { op: 'eq', field: 'apres', value: true },
    'cible',
    ['La condition ne peut porter que sur un champ placé avant celui-ci : « Après » est placé après'],
  ],
  ['order not checked without a target', { op: 'eq', field: 'apres', value: true }, undefined, []],
  [
    'self reference',
    { op: 'eq', field: 'a', value: true },
    'a',
    ['Un champ ne peut pas dépendre de lui-même (« Oui/Non »)'],
  ],
  [
    'root field on a repetition child',
    { op: 'gt', field: 'c1', value: 1 },
    'apres',
    ['Le champ « Quantité » est dans un bloc répétable : seuls les champs du même bloc peuvent en dépendre'],
  ],
  ['child on an earlier sibling', { op: 'gt', field: 'c1', value: 1 }, 'c2', []],
  [
    'child on a later sibling',
    { op: 'eq', field: 'c3', value: true },
    'c2',
    ['La condition ne peut porter que sur un champ placé avant celui-ci : « Fin » est placé après'],
  ],
  ['child on a root field before the block', { op: 'eq', field: 'a', value: true }, 'c2', []],
  [
    'child on a root field after the block',
    { op: 'eq', field: 'apres', value: true },
    'c2',
    ['La condition ne peut porter que sur un champ placé avant celui-ci : « Après » est placé après'],
  ],
  [
    'lt on yes/no',
    { op: 'lt', field: 'a', value: 1 },
    'cible',
    ["L'opérateur « est inférieur à » ne s'applique pas au champ « Oui/Non »"],
  ],
  [
    'include on a number',
    { op: 'include', field: 'n', value: 1 },
    'cible',
    ["L'opérateur « contient » ne s'applique pas au champ « Nombre »"],
  ],
  [
    'number compared with text',
    { op: 'gt', field: 'n', value: 'abc' },
    'cible',
    ['La valeur comparée au champ « Nombre » doit être un nombre'],
  ],
  [
    'integer equal to a decimal',
    { op: 'eq', field: 'n', value: 2.5 },
    'cible',
    ['La valeur comparée au champ « Nombre » doit être un nombre entier'],
  ],
  [
    'yes/no compared with text',
    { op: 'eq', field: 'a', value: 'peut-être' },
    'cible',
    ['La valeur comparée au champ « Oui/Non » doit être « Oui » ou « Non »'],
  ],
  [
    'choice not among options',
    { op: 'eq', field: 'dd', value: 'Nice' },
    'cible',
    ['« Nice » ne fait pas partie des options du champ « Ville »'],
  ],
  [
    'include not among options',
    { op: 'include', field: 'm', value: 'Nice' },
    'cible',
    ['« Nice » ne fait pas partie des options du champ « Villes »'],
  ],
  ['missing constant', { op: 'eq', field: 'a' }, 'cible', ['Indiquez la valeur à comparer au champ « Oui/Non »']],
  ['empty group', { op: 'or', terms: [] }, 'cible', ['Un groupe « ou » doit contenir au moins une règle']],
  [
    'errors of every term',
    {
      op: 'and',
      terms: [
        { op: 'eq', field: 'zz', value: 1 },
        { op: 'eq', field: 't', value: 'x' },
        { op: 'eq', field: 'a', value: true },
      ],
    },
    'cible',
    [
      "La condition porte sur un champ qui n'existe pas (zz)",
      'Le champ « Texte » ne peut pas servir de condition (type non pris en charge)',
    ],
  ],
];

describe('validateCondition', () => {
  for (const [name, cond, target, errors] of VALIDATION) {
    test(name, () => assert.deepEqual(validateCondition(cond, DEFS, target), errors));
  }
  test('the conditionable types are those of docs/domain.md §12 available here', () => {
    assert.deepEqual([...CONDITIONABLE_TYPES].sort(), [
      'address',
      'checkbox',
      'communes',
      'decimal_number',
      'departements',
      'drop_down_list',
      'integer_number',
      'multiple_drop_down_list',
      'pays',
      'regions',
      'yes_no',
    ]);
  });
});
