import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALLOWED_PREFERENCES,
  CUSTOMISABLE,
  DEFAULT_PREFERENCES,
  NOTIFICATION_KINDS,
  NOTIFICATION_LABELS,
  badgesOnFollow,
  displayAt,
  dossierTabOfNotification,
  isDisplayed,
  notificationImportance,
  notificationsClearedBy,
  notificationsClearedOnOpen,
  recipientsFor,
  type NotificationKind,
  type NotificationPreference,
} from '../../src/domain/notifications.ts';

const D = (s: string) => new Date(s);
const NOW = D('2025-06-15T12:00:00Z');

test('kinds in importance order with French labels', () => {
  assert.deepEqual(
    NOTIFICATION_KINDS.map((k) => [k, NOTIFICATION_LABELS[k]]),
    [
      ['dossier_depose', 'Déposé depuis longtemps'],
      ['dossier_expirant', 'Expire bientôt'],
      ['dossier_suppression', 'Bientôt supprimé'],
      ['dossier_modifie', 'Dossier modifié'],
      ['message', 'Message'],
      ['annotation_instructeur', 'Annotation privée'],
      ['avis_externe', 'Avis externe'],
      ['attente_correction', 'En attente de correction'],
      ['attente_reponse', 'En attente de réponse'],
      ['attente_avis', "En attente d'avis externe"],
    ],
  );
  assert.equal(notificationImportance('dossier_depose'), 0);
  assert.equal(notificationImportance('attente_avis'), 9);
  assert.ok(notificationImportance('message') < notificationImportance('avis_externe'));
});

test('preferences: defaults, customisable, allowed', () => {
  assert.deepEqual(DEFAULT_PREFERENCES, {
    dossier_depose: 'all',
    dossier_expirant: 'all',
    dossier_suppression: 'all',
    dossier_modifie: 'followed',
    message: 'followed',
    annotation_instructeur: 'followed',
    avis_externe: 'followed',
    attente_correction: 'followed',
    attente_reponse: 'followed',
    attente_avis: 'followed',
  });
  assert.deepEqual(
    NOTIFICATION_KINDS.filter((k) => !CUSTOMISABLE.includes(k)),
    ['dossier_expirant', 'dossier_suppression'],
  );
  assert.deepEqual([...ALLOWED_PREFERENCES.dossier_depose], ['all', 'none']);
  assert.deepEqual([...ALLOWED_PREFERENCES.message], ['all', 'followed', 'none']);
  for (const k of NOTIFICATION_KINDS) assert.ok(ALLOWED_PREFERENCES[k].includes(DEFAULT_PREFERENCES[k]), k);
});

describe('recipientsFor', () => {
  // group: a (all), b (followed, follows), c (followed, does not follow), d (none, follows)
  const prefsOf: Record<string, NotificationPreference> = { a: 'all', b: 'followed', c: 'followed', d: 'none' };
  const base = {
    groupInstructorIds: ['a', 'b', 'c', 'd'],
    followerIds: ['b', 'd', 'z' /* follows but left the group */],
    prefs: (id: string) => prefsOf[id]!,
  };
  const rows: [string, NotificationKind, string | undefined, string[]][] = [
    ['customisable: all + followed-and-following', 'message', undefined, ['a', 'b']],
    ['actor excluded', 'message', 'b', ['a']],
    ['actor excluded (all)', 'annotation_instructeur', 'a', ['b']],
    ['dossier_depose with same prefs', 'dossier_depose', undefined, ['a', 'b']],
    ['non-customisable expirant: whole group, prefs ignored', 'dossier_expirant', undefined, ['a', 'b', 'c', 'd']],
    ['non-customisable suppression: whole group', 'dossier_suppression', undefined, ['a', 'b', 'c', 'd']],
    ['non-customisable minus actor', 'dossier_suppression', 'c', ['a', 'b', 'd']],
  ];
  for (const [name, kind, actorId, expected] of rows) {
    test(name, () => assert.deepEqual(recipientsFor(kind, { ...base, actorId }), expected));
  }
  test('followers outside the group never receive; duplicates removed', () => {
    assert.deepEqual(
      recipientsFor('message', { groupInstructorIds: ['a', 'a'], followerIds: ['z'], prefs: () => 'all' }),
      ['a'],
    );
    assert.deepEqual(recipientsFor('message', { groupInstructorIds: [], followerIds: ['z'], prefs: () => 'all' }), []);
  });
  test('defaults: only followers get a message badge', () => {
    assert.deepEqual(
      recipientsFor('message', {
        groupInstructorIds: ['a', 'b'],
        followerIds: ['b'],
        prefs: () => DEFAULT_PREFERENCES.message,
      }),
      ['b'],
    );
  });
});

describe('displayAt', () => {
  const ctx = { depose_at: D('2025-06-01T08:00:00Z'), expires_at: D('2025-07-01T00:00:00Z'), now: NOW };
  const rows: [NotificationKind, typeof ctx, string][] = [
    ['dossier_depose', ctx, '2025-06-08T08:00:00Z'],
    ['dossier_expirant', ctx, '2025-06-17T00:00:00Z'],
    ['message', ctx, NOW.toISOString()],
    ['dossier_suppression', ctx, NOW.toISOString()],
    ['dossier_depose', { ...ctx, depose_at: null as unknown as Date }, NOW.toISOString()],
    ['dossier_expirant', { ...ctx, expires_at: null as unknown as Date }, NOW.toISOString()],
  ];
  for (const [kind, c, expected] of rows) {
    test(`${kind} ${c.depose_at ? '' : 'no depose_at '}${c.expires_at ? '' : 'no expires_at'}`, () =>
      assert.equal(displayAt(kind, c).toISOString(), D(expected).toISOString()));
  }
});

describe('isDisplayed (to_display)', () => {
  const past = D('2025-06-01T00:00:00Z');
  const future = D('2025-06-15T12:00:00.001Z');
  const rows: [NotificationKind, boolean, boolean, Date, boolean][] = [
    // kind, archived, hidden, displayAt, expected
    ['message', false, false, past, true],
    ['message', false, false, NOW, true],
    ['message', false, false, future, false],
    ['dossier_depose', false, false, future, false],
    ['message', true, false, past, false],
    ['dossier_modifie', true, false, past, false],
    ['dossier_expirant', true, false, past, true],
    ['dossier_expirant', true, false, future, false],
    ['dossier_suppression', true, false, past, false],
    ['dossier_expirant', false, true, past, false],
    ['message', false, true, past, false],
    ['dossier_suppression', false, true, past, true],
    ['dossier_suppression', true, true, past, true],
    ['dossier_suppression', false, true, future, false],
  ];
  for (const [kind, archived, hidden, at, expected] of rows) {
    test(`${kind} archived=${archived} hidden=${hidden} at ${at.toISOString()} → ${expected}`, () =>
      assert.equal(isDisplayed(kind, { archived, hidden, displayAt: at }, NOW), expected));
  }
});

test('dossier page tab that clears each kind', () => {
  assert.deepEqual(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, dossierTabOfNotification(k)])), {
    dossier_depose: null,
    dossier_expirant: null,
    dossier_suppression: null,
    dossier_modifie: 'demande',
    message: 'messagerie',
    annotation_instructeur: 'annotations',
    avis_externe: 'avis',
    attente_correction: null,
    attente_reponse: null,
    attente_avis: null,
  });
  assert.deepEqual(notificationsClearedBy('messagerie'), ['message']);
  assert.deepEqual(notificationsClearedBy('demande'), ['dossier_modifie']);
});

describe('opening a tab clears only the badges it shows (docs/domain.md §4)', () => {
  const now = new Date('2026-03-02T09:00:00Z');
  const rows: [string, { archived: boolean; hidden: boolean }, NotificationKind[]][] = [
    ['visible', { archived: false, hidden: false }, ['message']],
    ['archived: the dots are off, the badge stays', { archived: true, hidden: false }, []],
    ['hidden', { archived: false, hidden: true }, []],
  ];
  for (const [name, d, expected] of rows) {
    test(name, () => assert.deepEqual(notificationsClearedOnOpen('messagerie', d, now), expected));
  }
});

describe('following brings back every kind that applies for the follower (docs/domain.md §4)', () => {
  const t = (s: string) => new Date(`2026-03-${s}T09:00:00Z`);
  const news = { dossier_modifie: t('03'), message: t('05'), annotation_instructeur: t('04'), avis_externe: null };
  const followed = (k: NotificationKind) => DEFAULT_PREFERENCES[k];
  // [case, pending, seen, prefs, expected]
  const rows: [
    string,
    NotificationKind[],
    Parameters<typeof badgesOnFollow>[0]['seen'],
    (k: NotificationKind) => NotificationPreference,
    NotificationKind[],
  ][] = [
    [
      'never followed: every news kind and the pending ones',
      ['attente_avis'],
      null,
      followed,
      ['dossier_modifie', 'message', 'annotation_instructeur', 'attente_avis'],
    ],
    [
      'followed before: only what happened since each tab was seen',
      [],
      { demande: t('04'), annotations: t('04'), avis: t('01'), messagerie: t('01') },
      followed,
      ['message'],
    ],
    ["preference 'all': the rows exist already", ['attente_correction'], null, () => 'all', []],
    ['preference none', [], null, () => 'none', []],
  ];
  for (const [name, pending, seen, prefs, expected] of rows) {
    test(name, () => assert.deepEqual(badgesOnFollow({ pending, news, seen, prefs }), expected));
  }
});
