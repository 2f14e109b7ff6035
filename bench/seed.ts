// Load-seed benchmark: 50 000 dossiers (or BENCH_DOSSIERS) into a fresh PostgreSQL database
// `guichet_bench_seed` (created, migrated, dropped at the end). Prints one JSON line:
// {"dossiers":…,"seconds":…,"rate_per_s":…}.
// Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/seed.ts
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { bootstrap, shutdown } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { seedLoad } from '../src/seed/load.ts';
import { MemoryStorage } from '../src/storage/index.ts';

const DB_NAME = 'guichet_bench_seed';
const base = process.env.DATABASE_URL;
if (!base) {
  console.error('DATABASE_URL est requis (un serveur PostgreSQL sur lequel créer la base guichet_bench_seed).');
  process.exit(2);
}
const dossiers = Number(process.env.BENCH_DOSSIERS ?? 50_000);

async function admin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
await admin(`CREATE DATABASE ${DB_NAME}`);
const url = new URL(base);
url.pathname = `/${DB_NAME}`;
try {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url.toString(),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    GUICHET_DATA_DIR: path.join(os.tmpdir(), 'guichet-bench-seed'),
    SECRET_KEY: 'bench-secret-key-bench-secret-key-0123456789',
  });
  const app = await bootstrap({ config, storage: new MemoryStorage() });
  // DROP DATABASE … WITH (FORCE) below may reach a connection the pool is still closing
  app.database.pool.on('error', () => undefined);
  try {
    const result = await seedLoad(app, {
      dossiers, quiet: true, progress: true,
      batchSize: process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined,
      concurrency: process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined,
      workers: process.env.BENCH_WORKERS ? Number(process.env.BENCH_WORKERS) : undefined,
    });
    console.log(JSON.stringify({ dossiers: result.dossiers, seconds: result.seconds, rate_per_s: result.rate_per_s }));
  } finally {
    await shutdown(app);
  }
} finally {
  await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
}
