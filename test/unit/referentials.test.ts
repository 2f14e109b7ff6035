import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildReferential,
  lookupEntry,
  normalizeName,
  referentialLabel,
  searchReferential,
} from '../../src/domain/fields/referentials.ts';

const COMMUNES = buildReferential('communes', [
  { code: '69123', name: 'Lyon', departement: '69' },
  { code: '69202', name: 'Sainte-Foy-lès-Lyon', departement: '69' },
  { code: '27377', name: 'Lyons-la-Forêt', departement: '27' },
  { code: '71445', name: 'Saint-Marcel', departement: '71' },
  { code: '01371', name: 'Saint-Marcel', departement: '01' },
  { code: '42218', name: 'Saint-Étienne', departement: '42' },
]);
const DEPARTEMENTS = buildReferential('departements', [
  { code: '69', name: 'Rhône' },
  { code: '2A', name: 'Corse-du-Sud' },
  { code: '01', name: 'Ain' },
]);

describe('normalizeName', () => {
  const ROWS: [string, string][] = [
    ['Saint-Étienne', 'saint etienne'],
    ['  SAINT   etienne ', 'saint etienne'],
    ["L'Abergement-Clémenciat", 'l abergement clemenciat'],
    ['Île-de-France', 'ile de france'],
  ];
  for (const [input, expected] of ROWS) test(input, () => assert.equal(normalizeName(input), expected));
});

describe('lookupEntry', () => {
  const ROWS: [string, string, string | string[] | null][] = [
    // input, list, code found | homonym codes | null (not found)
    ['69123', 'communes', '69123'],
    ['Lyon (69123)', 'communes', '69123'],
    ['lyon(69123)', 'communes', '69123'],
    ['Lyon', 'communes', '69123'],
    ['Saint-Marcel', 'communes', ['01371', '71445']],
    ['Saint-Marcel (71445)', 'communes', '71445'],
    ['Paris (69123)', 'communes', null],
    ['Paris', 'communes', null],
    ['69 – Rhône', 'departements', '69'],
    ['69 - Rhone', 'departements', '69'],
    ['2a', 'departements', '2A'],
    ['corse du sud', 'departements', '2A'],
    ['99', 'departements', null],
  ];
  for (const [input, list, expected] of ROWS) {
    test(`${list}: ${input}`, () => {
      const found = lookupEntry(list === 'communes' ? COMMUNES : DEPARTEMENTS, input);
      if (expected === null) assert.deepEqual(found, { notFound: true });
      else if (Array.isArray(expected))
        assert.deepEqual('ambiguous' in found ? found.ambiguous.map((e) => e.code) : found, expected);
      else assert.equal('found' in found ? found.found.code : found, expected);
    });
  }
});

describe('searchReferential', () => {
  const ROWS: [string, number, string[]][] = [
    // typed, limit, codes suggested in order
    ['lyon', 10, ['69123', '27377', '69202']],
    ['Lyon (6', 10, ['69123', '27377', '69202']],
    ['saint-mar', 10, ['01371', '71445']],
    ['6912', 10, ['69123']],
    ['lyon', 1, ['69123']],
    ['', 10, []],
    ['zzz', 10, []],
  ];
  for (const [typed, limit, codes] of ROWS) {
    test(`${JSON.stringify(typed)} (at most ${limit})`, () =>
      assert.deepEqual(
        searchReferential(COMMUNES, typed, limit).map((e) => e.code),
        codes,
      ));
  }
});

describe('referentialLabel', () => {
  const ROWS: [Parameters<typeof referentialLabel>[0], string][] = [
    ['communes', 'Lyon (69123)'],
    ['epci', 'Lyon (69123)'],
    ['departements', '69123 – Lyon'],
    ['regions', 'Lyon'],
    ['pays', 'Lyon'],
  ];
  for (const [kind, label] of ROWS)
    test(kind, () => assert.equal(referentialLabel(kind, { code: '69123', name: 'Lyon' }), label));
  test('départements are listed by code, the others by name', () => {
    assert.deepEqual(
      DEPARTEMENTS.entries.map((e) => e.code),
      ['01', '2A', '69'],
    );
    assert.deepEqual(COMMUNES.entries.map((e) => e.name).slice(0, 3), ['Lyon', 'Lyons-la-Forêt', 'Saint-Étienne']);
  });
});
