// The messagerie (docs/domain.md §7) through the web routes: text required, up to 10 files of 20 MB
// checked before storing, « en attente de réponse », read marks, badges, deleting one's own message
// (files removed, correction resolved), disabled when archived, and the usager's delayed e-mail that
// is skipped once the message was deleted.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier } from '../helpers/fixtures.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { notifyNewMessageJob } from '../../src/jobs/notify-new-message.ts';
import { MESSAGING_ARCHIVED } from '../../src/domain/permissions.ts';
import {
  browserAs,
  dossierProcedure,
  exe,
  fileOf,
  follow,
  pdf,
  png,
  textOf,
  type DossierFixture,
} from './dossier-fixture.ts';

let app: TestApp;
let f: DossierFixture;

before(async () => {
  app = await createTestApp();
  f = await dossierProcedure(app);
});
after(async () => closeTestApp(app));

const messagesOf = (id: string) =>
  app.db.selectFrom('messages').selectAll().where('dossier_id', '=', id).orderBy('id').execute();
const filesOf = (id: string) => app.db.selectFrom('files').selectAll().where('dossier_id', '=', id).execute();
const badges = (id: string, user: string) =>
  app.db
    .selectFrom('notifications')
    .select('kind')
    .where('dossier_id', '=', id)
    .where('user_id', '=', user)
    .execute()
    .then((r) => r.map((x) => x.kind).sort());

function messageForm(body: string, files: File[] = [], extra: Record<string, string> = {}): FormData {
  const fd = new FormData();
  fd.append('body', body);
  for (const x of files) fd.append('files', x);
  for (const [k, v] of Object.entries(extra)) fd.append(k, v);
  return fd;
}

describe(`messagerie (${engine})`, () => {
  test('an instructor message with files asking for an answer; the usager reads it and answers', async () => {
    const id = await dossier(app, f);
    const bi = await browserAs(app, f.instructeurA);
    const bi2 = await browserAs(app, f.instructeurA2);
    // A2 follows: he is the one badged about messages (preference « followed »)
    await bi2.get(`/instructeur/dossiers/${id}`);
    await bi2.post(`/instructeur/dossiers/${id}/suivre`);
    await bi.get(`/instructeur/dossiers/${id}/messagerie`);
    const r = await bi.postMultipart(
      `/instructeur/dossiers/${id}/messagerie`,
      messageForm(
        'Bonjour,\nmerci de nous envoyer le budget.',
        [fileOf(pdf(), 'modèle budget.pdf'), fileOf(png(), 'plan.png')],
        { awaitingResponse: '1' },
      ),
    );
    assert.equal(r.status, 303);
    assert.match((await follow(bi, r)).html, /Votre message a été envoyé/);
    const [m] = await messagesOf(id);
    assert.equal(m.author_kind, 'instructeur');
    assert.equal(m.body, 'Bonjour,\nmerci de nous envoyer le budget.');
    assert.equal(m.awaiting_response, true);
    const files = await filesOf(id);
    assert.deepEqual(files.map((x) => [x.origin, x.origin_ref, x.content_type]).sort(), [
      ['message', m.id, 'application/pdf'],
      ['message', m.id, 'image/png'],
    ]);
    assert.deepEqual([...m.file_ids].sort(), files.map((x) => x.id).sort());
    assert.deepEqual(await badges(id, f.instructeurA2.id), ['attente_reponse', 'message']);
    assert.deepEqual(await badges(id, f.instructeurA.id), ['attente_reponse'], 'the author has no « message » badge');
    assert.ok(
      await app.db
        .selectFrom('follows')
        .select('user_id')
        .where('dossier_id', '=', id)
        .where('user_id', '=', f.instructeurA.id)
        .where('unfollowed_at', 'is', null)
        .executeTakeFirst(),
      'the author follows',
    );
    // the usager's e-mail waits 5 minutes
    const job = await sql<{
      start_after: Date;
      created_on: Date;
    }>`SELECT start_after, created_on FROM pgboss.job WHERE name = 'notify-new-message' AND data->>'messageId' = ${m.id}`.execute(
      app.db,
    );
    const delay = (job.rows[0].start_after.getTime() - job.rows[0].created_on.getTime()) / 1000;
    assert.ok(delay >= 290 && delay <= 310, `delay ${delay}s`);

    // « Envoyé », not yet « Lu »
    let thread = textOf((await bi.get(`/instructeur/dossiers/${id}/messagerie`)).html);
    assert.match(thread, /Envoyé/);
    assert.match(thread, /En attente de réponse/);
    assert.match(thread, /modèle budget\.pdf/);

    // the usager opens his dossier: the message is read
    const bu = await browserAs(app, f.usager);
    const page = await bu.get(`/dossiers/${id}`);
    assert.match(textOf(page.html), /merci de nous envoyer le budget/);
    assert.ok((await messagesOf(id))[0].seen_by_recipient_at, 'read mark');
    thread = textOf((await bi.get(`/instructeur/dossiers/${id}/messagerie`)).html);
    assert.match(thread, /Lu le/);

    // he answers with a file: the pending answer is resolved, followers get a « message » badge
    const ans = await bu.postMultipart(
      `/dossiers/${id}/messagerie`,
      messageForm('Voici le budget.', [fileOf(pdf('Budget'), 'budget.pdf')]),
    );
    assert.equal(ans.status, 303);
    const all = await messagesOf(id);
    assert.equal(all.length, 2);
    assert.ok(all[0].responded_at, 'answered');
    assert.equal(all[1].author_kind, 'usager');
    assert.deepEqual(await badges(id, f.instructeurA.id), ['message']);
    // the instructor opens the messagerie: the usager's message is « lu », his badge goes
    await bi.get(`/instructeur/dossiers/${id}/messagerie`);
    assert.ok((await messagesOf(id))[1].seen_by_recipient_at);
    assert.deepEqual(await badges(id, f.instructeurA.id), []);
    const usagerView = textOf((await bu.get(`/dossiers/${id}`)).html);
    assert.match(usagerView, /Voici le budget\. budget\.pdf .* Lu/);
  });

  test('the usager is e-mailed about a message, unless it was deleted meanwhile; deleting removes its files and resolves its correction', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const bi = await browserAs(app, f.instructeurA);
    await bi.get(`/instructeur/dossiers/${id}/messagerie`);
    await bi.postMultipart(`/instructeur/dossiers/${id}/messagerie`, messageForm('Premier message.'));
    await bi.postMultipart(
      `/instructeur/dossiers/${id}/messagerie`,
      messageForm('Second message, avec pièce.', [fileOf(pdf(), 'piece.pdf')]),
    );
    const [first, second] = await messagesOf(id);
    const handler = await notifyNewMessageJob.handler();
    await handler(app, { messageId: first.id });
    const mails = await app.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('to_email', '=', f.usager.email)
      .where('subject', 'like', `%Nouveau message sur votre dossier nº ${id}%`)
      .execute();
    assert.equal(mails.length, 1);
    assert.match(mails[0].text, new RegExp(`/dossiers/${id}/messagerie`));

    // delete the second one: body emptied, file gone, no e-mail
    const key = (await filesOf(id))[0].storage_key;
    const page = await bi.get(`/instructeur/dossiers/${id}/messagerie`);
    assert.match(page.html, new RegExp(`/instructeur/dossiers/${id}/messages/${second.id}/supprimer`));
    const r = await bi.post(`/instructeur/dossiers/${id}/messages/${second.id}/supprimer`);
    assert.match((await follow(bi, r)).html, /Le message a été supprimé/);
    const gone = (await messagesOf(id))[1];
    assert.equal(gone.body, '');
    assert.ok(gone.discarded_at);
    assert.equal((await filesOf(id)).length, 0);
    await drainJobs(app);
    assert.equal(app.storage.files.has(key), false, 'bytes removed after the commit');
    await handler(app, { messageId: second.id });
    const after = await app.db
      .selectFrom('outbox_emails')
      .select('id')
      .where('to_email', '=', f.usager.email)
      .where('subject', 'like', `%Nouveau message sur votre dossier nº ${id}%`)
      .execute();
    assert.equal(after.length, 1, 'no e-mail for a deleted message');
    assert.match(textOf((await bi.get(`/instructeur/dossiers/${id}/messagerie`)).html), /Message supprimé le/);

    // a colleague cannot delete my message; nobody deletes the usager's
    const bi2 = await browserAs(app, f.instructeurA2);
    await bi2.get(`/instructeur/dossiers/${id}/messagerie`);
    const no = await bi2.post(`/instructeur/dossiers/${id}/messages/${first.id}/supprimer`);
    assert.match((await follow(bi2, no)).html, /Vous ne pouvez supprimer que vos propres messages/);
    assert.equal((await messagesOf(id))[0].body, 'Premier message.');

    // deleting the message of a correction resolves the correction
    const form = await bi.get(`/instructeur/dossiers/${id}/actions/demander-une-correction`);
    await bi.post(`/instructeur/dossiers/${id}/actions/demander-une-correction`, {
      lockVersion: form.html.match(/name="lockVersion" value="(\d+)"/)![1],
      correctionMessage: 'Pièce manquante.',
    });
    assert.equal(
      (await app.db.selectFrom('dossiers').select('pending_correction').where('id', '=', id).executeTakeFirstOrThrow())
        .pending_correction,
      true,
    );
    const correctionMsg = (await messagesOf(id)).find((m) => m.body === 'Pièce manquante.')!;
    await bi.get(`/instructeur/dossiers/${id}/messagerie`);
    await bi.post(`/instructeur/dossiers/${id}/messages/${correctionMsg.id}/supprimer`);
    const d = await app.db
      .selectFrom('dossiers')
      .select(['pending_correction'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(d.pending_correction, false);
    assert.ok(
      (
        await app.db
          .selectFrom('corrections')
          .select('resolved_at')
          .where('message_id', '=', correctionMsg.id)
          .executeTakeFirstOrThrow()
      ).resolved_at,
    );
  });

  test('refusals: French message, nothing stored (table)', async () => {
    const big = Buffer.concat([pdf(), Buffer.alloc(20 * 1024 * 1024 + 10, 0x20)]);
    const eleven = Array.from({ length: 11 }, (_, i) => fileOf(pdf(), `p${i}.pdf`));
    const cases: { name: string; fd: () => FormData; archived?: boolean; expect: RegExp }[] = [
      {
        name: 'no text',
        fd: () => messageForm('   ', [fileOf(pdf(), 'seule.pdf')]),
        expect: /Le message ne peut pas être vide/,
      },
      { name: 'more than 10 files', fd: () => messageForm('Onze pièces', eleven), expect: /au plus 10 fichiers/ },
      {
        name: 'a file over 20 MB',
        fd: () => messageForm('Gros fichier', [fileOf(pdf(), 'petit.pdf'), fileOf(big, 'gros.pdf')]),
        expect: /dépasse la taille maximale autorisée \(20 Mo\)/,
      },
      {
        name: 'a refused type',
        fd: () => messageForm('Exécutable', [fileOf(exe(), 'outil.pdf')]),
        expect: /n&#39;est pas d&#39;un type accepté|n'est pas d'un type accepté/,
      },
      {
        name: 'an archived dossier',
        fd: () => messageForm('Après archivage'),
        archived: true,
        expect: new RegExp(MESSAGING_ARCHIVED),
      },
    ];
    const bi = await browserAs(app, f.instructeurA);
    for (const c of cases) {
      const id = await dossier(app, f, { state: c.archived ? 'accepte' : 'en_construction' });
      if (c.archived) await app.db.updateTable('dossiers').set({ archived: true }).where('id', '=', id).execute();
      await bi.get(`/instructeur/dossiers/${id}/messagerie`);
      const keys = app.storage.files.size;
      const r = await bi.postMultipart(`/instructeur/dossiers/${id}/messagerie`, c.fd());
      assert.equal(r.status, 422, c.name);
      const html = await r.text();
      assert.match(html, c.expect, c.name);
      assert.equal((await messagesOf(id)).length, 0, c.name);
      assert.equal((await filesOf(id)).length, 0, c.name);
      assert.equal(app.storage.files.size, keys, c.name);
      assert.equal(
        (await app.db.selectFrom('notifications').select('kind').where('dossier_id', '=', id).execute()).length,
        0,
        c.name,
      );
    }
  });

  test('archived: the messagerie is disabled with an explanation, for the instructor and the usager', async () => {
    const id = await dossier(app, f, { state: 'refuse' });
    await app.db.updateTable('dossiers').set({ archived: true }).where('id', '=', id).execute();
    const bi = await browserAs(app, f.instructeurA);
    const p = await bi.get(`/instructeur/dossiers/${id}/messagerie`);
    assert.match(p.html, new RegExp(MESSAGING_ARCHIVED));
    assert.ok(!p.html.includes('Envoyer le message'));
    const bu = await browserAs(app, f.usager);
    const u = await bu.get(`/dossiers/${id}`);
    assert.match(u.html, new RegExp(MESSAGING_ARCHIVED));
    const r = await bu.postMultipart(`/dossiers/${id}/messagerie`, messageForm('Bonjour ?'));
    assert.equal(r.status, 422);
    assert.equal((await messagesOf(id)).length, 0);
  });

  test('the thread is newest first, system messages included', async () => {
    const id = await dossier(app, f);
    const bi = await browserAs(app, f.instructeurA);
    const { html } = await bi.get(`/instructeur/dossiers/${id}`);
    await bi.post(`/instructeur/dossiers/${id}/actions`, {
      action: 'passer_en_instruction',
      lockVersion: html.match(/name="lockVersion" value="(\d+)"/)![1],
    });
    app.clock.advance(60_000);
    await bi.get(`/instructeur/dossiers/${id}/messagerie`);
    await bi.postMultipart(`/instructeur/dossiers/${id}/messagerie`, messageForm('Message plus récent.'));
    const t = textOf((await bi.get(`/instructeur/dossiers/${id}/messagerie`)).html);
    assert.ok(t.indexOf('Message plus récent.') < t.indexOf("en cours d'instruction"), 'newest first');
    assert.match(t, /Guichet \(message automatique\)/);
  });
});
