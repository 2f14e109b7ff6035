// « Accompagnement des usagers » (docs/domain.md §14): the message to the brouillons' owners — one
// e-mail per usager whatever his number of brouillons, each exactly once even when the jobs run twice,
// a copy in each brouillon's messagerie, « aucun destinataire » said — the public link with its QR
// code, and the form preview that saves nothing.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { drainJobs } from '../../src/jobs/index.ts';
import { sendBroadcastMailJob } from '../../src/jobs/send-broadcast-mail.ts';
import { closeTestApp, createTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import type { Browser } from '../helpers/http.ts';
import { browserAs, exe, fileOf, pdf, textOf } from './dossier-fixture.ts';

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

  test('an attachment: checked like the messagerie’s, stored once, one file row per brouillon, named in the e-mail', async () => {
    const g = await procedureFixture(app);
    const gb = await browserAs(app, g.instructeurA);
    const gbase = `/instructeur/procedures/${g.procedureId}/accompagnement`;
    const one = await dossier(app, g, { state: 'brouillon' });
    const two = await dossier(app, g, { state: 'brouillon' });
    await gb.get(gbase);
    const form = (file: File) => {
      const fd = new FormData();
      fd.append('subject', 'Pièces à fournir');
      fd.append('body', 'La liste est jointe.');
      fd.append('file', file);
      return fd;
    };
    // refused by its content (an executable named .pdf): nothing sent, what was typed kept
    const bad = await gb.postMultipart(`${gbase}/brouillons`, form(fileOf(exe(), 'liste.pdf')));
    assert.equal(bad.status, 422);
    const badHtml = await bad.text();
    assert.match(badHtml, /id="broadcast-file-error"/);
    assert.match(badHtml, /value="Pièces à fournir"/);
    assert.equal(
      (await app.db.selectFrom('brouillon_broadcasts').select('id').where('procedure_id', '=', g.procedureId).execute())
        .length,
      0,
    );
    const storedBefore = app.storage.files.size;
    const ok = await gb.postMultipart(`${gbase}/brouillons`, form(fileOf(pdf('Liste'), 'liste des pièces.pdf')));
    assert.equal(ok.status, 303);
    const broadcast = await app.db
      .selectFrom('brouillon_broadcasts')
      .select(['id', 'file_name', 'file_storage_key'])
      .where('procedure_id', '=', g.procedureId)
      .executeTakeFirstOrThrow();
    assert.equal(broadcast.file_name, 'liste des pièces.pdf');
    assert.equal(app.storage.files.size, storedBefore + 1, 'the bytes once');
    const rows = await app.db
      .selectFrom('messages')
      .innerJoin('files', (j) => j.on(sql<boolean>`files.origin_ref = messages.id::text`))
      .select(['messages.dossier_id', 'messages.file_ids', 'files.id', 'files.storage_key'])
      .where('messages.dossier_id', 'in', [one, two])
      .where('files.origin', '=', 'message')
      .execute();
    assert.equal(rows.length, 2, 'each brouillon’s message has its file');
    for (const r of rows) assert.deepEqual(r.file_ids, [r.id]);
    assert.deepEqual(new Set(rows.map((r) => r.storage_key)), new Set([broadcast.file_storage_key]));
    assert.deepEqual(new Set(rows.map((r) => String(r.dossier_id))), new Set([one, two]));
    // the usager downloads it from his brouillon; nobody else does
    const usager = await browserAs(app, g.usager);
    const fileOne = rows.find((r) => String(r.dossier_id) === one)!.id;
    const dl = await usager.get(`/fichiers/${fileOne}`);
    assert.equal(dl.res.status, 200);
    const stranger = await browserAs(app, f.usager);
    assert.equal((await stranger.get(`/fichiers/${fileOne}`)).res.status, 404);
    // one e-mail (two brouillons, one usager), exactly once, naming the attachment with a link
    await drainJobs(app);
    const handler = await sendBroadcastMailJob.handler();
    await handler(app, { broadcastId: broadcast.id, email: g.usager.email });
    await drainJobs(app);
    const sent = await mails(/^Pièces à fournir/);
    assert.equal(sent.length, 1);
    assert.match(sent[0]!.text, /Une pièce jointe accompagne ce message : « liste des pièces\.pdf »/);
    assert.match(sent[0]!.text, new RegExp(`/fichiers/${fileOne}`));
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
