// The form's visibility as typed (src/web/forms/live-conditions.ts), shared by the server's render
// and the browser: one row per case, and the same answer as the domain's parseChamps, which decides
// at deposit (a child it keeps is a child shown, a child it drops is hidden).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { CONDITIONABLE_TYPES } from '../../src/domain/conditions.ts';
import { parseChamps } from '../../src/domain/fields/index.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import {
  CONDITION_SOURCE_TYPES,
  fieldName,
  readRawValue,
  rowKey,
  visibilityOf,
  type FormReader,
} from '../../src/web/forms/live-conditions.ts';

const DEFS: FieldDef[] = [
  { stableId: 'asso', type: 'yes_no', label: 'Êtes-vous une association ?', mandatory: false, private: false },
  {
    stableId: 'rna',
    type: 'text',
    label: 'Numéro RNA',
    mandatory: true,
    private: false,
    condition: { op: 'eq', field: 'asso', value: true },
  },
  {
    stableId: 'membres',
    type: 'repetition',
    label: 'Membres',
    mandatory: false,
    private: false,
    children: [
      {
        stableId: 'role',
        type: 'drop_down_list',
        label: 'Rôle',
        mandatory: false,
        private: false,
        options: { choices: ['Président', 'Trésorier'] },
      },
      {
        stableId: 'mandat',
        type: 'integer_number',
        label: 'Années de mandat',
        mandatory: true,
        private: false,
        condition: { op: 'eq', field: 'role', value: 'Président' },
      },
      {
        stableId: 'recu',
        type: 'text',
        label: 'Reçu fiscal',
        mandatory: false,
        private: false,
        condition: {
          op: 'and',
          terms: [
            { op: 'eq', field: 'asso', value: true },
            { op: 'gte', field: 'mandat', value: 2 },
          ],
        },
      },
    ],
  },
];

describe('visibilityOf: root fields and each row’s children', () => {
  const rows: [string, Record<string, unknown>, string[], Record<string, string[]>][] = [
    ['nothing typed: conditioned fields hidden', {}, ['asso', 'membres'], {}],
    ['« Oui »: the RNA shown', { asso: 'true' }, ['asso', 'rna', 'membres'], {}],
    ['« Non »: the RNA hidden', { asso: 'false' }, ['asso', 'membres'], {}],
    [
      'a row’s sibling drives its child, row by row',
      { membres: { r1: { role: 'Président' }, r2: { role: 'Trésorier' } } },
      ['asso', 'membres'],
      { r1: ['role', 'mandat'], r2: ['role'] },
    ],
    [
      'a child reads its sibling and a root field',
      { asso: 'true', membres: { r1: { role: 'Président', mandat: '3' } } },
      ['asso', 'rna', 'membres'],
      { r1: ['role', 'mandat', 'recu'] },
    ],
    [
      'a sibling hidden counts as blank for the next one',
      { asso: 'true', membres: { r1: { role: 'Trésorier', mandat: '3' } } },
      ['asso', 'rna', 'membres'],
      { r1: ['role'] },
    ],
    [
      'a value that does not parse counts as blank',
      { asso: 'true', membres: { r1: { role: 'Président', mandat: 'trois' } } },
      ['asso', 'rna', 'membres'],
      { r1: ['role', 'mandat'] },
    ],
    [
      'stored rows (an array) read as typed ones',
      { asso: true, membres: [{ rowId: 'r1', values: { role: 'Président', mandat: 2 } }] },
      ['asso', 'rna', 'membres'],
      { r1: ['role', 'mandat', 'recu'] },
    ],
  ];
  for (const [name, values, root, byRow] of rows) {
    test(name, () => {
      const v = visibilityOf(DEFS, values);
      assert.deepEqual([...v.root], root);
      for (const [rowId, shown] of Object.entries(byRow))
        assert.deepEqual([...(v.rows.get(rowKey('membres', rowId)) ?? [])], shown, rowId);
    });
  }
});

test('the browser decides like the deposit: the children parseChamps keeps are those shown', () => {
  const typed = {
    asso: 'true',
    rna: 'W123456789',
    membres: {
      r1: { role: 'Président', mandat: '3', recu: 'oui' },
      r2: { role: 'Trésorier', mandat: '4', recu: 'non' },
    },
  };
  const v = visibilityOf(DEFS, typed);
  const { champs } = parseChamps(DEFS, typed, { now: '2026-01-01T00:00:00Z' });
  const rowsKept = champs.membres?.value as { rowId: string; values: Record<string, unknown> }[];
  for (const row of rowsKept) {
    const kept = Object.keys(row.values).filter((k) => row.values[k] !== null && row.values[k] !== undefined);
    assert.deepEqual(kept.sort(), [...(v.rows.get(rowKey('membres', row.rowId)) ?? [])].sort(), row.rowId);
  }
});

test('the types parsed for conditions are those a condition may read', () => {
  assert.deepEqual([...CONDITION_SOURCE_TYPES].sort(), [...CONDITIONABLE_TYPES].sort());
});

test('readRawValue reads a row’s children under their names, as the server does', () => {
  const form: Record<string, string[]> = {
    [`${fieldName('membres')}__rows`]: ['r1'],
    [`${fieldName('membres')}__r1__role`]: ['Président'],
    [`${fieldName('membres')}__r1__mandat`]: ['2'],
  };
  const reader: FormReader = { one: (n) => form[n]?.[0] ?? '', all: (n) => form[n] ?? [] };
  assert.deepEqual(readRawValue(DEFS[2], reader, fieldName('membres')), {
    r1: { role: 'Président', mandat: '2', recu: '' },
  });
});

describe('visibilityOf: a condition on a reference-list field reads its code', () => {
  const defs: FieldDef[] = [
    { stableId: 'commune', type: 'communes', label: 'Commune', mandatory: false, private: false },
    {
      stableId: 'rhone',
      type: 'text',
      label: 'Question aux habitants du Rhône',
      mandatory: false,
      private: false,
      condition: { op: 'eq', field: 'commune', value: '69' },
    },
  ];
  const cases: [string, string, boolean][] = [
    ['a commune picked « Nom (code) » in the département', 'Lyon (69123)', true],
    ['its INSEE code typed', '69123', true],
    ['a commune of another département', 'Paris (75056)', false],
    ['a name without its code: blank until the server stores it with its code', 'Lyon', false],
    ['nothing typed', '', false],
  ];
  for (const [name, typed, shown] of cases)
    test(name, () => {
      assert.equal(visibilityOf(defs, { commune: typed }).root.has('rhone'), shown);
    });
});
