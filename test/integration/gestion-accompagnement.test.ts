// « Accompagnement des usagers » (docs/domain.md §14): the message to the brouillons' owners — one
// e-mail per usager whatever his number of brouillons, each exactly once even when the jobs run twice,
// a copy in each brouillon's messagerie, « aucun destinataire » said — the public link with its QR
// code, and the form preview that saves nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { drainJobs } from '../../src/jobs/index.ts';
import { sendBroadcastMailJob } from '../../src/jobs/send-broadcast-mail.ts';
import { closeTestApp, createTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import type { Browser } from '../helpers/http.ts';
import { browserAs, textOf } from './dossier-fixture.ts';

let app: TestApp;
let f: Fixture;
let b: Browser;
let base: string;

before(async () => {
  app = await createTestApp();
  f = await procedureFixture(app);
  b = await browserAs(app, f.instructeurA);
  base = `/instructeur/procedures/${f.procedureId}/accompagnement`;
});
after(async () => closeTestApp(app));

const mails = (subject: RegExp) =>
  app.db
    .selectFrom('outbox_emails')
    .select(['to_email', 'subject', 'text'])
    .execute()
    .then((all) => all.filter((m) => subject.test(m.subject)));

describe(`accompagnement des usagers (${engine})`, () => {
  test('no brouillon: the page says there is no recipient, nothing is sent', async () => {
    const page = await b.get(base);
    assert.equal(page.res.status, 200);
    assert.match(textOf(page.html), /Aucun usager n'a de dossier brouillon/);
    const r = await b.post(`${base}/brouillons`, { subject: 'Date limite', body: 'Déposez avant le 31.' });
    assert.equal(r.status, 422);
    const html = await r.text();
    assert.match(html, /aucun message n&#39;a été envoyé|aucun message n'a été envoyé/);
    assert.match(html, /value="Date limite"/);
  });

  test('one e-mail per usager, exactly once, and a copy in every brouillon', async () => {
    const first = await dossier(app, f, { state: 'brouillon' });
    const second = await dossier(app, f, { state: 'brouillon' });
    const other = await app.db
      .insertInto('users')
      .values({ email: 'autre.usager@exemple.fr' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const third = await dossier(app, f, { state: 'brouillon' });
    await app.db
      .updateTable('dossiers')
      .set({ user_id: other.id, user_email: 'Autre.Usager@exemple.fr' })
      .where('id', '=', third)
      .execute();
    await dossier(app, f, { state: 'en_construction' }); // not a brouillon

    const empty = await b.post(`${base}/brouillons`, { subject: ' ', body: 'Texte' });
    assert.equal(empty.status, 422);
    assert.match(await empty.text(), /Saisissez l&#39;objet du message|Saisissez l'objet du message/);

    const r = await b.post(`${base}/brouillons`, { subject: 'Date limite', body: 'Déposez avant le 31 mars.' });
    assert.equal(r.status, 303);
    // a worker killed midway: the jobs of the first recipient run twice
    const handler = await sendBroadcastMailJob.handler();
    const broadcast = await app.db.selectFrom('brouillon_broadcasts').select('id').executeTakeFirstOrThrow();
    await handler(app, { broadcastId: broadcast.id, email: f.usager.email });
    await drainJobs(app);
    await handler(app, { broadcastId: broadcast.id, email: f.usager.email });
    await drainJobs(app);
    const sent = await mails(/^Date limite/);
    assert.deepEqual(sent.map((m) => m.to_email).sort(), ['autre.usager@exemple.fr', f.usager.email].sort());
    assert.match(sent[0]!.text, /Déposez avant le 31 mars\./);
    for (const id of [first, second, third]) {
      const m = await app.db.selectFrom('messages').select('body').where('dossier_id', '=', id).execute();
      assert.deepEqual(
        m.map((x) => x.body),
        ['Date limite\n\nDéposez avant le 31 mars.'],
      );
    }
    const page = await b.get(base);
    assert.match(textOf(page.html), /« Date limite » par .* : envoyé à 2 usagers/);
  });

  test('the public link with its QR code, and a preview that saves nothing', async () => {
    const page = await b.get(base);
    assert.match(page.html, new RegExp(`value="http://guichet.test/commencer/${f.procedureId}"`));
    assert.match(page.html, /<svg[^>]*viewBox/);
    const preview = await b.get(`${base}/apercu`);
    assert.equal(preview.res.status, 200);
    assert.match(preview.html, /Nom du projet/);
    const before = await app.db.selectFrom('dossiers').select('id').execute();
    const r = await b.post(`${base}/apercu`, { champ_c2: 'Mon projet' });
    assert.equal(r.status, 200);
    assert.match(await r.text(), /value="Mon projet"/);
    assert.equal((await app.db.selectFrom('dossiers').select('id').execute()).length, before.length);
  });

  test('an instructor of another procedure does not reach it', async () => {
    const g = await procedureFixture(app);
    const outsider = await browserAs(app, g.instructeurA);
    assert.equal((await outsider.get(base)).res.status, 404);
  });
});
