// Bulk acceptance benchmark (docs/domain.md §8): `npm run bench:bulk` with DATABASE_URL naming a
// PostgreSQL database reserved for it (dropped and created again: a fresh base each run). Seeds
// BENCH_BULK_DOSSIERS (default 10 000) dossiers en instruction followed by one instructor, asks for
// « Accepter les dossiers » on every dossier of « suivis par moi » with a motivation through the
// same command as the button, runs the worker in process, and times from the request: every
// dossier decided, every acceptance e-mail written, every attestation produced.
// Last line: {"dossiers":…,"decide_s":…,"emails_s":…,"attestations_s":…,"total_s":…}.
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { bootstrap, shutdown } from '../src/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createBulkOperation } from '../src/features/bulk/create-bulk-operation.ts';
import { startWorker } from '../src/jobs/index.ts';
import { seedBulkProcedure } from '../tools/load/bulk-seed.ts';
import { benchDatabaseUrl, round } from './common.ts';

const url = benchDatabaseUrl();
const N = Number(process.env.BENCH_BULK_DOSSIERS ?? 10_000);

async function freshDatabase(target: string): Promise<void> {
  const u = new URL(target);
  const name = u.pathname.slice(1).replace(/"/g, '');
  if (name === 'guichet_bench' || name === 'postgres') {
    console.error(
      `Le banc des actions de masse recrée sa base : choisissez-en une qui lui est réservée (pas ${name}).`,
    );
    process.exit(2);
  }
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${name}"`);
  } finally {
    await c.end();
  }
}

await freshDatabase(url);
const config = loadConfig({
  ...process.env,
  DATABASE_URL: url,
  LOG_LEVEL: 'warn',
  GUICHET_DATA_DIR: path.join(os.tmpdir(), `guichet-bench-bulk-${process.pid}`),
} as NodeJS.ProcessEnv);
const app = await bootstrap({ config });
const seed = await seedBulkProcedure(app, N);
await sql`ANALYZE`.execute(app.db);

const count = async (q: string) => Number((await sql.raw<{ n: string }>(q).execute(app.db)).rows[0].n);
const start = performance.now();
const { operationId } = await createBulkOperation(app, seed.instructeur, {
  procedureId: seed.procedureId,
  action: 'accepter',
  tab: 'suivis',
  all: true,
  dossierIds: [],
  motivation: 'Votre dossier est complet et conforme : il est accepté.',
});
await startWorker(app, { pollingIntervalSeconds: 0.5 });

let decide = 0;
let emails = 0;
let attestations = 0;
const limit = Number(process.env.BENCH_BULK_TIMEOUT_S ?? 900);
while (!(decide && emails && attestations)) {
  await new Promise((r) => setTimeout(r, 250));
  const t = (performance.now() - start) / 1000;
  if (t > limit) {
    console.error(`délai dépassé (${limit} s)`);
    break;
  }
  if (
    !decide &&
    (await count(`SELECT count(*) AS n FROM bulk_operations WHERE id = ${Number(operationId)} AND state = 'done'`))
  )
    decide = t;
  if (!emails && (await count("SELECT count(*) AS n FROM outbox_emails WHERE subject LIKE '%a été accepté%'")) >= N)
    emails = t;
  if (!attestations && (await count('SELECT count(*) AS n FROM attestations')) >= N) attestations = t;
}
const accepted = await count("SELECT count(*) AS n FROM dossiers WHERE state = 'accepte'");
await shutdown(app);
console.log(
  JSON.stringify({
    dossiers: accepted,
    decide_s: round(decide),
    emails_s: round(emails),
    attestations_s: round(attestations),
    total_s: round(Math.max(decide, emails, attestations)),
  }),
);
process.exit(0);
