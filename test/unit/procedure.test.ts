// The administrator's rules (docs/domain.md §1.1, §10, §12), one row per case.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  logoError,
  nextProcedureState,
  procedureActions,
  publicationBlockers,
  settingsErrors,
  shouldAutoClose,
  dossierStartOf,
  testMailSubject,
  type DossierStart,
  slugError,
  slugify,
  templateTagErrors,
  type ProcedureAction,
  type ProcedureSettings,
  type ProcedureState,
} from '../../src/domain/procedure.ts';
import {
  addField,
  conditionCandidates,
  dependents,
  duplicateField,
  fieldFromInput,
  formErrors,
  inputFromField,
  moveField,
  normaliseConditionValues,
  removeField,
  reorderFields,
  updateField,
  type FieldInput,
} from '../../src/domain/procedure-builder.ts';
import {
  closeGroupeError,
  groupeLabelError,
  leaveProcedureError,
  parseGroupesCsv,
  removeInstructeurError,
} from '../../src/domain/groupes.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';

describe('procedure life', () => {
  const rows: [ProcedureState, ProcedureAction, ProcedureState | 'refus'][] = [
    ['brouillon', 'publier', 'publiee'],
    ['brouillon', 'publier_modifications', 'refus'],
    ['brouillon', 'clore', 'refus'],
    ['brouillon', 'depublier', 'refus'],
    ['brouillon', 'reactiver', 'refus'],
    ['publiee', 'publier', 'refus'],
    ['publiee', 'publier_modifications', 'publiee'],
    ['publiee', 'clore', 'close'],
    ['publiee', 'depublier', 'depubliee'],
    ['publiee', 'reactiver', 'refus'],
    ['close', 'publier_modifications', 'close'],
    ['close', 'clore', 'refus'],
    ['close', 'depublier', 'refus'],
    ['close', 'reactiver', 'publiee'],
    ['depubliee', 'clore', 'close'],
    ['depubliee', 'reactiver', 'publiee'],
    ['depubliee', 'depublier', 'refus'],
  ];
  for (const [state, action, expected] of rows)
    test(`${state} + ${action} → ${expected}`, () => {
      if (expected === 'refus') {
        assert.throws(
          () => nextProcedureState(state, action),
          (e: any) => e.code === 'invalid_transition',
        );
        assert.ok(!procedureActions(state).includes(action));
      } else {
        assert.equal(nextProcedureState(state, action), expected);
        assert.ok(procedureActions(state).includes(action));
      }
    });

  const now = new Date('2026-06-01T12:00:00Z');
  const closing: [ProcedureState, string | null, boolean][] = [
    ['publiee', '2026-06-01T11:59:59Z', true],
    ['publiee', '2026-06-01T12:00:00Z', true],
    ['publiee', '2026-06-02T00:00:00Z', false],
    ['publiee', null, false],
    ['close', '2026-05-01T00:00:00Z', false],
    ['brouillon', '2026-05-01T00:00:00Z', false],
  ];
  for (const [state, at, expected] of closing)
    test(`automatic closing: ${state}, ${at} → ${expected}`, () =>
      assert.equal(shouldAutoClose({ state, closes_at: at ? new Date(at) : null }, now), expected));
});

describe('starting a dossier: real, test or none (docs/domain.md §1.1)', () => {
  const rows: [ProcedureState, boolean, DossierStart][] = [
    ['publiee', false, { ok: true, test: false }],
    ['publiee', true, { ok: true, test: false }],
    ['brouillon', true, { ok: true, test: true }],
    ['brouillon', false, { ok: false }],
    ['close', true, { ok: false }],
    ['close', false, { ok: false }],
    ['depubliee', true, { ok: false }],
  ];
  for (const [state, staff, expected] of rows)
    test(`${state}, ${staff ? 'staff' : 'usager'} → ${JSON.stringify(expected)}`, () =>
      assert.deepEqual(dossierStartOf(state, staff), expected));
  const subjects: [string, boolean, string][] = [
    ['Votre dossier nº 12 a été accepté', false, 'Votre dossier nº 12 a été accepté'],
    ['Votre dossier nº 12 a été accepté', true, '[Dossier de test] Votre dossier nº 12 a été accepté'],
  ];
  for (const [subject, isTest, expected] of subjects)
    test(`e-mail subject of a ${isTest ? 'test' : 'real'} dossier`, () =>
      assert.equal(testMailSubject(subject, isTest), expected));
});

describe('slug', () => {
  const rows: [string, string][] = [
    ['Aide à la rénovation énergétique', 'aide-a-la-renovation-energetique'],
    ['  Déclaration -- « spéciale » !  ', 'declaration-speciale'],
    ['Œuvre', 'uvre'],
    ['', ''],
  ];
  for (const [title, slug] of rows) test(`slugify(${JSON.stringify(title)})`, () => assert.equal(slugify(title), slug));
  const errors: [string, boolean][] = [
    ['ok-slug-2', true],
    ['', false],
    ['Majuscule', false],
    ['-debut', false],
    ['fin-', false],
    ['double--tiret', false],
    ['accentué', false],
    ['a'.repeat(81), false],
  ];
  for (const [s, ok] of errors) test(`slugError(${s.slice(0, 12)})`, () => assert.equal(slugError(s) === null, ok));
});

describe('settings', () => {
  const base: ProcedureSettings = {
    title: 'T',
    description: 'D',
    service_name: 'S',
    service_address: '',
    contact_email: '',
    contact_phone: '',
    contact_hours: '',
    for_individual: true,
    slug: 'ok',
    closes_on: '',
    retention_months: 12,
    declarative: 'none',
    rdv_enabled: false,
    allow_expert_review: true,
    allow_expert_messaging: true,
    instructeurs_self_management: false,
  };
  const rows: [string, Partial<ProcedureSettings>, string | null][] = [
    ['valid', {}, null],
    ['empty title', { title: ' ' }, 'title'],
    ['empty description', { description: '' }, 'description'],
    ['no organisation', { service_name: '' }, 'service_name'],
    ['bad e-mail', { contact_email: 'x@' }, 'contact_email'],
    ['bad phone', { contact_phone: 'abc' }, 'contact_phone'],
    ['retention 0', { retention_months: 0 }, 'retention_months'],
    ['retention 61', { retention_months: 61 }, 'retention_months'],
    ['retention 1', { retention_months: 1 }, null],
    ['retention 60', { retention_months: 60 }, null],
    ['retention 1.5', { retention_months: 1.5 }, 'retention_months'],
    ['closing today', { closes_on: '2026-06-01' }, 'closes_on'],
    ['closing tomorrow', { closes_on: '2026-06-02' }, null],
    ['closing not a date', { closes_on: '02/06/2026' }, 'closes_on'],
  ];
  for (const [name, patch, key] of rows)
    test(name, () => {
      const e = settingsErrors({ ...base, ...patch }, '2026-06-01');
      if (key === null) assert.deepEqual(e, {});
      else assert.ok(e[key], JSON.stringify(e));
    });
});

describe('logo', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(10)]);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]);
  const webp = Buffer.from('RIFF\0\0\0\0WEBPVP8 ');
  const rows: [string, Buffer, boolean][] = [
    ['png', png, true],
    ['jpeg', jpeg, true],
    ['webp', webp, true],
    ['empty', Buffer.alloc(0), false],
    ['svg (scripts)', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), false],
    ['exe', Buffer.from('MZ\x90\x00'), false],
    ['too big', Buffer.concat([png, Buffer.alloc(512 * 1024)]), false],
  ];
  for (const [name, bytes, ok] of rows) test(name, () => assert.equal(logoError(bytes) === null, ok));
});

describe('template tags', () => {
  const rows: [string, number][] = [
    ['Dossier nº --numéro du dossier-- du --date de décision--', 0],
    ['--Nom-- --prénom-- --motivation-- --libellé démarche--', 0],
    ['Montant : --Montant demandé--', 0],
    ['--montant   DEMANDÉ--', 0],
    ['--inconnue--', 1],
    ['--inconnue-- et --inconnue--', 1],
    ['--a-- --b--', 2],
    ['pas de balise - ni -- isolée', 0],
  ];
  for (const [text, n] of rows) test(text, () => assert.equal(templateTagErrors(text, ['Montant demandé']).length, n));
});

describe('publication blockers', () => {
  const ready = {
    fieldCount: 1,
    formErrors: [],
    instructeurCount: 1,
    slug: 's',
    description: 'd',
    service_name: 'o',
    declarative: null,
    attestationActivated: false,
    attestationErrors: ['x'],
  } as const;
  const rows: [string, Record<string, unknown>, RegExp | null][] = [
    ['ready', {}, null],
    ['no field', { fieldCount: 0 }, /au moins un champ/],
    ['no instructor', { instructeurCount: 0 }, /instructeur/],
    ['no slug', { slug: null }, /lien public/],
    ['no description', { description: ' ' }, /description/],
    ['form error', { formErrors: ['Condition du champ'] }, /Condition du champ/],
    ['activated attestation with a bad tag', { attestationActivated: true }, /Attestation/],
  ];
  for (const [name, patch, re] of rows)
    test(name, () => {
      const b = publicationBlockers({ ...ready, ...patch } as never);
      if (re === null) assert.deepEqual(b, []);
      else
        assert.ok(
          b.some((x) => re.test(x)),
          b.join(' | '),
        );
    });
});

const F = (stableId: string, type: FieldDef['type'], extra: Partial<FieldDef> = {}): FieldDef => ({
  stableId,
  type,
  label: stableId.toUpperCase(),
  mandatory: false,
  private: false,
  ...extra,
});

describe('builder operations', () => {
  const defs: FieldDef[] = [
    F('a', 'yes_no'),
    F('b', 'text', { condition: { op: 'eq', field: 'a', value: 'true' } }),
    F('r', 'repetition', {
      children: [F('r1', 'integer_number'), F('r2', 'text', { condition: { op: 'gt', field: 'r1', value: 3 } })],
    }),
  ];
  const ids = (d: FieldDef[]) => d.map((x) => x.stableId).join(',');
  test('add at the end, after a field, inside a block; never a block in a block', () => {
    assert.equal(ids(addField(defs, F('n', 'text'))), 'a,b,r,n');
    assert.equal(ids(addField(defs, F('n', 'text'), null, 'a')), 'a,n,b,r');
    assert.equal(ids(addField(defs, F('n', 'text'), 'r')[2].children!), 'r1,r2,n');
    assert.throws(() => addField(defs, F('n', 'repetition'), 'r'));
  });
  test('move up/down stays at the ends; children move among themselves', () => {
    assert.equal(ids(moveField(defs, 'b', -1)), 'b,a,r');
    assert.equal(ids(moveField(defs, 'a', -1)), 'a,b,r');
    assert.equal(ids(moveField(defs, 'r', 1)), 'a,b,r');
    assert.equal(ids(moveField(defs, 'r2', -1)[2].children!), 'r2,r1');
  });
  test('reorder by a given order; unknown ids ignored, missing ones kept after', () => {
    assert.equal(ids(reorderFields(defs, null, ['r', 'x', 'a'])), 'r,a,b');
  });
  test('duplicate: after the original, new ids, children conditions follow the copy', () => {
    let n = 0;
    const d = duplicateField(defs, 'r', () => `n${++n}`);
    assert.equal(ids(d), 'a,b,r,n1');
    assert.equal(d[3].label, 'R (copie)');
    assert.equal(ids(d[3].children!), 'n2,n3');
    assert.deepEqual(d[3].children![1].condition, { op: 'gt', field: 'n2', value: 3 });
    assert.equal(defs[2].children![0].stableId, 'r1', 'the original is untouched');
  });
  test('remove keeps dependent conditions, flagged by formErrors', () => {
    const d = removeField(defs, 'a');
    assert.equal(ids(d), 'b,r');
    assert.deepEqual(
      dependents(defs, 'a').map((x) => x.stableId),
      ['b'],
    );
    assert.ok(formErrors(d).some((e) => e.stableId === 'b' && /n'existe pas/.test(e.message)));
  });
  test('a move that puts a source after its dependent is flagged', () => {
    assert.ok(formErrors(moveField(defs, 'b', -1)).some((e) => /placé après/.test(e.message)));
    assert.deepEqual(formErrors(defs), []);
  });
  test('update keeps the stable id and the children', () => {
    const d = updateField(defs, 'r', { type: 'repetition', label: 'Bloc', mandatory: true });
    assert.equal(d[2].stableId, 'r');
    assert.equal(d[2].children!.length, 2);
  });
  test('condition candidates: conditionable fields above; in a block, root ones above it and siblings above', () => {
    assert.deepEqual(
      conditionCandidates(defs, 'b', null).map((x) => x.stableId),
      ['a'],
    );
    assert.deepEqual(
      conditionCandidates(defs, 'r2', 'r').map((x) => x.stableId),
      ['a', 'r1'],
    );
    assert.deepEqual(
      conditionCandidates(defs, null, null).map((x) => x.stableId),
      ['a'],
    );
    assert.deepEqual(
      conditionCandidates(defs, null, 'r').map((x) => x.stableId),
      ['a', 'r1'],
    );
  });
  test('« Oui » / « Non » become booleans for yes/no sources only', () => {
    assert.deepEqual(normaliseConditionValues({ op: 'eq', field: 'a', value: 'Oui' }, defs), {
      op: 'eq',
      field: 'a',
      value: 'true',
    });
    assert.deepEqual(normaliseConditionValues({ op: 'eq', field: 'b', value: 'Oui' }, defs), {
      op: 'eq',
      field: 'b',
      value: 'Oui',
    });
  });
});

describe('field options typed in the editor', () => {
  const blank: FieldInput = inputFromField(F('x', 'text'));
  const rows: [string, Partial<FieldInput>, string | null][] = [
    ['text', { type: 'text', label: 'Nom' }, null],
    ['no label', { type: 'text', label: ' ' }, 'label'],
    ['unknown type', { type: 'carte', label: 'L' }, 'type'],
    ['list without choices', { type: 'drop_down_list', label: 'L', choices: '\n \n' }, 'choices'],
    ['list', { type: 'drop_down_list', label: 'L', choices: 'A\nB' }, null],
    ['linked without secondaries', { type: 'linked_drop_down_list', label: 'L', choices: 'A\nB\n- b1' }, 'choices'],
    ['linked starting with a secondary', { type: 'linked_drop_down_list', label: 'L', choices: '- a1' }, 'choices'],
    ['linked', { type: 'linked_drop_down_list', label: 'L', choices: 'A\n- a1\nB\n- b1' }, null],
    ['integer min > max', { type: 'integer_number', label: 'L', min: '5', max: '2' }, 'max'],
    ['integer not integer bound', { type: 'integer_number', label: 'L', min: '1.5' }, 'min'],
    ['decimal bounds', { type: 'decimal_number', label: 'L', min: '1,5', max: '2.5' }, null],
    ['header level 4', { type: 'header_section', label: 'L', level: '4' }, 'level'],
    ['files 11', { type: 'piece_justificative', label: 'L', maxFiles: '11' }, 'maxFiles'],
    ['files 3', { type: 'piece_justificative', label: 'L', maxFiles: '3' }, null],
    ['textarea limit 0', { type: 'textarea', label: 'L', characterLimit: '0' }, 'characterLimit'],
    ['bad regex', { type: 'formatted', label: 'L', regex: '([a-z' }, 'regex'],
    [
      'regex example not matching',
      { type: 'formatted', label: 'L', regex: '[0-9]{3}', regexExample: 'abc' },
      'regexExample',
    ],
    [
      'formatted nothing allowed',
      { type: 'formatted', label: 'L', letters: false, numbers: false, specialChars: false },
      'letters',
    ],
    [
      'bad operator',
      { type: 'text', label: 'L', conditions: [{ field: 'a', op: 'like', value: 'x' }] },
      'conditions.0.op',
    ],
  ];
  for (const [name, patch, key] of rows)
    test(name, () => {
      const r = fieldFromInput({ ...blank, ...patch });
      if (key === null) assert.ok('def' in r, JSON.stringify(r));
      else assert.ok('errors' in r && r.errors[key], JSON.stringify(r));
    });
  test('a header is never mandatory; two rules make an and/or group; round trip', () => {
    const h = fieldFromInput({ ...blank, type: 'header_section', label: 'Titre', mandatory: true });
    assert.ok('def' in h && h.def.mandatory === false);
    const c = fieldFromInput({
      ...blank,
      label: 'L',
      logic: 'or',
      conditions: [
        { field: 'a', op: 'eq', value: 'true' },
        { field: 'n', op: 'empty', value: 'ignored' },
      ],
    });
    assert.ok('def' in c);
    assert.deepEqual(c.def.condition, {
      op: 'or',
      terms: [
        { op: 'eq', field: 'a', value: 'true' },
        { op: 'empty', field: 'n' },
      ],
    });
    const back = inputFromField({ ...c.def, stableId: 'z', private: false });
    assert.equal(back.logic, 'or');
    assert.equal(back.conditions.length, 2);
  });
});

describe('groups and people', () => {
  const labels: [string, boolean][] = [
    ['Paris', true],
    ['  ', false],
    ['x'.repeat(101), false],
  ];
  for (const [l, ok] of labels) test(`label ${l.slice(0, 8)}`, () => assert.equal(groupeLabelError(l) === null, ok));
  test('never the last instructor, never the last administrator, never close the default group', () => {
    assert.ok(removeInstructeurError(1));
    assert.equal(removeInstructeurError(2), null);
    assert.ok(leaveProcedureError(1));
    assert.equal(leaveProcedureError(2), null);
    assert.ok(closeGroupeError({ isDefault: true }));
    assert.equal(closeGroupeError({ isDefault: false }), null);
  });
  const csv: [string, string, number, number][] = [
    ['header skipped', 'groupe,email\nA,a@x.fr', 1, 0],
    ['semicolons and quotes', '"A";"a@x.fr"', 1, 0],
    ['BOM and CRLF', '\uFEFFA,a@x.fr\r\nB,b@x.fr\r\n', 2, 0],
    ['duplicates once', 'A,a@x.fr\nA,A@X.FR', 1, 0],
    ['bad e-mail', 'A,pas-une-adresse', 0, 1],
    ['missing column', 'A', 0, 1],
    ['three columns', 'A,a@x.fr,extra', 0, 1],
    ['empty group', ',a@x.fr', 0, 1],
    ['blank lines ignored', '\n\nA,a@x.fr\n\n', 1, 0],
  ];
  for (const [name, text, rows, errors] of csv)
    test(`csv: ${name}`, () => {
      const r = parseGroupesCsv(text);
      assert.equal(r.rows.length, rows);
      assert.equal(r.errors.length, errors);
    });
});
