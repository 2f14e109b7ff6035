// Files of the usager's brouillon (docs/interface.md §7D): the page offers the progress bar (labelled,
// hidden until files are sent) and the accepted formats; without JavaScript the form is a plain
// multipart submit, and the server stays the judge — a file over the limit or of an unknown type is
// refused with its message next to the field, every typed value kept, nothing stored.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { createGroupe, createProcedure, createUser, type TestProcedure } from '../factories/index.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import { fileProblem } from '../../src/web/forms/upload-rules.ts';
import { browserAs, exe, fileOf, pdf } from './dossier-fixture.ts';

const FIELDS: FieldDef[] = [
  { stableId: 'nom_projet', type: 'text', label: 'Nom du projet', mandatory: false, private: false },
  { stableId: 'budget', type: 'piece_justificative', label: 'Budget prévisionnel', mandatory: false, private: false },
];

let app: TestApp;
let procedure: TestProcedure;

before(async () => {
  app = await createTestApp({ env: { UPLOAD_MAX_BYTES: '4000' } });
  procedure = await createProcedure(app, { title: 'Aide au projet', fields: FIELDS });
  await createGroupe(app, procedure.id, {
    label: 'Tous',
    members: [await createUser(app, { roles: ['instructeur'] })],
  });
});
after(async () => closeTestApp(app));

async function brouillon() {
  const b = await browserAs(app, await createUser(app));
  const slug = `/commencer/${procedure.id}`;
  await b.get(slug);
  const path = (await b.post(slug)).headers.get('location')!;
  const id = path.match(/\/dossiers\/(\d+)\//)![1];
  return { b, path, id };
}

const filesOf = (id: string) => app.db.selectFrom('files').select('id').where('dossier_id', '=', id).execute();

describe(`brouillon uploads (${engine})`, () => {
  test('the page carries a labelled progress bar, hidden until files are sent, and the accepted formats', async () => {
    const { b, path } = await brouillon();
    const { html } = await b.get(path);
    assert.match(html, /data-controller="brouillon conditions upload"/);
    assert.match(html, /data-upload-max-bytes-value="4000"/);
    assert.match(html, /<div class="fr-mt-2w gu-upload-progress" data-upload-target="group" hidden="">/);
    assert.match(html, /<label class="fr-label" for="envoi-fichiers">Progression de l&#39;envoi des fichiers<\/label>/);
    assert.match(html, /<progress id="envoi-fichiers" max="100" value="0"/);
    assert.match(html, /type="file"[^>]*accept="\.pdf,\.jpg,/);
  });

  for (const c of [
    {
      name: 'over the limit',
      file: () => fileOf(Buffer.concat([pdf(), Buffer.alloc(5000, 0x20)]), 'gros.pdf'),
      message: /dépasse la taille maximale autorisée \(3,9 Ko|dépasse la taille maximale autorisée \(4 Ko\)/,
    },
    {
      name: 'of an unknown type',
      file: () => fileOf(exe(), 'programme.pdf'),
      message: /n&#39;est pas d&#39;un type accepté|n'est pas d'un type accepté/,
    },
  ]) {
    test(`without JavaScript, a file ${c.name} is refused before it is stored, the typed values kept`, async () => {
      const { b, path, id } = await brouillon();
      await b.get(path);
      const fd = new FormData();
      fd.append('_submit', 'enregistrer');
      fd.append('lockVersion', '0');
      fd.append('champ_nom_projet', 'Jardin partagé');
      fd.append('champ_budget__files', c.file());
      const keys = app.storage.files.size;
      const r = await b.postMultipart(path, fd);
      assert.equal(r.status, 422);
      const html = await r.text();
      assert.match(html, c.message);
      assert.match(html, /value="Jardin partagé"/);
      assert.deepEqual(await filesOf(id), []);
      assert.equal(app.storage.files.size, keys, 'no bytes left in storage');
    });
  }

  test('a file within the limit is stored with the brouillon', async () => {
    const { b, path, id } = await brouillon();
    await b.get(path);
    const fd = new FormData();
    fd.append('_submit', 'enregistrer');
    fd.append('lockVersion', '0');
    fd.append('champ_budget__files', fileOf(pdf(), 'budget.pdf'));
    const r = await b.postMultipart(path, fd);
    assert.equal(r.status, 303);
    assert.equal((await filesOf(id)).length, 1);
  });

  test('the browser’s check says what the server would (size, format, empty)', () => {
    const rows: [{ name: string; size: number }, RegExp | null][] = [
      [{ name: 'budget.pdf', size: 3000 }, null],
      [{ name: 'Photo.JPG', size: 10 }, null],
      [{ name: 'gros.pdf', size: 4001 }, /dépasse la taille maximale autorisée \(4 Ko\)/],
      [{ name: 'programme.exe', size: 10 }, /n'est pas d'un type accepté/],
      [{ name: 'vide.txt', size: 0 }, /est vide/],
    ];
    for (const [file, expected] of rows) {
      const problem = fileProblem(file, 4000);
      if (expected) assert.match(problem ?? '', expected, file.name);
      else assert.equal(problem, null, file.name);
    }
  });
});
