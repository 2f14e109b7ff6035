// The territorial and country fields (docs/domain.md, field catalogue) on a real database: an usager
// files a dossier with a commune typed by name and a pays picked in the list, homonyms and unknown
// names get a French message with the typed value kept, the suggestions endpoint answers while
// typing, a routing rule on the commune's département sends the dossier to its group, and the
// instructor's list shows, filters and exports the values.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { Browser } from '../helpers/http.ts';
import { createGroupe, createProcedure, createUser, type TestProcedure, type TestUser } from '../factories/index.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import { defaultPresentation, parseFilter, type FilterSpec, type Presentation } from '../../src/domain/presentation.ts';
import { loadListContext, type ListContext } from '../../src/queries/list-context.ts';
import { listPage } from '../../src/queries/dossier-list.ts';
import { exportableColumns, readExportBatch } from '../../src/queries/export-source.ts';
import { browserAs } from './dossier-fixture.ts';
import { createProcedure as createDraftProcedure } from '../../src/features/procedures/create-procedure.ts';
import { procedureForAdmin } from '../../src/queries/admin-procedure.ts';

const FIELDS: FieldDef[] = [
  { stableId: 'commune', type: 'communes', label: 'Commune du projet', mandatory: true, private: false },
  { stableId: 'pays', type: 'pays', label: 'Pays de naissance', mandatory: false, private: false },
  { stableId: 'departement', type: 'departements', label: 'Département', mandatory: false, private: false },
  { stableId: 'rna', type: 'rna', label: "Numéro RNA de l'association", mandatory: false, private: false },
];

let app: TestApp;
let procedure: TestProcedure;
let instructeur: TestUser;
let groupeRhone: string;

before(async () => {
  app = await createTestApp();
  procedure = await createProcedure(app, { title: 'Aide aux territoires', fields: FIELDS });
  instructeur = await createUser(app, { roles: ['instructeur'] });
  await createGroupe(app, procedure.id, { label: 'National', members: [instructeur] });
  groupeRhone = await createGroupe(app, procedure.id, { label: 'Rhône', isDefault: false, members: [instructeur] });
  await app.db
    .updateTable('groupes_instructeurs')
    .set({ routing_rule: JSON.stringify({ op: 'eq', field: 'commune', value: '69' }) })
    .where('id', '=', groupeRhone)
    .execute();
});
after(async () => closeTestApp(app));

const slug = () => `/commencer/${procedure.id}`;
const IDENTITY = { civilite: 'Mme', nom: 'Martin', prenom: 'Léa' };

async function startDossier(): Promise<{ b: Browser; path: string; id: string }> {
  const b = await browserAs(app, await createUser(app));
  await b.get(slug());
  const path = (await b.post(slug())).headers.get('location')!;
  await b.get(path);
  return { b, path, id: path.match(/\/dossiers\/(\d+)\//)![1] };
}

describe(`territorial and country fields (${engine})`, () => {
  const filed: string[] = [];

  test('the usager form offers search as you type for communes and a list of countries', async () => {
    const { b, path } = await startDossier();
    const html = (await b.get(path)).html;
    assert.match(html, /data-controller="referential-search"/);
    assert.match(html, /list="f-champ_commune-suggestions"/);
    assert.match(html, /<option value="FR">France<\/option>/);
    assert.match(html, /<option value="69">69 – Rhône<\/option>/);
    const r = await new Browser(app).request('GET', '/referentiels/communes?q=saint-marcel');
    assert.equal(r.status, 200);
    const suggestions = (await r.json()) as { value: string; hint?: string }[];
    assert.ok(suggestions.some((s) => s.value === 'Saint-Marcel (71445)' && s.hint === 'Saône-et-Loire (71)'));
    assert.deepEqual(await (await new Browser(app).request('GET', '/referentiels/inconnu?q=a')).json(), []);
  });

  test('homonyms and unknown names: a French message, the typed value kept, nothing deposited', async () => {
    const { b, path, id } = await startDossier();
    const homonym = await b.post(path, {
      _submit: 'deposer',
      lockVersion: '0',
      ...IDENTITY,
      champ_commune: 'Saint-Marcel',
    });
    assert.equal(homonym.status, 422);
    const html = await homonym.text();
    assert.match(html, /Plusieurs communes portent ce nom, ajoutez le code/);
    assert.match(html, /Saint-Marcel \(71445\) – Saône-et-Loire/);
    assert.match(html, /value="Saint-Marcel"/);
    await b.get(path);
    const unknown = await b.post(path, {
      _submit: 'deposer',
      lockVersion: '0',
      ...IDENTITY,
      champ_commune: 'Atlantide',
      champ_rna: 'W12',
    });
    assert.equal(unknown.status, 422);
    const unknownHtml = await unknown.text();
    assert.match(unknownHtml, /Choisissez une commune de la liste/);
    assert.match(unknownHtml, /Le numéro RNA commence par W suivi de 9 chiffres/);
    const row = await app.db.selectFrom('dossiers').select('state').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.state, 'brouillon');
  });

  test('a commune typed by name and a country picked are stored with their codes; routed by département', async () => {
    const lyon = await startDossier();
    const ok = await lyon.b.post(lyon.path, {
      _submit: 'deposer',
      lockVersion: '0',
      ...IDENTITY,
      champ_commune: 'lyon',
      champ_pays: 'FR',
      champ_departement: '69',
      champ_rna: 'w751234567',
    });
    assert.equal(ok.status, 303);
    const d = await app.db.selectFrom('dossiers').selectAll().where('id', '=', lyon.id).executeTakeFirstOrThrow();
    assert.equal(d.state, 'en_construction');
    assert.deepEqual(d.champs.commune?.value, { code: '69123', name: 'Lyon', departement: '69' });
    assert.deepEqual(d.champs.pays?.value, { code: 'FR', name: 'France' });
    assert.deepEqual(d.champs.departement?.value, { code: '69', name: 'Rhône' });
    assert.equal(d.champs.rna?.value, 'W751234567');
    assert.equal(d.groupe_id, groupeRhone, 'routed by the rule on the commune’s département');
    filed.push(lyon.id);

    const other = await startDossier();
    const ok2 = await other.b.post(other.path, {
      _submit: 'deposer',
      lockVersion: '0',
      ...IDENTITY,
      champ_commune: 'Saint-Marcel (71445)',
      champ_pays: 'DE',
    });
    assert.equal(ok2.status, 303);
    const d2 = await app.db.selectFrom('dossiers').selectAll().where('id', '=', other.id).executeTakeFirstOrThrow();
    assert.deepEqual(d2.champs.commune?.value, { code: '71445', name: 'Saint-Marcel', departement: '71' });
    assert.notEqual(d2.groupe_id, groupeRhone);
    filed.push(other.id);
  });

  test("the instructor's list shows, filters and exports them", async () => {
    const ctx: ListContext = await loadListContext(app.db, instructeur.id, procedure.id);
    const filter = (column: string, op: string, values: string[]): FilterSpec => {
      const col = ctx.columns.get(column);
      assert.ok(col, column);
      const r = parseFilter(col, op, values);
      assert.ok(r.ok, `${column} ${op}`);
      return r.filter;
    };
    const listed = async (filters: FilterSpec[]) => {
      const presentation: Presentation = {
        ...defaultPresentation(),
        columns: ['champ/commune', 'champ/pays', 'champ/commune/commune_departement'],
        filters: { all: [], tabs: { tous: filters } },
      };
      return (await listPage(app.db, ctx, { tab: 'tous', page: 1, now: app.clock.now(), presentation })).rows;
    };
    const all = await listed([]);
    const lyon = all.find((r) => r.id === filed[0]);
    assert.ok(lyon);
    assert.equal(lyon.values['champ/commune'], 'Lyon (69123)');
    assert.equal(lyon.values['champ/pays'], 'France');
    assert.equal(lyon.values['champ/commune/commune_departement'], '69');

    const byName = await listed([filter('champ/commune', 'contains', ['lyon'])]);
    assert.deepEqual(
      byName.map((r) => r.id),
      [filed[0]],
    );
    const byCode = await listed([filter('champ/commune', 'contains', ['71445'])]);
    assert.deepEqual(
      byCode.map((r) => r.id),
      [filed[1]],
    );
    const byCountry = await listed([filter('champ/pays/code', 'eq', ['DE'])]);
    assert.deepEqual(
      byCountry.map((r) => r.id),
      [filed[1]],
    );
    const byDepartement = await listed([filter('champ/commune/commune_departement', 'eq', ['69'])]);
    assert.deepEqual(
      byDepartement.map((r) => r.id),
      [filed[0]],
    );

    const columns = exportableColumns([...ctx.columns.values()]).filter(
      (c) => c.id === 'champ/commune' || c.id === 'champ/pays' || c.id === 'champ/rna',
    );
    const rows = await readExportBatch(app.db, ctx, { columns, blocks: [] }, [Number(filed[0])]);
    assert.deepEqual(rows[0].cells, ['Lyon (69123)', 'France', 'W751234567']);

    // the Demande tab shows the labels
    const b = await browserAs(app, instructeur);
    const demande = await b.get(`/instructeur/dossiers/${filed[0]}`);
    assert.equal(demande.res.status, 200);
    for (const shown of ['Lyon (69123)', 'France', '69 – Rhône', 'W751234567'])
      assert.ok(demande.html.includes(shown), shown);
  });

  test("the administrator's builder offers the new types and adds a commune field", async () => {
    const admin = await createUser(app, { roles: ['administrateur'] });
    const { id } = await createDraftProcedure(app, admin, { title: 'Constructeur territorial' });
    const b = await browserAs(app, admin);
    const base = `/admin/procedures/${id}/champs`;
    const { html } = await b.get(`${base}/nouveau?type=communes`);
    for (const label of ['Communes', 'Départements', 'Régions', 'EPCI', 'Pays', 'Numéro RNA', 'Numéro fiscal'])
      assert.match(html, new RegExp(`>${label}</option>`), label);
    const version = (await procedureForAdmin(app.db, id)).draft_lock_version!;
    const res = await b.post(base, { type: 'communes', label: 'Commune du siège', lockVersion: String(version) });
    assert.equal(res.status, 303);
    const fields = (await procedureForAdmin(app.db, id)).draft_fields;
    assert.deepEqual(
      fields.map((f) => [f.type, f.label]),
      [['communes', 'Commune du siège']],
    );
  });
});
