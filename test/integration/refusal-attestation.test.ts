// The refusal attestation (docs/domain.md §2.2, docs/interface.md §3C): « Refuser le dossier » offers
// « Prévisualiser l'attestation » from the administrator's refusal template (a PDF with the motivation
// typed, nothing stored); « Valider la décision » produces the attestation from that template, attached
// to the refusal e-mail and downloadable by the instructor and the usager. Without an activated refusal
// template nothing is offered nor produced; the acceptance's template is never used for a refusal.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { createDossier, createGroupe, createProcedure, createUser, type TestUser } from '../factories/index.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { loadAttestationSource } from '../../src/features/attestations/render-attestation.ts';
import { browserAs, textOf } from './dossier-fixture.ts';

let app: TestApp;
let instructeur: TestUser;
let usager: TestUser;
before(async () => {
  app = await createTestApp();
  instructeur = await createUser(app, { roles: ['instructeur'] });
  usager = await createUser(app);
});
after(async () => closeTestApp(app));

const lockOf = (html: string): string => html.match(/name="lockVersion" value="(\d+)"/)![1]!;

const REFUSAL = {
  title: 'Attestation de refus',
  body: 'Le dossier --numéro du dossier-- est refusé le --date de décision-- : --motivation--',
  footer: 'Mairie de Test',
  activated: true,
};

async function refusedSetup(refusal: typeof REFUSAL | null) {
  const procedure = await createProcedure(app, { attestation: true });
  if (refusal)
    await app.db
      .updateTable('procedures')
      .set({ refusal_attestation_template: JSON.stringify(refusal) })
      .where('id', '=', procedure.id)
      .execute();
  const groupe = await createGroupe(app, procedure.id, { members: [instructeur] });
  await drainJobs(app);
  const id = await createDossier(app, { procedure, groupeId: groupe, usager, instructeur, state: 'en_instruction' });
  return id;
}

describe(`the refusal attestation (${engine})`, () => {
  test('previewed before refusing, produced from the refusal template, attached to the e-mail, downloadable', async () => {
    const id = await refusedSetup(REFUSAL);
    const bi = await browserAs(app, instructeur);
    const page = await bi.get(`/instructeur/dossiers/${id}/actions/refuser`);
    assert.match(page.html, /Prévisualiser l&#39;attestation|Prévisualiser l'attestation/);
    assert.match(page.html, /formaction="\/instructeur\/dossiers\/\d+\/attestation\/apercu-refus"/);
    const preview = await bi.request(
      'GET',
      `/instructeur/dossiers/${id}/attestation/apercu-refus?motivation=${encodeURIComponent('Hors délai.')}`,
    );
    assert.equal(preview.status, 200);
    assert.equal(preview.headers.get('content-type'), 'application/pdf');
    assert.equal(
      Buffer.from(await preview.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );
    const posted = await bi.post(`/instructeur/dossiers/${id}/attestation/apercu-refus`, { motivation: 'Hors délai.' });
    assert.equal(posted.status, 200);
    // the preview reads the refusal template with the motivation typed
    const src = await loadAttestationSource(app.db, id, { motivation: 'Hors délai.', kind: 'refus' });
    assert.equal(src.template?.title, 'Attestation de refus');
    assert.equal(
      (await app.db.selectFrom('attestations').select('file_id').where('dossier_id', '=', id).execute()).length,
      0,
      'the preview stores nothing',
    );

    const r = await bi.post(`/instructeur/dossiers/${id}/actions/refuser`, {
      lockVersion: lockOf(page.html),
      motivation: 'Hors délai.',
    });
    assert.equal(r.status, 303);
    await drainJobs(app);
    const att = await app.db
      .selectFrom('attestations')
      .innerJoin('files', 'files.id', 'attestations.file_id')
      .selectAll('files')
      .where('attestations.dossier_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(att.content_type, 'application/pdf');
    assert.equal(app.storage.files.get(att.storage_key)!.subarray(0, 5).toString(), '%PDF-');
    // produced from the refusal template, not the acceptance's
    assert.equal((await loadAttestationSource(app.db, id)).template?.title, 'Attestation de refus');
    const mail = await app.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('to_email', '=', usager.email)
      .where('subject', 'like', '%refusé%')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal((mail.attachments as unknown[]).length, 1);

    // both sides download it
    const bu = await browserAs(app, usager);
    assert.match(textOf((await bu.get(`/dossiers/${id}`)).html), /Télécharger l'attestation/);
    assert.equal(
      (await bu.request('GET', `/dossiers/${id}/attestation`)).headers.get('location'),
      `/fichiers/${att.id}`,
    );
    assert.match(textOf((await bi.get(`/instructeur/dossiers/${id}`)).html), /Télécharger l'attestation/);
    assert.equal(
      (await bi.request('GET', `/instructeur/dossiers/${id}/attestation`)).headers.get('location'),
      `/fichiers/${att.id}`,
    );
  });

  test('without an activated refusal template: no preview, no attestation, the acceptance template unused', async () => {
    const id = await refusedSetup(null);
    const bi = await browserAs(app, instructeur);
    const page = await bi.get(`/instructeur/dossiers/${id}/actions/refuser`);
    assert.doesNotMatch(page.html, /Prévisualiser l&#39;attestation|Prévisualiser l'attestation/);
    assert.equal((await bi.get(`/instructeur/dossiers/${id}/attestation/apercu-refus`)).res.status, 404);
    const r = await bi.post(`/instructeur/dossiers/${id}/actions/refuser`, {
      lockVersion: lockOf(page.html),
      motivation: 'Incomplet.',
    });
    assert.equal(r.status, 303);
    await drainJobs(app);
    assert.equal(
      (await app.db.selectFrom('attestations').select('file_id').where('dossier_id', '=', id).execute()).length,
      0,
    );
    assert.equal((await bi.get(`/instructeur/dossiers/${id}/attestation`)).res.status, 404);
  });
});
