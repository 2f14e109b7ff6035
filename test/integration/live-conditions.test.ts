// Conditions inside repetition rows, rendered by the server as the browser evaluates them
// (src/web/forms/live-conditions.ts): on the usager's brouillon and on the instructors' « Prévisualiser
// le formulaire » every field is in the page, those hidden by a condition `hidden`, and the form
// carries the definitions for the browser to show them as one types; the preview saves nothing.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { createGroupe, createProcedure, createUser, type TestProcedure, type TestUser } from '../factories/index.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import { browserAs } from './dossier-fixture.ts';

const FIELDS: FieldDef[] = [
  { stableId: 'asso', type: 'yes_no', label: 'Êtes-vous une association ?', mandatory: false, private: false },
  {
    stableId: 'rna',
    type: 'text',
    label: 'Numéro RNA',
    mandatory: true,
    private: false,
    condition: { op: 'eq', field: 'asso', value: true },
  },
  {
    stableId: 'membres',
    type: 'repetition',
    label: 'Membres du bureau',
    mandatory: false,
    private: false,
    children: [
      {
        stableId: 'role',
        type: 'drop_down_list',
        label: 'Rôle',
        mandatory: false,
        private: false,
        options: { choices: ['Président', 'Trésorier'] },
      },
      {
        stableId: 'mandat',
        type: 'integer_number',
        label: 'Années de mandat',
        mandatory: true,
        private: false,
        condition: { op: 'eq', field: 'role', value: 'Président' },
      },
    ],
  },
];

let app: TestApp;
let procedure: TestProcedure;
let instructeur: TestUser;

before(async () => {
  app = await createTestApp();
  procedure = await createProcedure(app, { title: 'Aide aux associations', fields: FIELDS });
  instructeur = await createUser(app, { roles: ['instructeur'] });
  await createGroupe(app, procedure.id, { label: 'Tous', members: [instructeur] });
});
after(async () => closeTestApp(app));

/** The wrapper of a field (root: its stable id; a row's child: repetition/row/child) and whether it is hidden. */
function wrapper(html: string, key: string): { found: boolean; hidden: boolean } {
  const m = html.match(new RegExp(`<div[^>]*data-condition-key="${key.replace(/[/]/g, '\\/')}"[^>]*>`));
  return { found: !!m, hidden: !!m && /\shidden(=""|\s|>)/.test(m[0]) };
}

describe(`conditions in repetition rows (${engine})`, () => {
  test('the brouillon renders each row’s conditioned child hidden or shown by its sibling; the deposit agrees', async () => {
    const b = await browserAs(app, await createUser(app));
    const slug = `/commencer/${procedure.id}`;
    await b.get(slug);
    const path = (await b.post(slug)).headers.get('location')!;
    await b.get(path);
    const saved = await b.post(path, {
      _submit: 'enregistrer',
      lockVersion: '0',
      champ_asso: 'false',
      champ_membres__rows: ['r1', 'r2'],
      champ_membres__r1__role: 'Président',
      champ_membres__r1__mandat: '3',
      champ_membres__r2__role: 'Trésorier',
      champ_membres__r2__mandat: '7',
    });
    assert.equal(saved.status, 303);
    const { html } = await b.get(path);
    assert.match(html, /data-controller="brouillon conditions upload"/);
    assert.match(html, /data-conditions-defs-value="/);
    assert.deepEqual(wrapper(html, 'rna'), { found: true, hidden: true }, '« Non »: the RNA is in the page, hidden');
    assert.deepEqual(wrapper(html, 'membres/r1/mandat'), { found: true, hidden: false });
    assert.deepEqual(wrapper(html, 'membres/r2/mandat'), { found: true, hidden: true });
    assert.deepEqual(wrapper(html, 'membres/r2/role'), { found: true, hidden: false });
    const id = path.match(/\/dossiers\/(\d+)\//)![1];
    const d = await app.db.selectFrom('dossiers').select('champs').where('id', '=', id).executeTakeFirstOrThrow();
    const rows = d.champs.membres?.value as { rowId: string; values: Record<string, unknown> }[];
    assert.equal(rows.find((r) => r.rowId === 'r1')?.values.mandat, 3);
    assert.equal(rows.find((r) => r.rowId === 'r2')?.values.mandat, undefined, 'a hidden child is not kept');
  });

  test('« Prévisualiser le formulaire »: every field in the page, conditions as typed, nothing saved', async () => {
    const b = await browserAs(app, instructeur);
    const base = `/instructeur/procedures/${procedure.id}/accompagnement/apercu`;
    const first = await b.get(base);
    assert.equal(first.res.status, 200);
    assert.match(first.html, /data-controller="conditions"/);
    assert.deepEqual(wrapper(first.html, 'rna'), { found: true, hidden: true });
    const before = await app.db.selectFrom('dossiers').select('id').execute();
    const r = await b.post(base, {
      champ_asso: 'true',
      champ_membres__rows: ['x1'],
      champ_membres__x1__role: 'Trésorier',
    });
    assert.equal(r.status, 200);
    const html = await r.text();
    assert.deepEqual(wrapper(html, 'rna'), { found: true, hidden: false });
    assert.deepEqual(wrapper(html, 'membres/x1/mandat'), { found: true, hidden: true });
    assert.equal((await app.db.selectFrom('dossiers').select('id').execute()).length, before.length);
  });
});
