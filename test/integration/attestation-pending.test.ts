// « Télécharger l'attestation » right after a decision (docs/interface.md §3C): while the job has not
// produced it, the instructor and the usager get « L'attestation est en cours de génération », a page
// that checks again by itself (and a link to do it without JavaScript), never a 404; once produced,
// the same link downloads it.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { createDossier, createGroupe, createProcedure, createUser } from '../factories/index.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { browserAs, textOf } from './dossier-fixture.ts';

let app: TestApp;
before(async () => {
  app = await createTestApp();
});
after(async () => closeTestApp(app));

describe(`attestation being produced (${engine})`, () => {
  test('pending page for both sides until the job ran, then the download', async () => {
    const procedure = await createProcedure(app, { attestation: true });
    const instructeur = await createUser(app, { roles: ['instructeur'] });
    const usager = await createUser(app);
    const groupe = await createGroupe(app, procedure.id, { members: [instructeur] });
    await drainJobs(app);
    const id = await createDossier(app, { procedure, groupeId: groupe, usager, instructeur, state: 'accepte' });
    const bi = await browserAs(app, instructeur);
    const bu = await browserAs(app, usager);
    for (const [b, url] of [
      [bi, `/instructeur/dossiers/${id}/attestation`],
      [bu, `/dossiers/${id}/attestation`],
    ] as const) {
      const r = await b.get(url);
      assert.equal(r.res.status, 200, url);
      const text = textOf(r.html);
      assert.match(text, /L'attestation est en cours de génération/);
      assert.match(r.html, /data-controller="wait-for-file"/);
      assert.match(r.html, new RegExp(`href="${url}"[^>]*>\\s*Actualiser`), 'a link checks again without JavaScript');
    }
    assert.equal(
      (await app.db.selectFrom('attestations').select('file_id').where('dossier_id', '=', id).execute()).length,
      0,
    );
    await drainJobs(app);
    const [row] = await app.db.selectFrom('attestations').select('file_id').where('dossier_id', '=', id).execute();
    assert.ok(row);
    for (const [b, url] of [
      [bi, `/instructeur/dossiers/${id}/attestation`],
      [bu, `/dossiers/${id}/attestation`],
    ] as const) {
      const r = await b.get(url);
      assert.equal(r.res.status, 302);
      assert.equal(r.res.headers.get('location'), `/fichiers/${row.file_id}`);
    }
    // asking again does not produce a second one
    await drainJobs(app);
    const rows = await app.db.selectFrom('attestations').select('file_id').where('dossier_id', '=', id).execute();
    assert.deepEqual(rows, [row]);
  });

  test('a refused dossier has no attestation: not found', async () => {
    const procedure = await createProcedure(app, { attestation: true });
    const instructeur = await createUser(app, { roles: ['instructeur'] });
    const usager = await createUser(app);
    const groupe = await createGroupe(app, procedure.id, { members: [instructeur] });
    const id = await createDossier(app, { procedure, groupeId: groupe, usager, instructeur, state: 'refuse' });
    const bi = await browserAs(app, instructeur);
    assert.equal((await bi.get(`/instructeur/dossiers/${id}/attestation`)).res.status, 404);
  });
});
