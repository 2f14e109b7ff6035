import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import { diffRevisions, hasUnseenRevision } from '../../src/domain/revision-diff.ts';

const field = (over: Partial<FieldDef> = {}): FieldDef => ({
  stableId: 'a',
  type: 'text',
  label: 'Nom',
  mandatory: false,
  private: false,
  ...over,
});

describe('diffRevisions', () => {
  const rows: [string, FieldDef[], FieldDef[], string[]][] = [
    ['nothing', [field()], [field()], []],
    ['added', [], [field()], ['added']],
    ['removed', [field()], [], ['removed']],
    ['renamed', [field()], [field({ label: 'Prénom' })], ['renamed']],
    ['made mandatory', [field()], [field({ mandatory: true })], ['mandatory']],
    ['options', [field({ options: { choices: ['x'] } })], [field({ options: { choices: ['x', 'y'] } })], ['options']],
    ['type', [field()], [field({ type: 'textarea' })], ['type']],
    ['moved only', [field(), field({ stableId: 'b' })], [field({ stableId: 'b' }), field()], []],
    [
      'child of a repetition added',
      [field({ type: 'repetition', children: [] })],
      [field({ type: 'repetition', children: [field({ stableId: 'c', label: 'Âge' })] })],
      ['added'],
    ],
  ];
  for (const [name, before, after, kinds] of rows)
    test(name, () =>
      assert.deepEqual(
        diffRevisions(before, after).map((c) => c.kind),
        kinds,
      ),
    );
  test('a child is named after its block', () => {
    const [c] = diffRevisions(
      [field({ type: 'repetition', children: [] })],
      [field({ type: 'repetition', children: [field({ stableId: 'c', label: 'Âge' })] })],
    );
    assert.equal(c!.text, 'Champ « Nom › Âge » ajouté.');
  });
});

describe('hasUnseenRevision', () => {
  const rows: [string | null, string | null, string | null, boolean][] = [
    [null, null, null, false],
    ['1', '1', null, false],
    ['2', '1', null, true],
    ['2', '1', '2', false],
    ['3', '1', '2', true],
  ];
  for (const [latestPublishedId, firstPublishedId, lastSeenId, expected] of rows)
    test(`${latestPublishedId} / ${firstPublishedId} / ${lastSeenId}`, () =>
      assert.equal(hasUnseenRevision({ latestPublishedId, firstPublishedId, lastSeenId }), expected));
});
