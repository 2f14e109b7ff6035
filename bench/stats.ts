// Statistics page benchmark: `npm run bench:stats` with DATABASE_URL pointing at a PostgreSQL database
// of its own (created if missing; never the shared guichet_bench). Loads once a procedure of 100 000
// dossiers (BENCH_DOSSIERS) spread over two years in every state, then measures server-side — in
// process, rendering included — the public statistics page (the same figures as the instructors'
// page), and the statement of aggregates alone.
// Last line: {"dossiers":…,"p50_ms":…,"p95_ms":…,"query_p50_ms":…,"query_p95_ms":…}
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { bootstrap, shutdown } from '../src/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';
import { MemoryStorage } from '../src/platform/storage/index.ts';
import { procedureStatistics } from '../src/queries/statistics.ts';
import { procedureFixture } from '../test/helpers/fixtures.ts';
import { Browser } from '../test/helpers/http.ts';
import { benchDatabaseUrl, ensureDatabase, percentile, round } from './common.ts';

const url = benchDatabaseUrl();
if (new URL(url).pathname === '/guichet_bench') {
  console.error('Ce banc écrit dans sa base : donnez-lui une base à lui (par exemple guichet_bench_stats).');
  process.exit(2);
}
const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const WARMUP = 10;
const TITLE = `Banc statistiques ${DOSSIERS}`;

await ensureDatabase(url);
const config = loadConfig({
  ...process.env,
  LOG_LEVEL: 'error',
  GUICHET_DATA_DIR: path.join(os.tmpdir(), 'guichet-bench-stats'),
  SEED_DEMO: 'false',
});
const app = await bootstrap({ config, storage: new MemoryStorage() });
try {
  let p = await app.db.selectFrom('procedures').select('id').where('title', '=', TITLE).executeTakeFirst();
  if (!p) {
    const f = await procedureFixture(app);
    await app.db.updateTable('procedures').set({ title: TITLE }).where('id', '=', f.procedureId).execute();
    // every state; deposits over two years; decisions up to 60 days after the deposit
    await sql`
      INSERT INTO dossiers (procedure_id, revision_id, groupe_id, user_id, user_email, state, created_at, depose_at,
                            en_construction_at, en_instruction_at, processed_at)
      SELECT ${f.procedureId}, ${f.revisionId}, CASE WHEN i % 2 = 0 THEN ${f.groupA}::bigint ELSE ${f.groupB}::bigint END,
             ${f.usager.id}, ${f.usager.email}, s.state, s.dep, s.dep, s.dep,
             CASE WHEN s.state <> 'en_construction' THEN s.dep + interval '2 days' END,
             CASE WHEN s.state IN ('accepte', 'refuse', 'sans_suite') THEN least(now(), s.dep + (random() * 60) * interval '1 day') END
      FROM generate_series(1, ${DOSSIERS}) AS i
      CROSS JOIN LATERAL (SELECT now() - (random() * 730) * interval '1 day' AS dep,
        (ARRAY['en_construction','en_instruction','accepte','accepte','accepte','accepte','accepte','refuse','refuse','sans_suite'])[1 + (i % 10)] AS state) s`.execute(
      app.db,
    );
    await sql`VACUUM ANALYZE dossiers`.execute(app.db);
    await sql`ANALYZE work_list_counts`.execute(app.db);
    p = { id: f.procedureId };
  }
  const procedureId = p.id;
  const browser = new Browser(app);
  const pageTimes: number[] = [];
  const queryTimes: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    let t = performance.now();
    await procedureStatistics(app.db, procedureId, new Date());
    const q = performance.now() - t;
    t = performance.now();
    const r = await browser.get(`/statistiques/${procedureId}`);
    const pg = performance.now() - t;
    if (r.res.status !== 200) throw new Error(`statut ${r.res.status}`);
    if (i >= WARMUP) {
      queryTimes.push(q);
      pageTimes.push(pg);
    }
  }
  pageTimes.sort((a, b) => a - b);
  queryTimes.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      dossiers: DOSSIERS,
      p50_ms: round(percentile(pageTimes, 50)),
      p95_ms: round(percentile(pageTimes, 95)),
      query_p50_ms: round(percentile(queryTimes, 50)),
      query_p95_ms: round(percentile(queryTimes, 95)),
    }),
  );
} finally {
  await shutdown(app);
}
