import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  expiryAfterRetentionRaise,
  DEFAULT_RETENTION_MONTHS,
  MAX_RETENTION_MONTHS,
  PURGE_DAYS,
  WARNING_DAYS,
  addMonthsUTC,
  computeExpiresAt,
  isExpiring,
  purgeDate,
  shouldHide,
  shouldPurge,
  shouldWarn,
} from '../../src/domain/retention.ts';
import type { DossierFacts, DossierState } from '../../src/domain/dossier-state.ts';

const D = (s: string) => new Date(s);

test('constants', () => {
  assert.equal(WARNING_DAYS, 14);
  assert.equal(PURGE_DAYS, 14);
  assert.equal(DEFAULT_RETENTION_MONTHS, 12);
  assert.equal(MAX_RETENTION_MONTHS, 60);
});

describe('addMonthsUTC', () => {
  const rows: [string, number, string][] = [
    ['2025-01-31T00:00:00Z', 1, '2025-02-28T00:00:00Z'],
    ['2024-01-31T00:00:00Z', 1, '2024-02-29T00:00:00Z'],
    ['2025-01-30T08:30:00Z', 1, '2025-02-28T08:30:00Z'],
    ['2025-03-31T23:59:59.999Z', 1, '2025-04-30T23:59:59.999Z'],
    ['2025-01-15T10:00:00Z', 12, '2026-01-15T10:00:00Z'],
    ['2024-02-29T00:00:00Z', 12, '2025-02-28T00:00:00Z'],
    ['2024-02-29T00:00:00Z', 48, '2028-02-29T00:00:00Z'],
    ['2025-11-30T00:00:00Z', 3, '2026-02-28T00:00:00Z'],
    ['2025-12-31T00:00:00Z', 1, '2026-01-31T00:00:00Z'],
    ['2025-03-31T00:00:00Z', -1, '2025-02-28T00:00:00Z'],
    ['2025-01-15T00:00:00Z', -2, '2024-11-15T00:00:00Z'],
    ['2025-05-31T00:00:00Z', 60, '2030-05-31T00:00:00Z'],
    // near midnight UTC: no local-time drift
    ['2025-03-30T23:30:00Z', 1, '2025-04-30T23:30:00Z'],
  ];
  for (const [from, n, expected] of rows) {
    test(`${from} + ${n} months`, () =>
      assert.equal(addMonthsUTC(D(from), n).toISOString(), D(expected).toISOString()));
  }
});

type F = Parameters<typeof computeExpiresAt>[0];
const facts = (state: DossierState, over: Partial<F> = {}): F => ({
  state,
  en_construction_at: D('2025-01-31T09:00:00Z'),
  processed_at: D('2025-03-31T09:00:00Z'),
  conservation_extension_months: 0,
  expiry_notice_sent_at: null,
  ...over,
});

describe('computeExpiresAt', () => {
  const P = { retention_months: 12, expires_when_termine: true };
  const rows: [
    string,
    F,
    { retention_months: number; expires_when_termine: boolean },
    Date | undefined,
    string | null,
  ][] = [
    ['en_construction: en_construction_at + 12 months', facts('en_construction'), P, undefined, '2026-01-31T09:00:00Z'],
    [
      'en_construction: 1 month, end of January → 28 Feb',
      facts('en_construction'),
      { ...P, retention_months: 1 },
      undefined,
      '2025-02-28T09:00:00Z',
    ],
    [
      'en_construction + extension 1',
      facts('en_construction', { conservation_extension_months: 1 }),
      { ...P, retention_months: 1 },
      undefined,
      '2025-03-31T09:00:00Z',
    ],
    [
      'en_construction + extension 2 with 12 months',
      facts('en_construction', { conservation_extension_months: 2 }),
      P,
      undefined,
      '2026-03-31T09:00:00Z',
    ],
    [
      'en_construction warned → notice + 14 days',
      facts('en_construction', { expiry_notice_sent_at: D('2026-01-20T01:00:00Z') }),
      P,
      undefined,
      '2026-02-03T01:00:00Z',
    ],
    ['en_construction without date', facts('en_construction', { en_construction_at: null }), P, undefined, null],
    ['en_instruction never expires', facts('en_instruction'), P, undefined, null],
    [
      'en_instruction even if warned',
      facts('en_instruction', { expiry_notice_sent_at: D('2026-01-20T01:00:00Z') }),
      P,
      undefined,
      null,
    ],
    ['accepte: processed_at + 12', facts('accepte'), P, undefined, '2026-03-31T09:00:00Z'],
    [
      'refuse: 6 months from 31 Mar → 30 Sep',
      facts('refuse'),
      { ...P, retention_months: 6 },
      undefined,
      '2025-09-30T09:00:00Z',
    ],
    [
      'sans_suite + extension',
      facts('sans_suite', { conservation_extension_months: 1 }),
      P,
      undefined,
      '2026-04-30T09:00:00Z',
    ],
    [
      'termine, procedure does not expire termine',
      facts('accepte'),
      { ...P, expires_when_termine: false },
      undefined,
      null,
    ],
    [
      'termine not expiring, even if warned',
      facts('refuse', { expiry_notice_sent_at: D('2026-01-20T01:00:00Z') }),
      { ...P, expires_when_termine: false },
      undefined,
      null,
    ],
    [
      'termine warned',
      facts('refuse', { expiry_notice_sent_at: D('2026-03-17T09:00:00Z') }),
      P,
      undefined,
      '2026-03-31T09:00:00Z',
    ],
    ['brouillon capped at 3 months', facts('brouillon'), P, D('2025-01-31T00:00:00Z'), '2025-04-30T00:00:00Z'],
    [
      'brouillon with 1-month retention',
      facts('brouillon'),
      { ...P, retention_months: 1 },
      D('2025-01-31T00:00:00Z'),
      '2025-02-28T00:00:00Z',
    ],
    [
      'brouillon + extension',
      facts('brouillon', { conservation_extension_months: 1 }),
      P,
      D('2025-01-31T00:00:00Z'),
      '2025-05-31T00:00:00Z',
    ],
    ['brouillon without reference', facts('brouillon'), P, undefined, null],
    ['60 months', facts('en_construction'), { ...P, retention_months: 60 }, undefined, '2030-01-31T09:00:00Z'],
  ];
  for (const [name, d, p, ref, expected] of rows) {
    test(name, () => {
      const got = computeExpiresAt(d, p, ref ? { brouillonReference: ref } : undefined);
      assert.equal(got === null ? null : got.toISOString(), expected === null ? null : D(expected).toISOString());
    });
  }
});

const NOW = D('2025-06-15T12:00:00Z');
const dossier = (over: Partial<DossierFacts>): DossierFacts => ({
  state: 'en_construction',
  archived: false,
  depose_at: null,
  en_construction_at: null,
  en_instruction_at: null,
  processed_at: null,
  hidden_by_administration_at: null,
  hidden_by_user_at: null,
  hidden_by_expired_at: null,
  expires_at: null,
  conservation_extension_months: 0,
  expiry_notice_sent_at: null,
  pending_correction: false,
  declarative_triggered_at: null,
  ...over,
});

describe('isExpiring / shouldWarn (to the millisecond at now + 14 days)', () => {
  const rows: [string, Partial<DossierFacts>, boolean, boolean][] = [
    // name, facts, isExpiring, shouldWarn
    ['expires exactly now + 14 d', { expires_at: D('2025-06-29T12:00:00Z') }, true, true],
    ['expires 1 ms after now + 14 d', { expires_at: D('2025-06-29T12:00:00.001Z') }, false, false],
    ['expires in 15 days', { expires_at: D('2025-06-30T12:00:00Z') }, false, false],
    ['already past', { expires_at: D('2025-06-01T00:00:00Z') }, true, true],
    ['no date', { expires_at: null }, false, false],
    [
      'already warned',
      { expires_at: D('2025-06-20T00:00:00Z'), expiry_notice_sent_at: D('2025-06-06T00:00:00Z') },
      true,
      false,
    ],
    [
      'already hidden by expiry',
      { expires_at: D('2025-06-01T00:00:00Z'), hidden_by_expired_at: D('2025-06-02T00:00:00Z') },
      true,
      false,
    ],
    ['en_instruction never', { state: 'en_instruction', expires_at: D('2025-06-01T00:00:00Z') }, false, false],
    ['termine expiring', { state: 'accepte', expires_at: D('2025-06-20T00:00:00Z') }, true, true],
  ];
  for (const [name, over, expiring, warn] of rows) {
    test(name, () => {
      const d = dossier(over);
      assert.equal(isExpiring(d, NOW), expiring, 'isExpiring');
      assert.equal(shouldWarn(d, NOW), warn, 'shouldWarn');
    });
  }
});

describe('shouldHide', () => {
  const rows: [string, Partial<DossierFacts>, boolean][] = [
    ['warned exactly 14 days ago', { expiry_notice_sent_at: D('2025-06-01T12:00:00Z') }, true],
    ['warned 14 days minus 1 ms ago', { expiry_notice_sent_at: D('2025-06-01T12:00:00.001Z') }, false],
    ['warned 20 days ago', { expiry_notice_sent_at: D('2025-05-26T12:00:00Z') }, true],
    ['never warned', {}, false],
    ['en_instruction', { state: 'en_instruction', expiry_notice_sent_at: D('2025-05-01T00:00:00Z') }, false],
    ['termine warned long ago', { state: 'refuse', expiry_notice_sent_at: D('2025-05-01T00:00:00Z') }, true],
    [
      'already hidden',
      { expiry_notice_sent_at: D('2025-05-01T00:00:00Z'), hidden_by_expired_at: D('2025-05-15T00:00:00Z') },
      false,
    ],
  ];
  for (const [name, over, expected] of rows) test(name, () => assert.equal(shouldHide(dossier(over), NOW), expected));
});

describe('shouldPurge', () => {
  const OLD = D('2025-06-01T12:00:00Z'); // exactly 14 days before NOW
  const RECENT = D('2025-06-01T12:00:00.001Z');
  const rows: [string, Partial<DossierFacts>, boolean][] = [
    ['brouillon hidden by user 14 days ago', { state: 'brouillon', hidden_by_user_at: OLD }, true],
    ['brouillon hidden by user recently', { state: 'brouillon', hidden_by_user_at: RECENT }, false],
    ['en_construction hidden by user 14 days ago', { state: 'en_construction', hidden_by_user_at: OLD }, true],
    ['en_construction hidden by expiry 14 days ago', { state: 'en_construction', hidden_by_expired_at: OLD }, true],
    ['en_construction hidden by expiry recently', { state: 'en_construction', hidden_by_expired_at: RECENT }, false],
    ['en_construction not hidden', { state: 'en_construction' }, false],
    [
      'termine hidden only by administration long ago',
      { state: 'accepte', hidden_by_administration_at: D('2024-01-01T00:00:00Z') },
      false,
    ],
    ['termine hidden only by user long ago', { state: 'accepte', hidden_by_user_at: D('2024-01-01T00:00:00Z') }, false],
    [
      'termine hidden by both, both old',
      { state: 'refuse', hidden_by_user_at: OLD, hidden_by_administration_at: OLD },
      true,
    ],
    [
      'termine hidden by both, admin recent',
      { state: 'refuse', hidden_by_user_at: OLD, hidden_by_administration_at: RECENT },
      false,
    ],
    [
      'termine hidden by both, user recent',
      { state: 'refuse', hidden_by_user_at: RECENT, hidden_by_administration_at: OLD },
      false,
    ],
    ['termine hidden by expiry old', { state: 'sans_suite', hidden_by_expired_at: OLD }, true],
    ['termine hidden by expiry recent', { state: 'sans_suite', hidden_by_expired_at: RECENT }, false],
    ['en_instruction never', { state: 'en_instruction', hidden_by_user_at: OLD, hidden_by_expired_at: OLD }, false],
  ];
  for (const [name, over, expected] of rows) test(name, () => assert.equal(shouldPurge(dossier(over), NOW), expected));
});

describe('warnings and hiding skip dossiers the usager deleted (docs/domain.md §5)', () => {
  const now = D('2026-06-01T00:00:00Z');
  const deleted = D('2026-05-20T00:00:00Z');
  test('shouldWarn', () => {
    const d = {
      state: 'en_construction' as const,
      expires_at: D('2026-06-05T00:00:00Z'),
      expiry_notice_sent_at: null,
      hidden_by_expired_at: null,
    };
    assert.equal(shouldWarn({ ...d, hidden_by_user_at: null }, now), true);
    assert.equal(shouldWarn({ ...d, hidden_by_user_at: deleted }, now), false);
  });
  test('shouldHide', () => {
    const d = {
      state: 'accepte' as const,
      expiry_notice_sent_at: D('2026-05-01T00:00:00Z'),
      hidden_by_expired_at: null,
    };
    assert.equal(shouldHide({ ...d, hidden_by_user_at: null }, now), true);
    assert.equal(shouldHide({ ...d, hidden_by_user_at: deleted }, now), false);
  });
});

describe('purgeDate: when shouldPurge becomes true (docs/domain.md §5)', () => {
  const h = D('2026-03-01T10:00:00Z');
  const later = D('2026-03-05T10:00:00Z');
  const none = {
    hidden_by_user_at: null,
    hidden_by_administration_at: null,
    hidden_by_expired_at: null,
    expires_at: null,
  };
  // [case, facts, purge date (null: never by itself)]
  const rows: [string, Parameters<typeof purgeDate>[0], string | null][] = [
    ['expired en construction', { ...none, state: 'en_construction', hidden_by_expired_at: h }, '2026-03-15T10:00:00Z'],
    [
      'deleted by the usager en construction',
      { ...none, state: 'en_construction', hidden_by_user_at: h },
      '2026-03-15T10:00:00Z',
    ],
    [
      'termine, usager then instructor',
      { ...none, state: 'accepte', hidden_by_user_at: h, hidden_by_administration_at: later },
      '2026-03-19T10:00:00Z',
    ],
    [
      'termine, corbeille only, expires',
      { ...none, state: 'refuse', hidden_by_administration_at: h, expires_at: D('2026-06-01T00:00:00Z') },
      '2026-06-15T00:00:00Z',
    ],
    ['termine, corbeille only, never expires', { ...none, state: 'refuse', hidden_by_administration_at: h }, null],
    [
      'expired and in the corbeille',
      { ...none, state: 'accepte', hidden_by_administration_at: h, hidden_by_expired_at: later },
      '2026-03-19T10:00:00Z',
    ],
  ];
  for (const [name, d, expected] of rows) {
    test(name, () => {
      const at = purgeDate(d);
      assert.equal(at?.toISOString() ?? null, expected && D(expected).toISOString());
      if (at && !d.expires_at) {
        assert.equal(shouldPurge(d, at), true, 'purged that day');
        assert.equal(shouldPurge(d, new Date(at.getTime() - 1)), false, 'not before');
      }
    });
  }
});

describe('expiryAfterRetentionRaise', () => {
  const base = {
    state: 'en_construction' as const,
    en_construction_at: new Date('2026-01-10T00:00:00Z'),
    processed_at: null,
    conservation_extension_months: 0,
    expiry_notice_sent_at: null,
    expires_at: new Date('2027-01-10T00:00:00Z'),
  };
  const p24 = { retention_months: 24, expires_when_termine: true };
  const rows: { name: string; d: typeof base | Record<string, unknown>; p: typeof p24; expected: string | null }[] = [
    { name: 'raised: two years after the base date', d: base, p: p24, expected: '2028-01-10T00:00:00.000Z' },
    { name: 'lowered: no date moves earlier', d: base, p: { ...p24, retention_months: 6 }, expected: null },
    { name: 'unchanged: nothing to do', d: base, p: { ...p24, retention_months: 12 }, expected: null },
    {
      name: 'warned: computed from the base date, not the notice',
      d: { ...base, expiry_notice_sent_at: new Date('2026-12-27T00:00:00Z') },
      p: p24,
      expected: '2028-01-10T00:00:00.000Z',
    },
    {
      name: 'en instruction: never expires',
      d: { ...base, state: 'en_instruction', expires_at: null },
      p: p24,
      expected: null,
    },
    {
      name: 'extension kept on top of the new duration',
      d: { ...base, conservation_extension_months: 1, expires_at: new Date('2027-02-10T00:00:00Z') },
      p: p24,
      expected: '2028-02-10T00:00:00.000Z',
    },
  ];
  for (const r of rows) {
    test(r.name, () => {
      const got = expiryAfterRetentionRaise(r.d as typeof base, r.p);
      assert.equal(got?.toISOString() ?? null, r.expected);
    });
  }
});
