// Forms that create something (docs/interface.md §3A): an empty attachment is refused with a French
// message and the typed text kept (never dropped silently); the same form sent twice — a double
// click, a reload that re-posts — creates one thing only, the second answer leading to the same page.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier } from '../helpers/fixtures.ts';
import { SYSTEM_ACTOR } from '../../src/features/command.ts';
import { sweepFormSubmissions } from '../../src/features/forms/sweep-form-submissions.ts';
import { browserAs, dossierProcedure, fileOf, follow, pdf, textOf, type DossierFixture } from './dossier-fixture.ts';

let app: TestApp;
let f: DossierFixture;

before(async () => {
  app = await createTestApp();
  f = await dossierProcedure(app);
  await app.db.updateTable('procedures').set({ rdv_enabled: true }).where('id', '=', f.procedureId).execute();
});
after(async () => closeTestApp(app));

const messagesOf = (id: string) =>
  app.db.selectFrom('messages').selectAll().where('dossier_id', '=', id).orderBy('id').execute();

/** The one-time token of the first form of the page. */
function onceOf(html: string): string {
  const m = html.match(/name="_once" value="([^"]+)"/);
  assert.ok(m, 'the form carries a one-time token');
  return m[1];
}

function messageForm(body: string, files: File[], once?: string): FormData {
  const fd = new FormData();
  fd.append('body', body);
  for (const x of files) fd.append('files', x);
  if (once) fd.append('_once', once);
  return fd;
}

describe(`forms that create things (${engine})`, () => {
  test('an empty attachment is refused with a French message, the text kept, nothing sent', async () => {
    const id = await dossier(app, f);
    const bi = await browserAs(app, f.instructeurA);
    await bi.get(`/instructeur/dossiers/${id}/messagerie`);
    const r = await bi.postMultipart(
      `/instructeur/dossiers/${id}/messagerie`,
      messageForm('Voici le document demandé.', [fileOf(pdf(), 'budget.pdf'), fileOf(Buffer.alloc(0), 'vide.pdf')]),
    );
    assert.equal(r.status, 422);
    const html = await r.text();
    assert.match(textOf(html), /Le fichier « vide\.pdf » est vide/);
    assert.match(html, /Voici le document demandé\./, 'the typed text is kept');
    assert.equal((await messagesOf(id)).length, 0);

    const bu = await browserAs(app, f.usager);
    await bu.get(`/dossiers/${id}`);
    const ru = await bu.postMultipart(
      `/dossiers/${id}/messagerie`,
      messageForm('Ma réponse avec pièce.', [fileOf(Buffer.alloc(0), 'réponse.txt')]),
    );
    assert.equal(ru.status, 422);
    const htmlU = await ru.text();
    assert.match(textOf(htmlU), /Le fichier « réponse\.txt » est vide/);
    assert.match(htmlU, /Ma réponse avec pièce\./);
    assert.equal((await messagesOf(id)).length, 0);

    // a file input left empty (no name, no bytes) is no attachment at all
    const fd = messageForm('Sans pièce jointe.', [new File([], '', { type: 'application/octet-stream' })]);
    const ok = await bu.postMultipart(`/dossiers/${id}/messagerie`, fd);
    assert.equal(ok.status, 303);
    assert.equal((await messagesOf(id)).length, 1);
  });

  test('the same message sent twice is stored once, both answers lead to the messagerie (instructor and usager)', async () => {
    const id = await dossier(app, f);
    const bi = await browserAs(app, f.instructeurA);
    const page = await bi.get(`/instructeur/dossiers/${id}/messagerie`);
    const once = onceOf(page.html);
    const first = await bi.postMultipart(
      `/instructeur/dossiers/${id}/messagerie`,
      messageForm('Bonjour, un seul message.', [fileOf(pdf(), 'a.pdf')], once),
    );
    const second = await bi.postMultipart(
      `/instructeur/dossiers/${id}/messagerie`,
      messageForm('Bonjour, un seul message.', [fileOf(pdf(), 'a.pdf')], once),
    );
    assert.equal(first.status, 303);
    assert.equal(second.status, 303);
    assert.equal(second.headers.get('location'), first.headers.get('location'));
    assert.match(textOf((await follow(bi, second)).html), /Votre message a été envoyé/);
    assert.equal((await messagesOf(id)).length, 1);
    const files = await app.db.selectFrom('files').select('id').where('dossier_id', '=', id).execute();
    assert.equal(files.length, 1, 'the file of the second submission is not stored');

    // a new page gives a new token: a second message is possible; sent twice at the same time, once
    const again = await bi.get(`/instructeur/dossiers/${id}/messagerie`);
    const once2 = onceOf(again.html);
    assert.notEqual(once2, once);
    const both = await Promise.all(
      [0, 1].map(() =>
        bi.postMultipart(`/instructeur/dossiers/${id}/messagerie`, messageForm('Deux clics rapides.', [], once2)),
      ),
    );
    assert.deepEqual(
      both.map((r) => r.status),
      [303, 303],
    );
    assert.equal((await messagesOf(id)).length, 2);

    const bu = await browserAs(app, f.usager);
    const up = await bu.get(`/dossiers/${id}`);
    const onceU = onceOf(up.html.slice(up.html.indexOf('messagerie')));
    for (let i = 0; i < 2; i++) {
      const r = await bu.postMultipart(`/dossiers/${id}/messagerie`, messageForm('Merci, bien reçu.', [], onceU));
      assert.equal(r.status, 303);
    }
    assert.equal((await messagesOf(id)).filter((m) => m.author_kind === 'usager').length, 1);

    // the token of another person is not a replay of his message
    const b2 = await browserAs(app, f.instructeurA2);
    await b2.get(`/instructeur/dossiers/${id}/messagerie`);
    const r2 = await b2.postMultipart(
      `/instructeur/dossiers/${id}/messagerie`,
      messageForm('Un autre instructeur.', [], once),
    );
    assert.equal(r2.status, 303);
    assert.equal((await messagesOf(id)).length, 4);
  });

  test('a rendez-vous proposal and a correction request sent twice create one each', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const bi = await browserAs(app, f.instructeurA);
    const tab = await bi.get(`/instructeur/dossiers/${id}/rendez-vous`);
    const inTwoWeeks = new Date(app.clock.now().getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
    const slot = {
      date: inTwoWeeks,
      time: '10:30',
      duration: '45',
      mode: 'sur_place',
      place: 'Mairie annexe',
      _once: onceOf(tab.html.slice(tab.html.indexOf('rdv-date') - 2000)),
    };
    const r1 = await bi.post(`/instructeur/dossiers/${id}/rendez-vous`, slot);
    const r2 = await bi.post(`/instructeur/dossiers/${id}/rendez-vous`, slot);
    assert.equal(r1.status, 303);
    assert.equal(r2.status, 303);
    const rdvs = await app.db.selectFrom('rendez_vous').select('id').where('dossier_id', '=', id).execute();
    assert.equal(rdvs.length, 1);

    const form = await bi.get(`/instructeur/dossiers/${id}/actions/demander-une-correction`);
    const lock = form.html.match(/name="lockVersion" value="(\d+)"/)?.[1] ?? '';
    const fields = {
      correctionReason: 'incomplete',
      correctionMessage: 'Merci de joindre le budget.',
      lockVersion: lock,
      _once: onceOf(form.html),
    };
    const c1 = await bi.post(`/instructeur/dossiers/${id}/actions/demander-une-correction`, fields);
    const c2 = await bi.post(`/instructeur/dossiers/${id}/actions/demander-une-correction`, fields);
    assert.equal(c1.status, 303);
    assert.equal(c2.status, 303);
    assert.equal(c2.headers.get('location'), c1.headers.get('location'));
    assert.match(textOf((await follow(bi, c2)).html), /La demande de correction a été envoyée/);
    const corrections = await app.db.selectFrom('corrections').select('id').where('dossier_id', '=', id).execute();
    assert.equal(corrections.length, 1);
  });

  test('the tokens are forgotten two days later by the daily sweep', async () => {
    const before = await app.db.selectFrom('form_submissions').select('token').execute();
    assert.ok(before.length > 0);
    app.clock.advance(86_400_000);
    assert.equal((await sweepFormSubmissions(app, SYSTEM_ACTOR, {})).deleted, 0);
    app.clock.advance(2 * 86_400_000);
    assert.equal((await sweepFormSubmissions(app, SYSTEM_ACTOR, {})).deleted, before.length);
  });
});
