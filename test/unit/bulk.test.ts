import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  BULK_ACTIONS,
  BULK_CORRECTION_PENDING,
  BULK_MENUS,
  BULK_NOT_IN_TAB,
  BULK_STATE_CHANGED,
  IN_BULK_OPERATION_MESSAGE,
  assertNotInBulkOperation,
  bulkApplies,
  bulkFailureReason,
  validateBulkParams,
  type BulkAction,
  type BulkRowFacts,
} from '../../src/domain/bulk.ts';
import type { DossierState } from '../../src/domain/dossier-state.ts';
import { invalidInput, invalidTransition } from '../../src/domain/errors.ts';
import { TABS } from '../../src/domain/tabs.ts';

const row = (state: DossierState, o: Partial<BulkRowFacts> = {}): BulkRowFacts => ({
  state,
  archived: false,
  followedByMe: false,
  inCorbeille: false,
  ...o,
});

describe('bulkApplies: which rows an action fits', () => {
  const rows: [BulkAction, BulkRowFacts, boolean][] = [
    ['suivre', row('en_construction'), true],
    ['suivre', row('en_instruction', { followedByMe: true }), false],
    ['suivre', row('accepte'), false],
    ['ne_plus_suivre', row('en_instruction', { followedByMe: true }), true],
    ['ne_plus_suivre', row('en_instruction'), false],
    ['passer_en_instruction', row('en_construction'), true],
    ['passer_en_instruction', row('en_instruction'), false],
    ['accepter', row('en_instruction'), true],
    ['accepter', row('en_construction'), false],
    ['refuser', row('en_instruction'), true],
    ['classer_sans_suite', row('accepte'), false],
    ['repasser_en_construction', row('en_instruction'), true],
    ['archiver', row('accepte'), true],
    ['archiver', row('accepte', { archived: true }), false],
    ['archiver', row('en_instruction'), false],
    ['desarchiver', row('refuse', { archived: true }), true],
    ['desarchiver', row('refuse'), false],
    ['supprimer', row('sans_suite'), true],
    ['supprimer', row('en_construction'), false],
    ['restaurer', row('accepte', { inCorbeille: true }), true],
    ['restaurer', row('accepte'), false],
    ['accepter', row('en_instruction', { inCorbeille: true }), false],
    ['envoyer_message', row('accepte'), true],
    ['envoyer_message', row('accepte', { archived: true }), false],
    ['poser_label', row('refuse', { archived: true }), true],
    ['prolonger_conservation', row('accepte', { inCorbeille: true }), true],
    ['demander_avis', row('en_construction'), true],
    ['demander_avis', row('en_instruction'), true],
    ['demander_avis', row('accepte'), false],
  ];
  for (const [action, r, expected] of rows)
    test(`${action} on ${r.state}${r.archived ? ' archived' : ''}${r.followedByMe ? ' followed' : ''}${r.inCorbeille ? ' in the corbeille' : ''} → ${expected}`, () =>
      assert.equal(bulkApplies(action, r), expected));
});

describe('menus', () => {
  test('every tab has a menu of known actions; decisions only in « suivis par moi »', () => {
    for (const tab of TABS) for (const a of BULK_MENUS[tab]) assert.ok(BULK_ACTIONS.includes(a));
    for (const tab of TABS) assert.equal(BULK_MENUS[tab].includes('accepter'), tab === 'suivis', tab);
  });
  const rows: [(typeof TABS)[number], BulkAction, boolean][] = [
    ['a-suivre', 'suivre', true],
    ['traites', 'archiver', true],
    ['traites', 'accepter', false],
    ['archives', 'desarchiver', true],
    ['supprimes', 'restaurer', true],
    ['supprimes', 'envoyer_message', false],
    ['expirant', 'prolonger_conservation', true],
    ['tous', 'envoyer_message', true],
    ['a-suivre', 'demander_avis', true],
    ['suivis', 'demander_avis', true],
    ['traites', 'demander_avis', false],
  ];
  for (const [tab, action, offered] of rows)
    test(`${tab} offers ${action}: ${offered}`, () => assert.equal(BULK_MENUS[tab].includes(action), offered));
});

describe('validateBulkParams', () => {
  const rows: [BulkAction, Record<string, string | null>, RegExp | null][] = [
    ['accepter', {}, null],
    ['refuser', {}, /motivation est obligatoire pour refuser/],
    ['refuser', { motivation: '  ' }, /motivation est obligatoire/],
    ['refuser', { motivation: 'Incomplet' }, null],
    ['classer_sans_suite', {}, /classer des dossiers sans suite/],
    ['poser_label', {}, /Choisissez un label/],
    ['poser_label', { labelId: '3' }, null],
    ['envoyer_message', { message: ' ' }, /message ne peut pas être vide/],
    ['envoyer_message', { message: 'Bonjour' }, null],
    ['suivre', {}, null],
    ['demander_avis', { experts: ' ' }, /au moins un expert/],
    ['demander_avis', { experts: 'expert@exemple.fr' }, null],
  ];
  for (const [action, params, expected] of rows)
    test(`${action} ${JSON.stringify(params)}`, () => {
      const e = validateBulkParams(action, params);
      if (expected) assert.match(e?.message ?? '', expected);
      else assert.equal(e, null);
    });
});

describe('bulkFailureReason', () => {
  const refused = invalidTransition('Un dossier en attente de correction ne peut pas passer en instruction');
  const rows: [string, BulkAction, Parameters<typeof bulkFailureReason>[1], string][] = [
    ['gone or outside my groups', 'accepter', null, BULK_NOT_IN_TAB],
    ['decided meanwhile', 'accepter', { state: 'refuse', pendingCorrection: false }, BULK_STATE_CHANGED],
    [
      'already en instruction',
      'passer_en_instruction',
      { state: 'en_instruction', pendingCorrection: false },
      BULK_STATE_CHANGED,
    ],
    [
      'blocked by a correction',
      'passer_en_instruction',
      { state: 'en_construction', pendingCorrection: true },
      BULK_CORRECTION_PENDING,
    ],
    [
      'another refusal: its own message',
      'suivre',
      { state: 'en_instruction', pendingCorrection: false },
      'un dossier en attente de correction ne peut pas passer en instruction',
    ],
  ];
  for (const [name, action, facts, expected] of rows)
    test(name, () => assert.equal(bulkFailureReason(action, facts, refused), expected));
  test('input errors keep their message', () =>
    assert.equal(
      bulkFailureReason(
        'refuser',
        { state: 'en_instruction', pendingCorrection: false },
        invalidInput('Motif manquant'),
      ),
      'motif manquant',
    ));
});

describe('assertNotInBulkOperation', () => {
  const rows: [string | null, string | undefined, boolean][] = [
    [null, undefined, false],
    ['7', undefined, true],
    ['7', '7', false],
    ['7', '8', true],
  ];
  for (const [held, acting, throws] of rows)
    test(`held by ${held}, acting for ${acting} → ${throws ? 'refused' : 'allowed'}`, () => {
      if (throws) assert.throws(() => assertNotInBulkOperation(held, acting), { message: IN_BULK_OPERATION_MESSAGE });
      else assert.doesNotThrow(() => assertNotInBulkOperation(held, acting));
    });
});
