// The rules the dossier page adds to the domain, table-driven: messages (body, files,
// deletion, read marks), file downloads per role and origin, the usager's edits, attestation tags.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../../src/domain/errors.ts';
import {
  canAwaitResponse,
  canDeleteMessage,
  MAX_MESSAGE_FILES,
  readBy,
  validateMessage,
  type MessageAuthorKind,
} from '../../src/domain/messages.ts';
import {
  canDownloadFile,
  assertDownloadFile,
  isPreviewable,
  type FileContext,
  type FileOriginKind,
} from '../../src/domain/files.ts';
import { canEditAsUsager } from '../../src/domain/usager-edit.ts';
import {
  attestationKindOf,
  attestationText,
  decisionDateText,
  fillTags,
  type AttestationData,
} from '../../src/domain/attestation.ts';
import type { Access, DossierRef } from '../../src/domain/permissions.ts';
import type { DossierState } from '../../src/domain/dossier-state.ts';

const ref = (state: DossierState = 'en_instruction'): DossierRef => ({
  id: 'd1',
  procedureId: 'p1',
  groupeId: 'g1',
  ownerId: 'u-own',
  coEditorIds: ['u-co'],
  state,
  hidden_by_administration_at: null,
  hidden_by_user_at: null,
  hidden_by_expired_at: null,
});
const USERS: Record<string, Access> = {
  instructeur: { userId: 'u-ins', instructorGroupIds: ['g1'], adminProcedureIds: [] },
  autreGroupe: { userId: 'u-ins2', instructorGroupIds: ['g2'], adminProcedureIds: [] },
  admin: { userId: 'u-adm', instructorGroupIds: [], adminProcedureIds: ['p1'] },
  proprietaire: { userId: 'u-own', instructorGroupIds: [], adminProcedureIds: [] },
  coEditeur: { userId: 'u-co', instructorGroupIds: [], adminProcedureIds: [] },
  expert: { userId: 'u-exp', instructorGroupIds: [], adminProcedureIds: [], expertAvisDossierIds: ['d1'] },
  inconnu: { userId: 'u-x', instructorGroupIds: [], adminProcedureIds: [] },
};

describe('messages', () => {
  test('a message needs text; files are limited to 10', () => {
    const cases: [string, number, 'ok' | 'body' | 'files'][] = [
      ['Bonjour', 0, 'ok'],
      ['  Bonjour \r\n', 10, 'ok'],
      ['', 1, 'body'],
      [' \n\t ', 0, 'body'],
      ['x'.repeat(20_001), 0, 'body'],
      ['Onze pièces', MAX_MESSAGE_FILES + 1, 'files'],
    ];
    for (const [body, fileCount, expected] of cases) {
      const r = validateMessage({ body, fileCount });
      if (expected === 'ok') assert.ok(!(r instanceof DomainError), body);
      else {
        assert.ok(r instanceof DomainError, body);
        assert.ok(r.fields?.[expected], `${JSON.stringify(body)} → ${expected}`);
        assert.match(r.message, /[a-zéè]/);
      }
    }
    assert.deepEqual(validateMessage({ body: '  Bonjour\r\nà tous ', fileCount: 0 }), { body: 'Bonjour\nà tous' });
  });

  test('only the instructor or expert author deletes a message, once', () => {
    const rows: [MessageAuthorKind, string | null, Date | null, string, boolean][] = [
      ['instructeur', 'u1', null, 'u1', true],
      ['expert', 'u1', null, 'u1', true],
      ['instructeur', 'u1', null, 'u2', false],
      ['instructeur', 'u1', new Date(), 'u1', false],
      ['usager', 'u1', null, 'u1', false],
      ['system', null, null, 'u1', false],
      ['instructeur', null, null, '', false],
    ];
    for (const [author_kind, author_id, discarded_at, user, ok] of rows) {
      const r = canDeleteMessage(user, { author_kind, author_id, discarded_at });
      assert.equal(r.ok, ok, `${author_kind} ${author_id} par ${user}`);
      if (!r.ok) assert.equal(r.error.code, 'forbidden');
    }
  });

  test('who marks a message « lu »; one pending answer at a time', () => {
    assert.equal(readBy('usager'), 'instructeur');
    assert.equal(readBy('instructeur'), 'usager');
    assert.equal(readBy('expert'), 'usager');
    assert.equal(readBy('system'), null);
    assert.equal(canAwaitResponse(0), true);
    assert.equal(canAwaitResponse(1), false);
  });
});

describe('file downloads: role × origin', () => {
  // an expert's own open avis, messaging allowed: the widest an expert may get
  const OPEN: FileContext = {
    allowExpertMessaging: true,
    avis: { expertId: USERS.expert.userId, claimantId: null, confidentiel: false },
  };
  const ORIGINS: FileOriginKind[] = ['champ', 'annotation', 'message', 'avis', 'justificatif', 'attestation', 'export'];
  const EXPECTED: Record<string, FileOriginKind[]> = {
    instructeur: ['champ', 'annotation', 'message', 'avis', 'justificatif', 'attestation'],
    autreGroupe: [],
    admin: [],
    proprietaire: ['champ', 'message', 'justificatif', 'attestation'],
    coEditeur: ['champ', 'message', 'justificatif', 'attestation'],
    expert: ['champ', 'message', 'avis'],
    inconnu: [],
  };
  test('table', () => {
    for (const [who, access] of Object.entries(USERS)) {
      for (const origin of ORIGINS) {
        const expected = EXPECTED[who].includes(origin);
        assert.equal(canDownloadFile(access, ref(), origin, OPEN), expected, `${who} × ${origin}`);
        if (!expected)
          assert.throws(
            () => assertDownloadFile(access, ref(), origin, OPEN),
            (e: DomainError) => e.code === 'not_found',
          );
      }
    }
  });
  test('experts: messagerie only when allowed; avis files of their own, requested or non-confidential avis', () => {
    const me = USERS.expert.userId;
    const avis = (expertId: string, confidentiel: boolean, claimantId: string | null = null) => ({
      avis: { expertId, claimantId, confidentiel },
    });
    const cases: [string, FileOriginKind, FileContext, boolean][] = [
      ['message, messaging allowed', 'message', { allowExpertMessaging: true }, true],
      ['message, messaging off', 'message', { allowExpertMessaging: false }, false],
      ['message, unknown', 'message', {}, false],
      ['my confidential avis', 'avis', avis(me, true), true],
      ["another expert's open avis", 'avis', avis('999', false), true],
      ["another expert's confidential avis", 'avis', avis('999', true), false],
      ['a confidential avis I requested', 'avis', avis('999', true, me), true],
      ['avis file without its avis', 'avis', { avis: null }, false],
    ];
    for (const [name, origin, ctx, expected] of cases)
      assert.equal(canDownloadFile(USERS.expert, ref(), origin, ctx), expected, name);
  });
  test('brouillon: not for instructors', () => {
    assert.equal(canDownloadFile(USERS.instructeur, ref('brouillon'), 'champ'), false);
    assert.equal(canDownloadFile(USERS.proprietaire, ref('brouillon'), 'champ'), true);
  });
  test('previewable types', () => {
    for (const t of ['application/pdf', 'image/png', 'image/jpeg']) assert.equal(isPreviewable(t), true, t);
    for (const t of ['text/html', 'image/svg+xml', 'application/zip', 'text/plain'])
      assert.equal(isPreviewable(t), false, t);
  });
});

describe("the usager's edits", () => {
  const facts = (
    state: DossierState,
    hidden: Partial<Record<'hidden_by_user_at' | 'hidden_by_administration_at' | 'hidden_by_expired_at', Date>> = {},
  ) => ({
    state,
    hidden_by_user_at: null,
    hidden_by_administration_at: null,
    hidden_by_expired_at: null,
    ...hidden,
  });
  test('table: who × state', () => {
    const rows: [string, DossierState, boolean][] = [
      ['proprietaire', 'en_construction', true],
      ['coEditeur', 'en_construction', true],
      ['proprietaire', 'en_instruction', false],
      ['proprietaire', 'accepte', false],
      ['proprietaire', 'brouillon', false],
      ['instructeur', 'en_construction', false],
      ['expert', 'en_construction', false],
    ];
    for (const [who, state, ok] of rows) {
      const r = canEditAsUsager(USERS[who], ref(state), facts(state));
      assert.equal(r.ok, ok, `${who} ${state}`);
      if (!r.ok) assert.match(r.reason, /[a-zé]/);
    }
    assert.equal(
      canEditAsUsager(
        USERS.proprietaire,
        ref('en_construction'),
        facts('en_construction', { hidden_by_user_at: new Date() }),
      ).ok,
      false,
    );
    const r = canEditAsUsager(USERS.proprietaire, ref('en_instruction'), facts('en_instruction'));
    assert.ok(!r.ok && /en cours d'instruction/.test(r.reason));
  });
});

describe('attestation tags', () => {
  const data: AttestationData = {
    dossierId: '42',
    nom: 'Martin',
    prenom: 'Léa',
    procedureTitle: 'Subvention',
    motivation: 'Projet solide.',
    decisionDate: new Date('2026-03-02T23:30:00Z'),
    fields: [
      { label: "Nom de l'association", value: 'Les Jardins' },
      { label: 'Montant demandé (€)', value: '1 500,5' },
      { label: 'Montant demandé (€)', value: 'doublon ignoré' },
    ],
  };
  test('every tag is replaced; unknown tags are emptied; labels match whatever their case', () => {
    const cases: [string, string][] = [
      ['--numéro du dossier--', '42'],
      ['--prénom-- --nom--', 'Léa Martin'],
      ['--libellé démarche--', 'Subvention'],
      ['--motivation--', 'Projet solide.'],
      ['--date de décision--', '03/03/2026'],
      ["« --Nom de l'association-- »", '« Les Jardins »'],
      ["--nom de l'association--", 'Les Jardins'],
      ['--Montant demandé (€)-- €', '1 500,5 €'],
      ['--champ inconnu--', ''],
      ['sans balise', 'sans balise'],
      ['deux -- tirets', 'deux -- tirets'],
    ];
    for (const [template, expected] of cases) assert.equal(fillTags(template, data), expected, template);
    assert.equal(decisionDateText(new Date('2026-07-01T22:30:00Z')), '02/07/2026', 'Paris time');
  });
  test('title, body and footer; no motivation → empty', () => {
    const t = attestationText(
      { title: 'Attestation nº --numéro du dossier--', body: '\n\nAccordé.\n--motivation--\n', footer: ' Mairie ' },
      { ...data, motivation: null },
    );
    assert.deepEqual(t, { title: 'Attestation nº 42', body: 'Accordé.', footer: 'Mairie' });
  });
});

describe('the attestation of a decision reads its own template (docs/domain.md §2.2)', () => {
  const rows: [string, 'acceptation' | 'refus' | null][] = [
    ['accepte', 'acceptation'],
    ['refuse', 'refus'],
    ['sans_suite', null],
    ['en_instruction', null],
    ['en_construction', null],
  ];
  for (const [state, kind] of rows) test(`${state} → ${kind}`, () => assert.equal(attestationKindOf(state), kind));
});
