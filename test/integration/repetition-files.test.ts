// Files inside the rows of a repeated block: the usager attaches one to a row, keeps it, removes it;
// a refused file gets a French message at its row and nothing is stored.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { FIELDS, dossier, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import type { FieldDef, FileRef } from '../../src/domain/fields/types.ts';
import { browserAs, exe, pdf, textOf } from './dossier-fixture.ts';
import { drainJobs } from '../../src/jobs/index.ts';

const REPETITION: FieldDef = {
  stableId: 'c5',
  type: 'repetition',
  label: 'Dépenses',
  mandatory: false,
  private: false,
  children: [
    { stableId: 'c5a', type: 'text', label: 'Libellé', mandatory: true, private: false },
    { stableId: 'c5b', type: 'piece_justificative', label: 'Devis', mandatory: false, private: false },
  ],
};

let app: TestApp;
let f: Fixture;
before(async () => {
  app = await createTestApp();
  f = await procedureFixture(app);
  await app.db
    .updateTable('procedure_revisions')
    .set({ fields: JSON.stringify([...FIELDS, REPETITION]) })
    .where('id', '=', f.revisionId)
    .execute();
});
after(async () => closeTestApp(app));

const rowFiles = async (id: string): Promise<FileRef[] | undefined> => {
  const d = await app.db.selectFrom('dossiers').select('champs').where('id', '=', id).executeTakeFirstOrThrow();
  const rows = (d.champs as Record<string, { value: { rowId: string; values: Record<string, unknown> }[] }>).c5.value;
  return rows.find((r) => r.rowId === 'r1')?.values.c5b as FileRef[] | undefined;
};

function form(extra: [string, string | Blob, string?][]): FormData {
  const fd = new FormData();
  fd.append('champ_c2', 'Jardin partagé');
  fd.append('champ_c3', '1200');
  fd.append('champ_c5__rows', 'r1');
  fd.append('champ_c5__r1__c5a', 'Devis du menuisier');
  for (const [k, v, name] of extra)
    if (typeof v === 'string') fd.append(k, v);
    else fd.append(k, v, name);
  return fd;
}

describe(`files in repeated rows (${engine})`, () => {
  test('attach, keep, remove; a refused file is reported at its row and nothing is stored', async () => {
    const id = await dossier(app, f, {
      champs: { c2: 'Jardin partagé', c3: 1200, c5: [{ rowId: 'r1', values: { c5a: 'Devis du menuisier' } }] },
    });
    const b = await browserAs(app, f.usager);
    const url = `/dossiers/${id}/modifier`;
    const page = await b.get(url);
    assert.match(page.html, /name="champ_c5__r1__c5b__files"/, 'the row offers a file input');

    // refused type: 422, French message, nothing stored
    let r = await b.postMultipart(
      url,
      form([['champ_c5__r1__c5b__files', new Blob([new Uint8Array(exe())]), 'devis.exe']]),
    );
    assert.equal(r.status, 422);
    assert.match(textOf(await r.text()), /n'est pas accepté|n’est pas accepté|format/i);
    assert.equal((await app.db.selectFrom('files').select('id').where('dossier_id', '=', id).execute()).length, 0);

    // attach
    await b.get(url);
    r = await b.postMultipart(
      url,
      form([['champ_c5__r1__c5b__files', new Blob([new Uint8Array(pdf('Devis'))]), 'devis.pdf']]),
    );
    assert.equal(r.status, 303);
    const attached = await rowFiles(id);
    assert.equal(attached?.length, 1);
    assert.equal(attached![0].name, 'devis.pdf');
    const stored = await app.db
      .selectFrom('files')
      .select(['origin', 'origin_ref'])
      .where('id', '=', attached![0].fileId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, { origin: 'champ', origin_ref: 'c5b' });

    // the edit form shows it with « Conserver »; sent back checked, it stays
    const again = await b.get(url);
    assert.match(again.html, new RegExp(`name="champ_c5__r1__c5b__keep" value="${attached![0].fileId}" checked`));
    r = await b.postMultipart(url, form([['champ_c5__r1__c5b__keep', attached![0].fileId]]));
    assert.equal(r.status, 303);
    assert.deepEqual(
      (await rowFiles(id))?.map((x) => x.fileId),
      [attached![0].fileId],
    );

    // unchecked: removed from the row
    await b.get(url);
    r = await b.postMultipart(url, form([]));
    assert.equal(r.status, 303);
    assert.equal((await rowFiles(id))?.length ?? 0, 0, 'no file left in the row');
    assert.equal(
      (await app.db.selectFrom('files').select('id').where('id', '=', attached![0].fileId).execute()).length,
      0,
      'its row is deleted',
    );
    await drainJobs(app);
    assert.equal(app.storage.files.size, 0, 'and its bytes');
  });
});
