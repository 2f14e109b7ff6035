import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAct,
  assertAdminister,
  assertInstruct,
  canAct,
  canAdministerProcedure,
  isProcedureStaff,
  canInstruct,
  canMessage,
  canRead,
  canReadAsExpert,
  canReadAsUsager,
  canRestore,
  canSeeAnnotations,
  instructorGroupsFilter,
  isHiddenFromInstructors,
  type Access,
  type DossierRef,
} from '../../src/domain/permissions.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { DossierState } from '../../src/domain/dossier-state.ts';

const USERS: Record<string, Access> = {
  instructeur: { userId: 'u-ins', instructorGroupIds: ['g1'], adminProcedureIds: [] },
  instructeurAutreGroupe: { userId: 'u-ins2', instructorGroupIds: ['g2'], adminProcedureIds: [] },
  instructeurAutreDemarche: { userId: 'u-ins3', instructorGroupIds: ['g9'], adminProcedureIds: [] },
  admin: { userId: 'u-adm', instructorGroupIds: [], adminProcedureIds: ['p1'] },
  proprietaire: { userId: 'u-own', instructorGroupIds: [], adminProcedureIds: [] },
  coEditeur: { userId: 'u-co', instructorGroupIds: [], adminProcedureIds: [] },
  expert: { userId: 'u-exp', instructorGroupIds: [], adminProcedureIds: [], expertAvisDossierIds: ['d1'] },
  expertAutreDossier: { userId: 'u-exp2', instructorGroupIds: [], adminProcedureIds: [], expertAvisDossierIds: ['d2'] },
  inconnu: { userId: 'u-x', instructorGroupIds: [], adminProcedureIds: [] },
  // an instructor who also owns the dossier (applied to his own procedure)
  instructeurProprietaire: { userId: 'u-own', instructorGroupIds: ['g1'], adminProcedureIds: [] },
};

const dossier = (state: DossierState, over: Partial<DossierRef> = {}): DossierRef => ({
  id: 'd1',
  procedureId: 'p1',
  groupeId: 'g1',
  ownerId: 'u-own',
  coEditorIds: ['u-co'],
  state,
  hidden_by_administration_at: null,
  hidden_by_user_at: null,
  hidden_by_expired_at: null,
  ...over,
});

describe('read roles: user × state', () => {
  // [user, state, instruct, usager, expert]
  const rows: [keyof typeof USERS, DossierState, boolean, boolean, boolean][] = [
    ['instructeur', 'brouillon', false, false, false],
    ['instructeur', 'en_construction', true, false, false],
    ['instructeur', 'en_instruction', true, false, false],
    ['instructeur', 'accepte', true, false, false],
    ['instructeurAutreGroupe', 'en_construction', false, false, false],
    ['instructeurAutreGroupe', 'accepte', false, false, false],
    ['instructeurAutreDemarche', 'en_instruction', false, false, false],
    ['admin', 'en_construction', false, false, false],
    ['admin', 'accepte', false, false, false],
    ['proprietaire', 'brouillon', false, true, false],
    ['proprietaire', 'en_construction', false, true, false],
    ['proprietaire', 'refuse', false, true, false],
    ['coEditeur', 'brouillon', false, true, false],
    ['coEditeur', 'en_instruction', false, true, false],
    ['expert', 'brouillon', false, false, false],
    ['expert', 'en_instruction', false, false, true],
    ['expert', 'accepte', false, false, true],
    ['expertAutreDossier', 'en_instruction', false, false, false],
    ['inconnu', 'en_construction', false, false, false],
    ['instructeurProprietaire', 'brouillon', false, true, false],
    ['instructeurProprietaire', 'en_instruction', true, true, false],
  ];
  for (const [user, state, instruct, usager, expert] of rows) {
    test(`${user} on ${state}`, () => {
      const a = USERS[user]!;
      const d = dossier(state);
      assert.equal(canInstruct(a, d), instruct, 'canInstruct');
      assert.equal(canSeeAnnotations(a, d), instruct, 'canSeeAnnotations');
      assert.equal(canReadAsUsager(a, d), usager, 'canReadAsUsager');
      assert.equal(canReadAsExpert(a, d), expert, 'canReadAsExpert');
      assert.equal(canRead(a, d), instruct || usager || expert, 'canRead');
    });
  }
  test('a dossier whose owner account was deleted belongs to nobody', () => {
    const d = dossier('en_construction', { ownerId: null, coEditorIds: [] });
    assert.equal(canReadAsUsager({ userId: '', instructorGroupIds: [], adminProcedureIds: [] }, d), false);
  });
});

describe('administration', () => {
  test('canAdministerProcedure', () => {
    assert.equal(canAdministerProcedure(USERS.admin!, 'p1'), true);
    assert.equal(canAdministerProcedure(USERS.admin!, 'p2'), false);
    assert.equal(canAdministerProcedure(USERS.instructeur!, 'p1'), false);
  });
  // the staff who may file test dossiers on p1 (groups g1, g2) while it is en test
  const staff: [string, boolean][] = [
    ['admin', true],
    ['instructeur', true],
    ['instructeurAutreGroupe', true],
    ['instructeurAutreDemarche', false],
    ['proprietaire', false],
    ['expert', false],
    ['inconnu', false],
  ];
  for (const [user, expected] of staff)
    test(`isProcedureStaff: ${user} → ${expected}`, () =>
      assert.equal(isProcedureStaff(USERS[user]!, 'p1', ['g1', 'g2']), expected));
  test('assertAdminister hides with not_found', () => {
    assert.doesNotThrow(() => assertAdminister(USERS.admin!, 'p1'));
    assert.throws(
      () => assertAdminister(USERS.instructeur!, 'p1'),
      (e: unknown) => e instanceof DomainError && e.code === 'not_found',
    );
  });
});

describe('canAct: role × action × actor kind', () => {
  const rows: [
    keyof typeof USERS,
    DossierState,
    Parameters<typeof canAct>[2],
    Parameters<typeof canAct>[3],
    boolean,
  ][] = [
    ['instructeur', 'en_instruction', 'accepter', 'instructeur', true],
    ['instructeur', 'en_instruction', 'accepter', 'usager', false],
    ['instructeur', 'en_instruction', 'accepter', 'system', false],
    ['instructeurAutreGroupe', 'en_instruction', 'accepter', 'instructeur', false],
    ['admin', 'en_instruction', 'accepter', 'instructeur', false],
    ['proprietaire', 'en_instruction', 'accepter', 'instructeur', false],
    ['proprietaire', 'en_instruction', 'accepter', 'usager', false],
    ['proprietaire', 'brouillon', 'deposer', 'usager', true],
    ['coEditeur', 'brouillon', 'deposer', 'usager', true],
    ['coEditeur', 'en_construction', 'redeposer', 'usager', true],
    ['inconnu', 'brouillon', 'deposer', 'usager', false],
    ['instructeur', 'brouillon', 'deposer', 'usager', false],
    ['instructeur', 'brouillon', 'deposer', 'instructeur', false],
    ['expert', 'en_instruction', 'accepter', 'instructeur', false],
    ['instructeur', 'accepte', 'supprimer', 'instructeur', true],
    ['instructeur', 'accepte', 'archiver', 'instructeur', true],
    ['instructeur', 'en_construction', 'passer_en_instruction_automatiquement', 'system', false],
    ['instructeurProprietaire', 'en_construction', 'redeposer', 'usager', true],
    ['instructeurProprietaire', 'en_construction', 'passer_en_instruction', 'instructeur', true],
  ];
  for (const [user, state, action, actor, expected] of rows) {
    test(`${user} ${action} as ${actor} on ${state} → ${expected}`, () =>
      assert.equal(canAct(USERS[user]!, dossier(state), action, actor), expected));
  }
});

describe('assertions: no existence leak', () => {
  const code = (fn: () => void): string | null => {
    try {
      fn();
      return null;
    } catch (e) {
      assert.ok(e instanceof DomainError);
      return e.code;
    }
  };
  test('assertInstruct', () => {
    assert.equal(
      code(() => assertInstruct(USERS.instructeur!, dossier('en_instruction'))),
      null,
    );
    assert.equal(
      code(() => assertInstruct(USERS.instructeurAutreGroupe!, dossier('en_instruction'))),
      'not_found',
    );
    assert.equal(
      code(() => assertInstruct(USERS.instructeur!, dossier('brouillon'))),
      'not_found',
    );
    assert.equal(
      code(() => assertInstruct(USERS.proprietaire!, dossier('en_instruction'))),
      'not_found',
    );
  });
  test('not_found message', () => {
    try {
      assertInstruct(USERS.inconnu!, dossier('accepte'));
      assert.fail('should throw');
    } catch (e) {
      assert.ok(e instanceof DomainError);
      assert.equal(e.message, 'Page introuvable');
    }
  });
  test('assertAct: not_found without access, forbidden with access but wrong role', () => {
    assert.equal(
      code(() => assertAct(USERS.inconnu!, dossier('en_instruction'), 'accepter', 'instructeur')),
      'not_found',
    );
    assert.equal(
      code(() => assertAct(USERS.instructeurAutreGroupe!, dossier('en_instruction'), 'accepter', 'instructeur')),
      'not_found',
    );
    assert.equal(
      code(() => assertAct(USERS.proprietaire!, dossier('en_instruction'), 'accepter', 'instructeur')),
      'forbidden',
    );
    assert.equal(
      code(() => assertAct(USERS.expert!, dossier('en_instruction'), 'accepter', 'instructeur')),
      'forbidden',
    );
    assert.equal(
      code(() => assertAct(USERS.instructeur!, dossier('en_instruction'), 'accepter', 'instructeur')),
      null,
    );
  });
});

describe('canMessage', () => {
  const open = { archived: false };
  const rows: [keyof typeof USERS, DossierState, Parameters<typeof canMessage>[2], string | null][] = [
    ['instructeur', 'en_instruction', open, null],
    ['proprietaire', 'en_construction', open, null],
    ['coEditeur', 'accepte', open, null],
    ['expert', 'en_instruction', open, null],
    [
      'expert',
      'en_instruction',
      { archived: false, allowExpertMessaging: false },
      'La messagerie est désactivée pour les experts sur cette démarche',
    ],
    ['instructeur', 'en_instruction', { archived: false, allowExpertMessaging: false }, null],
    ['instructeur', 'accepte', { archived: true }, 'La messagerie est désactivée pour les dossiers archivés'],
    ['proprietaire', 'accepte', { archived: true }, 'La messagerie est désactivée pour les dossiers archivés'],
    ['proprietaire', 'brouillon', open, 'La messagerie est disponible une fois le dossier déposé'],
    [
      'instructeur',
      'accepte',
      { archived: false, hidden_by_administration_at: new Date() },
      'La messagerie est désactivée pour les dossiers supprimés',
    ],
    [
      'proprietaire',
      'en_construction',
      { archived: false, hidden_by_expired_at: new Date() },
      'La messagerie est désactivée pour les dossiers supprimés',
    ],
    ['inconnu', 'en_instruction', open, "Vous n'avez pas accès à ce dossier"],
    ['instructeurAutreGroupe', 'en_instruction', open, "Vous n'avez pas accès à ce dossier"],
    ['admin', 'en_instruction', open, "Vous n'avez pas accès à ce dossier"],
  ];
  for (const [user, state, facts, reason] of rows) {
    test(`${user} on ${state} ${JSON.stringify(facts)}`, () => {
      const r = canMessage(USERS[user]!, dossier(state), facts);
      assert.deepEqual(r, reason === null ? { ok: true } : { ok: false, reason });
    });
  }
});

describe('instructorGroupsFilter', () => {
  const a: Access = { userId: 'u', instructorGroupIds: ['g1', 'g2', 'g9'], adminProcedureIds: [] };
  test('all groups without procedure', () => assert.deepEqual(instructorGroupsFilter(a), ['g1', 'g2', 'g9']));
  test('all groups when no map is known (SQL also filters on procedure)', () =>
    assert.deepEqual(instructorGroupsFilter(a, 'p1'), ['g1', 'g2', 'g9']));
  test('narrowed with the map', () => {
    const m = { ...a, groupProcedureIds: { g1: 'p1', g2: 'p1', g9: 'p9' } };
    assert.deepEqual(instructorGroupsFilter(m, 'p1'), ['g1', 'g2']);
    assert.deepEqual(instructorGroupsFilter(m, 'p9'), ['g9']);
    assert.deepEqual(instructorGroupsFilter(m, 'p3'), []);
  });
  test('consistent with canInstruct', () => {
    for (const g of ['g1', 'g2', 'g3', 'g9']) {
      const d = dossier('en_instruction', { groupeId: g });
      assert.equal(instructorGroupsFilter(a).includes(g), canInstruct(a, d), g);
    }
  });
  test('returns a copy', () => {
    const list = instructorGroupsFilter(a);
    list.push('gX');
    assert.deepEqual(a.instructorGroupIds, ['g1', 'g2', 'g9']);
  });
});

describe('hidden dossiers: the corbeille only lists and restores (docs/domain.md §5)', () => {
  const T = new Date('2026-11-20T10:00:00Z');
  type Hidden = Pick<DossierRef, 'hidden_by_administration_at' | 'hidden_by_user_at' | 'hidden_by_expired_at'>;
  const none: Hidden = { hidden_by_administration_at: null, hidden_by_user_at: null, hidden_by_expired_at: null };
  // [case, state, hiding, instruct (open/follow/annotate), in corbeille, restaurer allowed]
  const rows: [string, DossierState, Partial<Hidden>, boolean, boolean, boolean][] = [
    ['visible', 'accepte', {}, true, false, false],
    ['corbeille (instructeur)', 'accepte', { hidden_by_administration_at: T }, false, true, true],
    ['expiré en construction', 'en_construction', { hidden_by_expired_at: T }, false, true, true],
    ['expiré traité', 'refuse', { hidden_by_expired_at: T }, false, true, true],
    ["supprimé par l'usager en construction", 'en_construction', { hidden_by_user_at: T }, false, false, false],
    ["traité supprimé par l'usager (reste visible)", 'accepte', { hidden_by_user_at: T }, true, false, false],
    [
      "corbeille + supprimé par l'usager",
      'accepte',
      { hidden_by_user_at: T, hidden_by_administration_at: T },
      false,
      true,
      true,
    ],
  ];
  for (const [name, state, hiding, instruct, corbeille, restore] of rows) {
    test(name, () => {
      const d = dossier(state, { ...none, ...hiding });
      const a = USERS.instructeur!;
      assert.equal(canInstruct(a, d), instruct, 'canInstruct');
      assert.equal(canSeeAnnotations(a, d), instruct, 'annotations');
      assert.equal(canRestore(a, d), corbeille, 'canRestore');
      assert.equal(isHiddenFromInstructors(d), !instruct);
      assert.equal(canAct(a, d, 'restaurer', 'instructeur'), restore || instruct, 'restaurer');
      assert.equal(canAct(a, d, 'accepter', 'instructeur'), instruct, 'accepter');
      assert.equal(canAct(a, d, 'repasser_en_instruction', 'instructeur'), instruct, 'repasser_en_instruction');
      if (!instruct) {
        assert.throws(
          () => assertInstruct(a, d),
          (e: DomainError) => e.code === 'not_found',
        );
        assert.throws(
          () => assertAct(a, d, 'accepter', 'instructeur'),
          (e: DomainError) => e.code === (corbeille ? 'forbidden' : 'not_found'),
        );
        assert.equal(canMessage(a, d, { archived: false, ...none, ...hiding }).ok, false);
      }
      if (corbeille) assert.doesNotThrow(() => assertAct(a, d, 'restaurer', 'instructeur'));
      // another group never sees it
      assert.equal(canRestore(USERS.instructeurAutreGroupe!, d), false);
    });
  }
});

describe('deleted usager account: the messagerie is closed (docs/domain.md §7)', () => {
  const facts = { archived: false };
  test('instructor cannot post on a dossier whose usager account was deleted', () => {
    const r = canMessage(USERS.instructeur!, dossier('en_instruction', { ownerId: null }), facts);
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /compte de l'usager a été supprimé/);
  });
  test('with an owner it is open', () => {
    assert.equal(canMessage(USERS.instructeur!, dossier('en_instruction'), facts).ok, true);
  });
});
