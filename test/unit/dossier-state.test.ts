import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  ACTION_ACTORS,
  ACTION_LABELS,
  DOSSIER_ACTIONS,
  DOSSIER_STATES,
  STATE_LABELS,
  TERMINE_STATES,
  availableActions,
  decide,
  decisionAgeWarning,
  isTermine,
  type ActionInput,
  type ActorKind,
  type DossierAction,
  type DossierFacts,
  type DossierState,
  type Effect,
  type ProcedureFacts,
} from '../../src/domain/dossier-state.ts';
import { DomainError } from '../../src/domain/errors.ts';

const D = (s: string) => new Date(s);
const NOW = D('2025-06-15T10:00:00.000Z');
/** An expiry within the warning window of NOW: « Prolonger » is offered. */
const SOON = D('2025-06-25T09:00:00.000Z');

const PROCEDURE: ProcedureFacts = {
  state: 'publiee',
  declarative: null,
  sva_svr: 'disabled',
  retention_months: 12,
  expires_when_termine: true,
};

const EMPTY: DossierFacts = {
  state: 'brouillon',
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
};

/** A typical dossier in each state, written out by hand. */
function base(state: DossierState): DossierFacts {
  switch (state) {
    case 'brouillon':
      return { ...EMPTY };
    case 'en_construction':
      return {
        ...EMPTY,
        state,
        depose_at: D('2025-03-01T09:00:00Z'),
        en_construction_at: D('2025-03-01T09:00:00Z'),
        expires_at: D('2026-03-01T09:00:00Z'),
      };
    case 'en_instruction':
      return {
        ...EMPTY,
        state,
        depose_at: D('2025-03-01T09:00:00Z'),
        en_construction_at: D('2025-03-01T09:00:00Z'),
        en_instruction_at: D('2025-04-01T09:00:00Z'),
      };
    default:
      return {
        ...EMPTY,
        state,
        depose_at: D('2025-03-01T09:00:00Z'),
        en_construction_at: D('2025-03-01T09:00:00Z'),
        en_instruction_at: D('2025-04-01T09:00:00Z'),
        processed_at: D('2025-05-01T09:00:00Z'),
        expires_at: D('2026-05-01T09:00:00Z'),
      };
  }
}

const FULL_INPUT: ActionInput = {
  motivation: 'Motif',
  correctionMessage: 'Merci de corriger la pièce',
  annotationsComplete: true,
};

function run(
  action: DossierAction,
  opts: {
    state?: DossierState;
    actor?: ActorKind;
    d?: Partial<DossierFacts>;
    p?: Partial<ProcedureFacts>;
    input?: ActionInput;
    now?: Date;
  } = {},
) {
  const dossier = { ...base(opts.state ?? 'en_instruction'), ...opts.d };
  return decide(action, {
    dossier,
    procedure: { ...PROCEDURE, ...opts.p },
    actor: opts.actor ?? 'instructeur',
    now: opts.now ?? NOW,
    input: opts.input ?? FULL_INPUT,
  });
}

function ok(decision: ReturnType<typeof decide>) {
  if (!decision.ok) assert.fail(`expected ok, got ${decision.error.code}: ${decision.error.message}`);
  return decision;
}
function err(decision: ReturnType<typeof decide>): DomainError {
  if (decision.ok) assert.fail(`expected refusal, got ok → ${decision.to}`);
  assert.ok(decision.error instanceof DomainError);
  return decision.error;
}

// -------------------------------------------------------------------------------------------------
// The exhaustive table: action × state × actor.
// X = refused (invalid_transition) for the allowed actor; any other actor → forbidden.

const X = 'X';
type Outcome = DossierState | typeof X;
// column order: brouillon, en_construction, en_instruction, accepte, refuse, sans_suite
type Row = [
  DossierAction,
  ActorKind,
  Partial<ProcedureFacts>,
  Partial<DossierFacts>,
  [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome],
];

const TABLE: Row[] = [
  ['deposer', 'usager', {}, {}, ['en_construction', X, X, X, X, X]],
  ['redeposer', 'usager', {}, {}, [X, 'en_construction', X, X, X, X]],
  ['passer_en_instruction', 'instructeur', {}, {}, [X, 'en_instruction', X, X, X, X]],
  [
    'passer_en_instruction_automatiquement',
    'system',
    { declarative: 'en_instruction' },
    {},
    [X, 'en_instruction', X, X, X, X],
  ],
  ['passer_en_instruction_automatiquement', 'system', {}, {}, [X, X, X, X, X, X]],
  ['accepter_automatiquement', 'system', { declarative: 'accepte' }, {}, [X, 'accepte', X, X, X, X]],
  ['accepter_automatiquement', 'system', { sva_svr: 'sva' }, {}, [X, 'accepte', 'accepte', X, X, X]],
  ['accepter_automatiquement', 'system', { sva_svr: 'svr' }, {}, [X, X, X, X, X, X]],
  ['accepter_automatiquement', 'system', {}, {}, [X, X, X, X, X, X]],
  ['repasser_en_construction', 'instructeur', {}, {}, [X, X, 'en_construction', X, X, X]],
  ['demander_correction', 'instructeur', {}, {}, [X, 'en_construction', 'en_construction', X, X, X]],
  ['accepter', 'instructeur', {}, {}, [X, X, 'accepte', X, X, X]],
  ['refuser', 'instructeur', {}, {}, [X, X, 'refuse', X, X, X]],
  ['classer_sans_suite', 'instructeur', {}, {}, [X, X, 'sans_suite', X, X, X]],
  ['repasser_en_instruction', 'instructeur', {}, {}, [X, X, X, 'en_instruction', 'en_instruction', 'en_instruction']],
  ['archiver', 'instructeur', {}, {}, [X, X, X, 'accepte', 'refuse', 'sans_suite']],
  ['desarchiver', 'instructeur', {}, { archived: true }, [X, X, X, 'accepte', 'refuse', 'sans_suite']],
  ['desarchiver', 'instructeur', {}, {}, [X, X, X, X, X, X]],
  ['supprimer', 'instructeur', {}, {}, [X, X, X, 'accepte', 'refuse', 'sans_suite']],
  [
    'restaurer',
    'instructeur',
    {},
    { hidden_by_administration_at: D('2025-06-01T00:00:00Z') },
    [X, X, X, 'accepte', 'refuse', 'sans_suite'],
  ],
  ['restaurer', 'instructeur', {}, {}, [X, X, X, X, X, X]],
  [
    'prolonger_conservation',
    'instructeur',
    {},
    { expires_at: SOON },
    [X, 'en_construction', X, 'accepte', 'refuse', 'sans_suite'],
  ],
  // only close to expiry (docs/domain.md §5)
  ['prolonger_conservation', 'instructeur', {}, {}, [X, X, X, X, X, X]],
];

const STATES: DossierState[] = ['brouillon', 'en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite'];
const ACTORS: ActorKind[] = ['usager', 'instructeur', 'system'];

describe('state machine: every action × state × actor', () => {
  test('the table covers every action', () => {
    assert.deepEqual(new Set(TABLE.map((r) => r[0])), new Set(DOSSIER_ACTIONS));
    assert.deepEqual([...DOSSIER_STATES], STATES);
  });
  let count = 0;
  for (const [action, allowedActor, p, d, outcomes] of TABLE) {
    STATES.forEach((state, i) => {
      for (const actor of ACTORS) {
        const expected = actor === allowedActor ? outcomes[i] : 'forbidden';
        count++;
        test(`${action} [${JSON.stringify(p)} ${JSON.stringify(d)}] from ${state} by ${actor} → ${expected}`, () => {
          const res = run(action, { state, actor, p, d });
          if (expected === 'forbidden') {
            assert.equal(err(res).code, 'forbidden');
          } else if (expected === X) {
            assert.equal(err(res).code, 'invalid_transition');
          } else {
            const r = ok(res);
            assert.equal(r.from, state);
            assert.equal(r.to, expected);
            assert.equal(r.action, action);
            if (r.to !== r.from) assert.equal(r.patch.state, expected);
            else assert.equal(r.patch.state, undefined);
          }
        });
      }
    });
  }
  test('row count', () => assert.equal(count, TABLE.length * 18));
});

describe('actors and labels', () => {
  test('ACTION_ACTORS', () => {
    const expected: Record<DossierAction, ActorKind[]> = {
      deposer: ['usager'],
      redeposer: ['usager'],
      passer_en_instruction: ['instructeur'],
      passer_en_instruction_automatiquement: ['system'],
      accepter_automatiquement: ['system'],
      repasser_en_construction: ['instructeur'],
      demander_correction: ['instructeur'],
      accepter: ['instructeur'],
      refuser: ['instructeur'],
      classer_sans_suite: ['instructeur'],
      repasser_en_instruction: ['instructeur'],
      archiver: ['instructeur'],
      desarchiver: ['instructeur'],
      supprimer: ['instructeur'],
      restaurer: ['instructeur'],
      prolonger_conservation: ['instructeur'],
    };
    assert.deepEqual(ACTION_ACTORS, expected);
  });
  test('French labels', () => {
    assert.equal(ACTION_LABELS.passer_en_instruction, 'Passer en instruction');
    assert.equal(ACTION_LABELS.repasser_en_construction, 'Repasser en construction');
    assert.equal(ACTION_LABELS.demander_correction, 'Demander une correction');
    assert.equal(ACTION_LABELS.accepter, 'Accepter');
    assert.equal(ACTION_LABELS.refuser, 'Refuser');
    assert.equal(ACTION_LABELS.classer_sans_suite, 'Classer sans suite');
    assert.equal(ACTION_LABELS.repasser_en_instruction, 'Repasser en instruction');
    assert.equal(ACTION_LABELS.archiver, 'Archiver le dossier');
    assert.equal(ACTION_LABELS.desarchiver, 'Désarchiver le dossier');
    assert.equal(ACTION_LABELS.supprimer, 'Mettre à la corbeille');
    assert.equal(ACTION_LABELS.restaurer, 'Restaurer');
    assert.equal(ACTION_LABELS.prolonger_conservation, "Prolonger la conservation d'un mois");
    assert.equal(ACTION_LABELS.deposer, 'Déposer le dossier');
    assert.deepEqual(STATE_LABELS, {
      brouillon: 'Brouillon',
      en_construction: 'En construction',
      en_instruction: 'En instruction',
      accepte: 'Accepté',
      refuse: 'Refusé',
      sans_suite: 'Classé sans suite',
    });
  });
  test('isTermine', () => {
    const expected: Record<DossierState, boolean> = {
      brouillon: false,
      en_construction: false,
      en_instruction: false,
      accepte: true,
      refuse: true,
      sans_suite: true,
    };
    for (const s of STATES) assert.equal(isTermine(s), expected[s], s);
    assert.deepEqual([...TERMINE_STATES], ['accepte', 'refuse', 'sans_suite']);
  });
});

describe('refusal messages', () => {
  const rows: [DossierAction, DossierState, Partial<DossierFacts>, string][] = [
    ['passer_en_instruction', 'en_instruction', {}, 'Ce dossier est déjà en instruction'],
    ['passer_en_instruction', 'accepte', {}, 'Ce dossier a déjà été traité'],
    ['passer_en_instruction', 'brouillon', {}, "Ce dossier n'a pas encore été déposé"],
    ['accepter', 'en_construction', {}, "Le dossier doit être en instruction pour qu'une décision soit prise"],
    ['refuser', 'refuse', {}, 'Ce dossier a déjà été traité'],
    ['archiver', 'en_instruction', {}, 'Seul un dossier traité peut être archivé'],
    ['archiver', 'accepte', { archived: true }, 'Ce dossier est déjà archivé'],
    ['desarchiver', 'accepte', {}, "Ce dossier n'est pas archivé"],
    ['supprimer', 'en_instruction', {}, 'Seul un dossier traité peut être mis à la corbeille'],
    [
      'supprimer',
      'accepte',
      { hidden_by_administration_at: D('2025-06-01T00:00:00Z') },
      'Ce dossier est déjà dans la corbeille',
    ],
    ['restaurer', 'accepte', {}, "Ce dossier n'est pas dans la corbeille"],
    ['repasser_en_construction', 'en_construction', {}, 'Ce dossier est déjà en construction'],
    ['repasser_en_instruction', 'en_instruction', {}, 'Ce dossier est déjà en instruction'],
    ['demander_correction', 'accepte', {}, 'Impossible de demander une correction sur un dossier traité'],
    [
      'demander_correction',
      'en_construction',
      { pending_correction: true },
      'Une demande de correction est déjà en attente sur ce dossier',
    ],
    [
      'repasser_en_instruction',
      'accepte',
      { hidden_by_administration_at: D('2025-06-01T00:00:00Z') },
      "Ce dossier est dans la corbeille : restaurez-le d'abord",
    ],
    [
      'archiver',
      'accepte',
      { hidden_by_expired_at: D('2025-06-01T00:00:00Z') },
      'Ce dossier a expiré : prolongez sa conservation pour le restaurer',
    ],
    [
      'passer_en_instruction',
      'en_construction',
      { hidden_by_user_at: D('2025-06-01T00:00:00Z') },
      "Ce dossier a été supprimé par l'usager",
    ],
  ];
  for (const [action, state, d, message] of rows) {
    test(`${action} on ${state} ${JSON.stringify(d)}`, () => {
      const e = err(run(action, { state, d }));
      assert.equal(e.code, 'invalid_transition');
      assert.equal(e.message, message);
    });
  }
  test('wrong actor is forbidden with a French message', () => {
    const e = err(run('accepter', { actor: 'usager' }));
    assert.equal(e.code, 'forbidden');
    assert.match(e.message, /droit/);
  });
});

describe('procedure guards', () => {
  test('deposer by procedure state', () => {
    const rows: [ProcedureFacts['state'], boolean][] = [
      ['brouillon', false],
      ['publiee', true],
      ['close', false],
      ['depubliee', true],
    ];
    for (const [state, allowed] of rows) {
      const res = run('deposer', { state: 'brouillon', actor: 'usager', p: { state } });
      assert.equal(res.ok, allowed, state);
      if (!allowed) assert.equal(err(res).message, "Cette démarche n'accepte plus de dépôt");
    }
  });
  test('deposer of a test dossier while the démarche is en test (docs/domain.md §1.1)', () => {
    const rows: [ProcedureFacts['state'], boolean, boolean][] = [
      ['brouillon', true, true],
      ['brouillon', false, false],
      ['close', true, false],
    ];
    for (const [state, isTest, allowed] of rows) {
      const res = run('deposer', { state: 'brouillon', actor: 'usager', p: { state }, d: { is_test: isTest } });
      assert.equal(res.ok, allowed, `${state} ${isTest}`);
    }
  });
  test('repasser_en_construction refused on SVA/SVR procedures', () => {
    const rows: [ProcedureFacts['sva_svr'], boolean][] = [
      ['disabled', true],
      ['sva', false],
      ['svr', false],
    ];
    for (const [sva_svr, allowed] of rows) {
      const res = run('repasser_en_construction', { p: { sva_svr } });
      assert.equal(res.ok, allowed, sva_svr);
      if (!allowed) assert.match(err(res).message, /SVA\/SVR/);
    }
    // … but a correction may still be requested
    assert.equal(ok(run('demander_correction', { p: { sva_svr: 'sva' } })).to, 'en_construction');
  });
  test('pending correction blocks passer_en_instruction only with the flag on a published procedure', () => {
    const rows: [boolean | undefined, ProcedureFacts['state'], boolean, boolean][] = [
      // flag, procedure state, pending, allowed
      [undefined, 'publiee', true, true],
      [false, 'publiee', true, true],
      [true, 'publiee', true, false],
      [true, 'publiee', false, true],
      [true, 'close', true, true],
    ];
    for (const [flag, state, pending, allowed] of rows) {
      const res = run('passer_en_instruction', {
        state: 'en_construction',
        p: { blocking_pending_correction: flag, state },
        d: { pending_correction: pending },
      });
      assert.equal(res.ok, allowed, JSON.stringify({ flag, state, pending }));
      if (!allowed)
        assert.equal(err(res).message, 'Un dossier en attente de correction ne peut pas passer en instruction');
    }
  });
  test('passer_en_instruction_automatiquement conditions', () => {
    const rows: [Partial<ProcedureFacts>, Partial<DossierFacts>, boolean][] = [
      [{ declarative: 'en_instruction' }, {}, true],
      [{ declarative: 'en_instruction' }, { declarative_triggered_at: D('2025-06-01T00:00:00Z') }, false],
      [{ declarative: 'accepte' }, {}, false],
      [{ sva_svr: 'sva' }, {}, true],
      [{ sva_svr: 'svr' }, {}, true],
      [{ sva_svr: 'sva' }, { pending_correction: true }, false],
      [{ state: 'close' }, {}, true],
      [{ state: 'close' }, { pending_correction: true }, false],
      [{}, {}, false],
    ];
    for (const [p, d, allowed] of rows) {
      const res = run('passer_en_instruction_automatiquement', { state: 'en_construction', actor: 'system', p, d });
      assert.equal(res.ok, allowed, JSON.stringify({ p, d }));
    }
  });
  test('accepter_automatiquement conditions', () => {
    const rows: [DossierState, Partial<ProcedureFacts>, Partial<DossierFacts>, boolean][] = [
      ['en_construction', { declarative: 'accepte' }, {}, true],
      ['en_construction', { declarative: 'accepte' }, { declarative_triggered_at: D('2025-06-01T00:00:00Z') }, false],
      ['en_instruction', { declarative: 'accepte' }, {}, false],
      ['en_construction', { sva_svr: 'sva' }, { pending_correction: true }, false],
      ['en_instruction', { sva_svr: 'sva' }, {}, true],
      ['en_instruction', { sva_svr: 'svr' }, {}, false],
    ];
    for (const [state, p, d, allowed] of rows) {
      const res = run('accepter_automatiquement', { state, actor: 'system', p, d });
      assert.equal(res.ok, allowed, JSON.stringify({ state, p, d }));
    }
  });
  test('prolonger_conservation on termine needs expiring termine dossiers', () => {
    const d = { expires_at: SOON };
    assert.equal(run('prolonger_conservation', { state: 'accepte', d, p: { expires_when_termine: false } }).ok, false);
    assert.equal(
      run('prolonger_conservation', { state: 'en_construction', d, p: { expires_when_termine: false } }).ok,
      true,
    );
  });
});

describe('trash and hidden dossiers', () => {
  const hiddenAdmin = { hidden_by_administration_at: D('2025-06-01T00:00:00Z') };
  const hiddenExpired = { hidden_by_expired_at: D('2025-06-01T00:00:00Z') };
  const hiddenUser = { hidden_by_user_at: D('2025-06-01T00:00:00Z') };
  const rows: [DossierState, ActorKind, Partial<DossierFacts>, DossierAction[]][] = [
    // in the corbeille only: restore first (extension only on visible or expired dossiers)
    ['accepte', 'instructeur', { ...hiddenAdmin, expires_at: SOON }, ['restaurer']],
    ['accepte', 'instructeur', hiddenExpired, ['prolonger_conservation']],
    // expired and in the corbeille: « Restaurer et prolonger »
    ['accepte', 'instructeur', { ...hiddenAdmin, ...hiddenExpired }, ['prolonger_conservation']],
    ['en_construction', 'instructeur', hiddenExpired, ['prolonger_conservation']],
    ['en_construction', 'instructeur', hiddenUser, []],
    ['en_construction', 'usager', hiddenUser, []],
    [
      'accepte',
      'instructeur',
      { ...hiddenUser, expires_at: SOON },
      ['repasser_en_instruction', 'archiver', 'supprimer', 'prolonger_conservation'],
    ],
  ];
  for (const [state, actor, d, expected] of rows) {
    test(`${state} ${JSON.stringify(d)} by ${actor}`, () => {
      assert.deepEqual(
        availableActions({ dossier: { ...base(state), ...d }, procedure: PROCEDURE, actor, now: NOW }),
        expected,
      );
    });
  }
});

describe('motivation and annotations', () => {
  const long = 'a'.repeat(5000);
  const rows: [DossierAction, string | null | undefined, string | null | 'ERR'][] = [
    ['accepter', undefined, null],
    ['accepter', null, null],
    ['accepter', '   ', null],
    ['accepter', '  Très bien  ', 'Très bien'],
    ['accepter', long + 'a', 'ERR'],
    ['refuser', undefined, 'ERR'],
    ['refuser', '', 'ERR'],
    ['refuser', ' \n\t ', 'ERR'],
    ['refuser', ' Pièce manquante ', 'Pièce manquante'],
    ['refuser', long, long],
    ['refuser', `  ${long}  `, long],
    ['refuser', long + 'a', 'ERR'],
    ['classer_sans_suite', undefined, 'ERR'],
    ['classer_sans_suite', '  ', 'ERR'],
    ['classer_sans_suite', 'Doublon', 'Doublon'],
  ];
  for (const [action, motivation, expected] of rows) {
    test(`${action} with ${JSON.stringify(motivation)?.slice(0, 20)} → ${String(expected).slice(0, 20)}`, () => {
      const res = run(action, { input: { motivation, annotationsComplete: true } });
      if (expected === 'ERR') {
        const e = err(res);
        assert.equal(e.code, 'invalid_input');
        assert.ok(e.fields?.motivation);
      } else {
        assert.equal(ok(res).event.motivation, expected);
      }
    });
  }
  test('exact messages', () => {
    assert.equal(err(run('refuser', { input: {} })).message, 'La motivation est obligatoire pour refuser un dossier');
    assert.equal(
      err(run('classer_sans_suite', { input: {} })).message,
      'La motivation est obligatoire pour classer un dossier sans suite',
    );
    assert.equal(
      err(run('refuser', { input: { motivation: long + 'a' } })).message,
      'La motivation ne doit pas dépasser 5000 caractères',
    );
  });
  const annotationRows: [
    DossierAction,
    DossierState,
    Partial<ProcedureFacts>,
    ActorKind,
    boolean | undefined,
    boolean,
  ][] = [
    ['accepter', 'en_instruction', {}, 'instructeur', false, false],
    ['accepter', 'en_instruction', {}, 'instructeur', undefined, true],
    ['accepter', 'en_instruction', {}, 'instructeur', true, true],
    ['refuser', 'en_instruction', {}, 'instructeur', false, false],
    ['classer_sans_suite', 'en_instruction', {}, 'instructeur', false, false],
    ['accepter_automatiquement', 'en_instruction', { sva_svr: 'sva' }, 'system', false, false],
    ['passer_en_instruction', 'en_construction', {}, 'instructeur', false, true],
    ['repasser_en_construction', 'en_instruction', {}, 'instructeur', false, true],
  ];
  for (const [action, state, p, actor, annotationsComplete, allowed] of annotationRows) {
    test(`annotations ${String(annotationsComplete)} → ${action} ${allowed ? 'ok' : 'refused'}`, () => {
      const res = run(action, { state, p, actor, input: { motivation: 'Motif', annotationsComplete } });
      assert.equal(res.ok, allowed);
      if (!allowed) assert.equal(err(res).message, 'Remplissez les annotations privées obligatoires avant de statuer');
    });
  }
  test('correction message required, reason defaults to incorrect', () => {
    const e = err(run('demander_correction', { input: { correctionMessage: '   ' } }));
    assert.equal(e.code, 'invalid_input');
    assert.ok(e.fields?.correctionMessage);
    const r = ok(run('demander_correction', { input: { correctionMessage: '  Joindre le RIB ' } }));
    assert.deepEqual(
      r.effects.find((x) => x.kind === 'open_correction'),
      {
        kind: 'open_correction',
        reason: 'incorrect',
        message: 'Joindre le RIB',
      },
    );
    const r2 = ok(run('demander_correction', { input: { correctionMessage: 'x', correctionReason: 'incomplete' } }));
    assert.deepEqual(r2.event, {
      type: 'correction_demandee',
      data: { reason: 'incomplete', repasse_en_construction: true },
    });
  });
});

describe('patches (only changed columns)', () => {
  const rows: [
    string,
    DossierAction,
    DossierState,
    ActorKind,
    Partial<DossierFacts>,
    Partial<ProcedureFacts>,
    Record<string, unknown>,
  ][] = [
    [
      'deposer',
      'deposer',
      'brouillon',
      'usager',
      {},
      {},
      {
        state: 'en_construction',
        depose_at: NOW,
        en_construction_at: NOW,
        expires_at: D('2026-06-15T10:00:00.000Z'),
      },
    ],
    [
      'deposer resets extension and notice',
      'deposer',
      'brouillon',
      'usager',
      { conservation_extension_months: 2, expiry_notice_sent_at: D('2025-06-01T00:00:00Z') },
      { retention_months: 6 },
      {
        state: 'en_construction',
        depose_at: NOW,
        en_construction_at: NOW,
        expires_at: D('2025-12-15T10:00:00.000Z'),
        conservation_extension_months: 0,
        expiry_notice_sent_at: null,
      },
    ],
    ['redeposer without correction', 'redeposer', 'en_construction', 'usager', {}, {}, {}],
    [
      'redeposer resolves correction',
      'redeposer',
      'en_construction',
      'usager',
      { pending_correction: true },
      {},
      { pending_correction: false },
    ],
    [
      'passer_en_instruction',
      'passer_en_instruction',
      'en_construction',
      'instructeur',
      {},
      {},
      {
        state: 'en_instruction',
        en_instruction_at: NOW,
        expires_at: null,
      },
    ],
    [
      'passer_en_instruction resets everything',
      'passer_en_instruction',
      'en_construction',
      'instructeur',
      { pending_correction: true, conservation_extension_months: 1, expiry_notice_sent_at: D('2025-06-10T00:00:00Z') },
      {},
      {
        state: 'en_instruction',
        en_instruction_at: NOW,
        expires_at: null,
        pending_correction: false,
        conservation_extension_months: 0,
        expiry_notice_sent_at: null,
      },
    ],
    [
      'passer_en_instruction_automatiquement (declarative)',
      'passer_en_instruction_automatiquement',
      'en_construction',
      'system',
      {},
      { declarative: 'en_instruction' },
      {
        state: 'en_instruction',
        en_instruction_at: NOW,
        expires_at: null,
        declarative_triggered_at: NOW,
      },
    ],
    [
      'passer_en_instruction_automatiquement (sva)',
      'passer_en_instruction_automatiquement',
      'en_construction',
      'system',
      {},
      { sva_svr: 'sva' },
      { state: 'en_instruction', en_instruction_at: NOW, expires_at: null },
    ],
    [
      'accepter_automatiquement (declarative)',
      'accepter_automatiquement',
      'en_construction',
      'system',
      {},
      { declarative: 'accepte' },
      {
        state: 'accepte',
        processed_at: NOW,
        en_instruction_at: NOW,
        declarative_triggered_at: NOW,
        expires_at: D('2026-06-15T10:00:00.000Z'),
      },
    ],
    [
      'accepter_automatiquement (sva, keeps en_instruction_at)',
      'accepter_automatiquement',
      'en_instruction',
      'system',
      {},
      { sva_svr: 'sva' },
      {
        state: 'accepte',
        processed_at: NOW,
        expires_at: D('2026-06-15T10:00:00.000Z'),
      },
    ],
    [
      'repasser_en_construction',
      'repasser_en_construction',
      'en_instruction',
      'instructeur',
      {},
      {},
      {
        state: 'en_construction',
        en_construction_at: NOW,
        expires_at: D('2026-06-15T10:00:00.000Z'),
      },
    ],
    [
      'demander_correction en_construction',
      'demander_correction',
      'en_construction',
      'instructeur',
      {},
      {},
      { pending_correction: true },
    ],
    [
      'demander_correction en_instruction',
      'demander_correction',
      'en_instruction',
      'instructeur',
      {},
      {},
      {
        state: 'en_construction',
        en_construction_at: NOW,
        expires_at: D('2026-06-15T10:00:00.000Z'),
        pending_correction: true,
      },
    ],
    [
      'accepter',
      'accepter',
      'en_instruction',
      'instructeur',
      {},
      {},
      {
        state: 'accepte',
        processed_at: NOW,
        expires_at: D('2026-06-15T10:00:00.000Z'),
      },
    ],
    [
      'refuser with 6-month retention',
      'refuser',
      'en_instruction',
      'instructeur',
      {},
      { retention_months: 6 },
      {
        state: 'refuse',
        processed_at: NOW,
        expires_at: D('2025-12-15T10:00:00.000Z'),
      },
    ],
    [
      'classer_sans_suite, termine never expires',
      'classer_sans_suite',
      'en_instruction',
      'instructeur',
      {},
      { expires_when_termine: false },
      {
        state: 'sans_suite',
        processed_at: NOW,
      },
    ],
    [
      'repasser_en_instruction',
      'repasser_en_instruction',
      'accepte',
      'instructeur',
      {
        archived: true,
        hidden_by_user_at: D('2025-06-01T00:00:00Z'),
        conservation_extension_months: 3,
        expiry_notice_sent_at: D('2025-06-02T00:00:00Z'),
      },
      {},
      {
        state: 'en_instruction',
        en_instruction_at: NOW,
        archived: false,
        hidden_by_user_at: null,
        expires_at: null,
        conservation_extension_months: 0,
        expiry_notice_sent_at: null,
      },
    ],
    ['archiver', 'archiver', 'refuse', 'instructeur', {}, {}, { archived: true }],
    ['desarchiver', 'desarchiver', 'refuse', 'instructeur', { archived: true }, {}, { archived: false }],
    ['supprimer', 'supprimer', 'sans_suite', 'instructeur', {}, {}, { hidden_by_administration_at: NOW }],
    [
      'restaurer',
      'restaurer',
      'sans_suite',
      'instructeur',
      { hidden_by_administration_at: D('2025-06-01T00:00:00Z') },
      {},
      { hidden_by_administration_at: null },
    ],
  ];
  for (const [name, action, state, actor, d, p, expected] of rows) {
    test(name, () => {
      const r = ok(run(action, { state, actor, d, p }));
      assert.deepEqual(r.patch, expected);
    });
  }
  test('month end: deposit on 31 Jan with 1-month retention expires on 28 Feb (29 in leap years)', () => {
    const at = D('2025-01-31T12:00:00Z');
    assert.deepEqual(
      ok(run('deposer', { state: 'brouillon', actor: 'usager', p: { retention_months: 1 }, now: at })).patch.expires_at,
      D('2025-02-28T12:00:00Z'),
    );
    const leap = D('2024-01-31T12:00:00Z');
    assert.deepEqual(
      ok(run('deposer', { state: 'brouillon', actor: 'usager', p: { retention_months: 1 }, now: leap })).patch
        .expires_at,
      D('2024-02-29T12:00:00Z'),
    );
  });
  test('depose_at kept when already set', () => {
    const first = D('2024-01-01T00:00:00Z');
    const r = ok(run('deposer', { state: 'brouillon', actor: 'usager', d: { depose_at: first } }));
    assert.equal(r.patch.depose_at, undefined);
  });
});

describe('events', () => {
  const rows: [DossierAction, DossierState, ActorKind, Partial<ProcedureFacts>, Partial<DossierFacts>, string][] = [
    ['deposer', 'brouillon', 'usager', {}, {}, 'depose'],
    ['redeposer', 'en_construction', 'usager', {}, {}, 'depose_correction_usager'],
    ['passer_en_instruction', 'en_construction', 'instructeur', {}, {}, 'passe_en_instruction'],
    [
      'passer_en_instruction_automatiquement',
      'en_construction',
      'system',
      { declarative: 'en_instruction' },
      {},
      'passe_en_instruction_automatiquement',
    ],
    [
      'accepter_automatiquement',
      'en_construction',
      'system',
      { declarative: 'accepte' },
      {},
      'accepte_automatiquement',
    ],
    ['repasser_en_construction', 'en_instruction', 'instructeur', {}, {}, 'repasse_en_construction'],
    ['demander_correction', 'en_construction', 'instructeur', {}, {}, 'correction_demandee'],
    ['accepter', 'en_instruction', 'instructeur', {}, {}, 'accepte'],
    ['refuser', 'en_instruction', 'instructeur', {}, {}, 'refuse'],
    ['classer_sans_suite', 'en_instruction', 'instructeur', {}, {}, 'classe_sans_suite'],
    ['repasser_en_instruction', 'refuse', 'instructeur', {}, {}, 'repasse_en_instruction'],
    ['archiver', 'accepte', 'instructeur', {}, {}, 'archive'],
    ['desarchiver', 'accepte', 'instructeur', {}, { archived: true }, 'desarchive'],
    ['supprimer', 'accepte', 'instructeur', {}, {}, 'mis_a_la_corbeille'],
    ['restaurer', 'accepte', 'instructeur', {}, { hidden_by_administration_at: D('2025-06-01T00:00:00Z') }, 'restaure'],
    ['prolonger_conservation', 'accepte', 'instructeur', {}, { expires_at: SOON }, 'conservation_prolongee'],
  ];
  for (const [action, state, actor, p, d, type] of rows) {
    test(`${action} → ${type}`, () => assert.equal(ok(run(action, { state, actor, p, d })).event.type, type));
  }
  test('decision event carries the trimmed motivation', () => {
    assert.deepEqual(ok(run('refuser', { input: { motivation: '  Hors délai ' } })).event, {
      type: 'refuse',
      motivation: 'Hors délai',
    });
  });
});

describe('effects', () => {
  const has = (effects: Effect[], e: Effect) => effects.some((x) => JSON.stringify(x) === JSON.stringify(e));
  test('deposer on a normal procedure', () => {
    const { effects } = ok(run('deposer', { state: 'brouillon', actor: 'usager' }));
    assert.deepEqual(effects, [
      { kind: 'system_message', template: 'en_construction' },
      { kind: 'email_usager', template: 'en_construction' },
      { kind: 'email_instructeurs', template: 'nouveau_dossier' },
      { kind: 'create_notifications', notification: 'dossier_depose', exceptActor: false },
    ]);
  });
  test('deposer on a declarative procedure runs it and skips dossier_depose', () => {
    const { effects } = ok(run('deposer', { state: 'brouillon', actor: 'usager', p: { declarative: 'accepte' } }));
    assert.ok(has(effects, { kind: 'run_declarative' }));
    assert.ok(!effects.some((e) => e.kind === 'create_notifications'));
  });
  test('deposer on a SVA procedure runs SVA/SVR and skips dossier_depose', () => {
    const { effects } = ok(run('deposer', { state: 'brouillon', actor: 'usager', p: { sva_svr: 'sva' } }));
    assert.ok(has(effects, { kind: 'run_sva_svr' }));
    assert.ok(!has(effects, { kind: 'run_declarative' }));
    assert.ok(!effects.some((e) => e.kind === 'create_notifications'));
  });
  test('passer_en_instruction', () => {
    const { effects } = ok(run('passer_en_instruction', { state: 'en_construction', d: { pending_correction: true } }));
    for (const e of [
      { kind: 'actor_follows' },
      { kind: 'resolve_correction' },
      { kind: 'delete_notifications', notification: 'attente_correction' },
      { kind: 'delete_notifications', notification: 'dossier_depose' },
      { kind: 'delete_notifications', notification: 'dossier_expirant' },
      { kind: 'system_message', template: 'en_instruction' },
      { kind: 'email_usager', template: 'en_instruction' },
    ] as Effect[])
      assert.ok(has(effects, e), JSON.stringify(e));
  });
  test('automatic passage: no follow', () => {
    const { effects } = ok(
      run('passer_en_instruction_automatiquement', {
        state: 'en_construction',
        actor: 'system',
        p: { declarative: 'en_instruction' },
      }),
    );
    assert.ok(!has(effects, { kind: 'actor_follows' }));
    assert.ok(has(effects, { kind: 'delete_notifications', notification: 'dossier_depose' }));
  });
  test('no pending correction → no resolve', () => {
    const { effects } = ok(run('passer_en_instruction', { state: 'en_construction' }));
    assert.ok(!has(effects, { kind: 'resolve_correction' }));
  });
  const decisions: [DossierAction, string, string | null][] = [
    ['accepter', 'accepte', 'acceptation'],
    ['refuser', 'refuse', 'refus'],
    ['classer_sans_suite', 'sans_suite', null],
  ];
  for (const [action, template, attestation] of decisions) {
    test(`${action}: e-mail, system message, attestation ${attestation}`, () => {
      const { effects } = ok(run(action));
      assert.ok(has(effects, { kind: 'email_usager', template } as Effect));
      assert.ok(has(effects, { kind: 'system_message', template } as Effect));
      assert.ok(has(effects, { kind: 'delete_notifications', notification: 'attente_avis' }));
      const att = effects.filter((e) => e.kind === 'generate_attestation');
      assert.deepEqual(att, attestation ? [{ kind: 'generate_attestation', template: attestation }] : []);
    });
  }
  test('repasser_en_construction sends nothing to the usager', () => {
    const { effects } = ok(run('repasser_en_construction'));
    assert.ok(!effects.some((e) => e.kind === 'email_usager' || e.kind === 'system_message'));
  });
  test('demander_correction', () => {
    const { effects } = ok(run('demander_correction', { state: 'en_construction' }));
    assert.ok(has(effects, { kind: 'actor_follows' }));
    assert.ok(has(effects, { kind: 'email_usager', template: 'correction' }));
    assert.ok(has(effects, { kind: 'create_notifications', notification: 'attente_correction', exceptActor: false }));
    assert.ok(has(effects, { kind: 'create_notifications', notification: 'message', exceptActor: true }));
  });
  test('repasser_en_instruction', () => {
    const { effects } = ok(run('repasser_en_instruction', { state: 'accepte' }));
    assert.ok(has(effects, { kind: 'delete_attestation' }));
    assert.ok(has(effects, { kind: 'delete_justificatif' }));
    assert.ok(has(effects, { kind: 'email_usager', template: 'repasser_en_instruction' }));
    assert.ok(has(effects, { kind: 'system_message', template: 'repasser_en_instruction' }));
    assert.ok(has(effects, { kind: 'delete_notifications', notification: 'dossier_expirant' }));
  });
  test('supprimer: dossier_suppression only when the usager had deleted it too', () => {
    const e1 = ok(run('supprimer', { state: 'accepte' })).effects;
    assert.deepEqual(e1, []);
    const e2 = ok(run('supprimer', { state: 'accepte', d: { hidden_by_user_at: D('2025-06-01T00:00:00Z') } })).effects;
    assert.deepEqual(e2, [{ kind: 'create_notifications', notification: 'dossier_suppression', exceptActor: false }]);
  });
  test('restaurer and prolonger', () => {
    assert.deepEqual(
      ok(run('restaurer', { state: 'accepte', d: { hidden_by_administration_at: D('2025-06-01T00:00:00Z') } })).effects,
      [{ kind: 'delete_notifications', notification: 'dossier_suppression' }],
    );
    assert.deepEqual(ok(run('prolonger_conservation', { state: 'accepte', d: { expires_at: SOON } })).effects, [
      { kind: 'delete_notifications', notification: 'dossier_expirant' },
    ]);
  });
  test('archiver has no effect', () => assert.deepEqual(ok(run('archiver', { state: 'accepte' })).effects, []));
  test('redeposer', () => {
    assert.deepEqual(
      ok(run('redeposer', { state: 'en_construction', actor: 'usager', d: { pending_correction: true } })).effects,
      [
        { kind: 'resolve_correction' },
        { kind: 'delete_notifications', notification: 'attente_correction' },
        { kind: 'create_notifications', notification: 'dossier_modifie', exceptActor: false },
      ],
    );
  });
});

describe('availableActions', () => {
  const rows: [string, DossierState, ActorKind, Partial<DossierFacts>, Partial<ProcedureFacts>, DossierAction[]][] = [
    ['brouillon usager', 'brouillon', 'usager', {}, {}, ['deposer']],
    ['brouillon instructeur', 'brouillon', 'instructeur', {}, {}, []],
    ['en_construction usager', 'en_construction', 'usager', {}, {}, ['redeposer']],
    ['en_instruction usager', 'en_instruction', 'usager', {}, {}, []],
    [
      'en_construction instructeur',
      'en_construction',
      'instructeur',
      {},
      {},
      ['passer_en_instruction', 'demander_correction'],
    ],
    [
      'en_construction pending',
      'en_construction',
      'instructeur',
      { pending_correction: true, expires_at: SOON },
      {},
      ['passer_en_instruction', 'prolonger_conservation'],
    ],
    [
      'en_instruction instructeur',
      'en_instruction',
      'instructeur',
      {},
      {},
      ['repasser_en_construction', 'demander_correction', 'accepter', 'refuser', 'classer_sans_suite'],
    ],
    [
      'en_instruction sva',
      'en_instruction',
      'instructeur',
      {},
      { sva_svr: 'sva' },
      ['demander_correction', 'accepter', 'refuser', 'classer_sans_suite'],
    ],
    ['accepte', 'accepte', 'instructeur', {}, {}, ['repasser_en_instruction', 'archiver', 'supprimer']],
    [
      'accepte archived',
      'accepte',
      'instructeur',
      { archived: true, expires_at: SOON },
      {},
      ['repasser_en_instruction', 'desarchiver', 'supprimer', 'prolonger_conservation'],
    ],
    [
      'refuse, termine never expires',
      'refuse',
      'instructeur',
      {},
      { expires_when_termine: false },
      ['repasser_en_instruction', 'archiver', 'supprimer'],
    ],
    ['system on normal procedure', 'en_construction', 'system', {}, {}, []],
    [
      'system declarative en_instruction',
      'en_construction',
      'system',
      {},
      { declarative: 'en_instruction' },
      ['passer_en_instruction_automatiquement'],
    ],
    [
      'system sva',
      'en_construction',
      'system',
      {},
      { sva_svr: 'sva' },
      ['passer_en_instruction_automatiquement', 'accepter_automatiquement'],
    ],
  ];
  for (const [name, state, actor, d, p, expected] of rows) {
    test(name, () => {
      assert.deepEqual(
        availableActions({ dossier: { ...base(state), ...d }, procedure: { ...PROCEDURE, ...p }, actor, now: NOW }),
        expected,
      );
    });
  }
  test('ignores motivation and annotations (decide refuses them later)', () => {
    const ctx = { dossier: base('en_instruction'), procedure: PROCEDURE, actor: 'instructeur' as const, now: NOW };
    assert.ok(availableActions(ctx).includes('refuser'));
    assert.equal(decide('refuser', { ...ctx, input: {} }).ok, false);
  });
});

describe('decisionAgeWarning', () => {
  const W = "Ce dossier a été traité il y a plus de quatre mois : l'acceptation a pu créer des droits pour l'usager.";
  const rows: [DossierState, string | null, string, string | null][] = [
    ['accepte', '2025-01-15T10:00:00Z', '2025-05-15T10:00:00Z', null], // exactly 4 months
    ['accepte', '2025-01-15T10:00:00Z', '2025-05-15T10:00:00.001Z', W],
    ['accepte', '2025-01-15T10:00:00Z', '2025-03-15T10:00:00Z', null],
    ['accepte', '2024-10-31T10:00:00Z', '2025-02-28T10:00:00Z', null], // 31 Oct + 4 months = 28 Feb
    ['accepte', '2024-10-31T10:00:00Z', '2025-03-01T00:00:00Z', W],
    ['refuse', '2024-01-01T00:00:00Z', '2025-06-01T00:00:00Z', null],
    ['sans_suite', '2024-01-01T00:00:00Z', '2025-06-01T00:00:00Z', null],
    ['en_instruction', '2024-01-01T00:00:00Z', '2025-06-01T00:00:00Z', null],
    ['accepte', null, '2025-06-01T00:00:00Z', null],
  ];
  for (const [state, processed, now, expected] of rows) {
    test(`${state} processed ${processed} at ${now}`, () => {
      assert.equal(decisionAgeWarning({ state, processed_at: processed ? D(processed) : null }, D(now)), expected);
    });
  }
});

describe('prolonger_conservation: never moves the expiry earlier (docs/domain.md §5), moved clock', () => {
  // [case, state, facts, now, expected extension, expected expires_at]
  const rows: [string, DossierState, Partial<DossierFacts>, string, number, string][] = [
    [
      'en construction, not warned: reference + retention + 1 month',
      'en_construction',
      { en_construction_at: D('2025-03-01T09:00:00Z'), expires_at: D('2026-03-01T09:00:00Z') },
      '2026-02-20T08:00:00Z',
      1,
      '2026-04-01T09:00:00Z',
    ],
    [
      'extended twice',
      'en_construction',
      { conservation_extension_months: 1, expires_at: D('2026-04-01T09:00:00Z') },
      '2026-03-25T08:00:00Z',
      2,
      '2026-05-01T09:00:00Z',
    ],
    [
      'warned: the notice-based date was later than the recomputed one',
      'en_construction',
      { expiry_notice_sent_at: D('2026-02-20T00:00:00Z'), expires_at: D('2026-03-06T00:00:00Z') },
      '2026-02-25T08:00:00Z',
      1,
      '2026-04-06T00:00:00Z',
    ],
    [
      'archived accepted dossier warned late: 6 December does not become 16 November',
      'accepte',
      {
        archived: true,
        processed_at: D('2025-10-16T09:00:00Z'),
        expiry_notice_sent_at: D('2026-11-22T09:00:00Z'),
        expires_at: D('2026-12-06T09:00:00Z'),
      },
      '2026-12-01T10:00:00Z',
      1,
      '2027-01-06T09:00:00Z',
    ],
    [
      'restaurer et prolonger: the expiry is past, one month from now',
      'refuse',
      {
        processed_at: D('2025-05-01T09:00:00Z'),
        expiry_notice_sent_at: D('2026-04-17T09:00:00Z'),
        expires_at: D('2026-05-01T09:00:00Z'),
        hidden_by_expired_at: D('2026-05-01T10:00:00Z'),
      },
      '2026-05-10T12:00:00Z',
      1,
      '2026-06-10T12:00:00Z',
    ],
  ];
  for (const [name, state, d, now, months, expires] of rows) {
    test(name, () => {
      const before = { ...base(state), ...d };
      const r = ok(run('prolonger_conservation', { state, d, now: D(now) }));
      assert.equal(r.patch.conservation_extension_months, months);
      assert.equal(r.patch.expires_at?.toISOString(), D(expires).toISOString());
      assert.ok(r.patch.expires_at!.getTime() > before.expires_at!.getTime(), 'later than before');
      assert.ok(r.patch.expires_at!.getTime() > D(now).getTime(), 'in the future');
    });
  }
});

describe('« Restaurer et prolonger » leaves the corbeille (docs/domain.md §5)', () => {
  test('expired and trashed: both hidings are cleared', () => {
    const r = ok(
      run('prolonger_conservation', {
        state: 'accepte',
        d: { hidden_by_administration_at: D('2025-06-01T00:00:00Z'), hidden_by_expired_at: D('2025-06-10T00:00:00Z') },
      }),
    );
    assert.equal(r.patch.hidden_by_administration_at, null);
    assert.equal(r.patch.hidden_by_expired_at, null);
  });
  // [case, state, facts, allowed]
  const rows: [string, DossierState, Partial<DossierFacts>, boolean][] = [
    ['far from expiry', 'accepte', {}, false],
    ['within the warning window', 'accepte', { expires_at: SOON }, true],
    ['past expiry, not yet hidden', 'en_construction', { expires_at: D('2025-06-01T00:00:00Z') }, true],
    [
      'in the corbeille only',
      'accepte',
      { expires_at: SOON, hidden_by_administration_at: D('2025-06-01T00:00:00Z') },
      false,
    ],
    [
      'deleted by the usager',
      'en_construction',
      { expires_at: SOON, hidden_by_user_at: D('2025-06-01T00:00:00Z') },
      false,
    ],
    ['expired', 'en_construction', { hidden_by_expired_at: D('2025-06-01T00:00:00Z') }, true],
  ];
  for (const [name, state, d, allowed] of rows) {
    test(`extension offered: ${name} → ${allowed}`, () => {
      assert.equal(run('prolonger_conservation', { state, d }).ok, allowed);
    });
  }
});

describe('repasser en instruction keeps the processing date (docs/domain.md §2)', () => {
  for (const state of TERMINE_STATES) {
    test(state, () => {
      const r = ok(run('repasser_en_instruction', { state }));
      assert.equal('processed_at' in r.patch, false);
    });
  }
  test('a new decision replaces it', () => {
    const r = ok(run('accepter', { state: 'en_instruction', d: { processed_at: D('2025-05-01T09:00:00Z') } }));
    assert.equal(r.patch.processed_at?.toISOString(), NOW.toISOString());
  });
});

describe('declarative procedures and deleted accounts (docs/domain.md §2)', () => {
  const blocking: Partial<ProcedureFacts> = { blocking_pending_correction: true };
  // [case, action, state, procedure, facts, allowed]
  const rows: [
    string,
    DossierAction,
    DossierState,
    Partial<ProcedureFacts>,
    Partial<DossierFacts>,
    ActionInput,
    boolean,
  ][] = [
    [
      'auto-accept, annotations complete',
      'accepter_automatiquement',
      'en_construction',
      { declarative: 'accepte' },
      {},
      { annotationsComplete: true },
      true,
    ],
    [
      'auto-accept, a mandatory annotation empty',
      'accepter_automatiquement',
      'en_construction',
      { declarative: 'accepte' },
      {},
      { annotationsComplete: false },
      false,
    ],
    [
      'auto en instruction',
      'passer_en_instruction_automatiquement',
      'en_construction',
      { declarative: 'en_instruction' },
      {},
      {},
      true,
    ],
    [
      'auto en instruction, pending correction (not blocking)',
      'passer_en_instruction_automatiquement',
      'en_construction',
      { declarative: 'en_instruction' },
      { pending_correction: true },
      {},
      true,
    ],
    [
      'auto en instruction, blocking pending correction',
      'passer_en_instruction_automatiquement',
      'en_construction',
      { declarative: 'en_instruction', ...blocking },
      { pending_correction: true },
      {},
      false,
    ],
    ['repasser en instruction, usager present', 'repasser_en_instruction', 'accepte', {}, { user_id: 'u1' }, {}, true],
    [
      'repasser en instruction, account deleted',
      'repasser_en_instruction',
      'accepte',
      {},
      { user_id: null },
      {},
      false,
    ],
    ['repasser en instruction, owner not loaded', 'repasser_en_instruction', 'refuse', {}, {}, {}, true],
  ];
  for (const [name, action, state, p, d, input, allowed] of rows) {
    test(name, () => {
      const actor: ActorKind = action.endsWith('automatiquement') ? 'system' : 'instructeur';
      const r = run(action, { state, actor, p, d, input });
      assert.equal(r.ok, allowed, r.ok ? 'ok' : r.error.message);
    });
  }
});
