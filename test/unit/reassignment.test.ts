import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  badgeTransfers,
  followersToRemove,
  reassignmentRefusal,
  reassignmentTargetRefusal,
  reassignmentTargets,
  routingEnabled,
  sendToRefusal,
  type GroupOption,
} from '../../src/domain/reassignment.ts';
import type { NotificationKind, NotificationPreference } from '../../src/domain/notifications.ts';
import type { ReassignmentFacts } from '../../src/domain/reassignment.ts';
import { DEFAULT_PREFERENCES } from '../../src/domain/notifications.ts';

const G: GroupOption[] = [
  { id: '1', label: 'Nord', closed: false },
  { id: '2', label: 'Sud', closed: false },
  { id: '3', label: 'Ancien', closed: true },
];
const D: ReassignmentFacts = {
  state: 'en_construction',
  hidden_by_administration_at: null,
  hidden_by_user_at: null,
  hidden_by_expired_at: null,
};
const T = new Date('2026-03-02T09:00:00Z');

describe('groups offered and refusals', () => {
  test('targets: every group but the current one, closed ones included', () => {
    assert.deepEqual(
      reassignmentTargets(G, '1').map((g) => g.id),
      ['2', '3'],
    );
    assert.equal(routingEnabled(G), true);
    assert.equal(routingEnabled([G[0], G[2]]), false);
  });
  const rows: [Partial<ReassignmentFacts>, GroupOption[], string, string, RegExp | null][] = [
    [{}, G, '1', '2', null],
    [{ state: 'en_instruction' }, G, '1', '2', null],
    [{}, G, '1', '1', /déjà dans ce groupe/],
    [{}, G, '1', '3', null], // a closed group (docs/domain.md §10)
    [{}, G, '1', '9', /l'un des groupes/], // another procedure's
    [{}, [G[0], G[2]], '1', '3', /qu'un seul groupe/],
    [{ state: 'accepte' }, G, '1', '2', null], // traité dossiers too
    [{ state: 'refuse' }, G, '1', '3', null],
    [{ state: 'sans_suite' }, G, '1', '2', null],
    [{ state: 'brouillon' }, G, '1', '2', /pas encore été déposé/],
    [{ hidden_by_administration_at: T }, G, '1', '2', /supprimé/],
    [{ hidden_by_expired_at: T }, G, '1', '2', /supprimé/],
  ];
  for (const [patch, groups, from, to, expected] of rows) {
    test(`${JSON.stringify(patch)} ${from}→${to}`, () => {
      const r = reassignmentTargetRefusal({ ...D, ...patch }, groups, from, to);
      if (expected) assert.match(r ?? '', expected);
      else assert.equal(r, null);
      if (!expected) assert.equal(reassignmentRefusal({ ...D, ...patch }, groups), null);
    });
  }
});

test('followers outside the new group stop following', () => {
  assert.deepEqual(followersToRemove(['a', 'b', 'c'], ['b', 'x']), ['a', 'c']);
  assert.deepEqual(followersToRemove([], ['b']), []);
  assert.deepEqual(followersToRemove(['b'], ['b']), []);
});

describe('badges move with the dossier', () => {
  const prefs =
    (overrides: Record<string, Partial<Record<NotificationKind, NotificationPreference>>> = {}) =>
    (userId: string, kind: NotificationKind) =>
      overrides[userId]?.[kind] ?? DEFAULT_PREFERENCES[kind];
  const early = new Date('2026-03-01T00:00:00Z');
  const late = new Date('2026-03-05T00:00:00Z');
  test('removed instructors lose theirs; added ones get what their preference wants, at the earliest date', () => {
    const plan = badgeTransfers({
      rows: [
        { userId: 'a', kind: 'dossier_expirant', displayAt: late },
        { userId: 'b', kind: 'dossier_expirant', displayAt: early },
        { userId: 'a', kind: 'message', displayAt: late },
        { userId: 'b', kind: 'dossier_depose', displayAt: late },
      ],
      oldMemberIds: ['a', 'b', 'both'],
      newMemberIds: ['both', 'x', 'y', 'z'],
      followerIds: ['z'],
      prefs: prefs({ y: { message: 'all' }, x: { dossier_depose: 'none' } }),
    });
    assert.deepEqual(plan.deleteFor, ['a', 'b']);
    const created = plan.create.map((c) => `${c.userId}:${c.kind}:${c.displayAt.toISOString().slice(0, 10)}`).sort();
    assert.deepEqual(created, [
      'x:dossier_expirant:2026-03-01', // non-customisable: everyone, earliest date
      'y:dossier_depose:2026-03-05', // default 'all'
      'y:dossier_expirant:2026-03-01',
      'y:message:2026-03-05', // preference 'all'
      'z:dossier_depose:2026-03-05',
      'z:dossier_expirant:2026-03-01',
      'z:message:2026-03-05', // 'followed' and z follows
    ]);
  });
  test('with the state: arriving instructors get the kinds that apply, not the copies of old rows', () => {
    const plan = badgeTransfers({
      rows: [
        { userId: 'a', kind: 'message', displayAt: early }, // read by nobody of the new group: from the state
        { userId: 'a', kind: 'dossier_expirant', displayAt: early },
      ],
      // nobody of the old group had « en attente d'avis » (preference followed, nobody followed)
      applying: [
        { kind: 'attente_avis', displayAt: late },
        { kind: 'avis_externe', displayAt: late },
      ],
      oldMemberIds: ['a'],
      newMemberIds: ['x', 'y'],
      followerIds: [],
      prefs: prefs({ x: { attente_avis: 'all', avis_externe: 'all' } }),
    });
    const created = plan.create.map((c) => `${c.userId}:${c.kind}:${c.displayAt.toISOString().slice(0, 10)}`).sort();
    assert.deepEqual(created, [
      'x:attente_avis:2026-03-05',
      'x:avis_externe:2026-03-05',
      'x:dossier_expirant:2026-03-01',
      'y:dossier_expirant:2026-03-01',
    ]);
  });
  test('nothing to move when the groups share everyone', () => {
    assert.deepEqual(
      badgeTransfers({
        rows: [{ userId: 'a', kind: 'message', displayAt: early }],
        oldMemberIds: ['a'],
        newMemberIds: ['a'],
        followerIds: [],
        prefs: prefs(),
      }),
      { deleteFor: [], create: [] },
    );
  });
});

describe('envoyer à un instructeur', () => {
  const rows: [string[], RegExp | null][] = [
    [['b'], null],
    [['b', 'c'], null],
    [[], /au moins un/],
    [['a'], /vous envoyer/],
    [['b', 'z'], /de son groupe/],
  ];
  for (const [targets, expected] of rows) {
    test(JSON.stringify(targets), () => {
      const r = sendToRefusal({ actorId: 'a', targetIds: targets, groupMemberIds: ['a', 'b', 'c'] });
      if (expected) assert.match(r ?? '', expected);
      else assert.equal(r, null);
    });
  }
});
