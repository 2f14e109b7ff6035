// The contact information of the dossier's group for the usager (docs/domain.md §10): in the « Aide »
// menu of his dossier page, on the page « Déposer le dossier » lands on, and at the foot of his e-mails —
// the same sub-select everywhere; the procedure's e-mail when the group has none.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { closeTestApp, createTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import { browserAs, textOf } from './dossier-fixture.ts';

let app: TestApp;
let f: Fixture;
const CONTACT = {
  service: 'Service des sports de Lyon',
  adresse: '1 place de la Comédie\n69001 Lyon',
  email: 'sports@lyon.exemple.fr',
  telephone: '04 72 10 30 30',
  horaires: 'Du lundi au vendredi, 9 h – 17 h',
};

before(async () => {
  app = await createTestApp();
  f = await procedureFixture(app);
  await app.db
    .insertInto('groupe_contacts')
    .values({ groupe_id: f.groupA, ...CONTACT, updated_at: new Date() })
    .execute();
  await app.db
    .updateTable('procedures')
    .set({ contact_email: 'demarche@exemple.fr' })
    .where('id', '=', f.procedureId)
    .execute();
});
after(async () => closeTestApp(app));

describe(`group contact for the usager (${engine})`, () => {
  test('after « Déposer le dossier », the page shows whom to contact; not on the next visit', async () => {
    const id = await dossier(app, f, { state: 'brouillon' });
    const b = await browserAs(app, f.usager);
    await b.get(`/dossiers/${id}/brouillon`);
    const r = await b.post(`/dossiers/${id}/brouillon`, {
      _submit: 'deposer',
      lockVersion: '0',
      civilite: 'Mme',
      nom: 'Martin',
      prenom: 'Léa',
      champ_c2: 'Jardin partagé',
      champ_c3: '1200',
    });
    assert.equal(r.status, 303);
    const landed = await b.get(r.headers.get('location')!);
    const text = textOf(landed.html);
    assert.match(text, /Votre dossier nº \d+ a été déposé/);
    assert.match(
      text,
      /Une question sur votre dossier \?\s*Le service qui instruit votre dossier :\s*Service des sports de Lyon/,
    );
    assert.match(landed.html, /id="depot-contact-titre"/);
    const again = await b.get(`/dossiers/${id}`);
    assert.doesNotMatch(again.html, /id="depot-contact-titre"/);
    // the « Aide » menu stays
    assert.match(again.html, /<summary[^>]*>Aide<\/summary>/);
    assert.match(
      textOf(again.html),
      /Aide\s*Une question sur votre dossier \?.*Service des sports de Lyon.*04 72 10 30 30/s,
    );
    assert.match(again.html, /href="mailto:sports@lyon\.exemple\.fr"/);
    assert.match(again.html, /href="tel:0472103030"/);
  });

  test('a group without contact: « Aide » gives the procedure’s e-mail and the messagerie', async () => {
    const id = await dossier(app, f, { groupe: f.groupB });
    const b = await browserAs(app, f.usager);
    const page = await b.get(`/dossiers/${id}`);
    assert.equal(page.res.status, 200);
    const text = textOf(page.html);
    assert.match(text, /Écrivez au service de la démarche : demarche@exemple\.fr/);
    assert.doesNotMatch(text, /Service des sports de Lyon/);
    assert.match(text, /messagerie du dossier/);
  });

  test('the e-mails read the same contact', async () => {
    const { stateMailDossier } = await import('../../src/queries/mail-recipients.ts');
    const a = await stateMailDossier(app.db, await dossier(app, f));
    assert.deepEqual(a!.contact, CONTACT);
    const none = await stateMailDossier(app.db, await dossier(app, f, { groupe: f.groupB }));
    assert.equal(none!.contact, null);
  });
});
