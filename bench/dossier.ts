// Dossier page benchmark: `npm run bench:dossier` with DATABASE_URL pointing at a
// PostgreSQL database (created if missing). Creates a dossier with 50 fields, 100 messages and 20
// files, then measures server-side — the web app's own request handling, in process, session and
// rendering included — every tab of the instructor's dossier page (Demande, Pièces justificatives,
// Annotations privées, Avis externes, Messagerie), counting the statements each request sends.
// Last line: {"p50_ms":…,"p95_ms":…,"queries":…} (over all tabs; queries = the most any tab sent).
import os from 'node:os';
import path from 'node:path';
import { bootstrap, shutdown } from '../src/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';
import { MemoryStorage } from '../src/platform/storage/index.ts';
import { benchDatabaseUrl, ensureDatabase, percentile, round } from './common.ts';
import { bigDossier, browserAs, countStatements, DOSSIER_TAB_PATHS } from '../test/integration/dossier-fixture.ts';

const url = benchDatabaseUrl();
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const WARMUP = 10;

await ensureDatabase(url);
const config = loadConfig({
  ...process.env,
  LOG_LEVEL: 'error',
  GUICHET_DATA_DIR: path.join(os.tmpdir(), 'guichet-bench-dossier'),
  SEED_DEMO: 'false',
});
const app = await bootstrap({ config, storage: new MemoryStorage() });
try {
  const d = await bigDossier(app, { fields: 50, messages: 100, files: 20 });
  const b = await browserAs(app, d.instructeur);
  const all: number[] = [];
  const perTab: Record<string, { p50_ms: number; p95_ms: number; queries: number }> = {};
  let queries = 0;
  for (const tab of DOSSIER_TAB_PATHS) {
    const u = `/instructeur/dossiers/${d.dossierId}${tab}`;
    for (let i = 0; i < WARMUP; i++) {
      const r = await b.get(u);
      if (r.res.status !== 200) throw new Error(`${u} : ${r.res.status}`);
    }
    const { count } = await countStatements(() => b.get(u));
    queries = Math.max(queries, count);
    const t: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const r = await b.get(u);
      t.push(performance.now() - t0);
      if (r.res.status !== 200) throw new Error(`${u} : ${r.res.status}`);
    }
    t.sort((x, y) => x - y);
    all.push(...t);
    perTab[tab || '/'] = { p50_ms: round(percentile(t, 50)), p95_ms: round(percentile(t, 95)), queries: count };
  }
  all.sort((x, y) => x - y);
  console.log(JSON.stringify({ dossier: { fields: 50, messages: 100, files: 20 }, runs_per_tab: RUNS, tabs: perTab }));
  console.log(JSON.stringify({ p50_ms: round(percentile(all, 50)), p95_ms: round(percentile(all, 95)), queries }));
} finally {
  await shutdown(app);
}
