import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  dayFilterBounds,
  defaultPresentation,
  describeFilter,
  filtersFor,
  mergeOrder,
  moveItem,
  normalizePhoneFilter,
  parseFilter,
  periodBounds,
  repairPresentation,
  toggleSort,
  DEFAULT_SORT,
  MAX_FILTER_VALUE_LENGTH,
  type ColumnShape,
} from '../../src/domain/presentation.ts';
import { TEXT_FILTERS, NUMBER_FILTERS, DATE_FILTERS, ENUM_FILTERS } from '../../src/domain/fields/shared.ts';

const col = (
  id: string,
  kind: ColumnShape['kind'],
  operators: readonly any[],
  extra: Partial<ColumnShape> = {},
): ColumnShape => ({
  id,
  label: id,
  kind,
  operators,
  displayable: true,
  sortable: true,
  ...extra,
});
const TEXT = col('champ/t', 'text', TEXT_FILTERS);
const INT = col('champ/n', 'integer', NUMBER_FILTERS);
const DEC = col('champ/d', 'decimal', NUMBER_FILTERS);
const DATE = col('champ/dt', 'date', DATE_FILTERS);
const ENUM = col('champ/e', 'enum', ENUM_FILTERS, {
  options: [
    { value: 'A', label: 'Option A' },
    { value: 'B', label: 'Option B' },
  ],
});
const BOOL = col('champ/b', 'boolean', ['is_true', 'is_false', 'empty']);
const NUMBER = col('dossier/id', 'integer', ['eq'], { displayable: false });

describe('presentation: filter values (kind × operator)', () => {
  const ok: [ColumnShape, string, string[], string[]][] = [
    [TEXT, 'contains', ['  Lyon '], ['Lyon']],
    [TEXT, 'contains', ['a', 'b', 'a'], ['a', 'b']],
    [TEXT, 'eq', ["l'été"], ["l'été"]],
    [TEXT, 'empty', ['ignored'], []],
    [TEXT, 'not_empty', [], []],
    [INT, 'eq', ['1 000', '+5', '-3'], ['1000', '5', '-3']],
    [INT, 'lt', ['10'], ['10']],
    [INT, 'between', ['2', '10'], ['2', '10']],
    [DEC, 'eq', ['3,5'], ['3.5']],
    [DEC, 'gt', ['1 234,56'], ['1234.56']],
    [DEC, 'between', ['2', '10.25'], ['2', '10.25']],
    [DATE, 'on', ['02/03/2026', '2026-03-01'], ['2026-03-02', '2026-03-01']],
    [DATE, 'before', ['1/3/2026'], ['2026-03-01']],
    [DATE, 'between', ['01/01/2026', '31/12/2026'], ['2026-01-01', '2026-12-31']],
    [ENUM, 'in', ['A', 'B'], ['A', 'B']],
    [BOOL, 'is_true', [], []],
    [NUMBER, 'eq', ['42', '43'], ['42', '43']],
  ];
  for (const [c, op, values, expected] of ok) {
    test(`${c.kind} ${op} ${JSON.stringify(values)} → ${JSON.stringify(expected)}`, () => {
      const r = parseFilter(c, op, values);
      assert.ok(r.ok, !r.ok ? r.error : '');
      assert.deepEqual(r.filter, { column: c.id, op, values: expected });
    });
  }
  const bad: [ColumnShape, string, string[], RegExp][] = [
    [TEXT, 'regex', ['.*'], /n'est pas disponible/],
    [TEXT, 'contains', [], /Saisissez une valeur/],
    [TEXT, 'contains', ['   '], /Saisissez une valeur/],
    [TEXT, 'contains', ['x'.repeat(MAX_FILTER_VALUE_LENGTH + 1)], /ne peut pas dépasser/],
    [TEXT, 'contains', Array.from({ length: 51 }, (_, i) => `v${i}`), /au plus 50 valeurs/],
    [INT, 'eq', ['douze'], /n'est pas un nombre entier/],
    [INT, 'eq', ['1.5'], /n'est pas un nombre entier/],
    [INT, 'eq', ['99999999999999999'], /n'est pas un nombre entier/],
    [INT, 'lt', ['1', '2'], /une seule valeur/],
    [INT, 'between', ['10', '2'], /inférieure ou égale/],
    [INT, 'between', ['1'], /minimale et une valeur maximale/],
    [DEC, 'eq', ['1,2,3'], /n'est pas un nombre/],
    [DEC, 'eq', ['NaN'], /n'est pas un nombre/],
    [DEC, 'eq', ['Infinity'], /n'est pas un nombre/],
    [DATE, 'on', ['31/02/2026'], /n'est pas une date/],
    [DATE, 'on', ["2026-01-01'; DROP TABLE x"], /n'est pas une date/],
    [DATE, 'between', ['2026-12-31', '2026-01-01'], /inférieure ou égale/],
    [ENUM, 'in', ['C'], /ne fait pas partie/],
    [ENUM, 'contains', ['A'], /n'est pas disponible/],
    [NUMBER, 'eq', ['0'], /n'existe pas/],
    [NUMBER, 'eq', ['-4'], /n'existe pas/],
  ];
  for (const [c, op, values, message] of bad) {
    test(`${c.kind} ${op} ${JSON.stringify(values).slice(0, 40)} is refused in French`, () => {
      const r = parseFilter(c, op, values);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.error, message);
    });
  }
  test('non-string values are refused, never thrown', () => {
    const r = parseFilter(TEXT, 'contains', [{} as any]);
    assert.equal(r.ok, false);
  });
});

describe('presentation: sort, scopes, order', () => {
  test('a header click sorts ascending, the same header again reverses', () => {
    assert.deepEqual(toggleSort(DEFAULT_SORT, 'champ/t'), { column: 'champ/t', order: 'asc' });
    assert.deepEqual(toggleSort({ column: 'champ/t', order: 'asc' }, 'champ/t'), { column: 'champ/t', order: 'desc' });
    assert.deepEqual(toggleSort({ column: 'champ/t', order: 'desc' }, 'champ/t'), { column: 'champ/t', order: 'asc' });
    assert.deepEqual(toggleSort({ column: 'champ/t', order: 'desc' }, 'champ/n'), { column: 'champ/n', order: 'asc' });
  });
  test('filters for a tab = filters for every tab, then the tab\u2019s', () => {
    const p = defaultPresentation();
    p.filters.all = [{ column: 'a', op: 'empty', values: [] }];
    p.filters.tabs.suivis = [{ column: 'b', op: 'empty', values: [] }];
    assert.deepEqual(
      filtersFor(p, 'suivis').map((f) => f.column),
      ['a', 'b'],
    );
    assert.deepEqual(
      filtersFor(p, 'traites').map((f) => f.column),
      ['a'],
    );
  });
  test('moveItem and mergeOrder', () => {
    assert.deepEqual(moveItem(['a', 'b', 'c'], 'b', -1), ['b', 'a', 'c']);
    assert.deepEqual(moveItem(['a', 'b', 'c'], 'c', 1), ['a', 'b', 'c']);
    assert.deepEqual(moveItem(['a', 'b', 'c'], 'x', 1), ['a', 'b', 'c']);
    assert.deepEqual(mergeOrder(['1', '2', '3'], ['3', '9', '1', '3']), ['3', '1', '2']);
    assert.deepEqual(mergeOrder(['1', '2'], []), ['1', '2']);
  });
  test('describeFilter speaks French', () => {
    assert.equal(
      describeFilter(ENUM, { column: ENUM.id, op: 'in', values: ['A', 'B'] }),
      "champ/e est l'un de « Option A » ou « Option B »",
    );
    assert.equal(
      describeFilter(DATE, { column: DATE.id, op: 'between', values: ['2026-01-01', '2026-03-02'] }),
      'champ/dt entre 01/01/2026 et 02/03/2026',
    );
    assert.equal(describeFilter(DEC, { column: DEC.id, op: 'gt', values: ['3.5'] }), 'champ/d supérieur à « 3,5 »');
    assert.equal(describeFilter(TEXT, { column: TEXT.id, op: 'empty', values: [] }), "champ/t n'est pas renseigné");
  });
});

describe('presentation: repair of a stored presentation', () => {
  const catalogue = new Map([TEXT, INT, ENUM, NUMBER].map((c) => [c.id, c]));
  test('nothing stored: defaults, no notice', () => {
    const r = repairPresentation(null, catalogue);
    assert.deepEqual(r.presentation, defaultPresentation());
    assert.deepEqual(r.notices, []);
    assert.equal(r.changed, false);
  });
  test('valid presentation kept as is', () => {
    const stored = {
      columns: ['champ/t', 'champ/n'],
      sort: { column: 'champ/n', order: 'desc' },
      filters: {
        all: [{ column: 'champ/e', op: 'in', values: ['A'] }],
        tabs: { suivis: [{ column: 'champ/t', op: 'contains', values: ['x'] }] },
      },
      page_size: 25,
    };
    const r = repairPresentation(stored, catalogue);
    assert.deepEqual(r.notices, []);
    assert.equal(r.changed, false);
    assert.deepEqual(r.presentation.columns, ['champ/t', 'champ/n']);
    assert.equal(r.presentation.pageSize, 25);
    assert.equal(r.presentation.filters.tabs.suivis?.length, 1);
  });
  test('stale columns, sort, filters and garbage are dropped with French notices', () => {
    const stored = {
      columns: ['champ/t', 'champ/gone', 'dossier/id', 'champ/t', 42],
      sort: { column: 'champ/gone', order: 'asc' },
      filters: {
        all: [{ column: 'champ/gone', op: 'contains', values: ['x'] }, 'junk'],
        tabs: { inconnu: [], tous: [{ column: 'champ/n', op: 'gt', values: ['abc'] }] },
      },
      page_size: 7,
    };
    const r = repairPresentation(stored, catalogue);
    assert.deepEqual(r.presentation.columns, ['champ/t']);
    assert.deepEqual(r.presentation.sort, DEFAULT_SORT);
    assert.deepEqual(r.presentation.filters, { all: [], tabs: {} });
    assert.equal(r.presentation.pageSize, 50);
    assert.equal(r.changed, true);
    assert.equal(r.notices.length, 3);
    for (const n of r.notices) assert.match(n, /n'existe(nt)? plus|invalides?/);
  });
});

describe('day filters: « avant le D » / « après le D » (docs/domain.md §3)', () => {
  // [op, day, champ date (day included), from, to]
  const rows: ['before' | 'after', string, boolean, string | null, string | null][] = [
    ['before', '2026-03-02', true, null, '2026-03-03'],
    ['after', '2026-03-02', true, '2026-03-02', null],
    ['before', '2026-03-02', false, null, '2026-03-02'],
    ['after', '2026-03-02', false, '2026-03-03', null],
    ['before', '2024-02-28', true, null, '2024-02-29'],
    ['after', '2025-12-31', false, '2026-01-01', null],
  ];
  for (const [op, day, include, from, to] of rows) {
    test(`${op} ${day} ${include ? 'champ' : 'dossier'}`, () => {
      assert.deepEqual(dayFilterBounds(op, day, include), { from, to });
    });
  }
  test('a champ dated D is selected by both « avant le D » and « après le D »', () => {
    const inRange = (b: { from: string | null; to: string | null }, v: string) =>
      (b.from === null || v >= b.from) && (b.to === null || v < b.to);
    assert.ok(inRange(dayFilterBounds('before', '2026-03-02', true), '2026-03-02'));
    assert.ok(inRange(dayFilterBounds('after', '2026-03-02', true), '2026-03-02'));
    assert.ok(inRange(dayFilterBounds('before', '2026-03-02', true), '2026-03-02T23:59'));
    assert.ok(inRange(dayFilterBounds('after', '2026-03-02', true), '2026-03-02T00:00'));
  });
});

describe('« cette semaine / ce mois-ci / cette année »: the current period in Europe/Paris', () => {
  const cases: [string, 'this_week' | 'this_month' | 'this_year', string, string][] = [
    ['2026-03-02T09:00:00Z', 'this_week', '2026-03-02', '2026-03-09'], // a Monday
    ['2026-03-08T22:30:00Z', 'this_week', '2026-03-02', '2026-03-09'], // Sunday 23:30 in Paris
    ['2026-03-08T23:30:00Z', 'this_week', '2026-03-09', '2026-03-16'], // already Monday in Paris
    ['2026-12-31T23:30:00Z', 'this_week', '2026-12-28', '2027-01-04'], // across the year
    ['2026-02-28T23:30:00Z', 'this_month', '2026-03-01', '2026-04-01'], // 1 March in Paris
    ['2026-12-15T12:00:00Z', 'this_month', '2026-12-01', '2027-01-01'],
    ['2026-12-31T23:30:00Z', 'this_year', '2027-01-01', '2028-01-01'],
    ['2026-06-30T12:00:00Z', 'this_year', '2026-01-01', '2027-01-01'],
  ];
  for (const [now, op, from, to] of cases) {
    test(`${op} at ${now}`, () => assert.deepEqual(periodBounds(op, new Date(now)), { from, to }));
  }
  test('period operators take no value', () => {
    const c = col('champ/d', 'date', DATE_FILTERS);
    const r = parseFilter(c, 'this_month', ['ignored']);
    assert.ok(r.ok);
    assert.deepEqual(r.filter.values, []);
  });
});

describe('phone filter values read as stored (E.164)', () => {
  const cases: [string, string][] = [
    ['06 12 34 56 78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0692 12 34 56', '+262692123456'],
    ['+44 20 7946 0958', '+442079460958'],
    ['06 12', '+33612'],
    ['0044 20', '+4420'],
    ['12.34', '1234'],
  ];
  for (const [typed, stored] of cases)
    test(`${typed} → ${stored}`, () => assert.equal(normalizePhoneFilter(typed), stored));
  test('a phone column normalises its filter values', () => {
    const r = parseFilter({ ...col('champ/p', 'text', TEXT_FILTERS), phone: true }, 'eq', ['06.12.34.56.78']);
    assert.ok(r.ok);
    assert.deepEqual(r.filter.values, ['+33612345678']);
  });
});
