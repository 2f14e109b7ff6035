// Retention (docs/domain.md §5, docs/interface.md §2B) driven by the daily jobs with a moved clock, to the day: the day
// before the warning nothing happens; on the day the warning is sent once (badges, e-mails, new
// expiry date); 14 days later the dossier is hidden into the corbeille; 14 days after that it is
// purged, its files deleted, a tombstone kept and shown in « Dossiers supprimés ». En instruction
// never expires; « Prolonger la conservation d'un mois » pushes everything out.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import { browserAs, follow, textOf } from './dossier-fixture.ts';
import { JOBS, drainJobs } from '../../src/jobs/index.ts';
import { runRetentionStep } from '../../src/features/retention/run-retention.ts';
import { addDaysUTC, addMonthsUTC, computeExpiresAt } from '../../src/domain/retention.ts';
import type { Browser } from '../helpers/http.ts';

const DAY = 86_400_000;
const T0 = new Date('2026-03-02T09:00:00Z');
let app: TestApp;
let f: Fixture;
let a: Browser;

before(async () => {
  app = await createTestApp({ now: T0.toISOString() });
  f = await procedureFixture(app);
  a = await browserAs(app, f.instructeurA);
  // the clock travels more than a year ahead: keep the session alive
  await app.db
    .updateTable('sessions')
    .set({ expires_at: new Date('2099-01-01T00:00:00Z') })
    .execute();
  await a.get('/dossiers');
});
after(async () => closeTestApp(app));

/** A dossier deposited now, with its expiry computed by the domain (as the deposit does). */
async function expiring(state: 'en_construction' | 'accepte' | 'en_instruction' | 'brouillon' = 'en_construction') {
  const id = await dossier(app, f, { state });
  const row = await app.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const expires = computeExpiresAt(
    row,
    { retention_months: 12, expires_when_termine: true },
    { brouillonReference: app.clock.now() },
  );
  await app.db.updateTable('dossiers').set({ expires_at: expires }).where('id', '=', id).execute();
  return id;
}

/** The three daily jobs, as pg-boss would run them, then the e-mail and file jobs they enqueue —
 *  drained with the job catalogue reversed (the e-mails before the steps that enqueue them, the
 *  warning before the hiding before the purge): the order must not matter. */
async function daily(): Promise<void> {
  for (const name of ['retention-purge', 'retention-hide', 'retention-warn']) await app.boss.send(name, {});
  await drainJobs(app, { jobs: [...JOBS].reverse() });
  // the clock jumps weeks ahead between two pages: keep the test sessions alive (12 h sliding otherwise)
  await app.db
    .updateTable('sessions')
    .set({ expires_at: new Date('2099-01-01T00:00:00Z'), last_seen_at: app.clock.now() })
    .execute();
}

const row = (id: string) => app.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirst();
const badges = async (id: string) =>
  (
    await app.db
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('dossier_id', '=', id)
      .orderBy('kind')
      .orderBy('user_id')
      .execute()
  ).map((n) => `${n.kind}:${n.user_id}`);
const mailsTo = (to: string) =>
  app.db.selectFrom('outbox_emails').selectAll().where('to_email', '=', to).orderBy('id').execute();
const eventTypes = async (id: string) =>
  (await app.db.selectFrom('dossier_events').select('type').where('dossier_id', '=', id).orderBy('id').execute()).map(
    (e) => e.type,
  );

describe(`retention jobs, to the day (${engine})`, () => {
  test('warn on the day, hide 14 days later, purge 14 days after that; en instruction untouched; brouillon destroyed', async () => {
    app.clock.set(T0);
    const id = await expiring('en_construction');
    const brouillon = await expiring('brouillon');
    // a brouillon's own retention is capped at 3 months; give it the same date to follow it along
    await app.db
      .updateTable('dossiers')
      .set({ expires_at: addMonthsUTC(T0, 12) })
      .where('id', '=', brouillon)
      .execute();
    const instr = await dossier(app, f, { state: 'en_instruction' });
    await app.db.insertInto('follows').values({ dossier_id: id, user_id: f.instructeurA.id, created_at: T0 }).execute();
    await app.db
      .insertInto('files')
      .values({
        id: 'file-retention-0001',
        dossier_id: id,
        origin: 'champ',
        origin_ref: 'c2',
        name: 'statuts.pdf',
        content_type: 'application/pdf',
        size: 10,
        sha256: 'x',
        storage_key: `dossiers/${id}/file-retention-0001`,
      })
      .execute();
    await app.storage.put(`dossiers/${id}/file-retention-0001`, Buffer.from('%PDF-1.4 statuts'));
    const expiresAt = addMonthsUTC(T0, 12); // 2 March 2027, 09:00 UTC
    assert.equal((await row(id))!.expires_at!.getTime(), expiresAt.getTime());
    const warningDay = addDaysUTC(expiresAt, -14);

    // the day before the warning: nothing
    app.clock.set(addDaysUTC(warningDay, -1));
    await daily();
    assert.equal((await row(id))!.expiry_notice_sent_at, null);
    assert.deepEqual(await badges(id), []);
    assert.equal((await mailsTo(f.usager.email)).length, 0);

    // the day of the warning: stamped, new expiry = notice + 14 days, badges for the group, e-mails
    app.clock.set(warningDay);
    await daily();
    const warned = (await row(id))!;
    assert.equal(warned.expiry_notice_sent_at!.getTime(), warningDay.getTime());
    assert.equal(warned.expires_at!.getTime(), addDaysUTC(warningDay, 14).getTime());
    assert.equal(warned.hidden_by_expired_at, null);
    assert.deepEqual(await badges(id), [
      `dossier_expirant:${f.instructeurA.id}`,
      `dossier_expirant:${f.instructeurA2.id}`,
    ]);
    const bn = await app.db
      .selectFrom('notifications')
      .select('display_at')
      .where('dossier_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(bn.display_at.getTime(), warningDay.getTime(), 'shown from the warning on');
    assert.deepEqual(await badges(brouillon), [], 'no badge for a brouillon (instructors never see it)');
    let usagerMails = await mailsTo(f.usager.email);
    assert.equal(usagerMails.length, 1, 'one e-mail per usager, listing his dossiers');
    assert.equal(usagerMails[0].subject, 'Des dossiers vont bientôt être supprimés');
    assert.match(usagerMails[0].text, new RegExp(`Dossier nº ${id} .*suppression prévue le 2 mars 2027`));
    assert.match(usagerMails[0].text, new RegExp(`Dossier nº ${brouillon} `));
    const digest = await mailsTo(f.instructeurA.email);
    assert.equal(digest.length, 1);
    assert.equal(digest[0].subject, `Le dossier nº ${id} va bientôt être supprimé`);
    assert.equal((await mailsTo(f.instructeurA2.email)).length, 0, 'only followers get the digest');
    assert.deepEqual(await eventTypes(id), ['expiration_annoncee']);

    // the same day again (a second run, or a retried job): nothing more
    await daily();
    assert.equal((await mailsTo(f.usager.email)).length, 1);
    assert.deepEqual(await eventTypes(id), ['expiration_annoncee']);

    // 13 days later: still there
    app.clock.set(addDaysUTC(warningDay, 13));
    await daily();
    assert.equal((await row(id))!.hidden_by_expired_at, null);
    assert.ok(await row(brouillon));

    // 14 days after the warning: hidden into the corbeille, brouillon destroyed
    const hideDay = addDaysUTC(warningDay, 14);
    app.clock.set(hideDay);
    await daily();
    const hidden = (await row(id))!;
    assert.equal(hidden.hidden_by_expired_at!.getTime(), hideDay.getTime());
    assert.deepEqual(await badges(id), [
      `dossier_suppression:${f.instructeurA.id}`,
      `dossier_suppression:${f.instructeurA2.id}`,
    ]);
    assert.equal(await row(brouillon), undefined, 'an expired brouillon is destroyed');
    assert.equal(
      (await app.db.selectFrom('deleted_dossiers').select('dossier_id').where('dossier_id', '=', brouillon).execute())
        .length,
      0,
      'no tombstone for a brouillon',
    );
    usagerMails = await mailsTo(f.usager.email);
    assert.equal(usagerMails.length, 2);
    assert.equal(usagerMails[1].subject, `Votre dossier nº ${id} a été supprimé automatiquement`);
    assert.equal(
      (await mailsTo(f.instructeurA.email)).at(-1)!.subject,
      `Le dossier nº ${id} a été supprimé automatiquement`,
    );
    assert.deepEqual(await eventTypes(id), ['expiration_annoncee', 'expire']);
    // in the corbeille of the list with its purge date; the dossier itself is no longer opened
    assert.equal((await a.request('GET', `/instructeur/dossiers/${id}`)).status, 404);
    const inCorbeille = textOf((await a.get(`/instructeur/procedures/${f.procedureId}?statut=supprimes`)).html);
    assert.match(inCorbeille, new RegExp(`Nº ${id} .*Restaurer et prolonger le dossier nº ${id}`));
    const purgeText = new Intl.DateTimeFormat('fr-FR', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Paris',
    }).format(addDaysUTC(hideDay, 14));
    assert.match(inCorbeille, new RegExp(`Suppression définitive le ${purgeText}`));

    // 13 days in the corbeille: kept
    app.clock.set(addDaysUTC(hideDay, 13));
    await daily();
    assert.ok(await row(id));

    // 14 days in the corbeille: purged, files deleted, tombstone
    const purgeDay = addDaysUTC(hideDay, 14);
    app.clock.set(purgeDay);
    await daily();
    assert.equal(await row(id), undefined);
    assert.equal(
      (await app.db.selectFrom('files').select('id').where('id', '=', 'file-retention-0001').execute()).length,
      0,
    );
    assert.equal(app.storage.files.has(`dossiers/${id}/file-retention-0001`), false, 'the stored bytes are gone');
    const tomb = await app.db
      .selectFrom('deleted_dossiers')
      .selectAll()
      .where('dossier_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(tomb.reason, 'expired');
    assert.equal(tomb.state, 'en_construction');
    assert.equal(tomb.procedure_id, f.procedureId);
    assert.equal(tomb.groupe_id, f.groupA);
    assert.equal(tomb.deleted_at.getTime(), purgeDay.getTime());
    assert.equal(tomb.depose_at!.getTime(), T0.getTime());

    // en instruction: never touched
    const i = (await row(instr))!;
    assert.equal(i.expires_at, null);
    assert.equal(i.expiry_notice_sent_at, null);
    assert.equal(i.hidden_by_expired_at, null);
    assert.deepEqual(await eventTypes(instr), []);

    // « Dossiers supprimés », reached from the corbeille tab
    const corbeille = await a.get(`/instructeur/procedures/${f.procedureId}?statut=supprimes`);
    assert.match(corbeille.html, new RegExp(`href="/instructeur/procedures/${f.procedureId}/dossiers-supprimes"`));
    const page = await a.get(`/instructeur/procedures/${f.procedureId}/dossiers-supprimes`);
    assert.equal(page.res.status, 200);
    assert.match(
      textOf(page.html),
      new RegExp(`Dossier nº ${id} En construction Groupe A 2 mars 2026 \\d+ mars 2027 Délai de conservation expiré`),
    );
  });

  test("« Prolonger la conservation d'un mois » after the warning pushes the hiding out; the warning comes back a month later", async () => {
    app.clock.set(T0);
    const id = await expiring('accepte');
    const expiresAt = addMonthsUTC(T0, 12);
    const warningDay = addDaysUTC(expiresAt, -14);
    app.clock.set(warningDay);
    await daily();
    assert.ok((await row(id))!.expiry_notice_sent_at);

    // the instructor extends it from the dossier page (a domain action of the header)
    app.clock.set(addDaysUTC(warningDay, 3));
    const { html } = await a.get(`/instructeur/dossiers/${id}`);
    assert.match(html, /Prolonger la conservation d(&#39;|')un mois/);
    const lock = /name="lockVersion" value="(\d+)"/.exec(html)![1];
    const res = await a.post(`/instructeur/dossiers/${id}/actions`, {
      action: 'prolonger_conservation',
      lockVersion: lock,
    });
    assert.match(textOf((await follow(a, res)).html), /La conservation du dossier a été prolongée d'un mois/);
    const extended = (await row(id))!;
    assert.equal(extended.expiry_notice_sent_at, null);
    assert.equal(extended.conservation_extension_months, 1);
    assert.equal(extended.expires_at!.getTime(), addMonthsUTC(T0, 13).getTime());
    assert.deepEqual(await badges(id), [], 'the « Expire bientôt » badge is gone');

    // the day it would have been hidden: still there, not warned again
    app.clock.set(addDaysUTC(warningDay, 14));
    await daily();
    const kept = (await row(id))!;
    assert.equal(kept.hidden_by_expired_at, null);
    assert.equal(kept.expiry_notice_sent_at, null);

    // the new warning: 14 days before the new expiry, not the day before
    const newWarning = addDaysUTC(addMonthsUTC(T0, 13), -14);
    app.clock.set(addDaysUTC(newWarning, -1));
    await daily();
    assert.equal((await row(id))!.expiry_notice_sent_at, null);
    app.clock.set(newWarning);
    await daily();
    assert.equal((await row(id))!.expiry_notice_sent_at!.getTime(), newWarning.getTime());
  });

  test('an expired dossier in the corbeille can be extended back (« restaurer et prolonger »)', async () => {
    app.clock.set(T0);
    const id = await expiring('en_construction');
    const warningDay = addDaysUTC(addMonthsUTC(T0, 12), -14);
    app.clock.set(warningDay);
    await daily();
    app.clock.set(addDaysUTC(warningDay, 14));
    await daily();
    assert.ok((await row(id))!.hidden_by_expired_at);
    // hidden: not opened, only restored from the corbeille tab
    assert.equal((await a.request('GET', `/instructeur/dossiers/${id}`)).status, 404);
    const { html } = await a.get(`/instructeur/procedures/${f.procedureId}?statut=supprimes`);
    assert.match(html, new RegExp(`action="/instructeur/dossiers/${id}/actions"`));
    await a.post(`/instructeur/dossiers/${id}/actions`, { action: 'prolonger_conservation' });
    const back = (await row(id))!;
    assert.equal(back.hidden_by_expired_at, null);
    assert.ok(back.expires_at!.getTime() > addDaysUTC(warningDay, 14).getTime(), 'a later expiry');
    assert.equal((await a.request('GET', `/instructeur/dossiers/${id}`)).status, 200, 'visible again');
    assert.deepEqual(await badges(id), []);
    app.clock.set(addDaysUTC(warningDay, 28));
    await daily();
    assert.ok(await row(id), 'not purged');
  });

  test('trash rules: a treated dossier trashed by the instructor alone stays; trashed by both usager and instructor, it is purged with the reason of the last one', async () => {
    app.clock.set(T0);
    const onlyAdmin = await dossier(app, f, { state: 'refuse' });
    const both = await dossier(app, f, { state: 'accepte' });
    const byUser = await dossier(app, f, { state: 'en_construction' });
    await app.db
      .updateTable('dossiers')
      .set({ hidden_by_administration_at: T0, expires_at: addMonthsUTC(T0, 12) })
      .where('id', '=', onlyAdmin)
      .execute();
    await app.db
      .updateTable('dossiers')
      .set({ hidden_by_user_at: T0, hidden_by_administration_at: addDaysUTC(T0, 1), expires_at: addMonthsUTC(T0, 12) })
      .where('id', '=', both)
      .execute();
    await app.db
      .updateTable('dossiers')
      .set({ hidden_by_user_at: T0, expires_at: addMonthsUTC(T0, 12) })
      .where('id', '=', byUser)
      .execute();
    app.clock.set(addDaysUTC(T0, 14));
    await daily();
    assert.ok(await row(both), 'the administration hid it 13 days ago only');
    assert.equal(await row(byUser), undefined);
    app.clock.set(addDaysUTC(T0, 15));
    await daily();
    assert.equal(await row(both), undefined);
    assert.ok(await row(onlyAdmin), 'stays in the corbeille until it expires');
    const reasons = await app.db
      .selectFrom('deleted_dossiers')
      .select(['dossier_id', 'reason'])
      .where('dossier_id', 'in', [both, byUser])
      .orderBy('dossier_id')
      .execute();
    assert.deepEqual(
      reasons.map((r) => [r.dossier_id, r.reason]),
      [
        [both, 'instructeur_request'],
        [byUser, 'user_request'],
      ],
    );
  });

  test('batches: every candidate is processed, whatever the batch size, and a second run changes nothing', async () => {
    app.clock.set(T0);
    const ids = [];
    for (let i = 0; i < 7; i++) ids.push(await expiring('en_construction'));
    app.clock.set(addDaysUTC(addMonthsUTC(T0, 12), -14));
    const warned = await runRetentionStep(app, 'warn', { batchSize: 2 });
    for (const id of ids) assert.ok(warned.includes(id), `dossier ${id} averti`);
    assert.deepEqual(await runRetentionStep(app, 'warn', { batchSize: 2 }), []);
    await drainJobs(app);
  });
});

describe(`« Dossiers supprimés » (${engine})`, () => {
  test('25 per page, newest first, only the groups I instruct', async () => {
    const p = await procedureFixture(app);
    const now = app.clock.now();
    await app.db
      .insertInto('deleted_dossiers')
      .values([
        ...Array.from({ length: 30 }, (_, i) => ({
          dossier_id: String(900000 + i),
          procedure_id: p.procedureId,
          groupe_id: p.groupA,
          state: 'accepte',
          depose_at: T0,
          deleted_at: new Date(now.getTime() - i * DAY),
          reason: 'expired',
        })),
        {
          dossier_id: '990000',
          procedure_id: p.procedureId,
          groupe_id: p.groupB,
          state: 'refuse',
          depose_at: T0,
          deleted_at: now,
          reason: 'instructeur_request',
        },
      ])
      .execute();
    const b = await browserAs(app, p.instructeurA);
    const bb = await browserAs(app, p.instructeurB);
    await app.db
      .updateTable('sessions')
      .set({ expires_at: new Date('2099-01-01T00:00:00Z') })
      .execute();
    const first = await b.get(`/instructeur/procedures/${p.procedureId}/dossiers-supprimes`);
    const rows1 = [...first.html.matchAll(/Dossier nº (\d+)/g)].map((m) => m[1]);
    assert.equal(rows1.length, 25);
    assert.equal(rows1[0], '900000');
    assert.ok(!rows1.includes('990000'), "another group's tombstone is not shown");
    assert.match(textOf(first.html), /30 dossiers supprimés — page 1 sur 2/);
    const second = await b.get(`/instructeur/procedures/${p.procedureId}/dossiers-supprimes?page=2`);
    assert.deepEqual(
      [...second.html.matchAll(/Dossier nº (\d+)/g)].map((m) => m[1]),
      ['900025', '900026', '900027', '900028', '900029'],
    );
    const beyond = await b.request('GET', `/instructeur/procedures/${p.procedureId}/dossiers-supprimes?page=9`);
    assert.equal(beyond.status, 302);
    const junk = await b.request('GET', `/instructeur/procedures/${p.procedureId}/dossiers-supprimes?page=abc`);
    assert.equal(junk.status, 200);
    const other = await bb.get(`/instructeur/procedures/${p.procedureId}/dossiers-supprimes`);
    assert.deepEqual(
      [...other.html.matchAll(/Dossier nº (\d+)/g)].map((m) => m[1]),
      ['990000'],
    );
    assert.match(textOf(other.html), /Supprimé par l'administration/);
  });
});
