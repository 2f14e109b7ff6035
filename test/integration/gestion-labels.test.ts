// The administrator's labels (docs/domain.md §11.1): create, rename, recolour, delete — a deleted label
// leaves the dossiers that carried it, with an event in their history; bad names keep what was typed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setDossierLabels } from '../../src/features/labels/set-labels.ts';
import { closeTestApp, createTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import type { Browser } from '../helpers/http.ts';
import { browserAs } from './dossier-fixture.ts';

let app: TestApp;
let f: Fixture;
let admin: Browser;
let url: string;

const labels = () =>
  app.db
    .selectFrom('labels')
    .select(['id', 'name', 'color'])
    .where('procedure_id', '=', f.procedureId)
    .orderBy('position')
    .execute();

before(async () => {
  app = await createTestApp();
  f = await procedureFixture(app);
  admin = await browserAs(app, f.admin);
  url = `/admin/procedures/${f.procedureId}/labels`;
  await admin.get(url);
});
after(async () => closeTestApp(app));

describe(`labels of a procedure (${engine})`, () => {
  test('the administrator adds labels in the DSFR palette', async () => {
    assert.equal((await admin.post(url, { name: '  À   examiner ', color: 'green_menthe' })).status, 303);
    assert.equal((await admin.post(url, { name: 'Urgent', color: 'pink_macaron' })).status, 303);
    assert.deepEqual(
      (await labels()).map((l) => [l.name, l.color]),
      [
        ['À examiner', 'green_menthe'],
        ['Urgent', 'pink_macaron'],
      ],
    );
    const page = await admin.get(url);
    assert.match(page.html, /fr-badge--green-menthe/);
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ['a name of 31 characters', { name: 'x'.repeat(31), color: 'blue_ecume' }, /ne doit pas dépasser 30 caractères/],
    ['an empty name', { name: '   ', color: 'blue_ecume' }, /Saisissez le nom du label/],
    ['a name already taken', { name: 'urgent', color: 'blue_ecume' }, /Un label porte déjà ce nom/],
    ['a colour outside the palette', { name: 'Rouge', color: 'red' }, /Choisissez une couleur de la liste/],
  ];
  for (const [name, form, message] of bad)
    test(`refused: ${name}, what was typed kept`, async () => {
      const r = await admin.post(url, form);
      assert.equal(r.status, 422);
      const html = await r.text();
      assert.match(html, message);
      if (form.name!.trim()) assert.match(html, new RegExp(`id="label-new-name"[^>]*value="${form.name}"`));
      assert.equal((await labels()).length, 2);
    });

  test('rename and recolour', async () => {
    const [examiner] = await labels();
    assert.equal(
      (await admin.post(`${url}/${examiner!.id}`, { name: 'À relancer', color: 'yellow_tournesol' })).status,
      303,
    );
    assert.deepEqual((await labels())[0], { id: examiner!.id, name: 'À relancer', color: 'yellow_tournesol' });
  });

  test('deleting a label removes it from its dossiers with an event in their history', async () => {
    const [relancer, urgent] = await labels();
    const id = await dossier(app, f);
    await setDossierLabels(
      app,
      { userId: f.instructeurA.id, email: f.instructeurA.email },
      {
        dossierId: id,
        labelIds: [relancer!.id, urgent!.id],
      },
    );
    const r = await admin.post(`${url}/${urgent!.id}/supprimer`);
    assert.equal(r.status, 303);
    assert.deepEqual(
      (await labels()).map((l) => l.name),
      ['À relancer'],
    );
    const carried = await app.db.selectFrom('dossier_labels').select('label_id').where('dossier_id', '=', id).execute();
    assert.deepEqual(
      carried.map((x) => x.label_id),
      [relancer!.id],
    );
    const ev = await app.db
      .selectFrom('dossier_events')
      .select('data')
      .where('dossier_id', '=', id)
      .where('type', '=', 'labels_modifies')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(ev.data, { added: [], removed: ['Urgent'] });
  });

  test('an instructor does not reach the labels page', async () => {
    const b = await browserAs(app, f.instructeurA);
    const r = await b.get(url);
    assert.ok([403, 404].includes(r.res.status));
  });
});
