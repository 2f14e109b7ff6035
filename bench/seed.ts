// Load-seed benchmark: 50 000 dossiers (or BENCH_DOSSIERS) into a fresh PostgreSQL database
// `guichet_bench_seed_<process id>` (created, migrated, dropped at the end: two runs on one server
// never drop each other's). Then, the load done and the machine
// otherwise idle, what Node spends per dossier on one thread for each stage of a worker — generating
// the rows, assembling the search vectors, encoding for COPY — over 20 batches after 5 of warm-up
// (medians of the per-batch figures, nothing written). Prints one JSON line:
// {"dossiers":…,"seconds":…,"rate_per_s":…,"node_cpu_us_per_dossier":…,"pg_cpu_us_per_dossier":…,"cores_busy":…,
//  "node_us_per_dossier":{"generate":…,"vectors":…,"encode":…}}
// (node_cpu: the seed process's CPU during the load, all its threads, per dossier; pg_cpu: its
// PostgreSQL backends', when the server runs on this machine; cores_busy: the machine's share of busy
// cores over the load — below 1, the pipeline left a core idle).
// Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/seed.ts
// (BENCH_BATCH, BENCH_CONCURRENCY, BENCH_WORKERS: the load's options; BENCH_STAGES=0 skips the stages.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { bootstrap, shutdown } from '../src/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';
import { encodeCopy } from '../tools/load/copy.ts';
import { BatchGenerator } from '../tools/load/load-batch.ts';
import { readSetup, seedLoad } from '../tools/load/load.ts';
import { SearchVectors } from '../tools/load/search-vectors.ts';
import { resolveSearchVectors, schemaColumns } from '../tools/load/shared.ts';
import { percentile, processCpuSeconds } from './common.ts';
import { MemoryStorage } from '../src/platform/storage/index.ts';

const DB_NAME = `guichet_bench_seed_${process.pid}`;
const base = process.env.DATABASE_URL;
if (!base) {
  console.error(`DATABASE_URL est requis (un serveur PostgreSQL sur lequel créer la base ${DB_NAME}).`);
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
    const cpu0 = process.cpuUsage();
    const server = await serverCpu(DB_NAME);
    const result = await seedLoad(app, {
      dossiers,
      quiet: true,
      progress: true,
      batchSize: process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined,
      concurrency: process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined,
      workers: process.env.BENCH_WORKERS ? Number(process.env.BENCH_WORKERS) : undefined,
    });
    const cpu = process.cpuUsage(cpu0);
    const nodeCpu = Math.round((cpu.user + cpu.system) / result.dossiers);
    const pg = await server.stop();
    const node = process.env.BENCH_STAGES === '0' ? undefined : await nodeStages(app);
    console.log(
      JSON.stringify({
        dossiers: result.dossiers,
        seconds: result.seconds,
        rate_per_s: result.rate_per_s,
        node_cpu_us_per_dossier: nodeCpu,
        pg_cpu_us_per_dossier: pg && Math.round((pg.backends * 1e6) / result.dossiers),
        cores_busy: pg?.busy,
        node_us_per_dossier: node,
      }),
    );
  } finally {
    await shutdown(app);
  }
} finally {
  await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
}

/**
 * PostgreSQL's CPU during the load, when it runs on this machine (Linux): every second, the CPU time
 * of each backend serving the bench database (`pg_stat_activity`, `/proc/<pid>/stat`), the last
 * reading of each summed at the end; and the share of the machine's cores busy over the load
 * (`/proc/stat`). Null when the server's processes cannot be read.
 */
async function serverCpu(db: string): Promise<{ stop(): Promise<{ backends: number; busy: number } | null> }> {
  const stat = processCpuSeconds;
  const machine = () => {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { idle: f[3] + f[4], total: f.reduce((a, b) => a + b, 0) };
  };
  const local = ['localhost', '127.0.0.1', '[::1]', ''].includes(new URL(base!).hostname);
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  // per backend: its CPU when first seen (0 for a backend started during the load) and when last seen
  const seen = new Map<number, [number, number]>();
  let first = true;
  let readable = local;
  const sample = async () => {
    if (!readable) return;
    const r = await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [db]);
    for (const { pid } of r.rows) {
      const t = stat(pid);
      if (t === null) readable = false;
      else seen.set(pid, [seen.get(pid)?.[0] ?? (first ? t : 0), t]);
    }
    first = false;
  };
  const m0 = machine();
  let running = sample();
  const timer = setInterval(() => {
    running = running.then(sample, () => undefined);
  }, 1000);
  return {
    async stop() {
      clearInterval(timer);
      await running.then(sample).catch(() => undefined);
      await c.end();
      const m1 = machine();
      if (!readable || seen.size === 0) return null;
      const busy = 1 - (m1.idle - m0.idle) / (m1.total - m0.total);
      const backends = [...seen.values()].reduce((sum, [from, to]) => sum + to - from, 0);
      return { backends, busy: Math.round(busy * 100) / 100 };
    },
  };
}

/** µs per dossier of each worker stage, on this thread, with the load's setup and made-up ids (nothing is written). */
async function nodeStages(
  app: Awaited<ReturnType<typeof bootstrap>>,
): Promise<{ generate: number; vectors: number; encode: number }> {
  const setup = await readSetup(app);
  if (!setup) throw new Error('pas de jeu de charge');
  const schema = await schemaColumns(app.db);
  const generator = new BatchGenerator(setup);
  const vectors = new SearchVectors();
  const size = 2000;
  const per: { generate: number[]; vectors: number[]; encode: number[] } = { generate: [], vectors: [], encode: [] };
  for (let b = 0; b < 25; b++) {
    const first = 1_000_000_000 + b * size;
    const ids = {
      dossiers: Array.from({ length: size }, (_, k) => first + k),
      messages: Array.from({ length: size * 4 }, (_, k) => String(first * 4 + k)),
      rendez_vous: Array.from({ length: size }, (_, k) => String(first + k)),
    };
    const t0 = performance.now();
    const buf = generator.generate(b * size, ids);
    const t1 = performance.now();
    await resolveSearchVectors(app.db, buf, vectors);
    const t2 = performance.now();
    encodeCopy(buf, schema);
    const t3 = performance.now();
    if (b < 5) continue;
    per.generate.push(((t1 - t0) * 1000) / size);
    per.vectors.push(((t2 - t1) * 1000) / size);
    per.encode.push(((t3 - t2) * 1000) / size);
  }
  const median = (xs: number[]) =>
    Math.round(
      percentile(
        xs.sort((a, b) => a - b),
        50,
      ) * 10,
    ) / 10;
  return { generate: median(per.generate), vectors: median(per.vectors), encode: median(per.encode) };
}
