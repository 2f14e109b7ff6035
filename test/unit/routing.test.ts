import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FieldValue } from '../../src/domain/fields/types.ts';
import { isValidRoutingRule, type RoutableGroup, routeDossier } from '../../src/domain/routing.ts';

const FIELDS = new Set(['region', 'montant', 'commune']);
const nord: RoutableGroup = {
  id: 'nord',
  isDefault: false,
  closed: false,
  rule: { op: 'eq', field: 'region', value: 'Hauts-de-France' },
};
const sud: RoutableGroup = {
  id: 'sud',
  isDefault: false,
  closed: false,
  rule: { op: 'or', terms: [{ op: 'eq', field: 'region', value: 'Occitanie' }] },
};
const defaut: RoutableGroup = { id: 'defaut', isDefault: true, closed: false, rule: null };

const cases: { name: string; groups: RoutableGroup[]; values: Record<string, FieldValue>; expected: string | null }[] =
  [
    {
      name: 'first group whose rule is true',
      groups: [defaut, nord, sud],
      values: { region: 'Occitanie' },
      expected: 'sud',
    },
    {
      name: 'no rule true: the default group',
      groups: [nord, sud, defaut],
      values: { region: 'Bretagne' },
      expected: 'defaut',
    },
    { name: 'blank value: the default group', groups: [nord, defaut], values: {}, expected: 'defaut' },
    {
      name: 'a closed group is skipped',
      groups: [{ ...nord, closed: true }, defaut],
      values: { region: 'Hauts-de-France' },
      expected: 'defaut',
    },
    {
      name: 'a rule on a removed field is skipped',
      groups: [{ ...nord, rule: { op: 'eq', field: 'ancien', value: 'x' } }, defaut],
      values: { ancien: 'x' },
      expected: 'defaut',
    },
    {
      name: 'two true rules: the first in order',
      groups: [sud, { ...sud, id: 'sud2' }, defaut],
      values: { region: 'Occitanie' },
      expected: 'sud',
    },
    { name: 'no default and nothing true: none', groups: [nord], values: { region: 'Bretagne' }, expected: null },
    {
      name: 'a commune field routes by its département',
      groups: [{ ...nord, rule: { op: 'eq', field: 'commune', value: '69' } }, defaut],
      values: { commune: { code: '69123', name: 'Lyon', departement: '69' } },
      expected: 'nord',
    },
    {
      name: 'a commune of another département: the default group',
      groups: [{ ...nord, rule: { op: 'eq', field: 'commune', value: '69' } }, defaut],
      values: { commune: { code: '42218', name: 'Saint-Étienne', departement: '42' } },
      expected: 'defaut',
    },
  ];

describe('routeDossier', () => {
  for (const c of cases) {
    test(c.name, () => {
      assert.equal(
        routeDossier(c.groups, (id) => c.values[id], FIELDS),
        c.expected,
      );
    });
  }
});

describe('isValidRoutingRule', () => {
  test('empty, missing-field and empty-group rules are invalid', () => {
    assert.equal(isValidRoutingRule(null, FIELDS), false);
    assert.equal(isValidRoutingRule({ op: 'or', terms: [] }, FIELDS), false);
    assert.equal(isValidRoutingRule({ op: 'eq', field: 'x', value: 1 }, FIELDS), false);
    assert.equal(isValidRoutingRule({ op: 'gt', field: 'montant', value: 1 }, FIELDS), true);
  });
});
