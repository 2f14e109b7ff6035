// The load seed's phone numbers without libphonenumber (tools/load/phones.ts, docs/load-seed.md):
// the same validity and search text as the phone field for every five-digit prefix, the same draws as
// the demo seed's randomPhone, and the same search parts as searchPartsOfDossier for generated dossiers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getFieldType } from '../../src/domain/fields/index.ts';
import { normalizePhone } from '../../src/domain/fields/phone.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import { searchPartsOfDossier } from '../../src/queries/search-terms.ts';
import { BatchGenerator, type LoadSetup, loadForm } from '../../tools/load/load-batch.ts';
import { loadPhone, loadPhoneSearchText, validFrenchNational } from '../../tools/load/phones.ts';
import { randomPhone, Rng, subventionForm, TABLES } from '../../tools/load/shared.ts';

const phoneDef = { stableId: 'p', type: 'phone', label: 'Téléphone' } as FieldDef;
const phoneModule = getFieldType('phone');

test('every five-digit prefix: valid as normalizePhone says, searched as the phone field says', () => {
  let valid = 0;
  for (const first of '12345679') {
    for (let p = 0; p < 10_000; p++) {
      const prefix = first + String(p).padStart(4, '0');
      // the patterns end with \d{4} or more: the lowest, the highest and one other tail
      for (const tail of ['0000', '9999', String((p * 7919) % 10_000).padStart(4, '0')]) {
        const national = prefix + tail;
        const drawn = `+33${national}`;
        const expected = normalizePhone(drawn) === drawn;
        assert.equal(validFrenchNational(national), expected, drawn);
        if (!expected) {
          assert.equal(loadPhoneSearchText(drawn), null, drawn);
          continue;
        }
        valid++;
        assert.equal(loadPhoneSearchText(drawn), phoneModule.searchText(phoneDef, drawn), drawn);
      }
    }
  }
  assert.ok(valid > 100_000);
  assert.equal(loadPhoneSearchText('+262692123456'), null);
  assert.equal(loadPhoneSearchText('0612345678'), null);
});

test('loadPhone draws what randomPhone draws', () => {
  const a = new Rng(42);
  const b = new Rng(42);
  for (let i = 0; i < 50_000; i++) assert.equal(loadPhone(a), randomPhone(b));
  assert.equal(a.next(), b.next());
});

test("the load form's phone hint gives what subventionForm's gives", () => {
  const ours = loadForm().hints.c08;
  const theirs = subventionForm().hints.c08;
  const a = new Rng(7);
  const b = new Rng(7);
  const def = subventionForm().fields.find((f) => f.stableId === 'c08')!;
  for (let i = 0; i < 20_000; i++) {
    const ctx = (rng: Rng) => ({ rng }) as Parameters<typeof ours>[0];
    assert.equal(ours(ctx(a), def), theirs(ctx(b), def));
  }
  assert.equal(a.next(), b.next());
});

test('generated dossiers have the search parts of searchPartsOfDossier', () => {
  const person = (id: number, email: string) => ({ id: String(id), email });
  const procedure = (id: number, groups: LoadSetup['bench']['groups']) => ({
    id: String(id),
    revisionId: String(id),
    groups,
    labelIds: ['1', '2', '3', '4'],
  });
  const setup: LoadSetup = {
    version: 1,
    dossiers: 100_000,
    procedureDossiers: 10_000,
    now: '2026-06-01T10:00:00.000Z',
    expert: person(3, 'expert@guichet.test'),
    usagers: Array.from({ length: 50 }, (_, k) => person(100 + k, `usager.${k}@usagers.guichet.test`)),
    bench: procedure(1, [
      { id: '1', weight: 0.6, regions: ['Île-de-France'], instructors: [person(1, 'i1@guichet.test')] },
      { id: '2', weight: 0.4, regions: ['Occitanie'], instructors: [person(2, 'i2@guichet.test')] },
    ]),
    fillers: [procedure(2, [{ id: '3', weight: 1, regions: [], instructors: [person(2, 'i2@guichet.test')] }])],
  };
  const n = 3000;
  const buf = new BatchGenerator(setup).generate(0, {
    dossiers: Array.from({ length: n }, (_, k) => 1000 + k),
    messages: Array.from({ length: 4 * n }, (_, k) => String(1 + k)),
    rendez_vous: Array.from({ length: n }, (_, k) => String(1 + k)),
  });
  const cols = buf.columns.get('dossiers')!;
  const at = (name: string) => cols[TABLES.dossiers.columns.findIndex((c) => c.name === name)];
  const form = subventionForm();
  let phones = 0;
  for (let r = 0; r < n; r++) {
    const champs = JSON.parse(buf.jsonText(at('champs')[r]));
    if (champs.c08) phones++;
    const expected = searchPartsOfDossier({
      civilite: at('civilite')[r] as string,
      prenom: at('prenom')[r] as string,
      nom: at('nom')[r] as string,
      user_email: at('user_email')[r] as string,
      fields: form.fields,
      annotationDefs: form.annotations,
      champs,
      annotations: JSON.parse(buf.jsonText(at('annotations')[r])),
    });
    assert.deepEqual(at('search_terms')[r], expected);
  }
  assert.ok(phones > n / 2);
});
