import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  NEWS_NOTIFICATIONS,
  NEWS_TABS,
  TABS,
  TAB_LABELS,
  isEnCours,
  isVisibleByAdministration,
  tabsOf,
  visibleTabs,
  type Tab,
} from '../../src/domain/tabs.ts';
import type { DossierFacts } from '../../src/domain/dossier-state.ts';

const D = (s: string) => new Date(s);
const NOW = D('2025-06-15T12:00:00Z');
const ME = 'i1';
const OTHER = 'i2';
const PAST = D('2025-06-01T00:00:00Z');
const SOON = D('2025-06-29T12:00:00Z'); // exactly now + 14 days
const LATER = D('2025-06-29T12:00:00.001Z'); // 1 ms too late
const FAR = D('2026-01-01T00:00:00Z');

type Row = DossierFacts & { followers: string[] };
const d = (over: Partial<Row>): Row => ({
  state: 'en_construction',
  archived: false,
  depose_at: PAST,
  en_construction_at: PAST,
  en_instruction_at: null,
  processed_at: null,
  hidden_by_administration_at: null,
  hidden_by_user_at: null,
  hidden_by_expired_at: null,
  expires_at: FAR,
  conservation_extension_months: 0,
  expiry_notice_sent_at: null,
  pending_correction: false,
  declarative_triggered_at: null,
  followers: [],
  ...over,
});

test('tabs and labels', () => {
  assert.deepEqual([...TABS], ['a-suivre', 'suivis', 'traites', 'tous', 'expirant', 'archives', 'supprimes']);
  assert.deepEqual(TAB_LABELS, {
    'a-suivre': 'à suivre',
    suivis: 'suivis par moi',
    traites: 'traités',
    tous: 'au total',
    expirant: 'expirants',
    archives: 'à archiver',
    supprimes: 'corbeille',
  });
  assert.deepEqual([...NEWS_NOTIFICATIONS], ['dossier_modifie', 'message', 'annotation_instructeur', 'avis_externe']);
  assert.deepEqual([...NEWS_TABS], ['a-suivre', 'suivis', 'traites']);
  assert.deepEqual(visibleTabs({ expires_when_termine: false }), [
    'a-suivre',
    'suivis',
    'traites',
    'tous',
    'archives',
    'supprimes',
  ]);
  assert.deepEqual(visibleTabs({ expires_when_termine: true }), [...TABS]);
});

describe('visible by administration', () => {
  const rows: [string, Partial<Row>, boolean][] = [
    ['en_construction', {}, true],
    ['brouillon', { state: 'brouillon' }, false],
    ['hidden by administration', { state: 'accepte', hidden_by_administration_at: PAST }, false],
    ['hidden by expiry', { hidden_by_expired_at: PAST }, false],
    ['en_construction hidden by user', { hidden_by_user_at: PAST }, false],
    ['termine hidden by user stays visible', { state: 'refuse', hidden_by_user_at: PAST }, true],
    ['archived is visible', { state: 'accepte', archived: true }, true],
  ];
  for (const [name, over, expected] of rows)
    test(name, () => assert.equal(isVisibleByAdministration(d(over)), expected));
  test('en cours', () => {
    assert.equal(isEnCours(d({})), true);
    assert.equal(isEnCours(d({ state: 'en_instruction' })), true);
    assert.equal(isEnCours(d({ state: 'en_instruction', archived: true })), false);
    assert.equal(isEnCours(d({ state: 'accepte' })), false);
    assert.equal(isEnCours(d({ state: 'brouillon' })), false);
  });
});

describe('tabsOf: full membership per row', () => {
  const E = { expires_when_termine: true };
  const NE = { expires_when_termine: false };
  const rows: [string, Partial<Row>, { expires_when_termine: boolean }, Tab[]][] = [
    // a-suivre
    ['en_construction, nobody follows', {}, E, ['a-suivre', 'tous']],
    ['en_instruction, nobody follows', { state: 'en_instruction', expires_at: null }, E, ['a-suivre', 'tous']],
    ['followed by someone else: not à suivre, not suivis', { followers: [OTHER] }, E, ['tous']],
    // suivis
    ['followed by me', { followers: [ME] }, E, ['suivis', 'tous']],
    [
      'followed by me and another',
      { state: 'en_instruction', expires_at: null, followers: [OTHER, ME] },
      E,
      ['suivis', 'tous'],
    ],
    [
      'followed by me but archived (not en cours)',
      { state: 'en_instruction', archived: true, expires_at: null, followers: [ME] },
      E,
      ['archives'],
    ],
    // traites
    ['accepte', { state: 'accepte' }, E, ['traites', 'tous']],
    ['refuse followed by me: traites, not suivis', { state: 'refuse', followers: [ME] }, E, ['traites', 'tous']],
    ['sans_suite', { state: 'sans_suite' }, E, ['traites', 'tous']],
    ['termine archived', { state: 'accepte', archived: true }, E, ['archives']],
    ['termine deleted by the usager stays', { state: 'accepte', hidden_by_user_at: PAST }, E, ['traites', 'tous']],
    // nothing for brouillons
    ['brouillon', { state: 'brouillon', followers: [] }, E, []],
    ['brouillon hidden by expiry', { state: 'brouillon', hidden_by_expired_at: PAST }, E, []],
    // en_construction deleted by the usager: gone
    ['en_construction deleted by the usager', { hidden_by_user_at: PAST }, E, []],
    // expirant
    ['en_construction expiring exactly at now+14d', { expires_at: SOON }, E, ['a-suivre', 'tous', 'expirant']],
    ['en_construction expiring 1 ms too late', { expires_at: LATER }, E, ['a-suivre', 'tous']],
    ['en_construction already past expiry', { expires_at: PAST }, E, ['a-suivre', 'tous', 'expirant']],
    ['en_construction expiring, termine flag off', { expires_at: SOON }, NE, ['a-suivre', 'tous', 'expirant']],
    ['termine expiring', { state: 'accepte', expires_at: SOON }, E, ['traites', 'tous', 'expirant']],
    ['termine expiring, procedure flag off', { state: 'accepte', expires_at: SOON }, NE, ['traites', 'tous']],
    [
      'termine archived expiring (archived not excluded)',
      { state: 'refuse', archived: true, expires_at: SOON },
      E,
      ['expirant', 'archives'],
    ],
    [
      'en_instruction with a stale date never expires',
      { state: 'en_instruction', expires_at: SOON },
      E,
      ['a-suivre', 'tous'],
    ],
    ['no expiry date', { expires_at: null }, E, ['a-suivre', 'tous']],
    // supprimes
    ['termine in the corbeille', { state: 'accepte', hidden_by_administration_at: PAST }, E, ['supprimes']],
    [
      'termine in the corbeille, expiring date ignored',
      { state: 'accepte', hidden_by_administration_at: PAST, expires_at: SOON },
      E,
      ['supprimes'],
    ],
    ['termine hidden by expiry', { state: 'refuse', hidden_by_expired_at: PAST }, E, ['supprimes']],
    ['en_construction hidden by expiry', { hidden_by_expired_at: PAST, expires_at: PAST }, E, ['supprimes']],
    [
      'en_construction hidden by administration (impossible, not corbeille)',
      { hidden_by_administration_at: PAST },
      E,
      [],
    ],
    [
      'termine hidden by user and administration',
      { state: 'accepte', hidden_by_user_at: PAST, hidden_by_administration_at: PAST },
      E,
      ['supprimes'],
    ],
    // archives
    ['archived termine followed by me', { state: 'sans_suite', archived: true, followers: [ME] }, E, ['archives']],
    [
      'archived and in the corbeille',
      { state: 'accepte', archived: true, hidden_by_administration_at: PAST },
      E,
      ['supprimes'],
    ],
  ];
  for (const [name, over, p, expected] of rows) {
    test(name, () => assert.deepEqual(tabsOf(d(over), ME, NOW, p), expected));
  }
});
