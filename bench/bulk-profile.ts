// Where a bulk decision's time goes (docs/domain.md §8): seeds BENCH_BULK_DOSSIERS (default 1 000)
// dossiers like bench/bulk.ts in the PostgreSQL database named by DATABASE_URL (dropped and created
// again: reserve one), runs the operation's batches in process without the worker, and prints each
// batch's duration, then the statements sent while deciding, grouped by their text, with their count
// and total time. Last line of the summary: {"dossiers":…,"decide_ms":…,"statements":…}.
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { bootstrap, shutdown } from '../src/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createBulkOperation } from '../src/features/bulk/create-bulk-operation.ts';
import { runBulkBatch } from '../src/features/bulk/run-bulk-batch.ts';
import { SYSTEM_ACTOR } from '../src/features/command.ts';
import { seedBulkProcedure } from '../tools/load/bulk-seed.ts';
import { benchDatabaseUrl } from './common.ts';

const url = benchDatabaseUrl();
const N = Number(process.env.BENCH_BULK_DOSSIERS ?? 1_000);
const name = new URL(url).pathname.slice(1).replace(/"/g, '');
if (name === 'guichet_bench' || name === 'postgres') {
  console.error(`Ce banc recrée sa base : choisissez-en une qui lui est réservée (pas ${name}).`);
  process.exit(2);
}
{
  const u = new URL(url);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
}
const config = loadConfig({
  ...process.env,
  DATABASE_URL: url,
  LOG_LEVEL: 'warn',
  GUICHET_DATA_DIR: path.join(os.tmpdir(), `guichet-bench-bulk-profile-${process.pid}`),
} as NodeJS.ProcessEnv);
const app = await bootstrap({ config });
const seed = await seedBulkProcedure(app, N);
await sql`ANALYZE`.execute(app.db);

// every statement sent by the pool's clients while `counting`, by its first 110 characters
const stats = new Map<string, { n: number; ms: number }>();
let counting = false;
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
  this: pg.Client,
  ...args: unknown[]
) {
  const r = query.apply(this, args);
  if (!counting || !(r instanceof Promise)) return r;
  const q = args[0] as string | { text?: string };
  const key = (typeof q === 'string' ? q : (q.text ?? '?')).replace(/\s+/g, ' ').trim().slice(0, 110);
  const t = performance.now();
  return r.then((v) => {
    const s = stats.get(key) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += performance.now() - t;
    stats.set(key, s);
    return v;
  });
};

const { operationId } = await createBulkOperation(app, seed.instructeur, {
  procedureId: seed.procedureId,
  action: 'accepter',
  tab: 'suivis',
  all: true,
  dossierIds: [],
  motivation: 'Votre dossier est complet et conforme : il est accepté.',
});
await runBulkBatch(app, SYSTEM_ACTOR, { operationId }); // resolves the tab into the operation's rows
counting = true;
const start = performance.now();
for (;;) {
  const t = performance.now();
  const r = await runBulkBatch(app, SYSTEM_ACTOR, { operationId });
  console.log(JSON.stringify({ batch: r.processed, ms: Math.round(performance.now() - t) }));
  if (r.done) break;
}
const decideMs = Math.round(performance.now() - start);
counting = false;
const rows = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
for (const [k, s] of rows.slice(0, 30)) console.log(String(s.n).padStart(7), s.ms.toFixed(0).padStart(8), 'ms ', k);
const statements = rows.reduce((n, [, s]) => n + s.n, 0);
await shutdown(app);
console.log(JSON.stringify({ dossiers: N, decide_ms: decideMs, statements }));
process.exit(0);
