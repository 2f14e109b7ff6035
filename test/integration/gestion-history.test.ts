// « Historique des modifications du formulaire » (docs/domain.md §11.3): the diff of two stored
// revisions for every change kind, the page that lists them, and the menu badge while unseen.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import { revisionHistory } from '../../src/queries/revision-history.ts';
import { closeTestApp, createTestApp, engine, type TestApp } from '../helpers/app.ts';
import { FIELDS, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import { browserAs, textOf } from './dossier-fixture.ts';

let app: TestApp;
let f: Fixture;

const BEFORE: FieldDef[] = [
  ...FIELDS,
  { stableId: 'h1', type: 'text', label: 'Commune', mandatory: false, private: false },
  {
    stableId: 'h2',
    type: 'drop_down_list',
    label: 'Statut',
    mandatory: true,
    private: false,
    options: { choices: ['Association', 'Entreprise'] },
  },
  { stableId: 'h3', type: 'text', label: 'Ancien champ', mandatory: false, private: false },
  { stableId: 'h4', type: 'text', label: 'Nom du projet (ancien)', mandatory: false, private: false },
  { stableId: 'h5', type: 'text', label: 'Précisions', mandatory: false, private: false, description: 'Avant' },
  { stableId: 'h6', type: 'text', label: 'Détail', mandatory: false, private: false },
  { stableId: 'h7', type: 'text', label: 'Numéro', mandatory: false, private: false },
];
const AFTER: FieldDef[] = [
  ...FIELDS,
  { stableId: 'h1', type: 'text', label: 'Commune', mandatory: true, private: false },
  {
    stableId: 'h2',
    type: 'drop_down_list',
    label: 'Statut',
    mandatory: true,
    private: false,
    options: { choices: ['Association', 'Collectivité'] },
  },
  { stableId: 'h4', type: 'text', label: 'Intitulé du projet', mandatory: false, private: false },
  { stableId: 'h5', type: 'text', label: 'Précisions', mandatory: false, private: false, description: 'Après' },
  {
    stableId: 'h6',
    type: 'text',
    label: 'Détail',
    mandatory: false,
    private: false,
    condition: { type: 'eq', field: 'h1', value: 'Paris' } as never,
  },
  { stableId: 'h7', type: 'integer_number', label: 'Numéro', mandatory: false, private: false },
  { stableId: 'h8', type: 'email', label: 'Courriel de contact', mandatory: false, private: false },
];

before(async () => {
  app = await createTestApp();
  f = await procedureFixture(app);
});
after(async () => closeTestApp(app));

async function publish(fields: FieldDef[], at: string) {
  const r = await app.db
    .insertInto('procedure_revisions')
    .values({
      procedure_id: f.procedureId,
      fields: JSON.stringify(fields),
      annotations: '[]',
      published_at: new Date(at),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db.updateTable('procedures').set({ published_revision_id: r.id }).where('id', '=', f.procedureId).execute();
}

describe(`form history (${engine})`, () => {
  test('no badge while nothing changed since the first publication', async () => {
    const b = await browserAs(app, f.instructeurA);
    const menu = await b.get(`/instructeur/procedures/${f.procedureId}/gestion`);
    assert.equal(menu.res.status, 200);
    assert.doesNotMatch(menu.html, /Nouvelle modification/);
    const list = await b.get(`/instructeur/procedures/${f.procedureId}`);
    assert.equal(list.res.status, 200);
    assert.doesNotMatch(list.html, /Nouvelle modification du formulaire/);
  });

  test('every change kind between two stored revisions', async () => {
    await publish(BEFORE, '2026-03-05T10:00:00Z');
    await publish(AFTER, '2026-03-10T10:00:00Z');
    const [latest] = await revisionHistory(app.db, f.procedureId);
    const byKind = (k: string) => latest!.fields.filter((c) => c.kind === k).map((c) => c.text);
    assert.deepEqual(byKind('added'), ['Champ « Courriel de contact » ajouté.']);
    assert.deepEqual(byKind('removed'), ['Champ « Ancien champ » supprimé.']);
    assert.deepEqual(byKind('renamed'), ['Libellé « Nom du projet (ancien) » changé en « Intitulé du projet ».']);
    assert.deepEqual(byKind('mandatory'), ['Champ « Commune » rendu obligatoire.']);
    assert.deepEqual(byKind('options'), [
      '« Statut » : Options modifiées : ajout de « Collectivité » ; retrait de « Entreprise ».',
    ]);
    assert.deepEqual(byKind('description'), ['Description du champ « Précisions » modifiée.']);
    assert.deepEqual(byKind('condition'), ["Condition d'affichage du champ « Détail » modifiée."]);
    assert.deepEqual(byKind('type'), ['Type du champ « Numéro » modifié.']);
  });

  test('the menu shows a badge until the history is opened', async () => {
    const b = await browserAs(app, f.instructeurA);
    const menu = await b.get(`/instructeur/procedures/${f.procedureId}/gestion`);
    assert.match(menu.html, /Nouvelle modification/);
    // the procedure page's header menu carries it too, on « Gestion de la démarche »
    const list = await b.get(`/instructeur/procedures/${f.procedureId}`);
    assert.match(textOf(list.html), /Gestion de la démarche\s*Nouvelle modification du formulaire/);
    const page = await b.get(`/instructeur/procedures/${f.procedureId}/gestion/historique`);
    assert.equal(page.res.status, 200);
    const text = textOf(page.html);
    assert.match(text, /Champ « Courriel de contact » ajouté\./);
    assert.match(text, /Première publication du formulaire\./);
    const again = await b.get(`/instructeur/procedures/${f.procedureId}/gestion`);
    assert.doesNotMatch(again.html, /Nouvelle modification/);
    assert.doesNotMatch((await b.get(`/instructeur/procedures/${f.procedureId}`)).html, /Nouvelle modification/);
    // another instructor has not seen it
    const other = await browserAs(app, f.instructeurA2);
    assert.match((await other.get(`/instructeur/procedures/${f.procedureId}/gestion`)).html, /Nouvelle modification/);
  });
});
