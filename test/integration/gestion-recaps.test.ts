// The instructors' daily and weekly recaps (docs/domain.md §4.6): planned once per instructor and Paris
// day whatever the schedule or the worker does (fired twice, restarted midway, a job retried), one
// e-mail per instructor for all his procedures, nothing on Sunday, nothing late, nothing when nothing
// is new; and the e-mail settings page that turns them on.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { recapDailyJob, recapWeeklyJob } from '../../src/jobs/recap-schedule.ts';
import { sendRecapJob } from '../../src/jobs/send-recap.ts';
import { drainJobs, JOBS } from '../../src/jobs/index.ts';
import { closeTestApp, createTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import { browserAs } from './dossier-fixture.ts';

let app: TestApp;
let f: Fixture;
let g: Fixture;
let dossierA: string;

const MONDAY_10H = '2026-03-02T09:00:00Z'; // 10:00 in Paris (winter time)

async function setPrefs(userId: string, procedureId: string, prefs: Record<string, boolean>) {
  await app.db
    .updateTable('instructeur_procedures')
    .set({ email_prefs: JSON.stringify(prefs) })
    .where('user_id', '=', userId)
    .where('procedure_id', '=', procedureId)
    .execute();
}

const recapMails = (to: string, subject = 'Votre récapitulatif quotidien') =>
  app.db.selectFrom('outbox_emails').selectAll().where('to_email', '=', to).where('subject', '=', subject).execute();

async function fire(job: typeof recapDailyJob) {
  const handler = await job.handler();
  await handler(app, {});
}

before(async () => {
  app = await createTestApp({ now: MONDAY_10H });
  f = await procedureFixture(app);
  g = await procedureFixture(app);
  // instructeurA also instructs the second procedure
  await app.db.insertInto('groupe_members').values({ groupe_id: g.groupA, user_id: f.instructeurA.id }).execute();
  await app.db
    .insertInto('instructeur_procedures')
    .values({ user_id: f.instructeurA.id, procedure_id: g.procedureId })
    .execute();
  dossierA = await dossier(app, f);
  const dossierG = await dossier(app, g);
  // something new for A on both procedures, for A2 nothing
  await app.db
    .insertInto('notifications')
    .values([
      { dossier_id: dossierA, user_id: f.instructeurA.id, kind: 'message', display_at: new Date(MONDAY_10H) },
      { dossier_id: dossierG, user_id: f.instructeurA.id, kind: 'message', display_at: new Date(MONDAY_10H) },
    ])
    .execute();
  for (const p of [f.procedureId, g.procedureId])
    await setPrefs(f.instructeurA.id, p, { daily_email_summary: true, weekly_email_summary: true });
  await setPrefs(f.instructeurA2.id, f.procedureId, { daily_email_summary: true });
});
after(async () => closeTestApp(app));

beforeEach(async () => {
  await app.db.deleteFrom('outbox_emails').execute();
  await app.db.deleteFrom('instructeur_recaps').execute();
  app.clock.set(MONDAY_10H);
});

describe(`recaps (${engine})`, () => {
  test('one daily recap per instructor for all his procedures, with the counts and the way to stop it', async () => {
    await fire(recapDailyJob);
    await drainJobs(app);
    const mails = await recapMails(f.instructeurA.email);
    assert.equal(mails.length, 1);
    const m = mails[0]!;
    assert.match(m.text, new RegExp(`« Démarche de test \\d+ » \\(démarche nº ${f.procedureId}\\)`));
    assert.match(m.text, new RegExp(`démarche nº ${g.procedureId}`));
    assert.match(m.text, /Message : 1 dossier/);
    assert.match(m.text, /À suivre : 1/);
    assert.match(m.text, new RegExp(`/instructeur/procedures/${f.procedureId}/gestion/notifications`));
    assert.match(m.html, /Gérer mes notifications par e-mail/);
    // nothing new for A2: no e-mail, and the day is settled
    assert.equal((await recapMails(f.instructeurA2.email)).length, 0);
    const settled = await app.db.selectFrom('instructeur_recaps').select(['user_id', 'outcome']).execute();
    assert.deepEqual(
      settled.map((r) => [r.user_id, r.outcome]).sort(),
      [
        [f.instructeurA.id, 'sent'],
        [f.instructeurA2.id, 'nothing_new'],
      ].sort(),
    );
  });

  test('a restarted worker never sends the day’s recap twice', async () => {
    // the schedule fires, the worker dies before running the planned jobs…
    await fire(recapDailyJob);
    // …restarts: the schedule fires again (same Paris day), then the queue is worked
    await fire(recapDailyJob);
    await drainJobs(app, { jobs: [...JOBS].reverse() });
    assert.equal((await recapMails(f.instructeurA.email)).length, 1);
    // a send-recap job retried after the worker was killed once it had sent (not marked complete)
    const handler = await sendRecapJob.handler();
    const day = '2026-03-02';
    await handler(app, { userId: f.instructeurA.id, kind: 'daily', day });
    await drainJobs(app);
    assert.equal((await recapMails(f.instructeurA.email)).length, 1);
    // later the same day, a third firing plans nothing
    app.clock.set('2026-03-02T15:00:00Z');
    await fire(recapDailyJob);
    await drainJobs(app);
    assert.equal((await recapMails(f.instructeurA.email)).length, 1);
  });

  test('a recap missed on its day is not sent late', async () => {
    await fire(recapDailyJob);
    // the worker was down until the next morning
    app.clock.set('2026-03-03T06:00:00Z');
    await drainJobs(app);
    assert.equal((await recapMails(f.instructeurA.email)).length, 0);
    const r = await app.db
      .selectFrom('instructeur_recaps')
      .select('outcome')
      .where('user_id', '=', f.instructeurA.id)
      .executeTakeFirstOrThrow();
    assert.equal(r.outcome, 'late');
    // and the next day's own recap goes out
    app.clock.set('2026-03-03T09:00:00Z');
    await fire(recapDailyJob);
    await drainJobs(app);
    assert.equal((await recapMails(f.instructeurA.email)).length, 1);
  });

  test('no daily recap on Sunday; the weekly one on Monday only', async () => {
    app.clock.set('2026-03-08T09:00:00Z'); // Sunday
    await fire(recapDailyJob);
    await fire(recapWeeklyJob);
    await drainJobs(app);
    assert.equal((await app.db.selectFrom('outbox_emails').select('id').execute()).length, 0);
    app.clock.set('2026-03-09T06:00:00Z'); // Monday 07:00
    await fire(recapWeeklyJob);
    await fire(recapWeeklyJob);
    await drainJobs(app);
    const weekly = await recapMails(f.instructeurA.email, 'Votre activité hebdomadaire');
    assert.equal(weekly.length, 1);
    assert.match(weekly[0]!.text, /Au total : 1/);
    assert.equal((await recapMails(f.instructeurA2.email, 'Votre activité hebdomadaire')).length, 0);
  });

  test('a declarative procedure is left out of the recaps', async () => {
    const d = await procedureFixture(app, { declarative: 'accepte' });
    await setPrefs(d.instructeurA.id, d.procedureId, { daily_email_summary: true });
    const id = await dossier(app, d);
    await app.db
      .insertInto('notifications')
      .values({ dossier_id: id, user_id: d.instructeurA.id, kind: 'message', display_at: new Date(MONDAY_10H) })
      .execute();
    await fire(recapDailyJob);
    await drainJobs(app);
    assert.equal((await recapMails(d.instructeurA.email)).length, 0);
  });

  test('the e-mail settings page saves the five choices and keeps the other preferences', async () => {
    await app.db
      .updateTable('instructeur_procedures')
      .set({ email_prefs: JSON.stringify({ instant_email_dossier_expired: false }) })
      .where('user_id', '=', f.instructeurB.id)
      .where('procedure_id', '=', f.procedureId)
      .execute();
    const b = await browserAs(app, f.instructeurB);
    const url = `/instructeur/procedures/${f.procedureId}/gestion/notifications`;
    const page = await b.get(url);
    assert.equal(page.res.status, 200);
    assert.match(page.html, /Notification quotidienne/);
    const r = await b.post(url, {
      instant_email_new_dossier: 'oui',
      instant_email_new_message: 'non',
      daily_email_summary: 'oui',
      weekly_email_summary: 'non',
      instant_email_new_expert_avis: 'oui',
    });
    assert.equal(r.status, 303);
    const row = await app.db
      .selectFrom('instructeur_procedures')
      .select('email_prefs')
      .where('user_id', '=', f.instructeurB.id)
      .where('procedure_id', '=', f.procedureId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row.email_prefs, {
      instant_email_dossier_expired: false,
      instant_email_new_dossier: true,
      instant_email_new_message: false,
      daily_email_summary: true,
      weekly_email_summary: false,
      instant_email_new_expert_avis: true,
    });
    const again = await b.get(url);
    assert.match(again.html, /id="pref-daily_email_summary-oui"[^>]*checked/);
    // an instructor of another procedure does not reach this page
    const other = await browserAs(app, g.instructeurB);
    assert.equal((await other.get(url)).res.status, 404);
  });
});
