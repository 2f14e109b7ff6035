// The options of the short reference lists a form's selects show, read by the route for its view
// (src/queries/referentials.ts): only the lists the fields use, repetition blocks' children included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import { referentialOptionsFor } from '../../src/queries/referentials.ts';

const field = (stableId: string, type: FieldDef['type'], children?: FieldDef[]): FieldDef => ({
  stableId,
  type,
  label: stableId,
  mandatory: false,
  private: false,
  ...(children ? { children } : {}),
});

const cases: { name: string; defs: FieldDef[]; kinds: string[] }[] = [
  { name: 'no reference list', defs: [field('a', 'text'), field('b', 'yes_no')], kinds: [] },
  { name: 'communes and EPCI are searched, not listed', defs: [field('c', 'communes'), field('e', 'epci')], kinds: [] },
  { name: 'a country field', defs: [field('p', 'pays')], kinds: ['pays'] },
  {
    name: 'départements and régions, the list read once for two fields',
    defs: [field('d1', 'departements'), field('r', 'regions'), field('d2', 'departements')],
    kinds: ['departements', 'regions'],
  },
  {
    name: 'a field inside a repetition block',
    defs: [field('bloc', 'repetition', [field('text', 'text'), field('dep', 'departements')])],
    kinds: ['departements'],
  },
];

for (const c of cases) {
  test(`referentialOptionsFor: ${c.name}`, () => {
    const options = referentialOptionsFor(c.defs);
    assert.deepEqual(Object.keys(options).sort(), c.kinds);
  });
}

test('the options are the codes and the labels shown in the select', () => {
  const { departements, pays } = referentialOptionsFor([field('d', 'departements'), field('p', 'pays')]);
  assert.ok(departements?.some((o) => o.value === '69' && o.label === '69 – Rhône'));
  assert.ok(pays?.some((o) => o.value === 'FR' && o.label === 'France'));
  assert.ok((departements?.length ?? 0) > 100);
});
