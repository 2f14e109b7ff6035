import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { badgeChanges } from '../../src/domain/badge-preferences.ts';
import {
  emailPreferences,
  isRecapDay,
  parisDay,
  recapStillDue,
  recapWorthSending,
  sendsInstructorEmails,
} from '../../src/domain/email-preferences.ts';
import { DEFAULT_PREFERENCES, type NotificationPreference } from '../../src/domain/notifications.ts';

describe('badgeChanges: narrowing removes rows, widening adds them', () => {
  const rows: [NotificationPreference, NotificationPreference, object | null][] = [
    ['followed', 'followed', null],
    ['followed', 'none', { kind: 'message', remove: 'all' }],
    ['all', 'none', { kind: 'message', remove: 'all' }],
    ['all', 'followed', { kind: 'message', remove: 'unfollowed' }],
    ['none', 'followed', { kind: 'message', add: 'followed' }],
    ['none', 'all', { kind: 'message', add: 'all' }],
    ['followed', 'all', { kind: 'message', add: 'all' }],
  ];
  for (const [before, after, expected] of rows)
    test(`${before} → ${after}`, () => {
      const changes = badgeChanges(
        (k) => (k === 'message' ? before : DEFAULT_PREFERENCES[k]),
        (k) => (k === 'message' ? after : DEFAULT_PREFERENCES[k]),
      );
      assert.deepEqual(changes, expected ? [expected] : []);
    });
  test('the kinds common to the group never change', () => {
    assert.deepEqual(
      badgeChanges(
        () => 'all',
        () => 'none',
      ).map((c) => c.kind),
      [
        'dossier_depose',
        'dossier_modifie',
        'message',
        'annotation_instructeur',
        'avis_externe',
        'attente_correction',
        'attente_reponse',
        'attente_avis',
      ],
    );
  });
});

describe('e-mail preferences', () => {
  test('every choice is off by default and stored booleans win', () => {
    const p = emailPreferences({
      daily_email_summary: true,
      instant_email_dossier_expired: false,
      weekly_email_summary: 'x',
    });
    assert.equal(p.daily_email_summary, true);
    assert.equal(p.weekly_email_summary, false);
    assert.equal(p.instant_email_new_dossier, false);
    assert.deepEqual(Object.keys(emailPreferences(null)).length, 5);
  });
  test('no instructor e-mail for a declarative procedure', () => {
    assert.equal(sendsInstructorEmails({ declarative: null }), true);
    assert.equal(sendsInstructorEmails({ declarative: 'accepte' }), false);
  });
});

describe('recap days in Paris', () => {
  const rows: [string, string, number][] = [
    ['2026-03-02T09:00:00Z', '2026-03-02', 1], // Monday 10:00 in winter
    ['2026-03-07T23:30:00Z', '2026-03-08', 0], // Saturday 23:30 UTC is already Sunday in Paris
    ['2026-07-04T22:30:00Z', '2026-07-05', 0], // summer time
    ['2026-07-06T08:00:00Z', '2026-07-06', 1],
  ];
  for (const [at, day, weekday] of rows) test(at, () => assert.deepEqual(parisDay(new Date(at)), { day, weekday }));

  const days: [number, boolean, boolean][] = [
    [0, false, false],
    [1, true, true],
    [2, true, false],
    [6, true, false],
  ];
  for (const [weekday, daily, weekly] of days)
    test(`weekday ${weekday}`, () => {
      assert.equal(isRecapDay('daily', weekday), daily);
      assert.equal(isRecapDay('weekly', weekday), weekly);
    });

  test('a recap is sent only on its own day', () => {
    assert.equal(recapStillDue('daily', '2026-03-02', new Date('2026-03-02T16:00:00Z')), true);
    assert.equal(recapStillDue('daily', '2026-03-02', new Date('2026-03-03T09:00:00Z')), false);
  });
});

describe('recapWorthSending', () => {
  const counts = { aSuivre: 1, suivis: 0, traites: 0, total: 1 };
  const rows: [
    string,
    'daily' | 'weekly',
    { counts: typeof counts; badges: { kind: string; count: number }[] }[],
    boolean,
  ][] = [
    ['daily without badges', 'daily', [{ counts, badges: [] }], false],
    ['daily with a badge', 'daily', [{ counts, badges: [{ kind: 'message', count: 2 }] }], true],
    ['weekly with dossiers', 'weekly', [{ counts, badges: [] }], true],
    ['weekly empty', 'weekly', [{ counts: { ...counts, aSuivre: 0, total: 0 }, badges: [] }], false],
  ];
  for (const [name, kind, procs, expected] of rows)
    test(name, () => assert.equal(recapWorthSending(kind, procs), expected));
});

describe('statistics rules', async () => {
  const { usualProcessingTime, decisionShares, parisWeekStarts, parisMidnight, durationDays } = await import(
    '../../src/domain/statistics.ts'
  );
  const rows: [number[], number[] | null][] = [
    [[1, 2], null],
    [
      [1, 2, 3],
      [1, 2, 3],
    ],
    [
      [1, 2, 3, 4],
      [1.9, 3, 4],
    ],
    [
      [10, 20, 30, 40, 50, 60, 70],
      [28, 49, 69],
    ],
  ];
  for (const [durations, expected] of rows)
    test(`usual processing time of ${durations.join(',')}`, () => {
      const r = usualProcessingTime(durations);
      if (expected === null) assert.equal(r, null);
      else
        assert.deepEqual(
          r!.map((x) => Math.round(x * 10) / 10),
          expected,
        );
    });
  test('decision shares, one decimal', () => {
    assert.deepEqual(decisionShares({ accepte: 5, refuse: 3, sans_suite: 1 }), {
      accepte: 55.6,
      refuse: 33.3,
      sans_suite: 11.1,
    });
    assert.deepEqual(decisionShares({ accepte: 0, refuse: 0, sans_suite: 0 }), {
      accepte: 0,
      refuse: 0,
      sans_suite: 0,
    });
  });
  test('Paris weeks start on Monday at midnight, summer and winter', () => {
    assert.equal(parisMidnight('2026-03-02').toISOString(), '2026-03-01T23:00:00.000Z');
    assert.equal(parisMidnight('2026-07-06').toISOString(), '2026-07-05T22:00:00.000Z');
    const w = parisWeekStarts(new Date('2026-03-04T12:00:00Z'), 3);
    assert.deepEqual(
      w.map((x) => x.day),
      ['2026-02-16', '2026-02-23', '2026-03-02'],
    );
    // Sunday 23:30 UTC is already Monday in Paris
    assert.equal(parisWeekStarts(new Date('2026-03-08T23:30:00Z'), 1)[0]!.day, '2026-03-09');
  });
  test('durations in whole days, rounded up', () => {
    assert.equal(durationDays(1), 1);
    assert.equal(durationDays(86_400), 1);
    assert.equal(durationDays(86_401), 2);
  });
});
