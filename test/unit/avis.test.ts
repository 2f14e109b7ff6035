// The avis rules (docs/domain.md §6), one row per case.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerMissing,
  answerRefusal,
  avisRequestRefusal,
  canAnswer,
  canRemind,
  canRevoke,
  emailsAvisGiven,
  emailsOutsideList,
  expertInviteRefusal,
  expertMayOpen,
  expertSeesAvis,
  expertTabOf,
  nextReminderAt,
  parseExpertEmails,
  type AvisFacts,
  type ExpertSettings,
} from '../../src/domain/avis.ts';
import type { DossierState } from '../../src/domain/dossier-state.ts';
import type { Access, DossierRef } from '../../src/domain/permissions.ts';

const D = (s: string) => new Date(s);
const NOW = D('2026-03-02T09:00:00Z');

describe('parseExpertEmails', () => {
  const rows: [string | string[], string[], string[]][] = [
    ['a@x.fr', ['a@x.fr'], []],
    [' A@X.fr , b@y.fr;c@z.fr\nd@w.fr ', ['a@x.fr', 'b@y.fr', 'c@z.fr', 'd@w.fr'], []],
    ['a@x.fr, A@x.FR', ['a@x.fr'], []],
    [['a@x.fr', 'b@y.fr, c@z.fr'], ['a@x.fr', 'b@y.fr', 'c@z.fr'], []],
    ['pas-une-adresse, a@x.fr', ['a@x.fr'], ['pas-une-adresse']],
    ['a@x', [], ['a@x']],
    ['', [], []],
    [[], [], []],
  ];
  for (const [raw, emails, invalid] of rows)
    test(JSON.stringify(raw), () => assert.deepEqual(parseExpertEmails(raw), { emails, invalid }));
});

describe('avisRequestRefusal and emailsOutsideList', () => {
  const open: ExpertSettings = { allowExpertReview: true, restricted: false, listedEmails: [] };
  const rows: [DossierState, ExpertSettings, RegExp | null][] = [
    ['en_construction', open, null],
    ['en_instruction', open, null],
    ['brouillon', open, /dossier déposé/],
    ['accepte', open, /terminé/],
    ['refuse', open, /terminé/],
    ['sans_suite', open, /terminé/],
    ['en_instruction', { ...open, allowExpertReview: false }, /ne permet pas/],
  ];
  for (const [state, s, expected] of rows)
    test(`${state} ${JSON.stringify(s)}`, () => {
      const r = avisRequestRefusal(state, s);
      if (expected) assert.match(r ?? '', expected);
      else assert.equal(r, null);
    });
  test('restricted to the list', () => {
    const s = { allowExpertReview: true, restricted: true, listedEmails: ['a@x.fr'] };
    assert.deepEqual(emailsOutsideList(['a@x.fr', 'b@y.fr'], s), ['b@y.fr']);
    assert.deepEqual(emailsOutsideList(['b@y.fr'], { ...s, restricted: false }), []);
  });
});

describe('canRemind: at most once a day, awaited avis only', () => {
  const base: AvisFacts = { answeredAt: null, revokedAt: null, remindedAt: null, createdAt: D('2026-03-01T09:00:00Z') };
  const rows: [string, Partial<AvisFacts>, boolean, string | null][] = [
    ['never reminded', {}, true, null],
    ['reminded 1 hour ago', { remindedAt: D('2026-03-02T08:00:00Z') }, false, '2026-03-03T08:00:00.000Z'],
    ['reminded 23 h 59 ago', { remindedAt: D('2026-03-01T09:01:00Z') }, false, '2026-03-02T09:01:00.000Z'],
    ['reminded exactly 24 h ago', { remindedAt: D('2026-03-01T09:00:00Z') }, true, null],
    ['reminded 3 days ago', { remindedAt: D('2026-02-27T09:00:00Z') }, true, null],
    ['answered', { answeredAt: D('2026-03-02T08:00:00Z') }, false, null],
    ['revoked', { revokedAt: D('2026-03-02T08:00:00Z') }, false, null],
  ];
  for (const [name, over, ok, next] of rows)
    test(name, () => {
      const a = { ...base, ...over };
      assert.equal(canRemind(a, NOW), ok);
      assert.equal(nextReminderAt(a, NOW)?.toISOString() ?? null, next);
    });
});

describe('canRevoke, canAnswer, answerRefusal', () => {
  const rows: [Date | null, DossierState, boolean, boolean][] = [
    [null, 'en_construction', true, true],
    [null, 'en_instruction', true, true],
    [null, 'accepte', true, false],
    [null, 'refuse', true, false],
    [null, 'sans_suite', true, false],
    [null, 'brouillon', true, false],
    [NOW, 'en_instruction', false, false],
  ];
  for (const [revokedAt, state, revocable, answerable] of rows)
    test(`${revokedAt ? 'revoked' : 'open'} ${state}`, () => {
      assert.equal(canRevoke({ revokedAt }), revocable);
      assert.equal(canAnswer({ revokedAt }, state), answerable);
      assert.equal(answerRefusal({ revokedAt }, state) === null, answerable);
    });
  test('a question asked needs its yes/no answer', () => {
    assert.equal(answerMissing('Favorable ?', null), true);
    assert.equal(answerMissing('Favorable ?', false), false);
    assert.equal(answerMissing(null, null), false);
  });
});

describe('expertSeesAvis: his own, the ones he asked, the others shared', () => {
  const me = '7';
  const rows: [
    string,
    { expertId: string; claimantId: string | null; confidentiel: boolean; revokedAt: Date | null },
    boolean,
  ][] = [
    ['mine, confidential', { expertId: me, claimantId: '1', confidentiel: true, revokedAt: null }, true],
    ['mine, revoked', { expertId: me, claimantId: '1', confidentiel: false, revokedAt: NOW }, false],
    ["another's, shared", { expertId: '8', claimantId: '1', confidentiel: false, revokedAt: null }, true],
    ["another's, confidential", { expertId: '8', claimantId: '1', confidentiel: true, revokedAt: null }, false],
    [
      "another's, confidential, asked by me",
      { expertId: '8', claimantId: me, confidentiel: true, revokedAt: null },
      true,
    ],
    ["another's, shared, revoked", { expertId: '8', claimantId: '1', confidentiel: false, revokedAt: NOW }, false],
  ];
  for (const [name, a, seen] of rows) test(name, () => assert.equal(expertSeesAvis(me, a), seen));
});

describe('expertMayOpen', () => {
  const ref: DossierRef = {
    id: '10',
    procedureId: '1',
    groupeId: '2',
    ownerId: '3',
    state: 'en_instruction',
    hidden_by_administration_at: null,
    hidden_by_user_at: null,
    hidden_by_expired_at: null,
  };
  const expert: Access = { userId: '7', instructorGroupIds: [], adminProcedureIds: [], expertAvisDossierIds: ['10'] };
  const rows: [string, Access, Partial<DossierRef>, boolean][] = [
    ['his avis', expert, {}, true],
    ['no avis on it (revoked or another dossier)', { ...expert, expertAvisDossierIds: ['11'] }, {}, false],
    ['in the corbeille', expert, { hidden_by_administration_at: NOW }, false],
    ['expired', expert, { hidden_by_expired_at: NOW }, false],
    ['brouillon', expert, { state: 'brouillon' }, false],
  ];
  for (const [name, a, over, ok] of rows) test(name, () => assert.equal(expertMayOpen(a, { ...ref, ...over }), ok));
});

describe('expertInviteRefusal and expertTabOf', () => {
  test('the procedure must allow it, his avis must be open', () => {
    assert.equal(expertInviteRefusal(true, { revokedAt: null }, 'en_instruction'), null);
    assert.match(expertInviteRefusal(false, { revokedAt: null }, 'en_instruction') ?? '', /ne permet pas/);
    assert.match(expertInviteRefusal(true, null, 'en_instruction') ?? '', /révoquée/);
    assert.match(expertInviteRefusal(true, { revokedAt: null }, 'accepte') ?? '', /terminé/);
  });
  const rows: [Date | null, DossierState, string | null][] = [
    [null, 'en_instruction', 'a-donner'],
    [null, 'en_construction', 'a-donner'],
    [null, 'accepte', null],
    [NOW, 'en_instruction', 'donnes'],
    [NOW, 'refuse', 'donnes'],
  ];
  for (const [answeredAt, state, tab] of rows)
    test(`${answeredAt ? 'answered' : 'awaited'} ${state} → ${tab}`, () =>
      assert.equal(expertTabOf({ answeredAt }, state), tab));
});

describe('emailsAvisGiven: not again within 30 minutes', () => {
  const rows: [string | null, boolean][] = [
    [null, true],
    ['2026-03-02T08:59:00Z', false],
    ['2026-03-02T08:30:01Z', false],
    ['2026-03-02T08:30:00Z', true],
    ['2026-03-01T09:00:00Z', true],
  ];
  for (const [prev, sent] of rows)
    test(`${prev} → ${sent}`, () => assert.equal(emailsAvisGiven(prev ? D(prev) : null, NOW), sent));
});
