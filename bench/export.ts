// Export benchmark: `npm run bench:export` with DATABASE_URL pointing at a PostgreSQL database of its
// own (created if missing; e.g. postgres://postgres@127.0.0.1:5432/guichet_export_bench). Seeds, if
// not already there, one procedure of BENCH_DOSSIERS (default 100 000) dossiers with the load tool,
// then exports its « au total » (every group) in csv, xlsx and ods, a zip of its first 1 000
// dossiers with their files, and PostgreSQL's `COPY … TO STDOUT` of the same rows as the csv (the
// floor). Each export runs in a child process of its own, so that its peak RSS is its own; the
// tabular exports run again on the first 10 000 dossiers to compare peaks (memory must not grow with
// the number of dossiers). Last line:
// {"dossiers":…,"csv_s":…,"copy_s":…,"xlsx_s":…,"ods_s":…,"zip_s_1000":…,"peak_rss_mb":…,"peak_rss_mb_10k":…,"zip_rss_mb":…,
//  "csv_cpu":{"node_s":…,"pg_s":…},"copy_cpu":{"node_s":…,"pg_s":…}}
// The CPU seconds of the csv and of COPY (this process's, and its PostgreSQL backends' when the server
// runs on this machine, read in /proc; null otherwise) are the evidence on a shared machine, where the
// wall-clock time is mostly waiting for a CPU. BENCH_ONLY=csv: COPY and the csv only.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { bootstrap, shutdown } from '../src/bootstrap.ts';
import { benchDatabaseUrl, ensureDatabase, round } from './common.ts';
import { loadConfig } from '../src/platform/config.ts';
import { DiskStorage } from '../src/platform/storage/index.ts';
import { readSetup, seedLoad } from '../tools/load/load.ts';
import { produceExport } from '../src/features/exports/produce-export.ts';
import { ALL_DOSSIERS, loadProcedureExportContext } from '../src/queries/export-source.ts';
import type { ExportFormat } from '../src/domain/exports.ts';

const url = benchDatabaseUrl();
const DOSSIERS = Number(process.env.BENCH_DOSSIERS ?? 100_000);
/** BENCH_ONLY=csv: COPY and the csv only (while iterating on the csv; the other figures are then 0) */
const ONLY_CSV = process.env.BENCH_ONLY === 'csv';
/** dossiers of the zip run: the first 1 000, each with its PDF and its files */
const ZIP_DOSSIERS = 1000;
const DATA_DIR = process.env.GUICHET_DATA_DIR ?? path.join(os.tmpdir(), 'guichet-export-bench');

async function open() {
  const config = loadConfig({ ...process.env, DATABASE_URL: url, GUICHET_DATA_DIR: DATA_DIR, LOG_LEVEL: 'silent' });
  return bootstrap({ config, storage: new DiskStorage(path.join(DATA_DIR, 'files')) });
}

/** CPU seconds of a process of this machine (user + system), null when it cannot be read. */
function processCpu(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/** The PostgreSQL backends of the bench database (but the one asking) and their CPU seconds. */
async function backendsCpu(monitor: pg.Client): Promise<Map<number, number | null>> {
  const r = await monitor.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  return new Map(r.rows.map((x) => [x.pid, processCpu(x.pid)]));
}

/** CPU seconds the backends spent between two readings (new backends from zero); null if unreadable. */
function backendsDelta(before: Map<number, number | null>, after: Map<number, number | null>): number | null {
  let sum = 0;
  for (const [pid, cpu] of after) {
    if (cpu === null) return null;
    sum += cpu - (before.get(pid) ?? 0);
  }
  return round(sum);
}

const nodeCpu = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return round((u.user + u.system) / 1e6);
};

/** Child mode: one export, then its time and the process's peak RSS as JSON. */
async function child(format: ExportFormat, limit: number | undefined): Promise<void> {
  const app = await open();
  const setup = await readSetup(app);
  if (!setup) throw new Error('base non préparée');
  const ctx = await loadProcedureExportContext(app.db, String(setup.bench.id));
  const sink = new Writable({
    write(_chunk, _enc, cb) {
      cb();
    },
  });
  let bytes = 0;
  const monitor = new pg.Client({ connectionString: url });
  await monitor.connect();
  const pgBefore = await backendsCpu(monitor);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await produceExport(
    app.db,
    app.storage,
    { ctx, selection: ALL_DOSSIERS, format, now: app.clock.now(), operator: true, limit },
    async (out) => {
      out.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      await pipeline(out, sink);
      return bytes;
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = { node_s: nodeCpu(cpu0), pg_s: backendsDelta(pgBefore, await backendsCpu(monitor)) };
  await monitor.end();
  await shutdown(app);
  console.log(
    JSON.stringify({ seconds, dossiers: r.dossiers, bytes, rss_mb: process.resourceUsage().maxRSS / 1024, cpu }),
  );
}

interface ChildResult {
  seconds: number;
  dossiers: number;
  rss_mb: number;
  cpu?: { node_s: number; pg_s: number | null };
}

function runChild(format: ExportFormat, limit?: number): ChildResult {
  const r = spawnSync(
    process.execPath,
    // a capped heap: an export whose memory grew with the dossiers would fail here
    ['--max-old-space-size=160', '--import', 'tsx', import.meta.filename, '--child', format, String(limit ?? '')],
    { env: process.env, encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) throw new Error(`export ${format} : ${r.stderr}`);
  // the zip must hold every dossier asked for (none left out of the measure)
  if (format === 'zip' && JSON.parse(r.stdout.trim().split('\n').pop()!).dossiers !== limit)
    throw new Error(`export zip : ${limit} dossiers attendus`);
  const last = r.stdout.trim().split('\n').pop()!;
  const out = JSON.parse(last);
  console.error(
    `${format}${limit ? ` (${limit})` : ''} : ${round(out.seconds)} s, ${round(out.rss_mb)} Mo, ${out.bytes} octets`,
  );
  return out;
}

/** COPY of the rows the csv holds (the dossier columns and the whole field values), to nowhere. */
async function copySeconds(
  procedureId: string,
): Promise<{ seconds: number; cpu: { node_s: number; pg_s: number | null } }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const pg0 = processCpu(backend);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const stream = client.query(
      copyTo(`COPY (SELECT d.id, d.state, d.created_at, d.depose_at, d.en_instruction_at, d.processed_at, d.updated_at,
        d.expires_at, d.user_email, d.civilite, d.nom, d.prenom, d.champs, d.annotations,
        (SELECT string_agg(u.email, ', ') FROM users u WHERE u.id = ANY(d.follower_ids)),
        (SELECT g.label FROM groupes_instructeurs g WHERE g.id = d.groupe_id)
        FROM dossiers d WHERE d.procedure_id = ${Number(procedureId)} AND d.state <> 'brouillon' ORDER BY d.id)
        TO STDOUT (FORMAT csv, DELIMITER ';')`),
    );
    await pipeline(
      stream,
      new Writable({
        write(_c, _e, cb) {
          cb();
        },
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const pg1 = processCpu(backend);
    return { seconds, cpu: { node_s: nodeCpu(cpu0), pg_s: pg0 === null || pg1 === null ? null : round(pg1 - pg0) } };
  } finally {
    await client.end();
  }
}

async function main() {
  await ensureDatabase(url);
  const app = await open();
  let setup = await readSetup(app);
  if (!setup || setup.procedureDossiers < DOSSIERS) {
    await seedLoad(app, { dossiers: DOSSIERS, procedureDossiers: DOSSIERS });
    setup = await readSetup(app);
  }
  const procedureId = String(setup!.bench.id);
  await shutdown(app);

  const copy = await copySeconds(procedureId);
  const csv = runChild('csv');
  const skipped = { seconds: 0, dossiers: 0, rss_mb: 0 };
  const xlsx = ONLY_CSV ? skipped : runChild('xlsx');
  const ods = ONLY_CSV ? skipped : runChild('ods');
  const zip = ONLY_CSV ? skipped : runChild('zip', ZIP_DOSSIERS);
  const small = ONLY_CSV
    ? [runChild('csv', 10_000)]
    : [runChild('csv', 10_000), runChild('xlsx', 10_000), runChild('ods', 10_000)];
  console.log(
    JSON.stringify({
      dossiers: csv.dossiers,
      csv_s: round(csv.seconds),
      copy_s: round(copy.seconds),
      xlsx_s: round(xlsx.seconds),
      ods_s: round(ods.seconds),
      zip_s_1000: round(zip.seconds),
      peak_rss_mb: round(Math.max(csv.rss_mb, xlsx.rss_mb, ods.rss_mb)),
      peak_rss_mb_10k: round(Math.max(...small.map((s) => s.rss_mb))),
      zip_rss_mb: round(zip.rss_mb),
      csv_cpu: csv.cpu,
      copy_cpu: copy.cpu,
    }),
  );
}

const at = process.argv.indexOf('--child');
if (at >= 0) {
  const limit = process.argv[at + 2];
  await child(process.argv[at + 1] as ExportFormat, limit ? Number(limit) : undefined);
} else {
  await main();
}
process.exit(0);
