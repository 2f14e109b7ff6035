// « Statistiques de la démarche » (docs/domain.md §11.2): the SQL aggregates agree with the domain's
// definition (usual processing time: three groups of the last 30 days' decisions, 90th percentile of
// each), the funnel counts purged dossiers from their tombstones, and the public page publishes counts
// only once there are enough dossiers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PUBLIC_STATISTICS_THRESHOLD, usualProcessingTime } from '../../src/domain/statistics.ts';
import {
  compactProcedureDailyStats,
  countNewDossiersDailyStatement,
} from '../../src/features/gestion/procedure-daily-stats.ts';
import { executeRaw } from '../../src/platform/db/index.ts';
import { procedureStatistics } from '../../src/queries/statistics.ts';
import { closeTestApp, createTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import { Browser } from '../helpers/http.ts';
import { browserAs, textOf } from './dossier-fixture.ts';

let app: TestApp;
let f: Fixture;
const NOW = new Date('2026-03-02T09:00:00Z');
const DAY = 86_400_000;
// decided dossiers: days from deposit to decision, decided `ago` days before now
const DECIDED: { days: number; ago: number; state: 'accepte' | 'refuse' | 'sans_suite' }[] = [
  { days: 2, ago: 1, state: 'accepte' },
  { days: 5, ago: 3, state: 'accepte' },
  { days: 9, ago: 4, state: 'refuse' },
  { days: 12, ago: 10, state: 'accepte' },
  { days: 20, ago: 12, state: 'sans_suite' },
  { days: 31, ago: 20, state: 'accepte' },
  { days: 44, ago: 29, state: 'refuse' },
  { days: 3, ago: 45, state: 'accepte' }, // outside the 30 days
];

before(async () => {
  app = await createTestApp({ now: NOW.toISOString() });
  f = await procedureFixture(app);
  for (const d of DECIDED) {
    const id = await dossier(app, f, { state: d.state });
    const processed = new Date(NOW.getTime() - d.ago * DAY);
    await app.db
      .updateTable('dossiers')
      .set({ processed_at: processed, depose_at: new Date(processed.getTime() - d.days * DAY) })
      .where('id', '=', id)
      .execute();
  }
  for (let i = 0; i < 3; i++) await dossier(app, f, { state: 'en_construction' });
  await dossier(app, f, { state: 'en_instruction' });
  await dossier(app, f, { state: 'brouillon' });
  await app.db
    .insertInto('deleted_dossiers')
    .values({ dossier_id: '999999', procedure_id: f.procedureId, state: 'refuse', reason: 'expired' })
    .execute();
});
after(async () => closeTestApp(app));

describe(`statistics (${engine})`, () => {
  test('the usual processing time is the domain’s definition, computed in SQL', async () => {
    const s = await procedureStatistics(app.db, f.procedureId, NOW);
    const expected = usualProcessingTime(DECIDED.filter((d) => d.ago <= 30).map((d) => d.days * 86_400))!;
    assert.equal(s.usualTime!.decisions, 7);
    assert.deepEqual(
      s.usualTime!.clusters.map((c) => c.count),
      [3, 2, 2],
    );
    for (const [i, c] of s.usualTime!.clusters.entries())
      assert.ok(Math.abs(c.p90Seconds - expected[i]!) < 1, `groupe ${i}`);
  });

  test('funnel, decisions and weeks', async () => {
    const s = await procedureStatistics(app.db, f.procedureId, NOW);
    // 8 decided + 3 en construction + 1 en instruction + 1 purged (refusé); the brouillon is not deposited
    assert.deepEqual(s.funnel, { deposes: 13, instruction: 10, traites: 9 });
    assert.deepEqual(s.decisions, { accepte: 5, refuse: 3, sans_suite: 1 });
    assert.equal(s.weeks.length, 26);
    assert.equal(s.weeks.at(-1)!.week, '2026-03-02');
    assert.equal(
      s.weeks.reduce((a, w) => a + w.accepte + w.refuse + w.sans_suite, 0),
      8,
    );
    // the 4 dossiers deposited now, in this week
    assert.ok(s.weeks.at(-1)!.deposes >= 4);
  });

  test('the weeks follow every change of a dossier, and folding the kept totals changes no figure', async () => {
    const other = await procedureFixture(app);
    const weekOf = (s: Awaited<ReturnType<typeof procedureStatistics>>, day: string) =>
      s.weeks.find((w) => w.week === day)!;
    const id = await dossier(app, other, { state: 'accepte' });
    // deposited on Sunday 22 February 23:30 Paris (the week of the 16th), decided on Monday 23 February 00:30 Paris
    await app.db
      .updateTable('dossiers')
      .set({ depose_at: new Date('2026-02-22T22:30:00Z'), processed_at: new Date('2026-02-22T23:30:00Z') })
      .where('id', '=', id)
      .execute();
    let s = await procedureStatistics(app.db, other.procedureId, NOW);
    assert.deepEqual(weekOf(s, '2026-02-16'), { week: '2026-02-16', deposes: 1, accepte: 0, refuse: 0, sans_suite: 0 });
    assert.deepEqual(weekOf(s, '2026-02-23'), { week: '2026-02-23', deposes: 0, accepte: 1, refuse: 0, sans_suite: 0 });
    // the decision reversed (« repasser en instruction »): no longer a decision of that week
    await app.db
      .updateTable('dossiers')
      .set({ state: 'en_instruction', processed_at: null })
      .where('id', '=', id)
      .execute();
    s = await procedureStatistics(app.db, other.procedureId, NOW);
    assert.equal(weekOf(s, '2026-02-23').accepte, 0);
    assert.equal(weekOf(s, '2026-02-16').deposes, 1);
    // refused again, then hidden by the administration: its decision is no longer counted
    await app.db
      .updateTable('dossiers')
      .set({ state: 'refuse', processed_at: new Date('2026-02-24T10:00:00Z') })
      .where('id', '=', id)
      .execute();
    assert.equal(weekOf(await procedureStatistics(app.db, other.procedureId, NOW), '2026-02-23').refuse, 1);
    await app.db.updateTable('dossiers').set({ hidden_by_administration_at: NOW }).where('id', '=', id).execute();
    s = await procedureStatistics(app.db, other.procedureId, NOW);
    assert.equal(weekOf(s, '2026-02-23').refuse, 0);
    const before = await procedureStatistics(app.db, f.procedureId, NOW);
    assert.ok((await compactProcedureDailyStats(app.db)) > 0);
    assert.deepEqual(await procedureStatistics(app.db, f.procedureId, NOW), before);
    assert.deepEqual(await procedureStatistics(app.db, other.procedureId, NOW), s);
    const rows = await app.db
      .selectFrom('procedure_daily_stats')
      .select((e) => [e.fn.countAll<string>().as('n')])
      .where('procedure_id', '=', other.procedureId)
      .executeTakeFirstOrThrow();
    // one row per day that still counts something: the deposit's day only
    assert.equal(Number(rows.n), 1);
  });

  test('a writer without triggers counts its dossiers with the same statement', async () => {
    const before = await procedureStatistics(app.db, f.procedureId, NOW);
    await app.db.deleteFrom('procedure_daily_stats').where('procedure_id', '=', f.procedureId).execute();
    assert.notDeepEqual(await procedureStatistics(app.db, f.procedureId, NOW), before);
    const ids = (
      await app.db.selectFrom('dossiers').select('id').where('procedure_id', '=', f.procedureId).execute()
    ).map((r) => String(r.id));
    const { text, values } = countNewDossiersDailyStatement(ids);
    await executeRaw(app.db, text, values);
    assert.deepEqual(await procedureStatistics(app.db, f.procedureId, NOW), before);
  });

  test('the instructor page shows the charts and their tables', async () => {
    const b = await browserAs(app, f.instructeurA);
    const page = await b.get(`/instructeur/procedures/${f.procedureId}/gestion/statistiques`);
    assert.equal(page.res.status, 200);
    assert.match(page.html, /<svg[^>]*role="img"/);
    assert.match(page.html, /<caption>Temps de traitement usuel sur les 30 derniers jours<\/caption>/);
    assert.match(textOf(page.html), /Acceptés\s*5\s*55,6 %/);
  });

  test('the public page: counts only, and « trop peu de dossiers » below the threshold', async () => {
    const anonymous = new Browser(app);
    const page = await anonymous.get(`/statistiques/${f.procedureId}`);
    assert.equal(page.res.status, 200);
    assert.ok(13 >= PUBLIC_STATISTICS_THRESHOLD);
    assert.match(page.html, /Taux d&#39;acceptation|Taux d'acceptation/);
    assert.doesNotMatch(page.html, /Groupe A|@exemple\.fr|Martin/);
    const small = await procedureFixture(app);
    await dossier(app, small);
    const few = await anonymous.get(`/statistiques/${small.procedureId}`);
    assert.equal(few.res.status, 200);
    assert.match(textOf(few.html), /trop peu de dossiers/);
    assert.doesNotMatch(few.html, /<svg/);
    await app.db.updateTable('procedures').set({ state: 'brouillon' }).where('id', '=', small.procedureId).execute();
    assert.equal((await anonymous.get(`/statistiques/${small.procedureId}`)).res.status, 404);
    assert.equal((await anonymous.get('/statistiques/pas-un-numero')).res.status, 404);
  });

  test("the public page answers at the administrator's public link too, as /commencer does", async () => {
    await app.db.updateTable('procedures').set({ slug: 'aide-aux-velos' }).where('id', '=', f.procedureId).execute();
    const anonymous = new Browser(app);
    const bySlug = await anonymous.get('/statistiques/Aide-aux-velos');
    assert.equal(bySlug.res.status, 200);
    assert.match(bySlug.html, /Taux d&#39;acceptation|Taux d'acceptation/);
    assert.equal((await anonymous.get(`/statistiques/${f.procedureId}-aide`)).res.status, 200);
  });
});
