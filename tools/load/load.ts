// Load data (`guichet seed --dossiers N [--procedure-dossiers M]`): the demo's shape at any size.
// One big procedure holding M dossiers in two groups — 60 % for the measuring instructor
// (bench-instructeur@guichet.test), 40 % for another — and 20 filler procedures of the same form
// holding the rest. Rows are generated in TypeScript in batches (load-batch.ts), a transaction per
// batch (progress is durable). On PostgreSQL, worker threads generate the batches, assemble their
// search vectors (search-vectors.ts) and encode them for COPY (copy.ts) while this thread sends
// them, a few transactions in flight: the machine's cores are the limit, shared between Node's
// generation and PostgreSQL's writing (heap, indexes, the search index). On PGlite, one batch after
// another, by INSERT … unnest (flushRows).
// Idempotent-ish: the parameters are kept in app_settings; the same command again does nothing
// when the count is reached, and resumes an interrupted load otherwise.
import { ensureLoadInstructors } from './instructors.ts';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import cliProgress from 'cli-progress';
import { type RawBuilder, sql } from 'kysely';
import type { Services } from '../../src/platform/services.ts';
import type { Trx } from '../../src/platform/db/index.ts';
import { executeRaw } from '../../src/platform/db/index.ts';
import { hashPassword } from '../../src/platform/crypto.ts';
import { compactWorkListCounts, countNewDossiersStatement } from '../../src/features/work-list/work-list-counts.ts';
import { rebuildBadgeSummary } from '../../src/features/work-list/badge-summary.ts';
import { countNewDossiersDailyStatement } from '../../src/features/gestion/procedure-daily-stats.ts';
import { type CopyPayload, sendCopy } from './copy.ts';
import { buildDeferredIndexes, DEFERRED_INDEXES_KEY, deferSecondaryIndexes } from './deferred-indexes.ts';
import { insertGroups, insertLabels, insertProcedure } from '../../src/seed/procedures.ts';
import { type BatchIds, BatchGenerator, LABELS, type LoadSetup, SEED, type StoredProcedure } from './load-batch.ts';
import type { WorkerInit, WorkerReply, WorkerRequest } from './load-worker.ts';
import { SearchVectors } from './search-vectors.ts';
import {
  addMonthsUTC,
  DAY_MS,
  flushRows,
  makePersona,
  MAX_PER_DOSSIER,
  NORD_REGIONS,
  regionRoutingRule,
  resolveSearchVectors,
  Rng,
  type SchemaColumns,
  schemaColumns,
  sharedSampleBlobs,
  slug,
  subventionForm,
  SUD_REGIONS,
  TABLE_ORDER,
  TABLES,
  type Person,
} from './shared.ts';

export const BENCH_INSTRUCTEUR_EMAIL = 'bench-instructeur@guichet.test';
export const BENCH_INSTRUCTEUR2_EMAIL = 'bench-instructeur2@guichet.test';
export const BENCH_ADMIN_EMAIL = 'bench-admin@guichet.test';
export const BENCH_EXPERT_EMAIL = 'bench-expert@guichet.test';
/** Password of the bench accounts (load data only, never production). */
export const BENCH_PASSWORD = 'bench-guichet-charge';
export const BENCH_PROCEDURE_TITLE = 'Demande de subvention pour association — jeu de charge';
export const BENCH_GROUP_LABELS = ['Groupe 1 — Nord (60 %)', 'Groupe 2 — Sud (40 %)'] as const;
const SETTING_KEY = 'seed_load';
/** Instructors created for `npm run bench:load` (tools/load/instructors.ts). */
export const LOAD_INSTRUCTORS = 24;
/** One app_settings row per committed batch while a load runs: `seed_load_batch:<first index>` → count. */
const BATCH_KEY = 'seed_load_batch:';
const FILLERS = 20;

export interface LoadOptions {
  dossiers: number;
  /** dossiers of the big procedure; default min(dossiers, 100 000) */
  procedureDossiers?: number;
  /** dossiers per batch (default 2 000) */
  batchSize?: number;
  /** batches written at once on PostgreSQL (default 3; PGlite: 1) */
  concurrency?: number;
  /** worker threads generating batches on PostgreSQL (default: the machine's cores, at most 4) */
  workers?: number;
  /** no messages and no JSON line (the caller prints) */
  quiet?: boolean;
  /** progress bar on stderr (default: !quiet) */
  progress?: boolean;
  /**
   * PostgreSQL: build the loaded tables' secondary B-trees after the batches rather than during them
   * (deferred-indexes.ts; default from DEFER_INDEXES_FROM dossiers to write)
   */
  deferIndexes?: boolean;
}

/** From this many dossiers to write, the secondary B-trees are built at the end (deferred-indexes.ts). */
export const DEFER_INDEXES_FROM = 50_000;
export interface LoadResult {
  dossiers: number;
  seconds: number;
  rate_per_s: number;
  skipped?: boolean;
}

export async function seedLoad(app: Services, opts: LoadOptions): Promise<LoadResult> {
  const t0 = performance.now();
  const n = opts.dossiers;
  if (!Number.isInteger(n) || n < 1) throw new Error('--dossiers : un nombre entier positif est attendu');
  const m = Math.min(n, opts.procedureDossiers ?? Math.min(n, 100_000));
  if (!Number.isInteger(m) || m < 1) throw new Error('--procedure-dossiers : un nombre entier positif est attendu');
  const batchSize = opts.batchSize ?? 2000;
  const say = (line: string) => {
    if (!opts.quiet) console.error(line);
  };

  let setup = await readSetup(app);
  if (setup && (setup.dossiers !== n || setup.procedureDossiers !== m)) {
    // the database stays whole: an interrupted load's dropped indexes are built before refusing
    await buildDeferredIndexes(app);
    throw new Error(
      `Un jeu de charge de ${setup.dossiers} dossiers (dont ${setup.procedureDossiers} sur la démarche principale) existe déjà dans cette base : utilisez une base vide pour un autre volume.`,
    );
  }
  if (!setup) {
    setup = await createSetup(app, n, m);
    say(
      `Jeu de charge : démarche « ${BENCH_PROCEDURE_TITLE} » (${m} dossiers) et ${setup.fillers.length} démarches de remplissage.`,
    );
  }
  // the instructors of the load test over HTTP (bench/load.ts), in the big procedure's groups
  await ensureLoadInstructors(app.db, setup, LOAD_INSTRUCTORS);
  const procedureIds = [setup.bench.id, ...setup.fillers.map((f) => f.id)];
  const existing = Number(
    (
      await app.db
        .selectFrom('dossiers')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('procedure_id', 'in', procedureIds)
        .executeTakeFirstOrThrow()
    ).n,
  );
  if (existing >= n) {
    const onBench = Number(
      (
        await app.db
          .selectFrom('dossiers')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('procedure_id', '=', setup.bench.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
    // a load interrupted after its last batch, during its end (records of batches or of dropped indexes left)
    const unfinished = await app.db
      .selectFrom('app_settings')
      .select('key')
      .where((eb) => eb.or([eb('key', 'like', `${BATCH_KEY}%`), eb('key', '=', DEFERRED_INDEXES_KEY)]))
      .limit(1)
      .executeTakeFirst();
    if (unfinished) {
      say(`Fin du jeu de charge interrompue : index, compteurs, badges et statistiques terminés maintenant.`);
      await finishLoad(app, await schemaColumns(app.db), true);
    }
    say(
      `Le jeu de charge est déjà en place : ${existing} dossiers, dont ${onBench} sur la démarche nº ${setup.bench.id} (${BENCH_INSTRUCTEUR_EMAIL} / ${BENCH_PASSWORD}).${unfinished ? '' : ' Rien à faire.'}`,
    );
    const result = { dossiers: 0, seconds: 0, rate_per_s: 0, skipped: true };
    if (!opts.quiet) console.log(JSON.stringify(result));
    return result;
  }
  if (existing > 0) say(`Reprise du jeu de charge : ${existing} dossiers déjà créés sur ${n}.`);

  const samples = sharedSampleBlobs();
  for (const s of samples.samples) await app.storage.put(s.key, s.bytes);

  const bar = !(opts.progress ?? !opts.quiet)
    ? null
    : new cliProgress.SingleBar(
        {
          format: 'Dossiers |{bar}| {value}/{total} · {percentage} % · {speed} dossiers/s · reste {eta_formatted}',
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
  bar?.start(n, existing, { speed: 0 });
  let done = existing;
  const progress = (count: number) => {
    done += count;
    bar?.update(done, { speed: Math.round((done - existing) / ((performance.now() - t0) / 1000)) });
  };
  const schema = await schemaColumns(app.db);
  // the slices of indexes still to write, in order (batches commit out of order: each records its slice)
  const slices = missingSlices(await committedSlices(app, existing), n, batchSize);
  // ids are reserved one batch after the other, so that dossier numbers follow the indexes
  let reserving: Promise<unknown> = Promise.resolve();
  const sequences = await idSequences(app);
  const take = (): Promise<{ start: number; count: number; ids: BatchIds } | null> => {
    const slice = slices.shift();
    if (!slice) return Promise.resolve(null);
    const next = reserving.then(async () => ({ ...slice, ids: await reserveIds(app, sequences, slice.count) }));
    reserving = next.catch(() => undefined);
    return next;
  };
  let withoutTriggers = false;
  try {
    if (app.database.engine === 'postgres') {
      if (opts.deferIndexes ?? n - existing >= DEFER_INDEXES_FROM)
        await deferSecondaryIndexes(
          app,
          TABLE_ORDER.map((t) => TABLES[t].table),
        );
      withoutTriggers = await loadOnPostgres(app, setup, schema, take, progress, opts);
    } else await loadInProcess(app, setup, schema, take, progress);
  } finally {
    bar?.stop();
  }
  const loopSeconds = (performance.now() - t0) / 1000;
  await finishLoad(app, schema, withoutTriggers);
  const seconds = (performance.now() - t0) / 1000;
  app.logger.debug({ loopSeconds, finishSeconds: seconds - loopSeconds }, 'jeu de charge : durées');
  const inserted = n - existing;
  const result: LoadResult = {
    dossiers: inserted,
    seconds: Number(seconds.toFixed(2)),
    rate_per_s: Math.round(inserted / seconds),
  };
  if (!opts.quiet) {
    say(
      `Jeu de charge prêt : démarche nº ${setup.bench.id}, instructeur ${BENCH_INSTRUCTEUR_EMAIL} (mot de passe ${BENCH_PASSWORD}).`,
    );
    console.log(JSON.stringify(result));
  }
  return result;
}

/**
 * The end of a load, after its last batch: every step can run again, and the batches' records are
 * deleted last, so that a load interrupted here is finished by the next run with the same volume.
 */
async function finishLoad(app: Services, schema: SchemaColumns, withoutTriggers: boolean): Promise<void> {
  // before the steps below, which read the loaded tables (deferred-indexes.ts)
  await buildDeferredIndexes(app);
  // Each batch appended its own rows of tab counts (one per batch and key: 3 617 rows for the
  // bench instructor's group at 300 000 dossiers, read on every list page until the compaction job
  // runs — 30 ms of the counts statement): fold them into one row per key now.
  await compactWorkListCounts(app.db);
  // The batches wrote their notifications with triggers off (replica): the badge summary
  // (migration 0024) is computed once, set-wise, from all of them.
  if (withoutTriggers) await rebuildBadgeSummary(app.db);
  await sql`ANALYZE dossier_badges`.execute(app.db);

  // Merge the search index's pending list now rather than during the first searches, and give the
  // planner fresh statistics (the benchmarks query right after): two chains on two connections.
  const [own, rest] = await analyzeStatements(app, schema);
  await Promise.all([
    (async () => {
      for (const statement of own) await statement.execute(app.db);
      for (const statement of rest.filter((_s, i) => i % 2 === 1)) await statement.execute(app.db);
    })(),
    (async () => {
      if (app.database.engine === 'postgres') {
        await app.db.transaction().execute(async (trx) => {
          // one pass over the index (see sessionSettings); a forced clean-up sorts in
          // maintenance_work_mem, not in work_mem as the merges the batches trigger
          await sql`SET LOCAL maintenance_work_mem = '128MB'`.execute(trx);
          await sql`SELECT gin_clean_pending_list('dossiers_search_idx'::regclass)`.execute(trx);
        });
      }
      for (const statement of rest.filter((_s, i) => i % 2 === 0)) await statement.execute(app.db);
    })(),
  ]);
  await app.db.deleteFrom('app_settings').where('key', 'like', `${BATCH_KEY}%`).execute();
}

/**
 * The ANALYZE statements of the loaded tables: [columns with their own statistics target, one each;
 * the rest, one per table]. ANALYZE samples 300 rows per unit of the largest target among the
 * columns it analyses, for all of them: `dossiers.follower_ids` (target 1 000, migration 0002) made
 * it read 300 000 rows and compute the search vector's statistics over all of them (9.8 s at
 * 1 000 000 dossiers, on one core at the end of the load); alone it takes 3.5 s, the other columns
 * 0.7 s with the usual 30 000 rows, on two connections. The columns are those the load read
 * before writing (schemaColumns).
 */
async function analyzeStatements(
  app: Services,
  schema: SchemaColumns,
): Promise<[RawBuilder<unknown>[], RawBuilder<unknown>[]]> {
  const tables = TABLE_ORDER.map((t) => TABLES[t].table);
  const r = await executeRaw(
    app.db,
    `SELECT c.relname AS t, a.attname AS c
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY ($1::text[]) AND a.attnum > 0 AND NOT a.attisdropped
      AND coalesce(a.attstattarget, -1) > 0`,
    [tables],
  );
  const targets = r.rows as { t: string; c: string }[];
  const own: RawBuilder<unknown>[] = [];
  const rest: RawBuilder<unknown>[] = [];
  for (const table of tables) {
    const special = new Set(targets.filter((x) => x.t === table).map((x) => x.c));
    if (special.size === 0) {
      rest.push(sql`ANALYZE ${sql.table(table)}`);
      continue;
    }
    for (const column of special) own.push(sql`ANALYZE ${sql.table(table)} (${sql.id(column)})`);
    const others = [...(schema.get(table)?.keys() ?? [])]
      .filter((column) => !special.has(column))
      .map((column) => sql.id(column));
    if (others.length > 0) rest.push(sql`ANALYZE ${sql.table(table)} (${sql.join(others)})`);
  }
  return [own, rest];
}

type Take = () => Promise<{ start: number; count: number; ids: BatchIds } | null>;

/** The slices of indexes already written: those the batches recorded, else (a load from before) the first `existing`. */
async function committedSlices(app: Services, existing: number): Promise<{ start: number; count: number }[]> {
  const rows = await app.db
    .selectFrom('app_settings')
    .select(['key', 'value'])
    .where('key', 'like', `${BATCH_KEY}%`)
    .execute();
  if (rows.length === 0) return existing > 0 ? [{ start: 0, count: existing }] : [];
  return rows.map((r) => ({ start: Number(r.key.slice(BATCH_KEY.length)), count: Number(r.value) }));
}

/** The gaps of [0, n) that the written slices leave, cut in batches. */
export function missingSlices(
  written: { start: number; count: number }[],
  n: number,
  batchSize: number,
): { start: number; count: number }[] {
  const out: { start: number; count: number }[] = [];
  let at = 0;
  const cut = (from: number, to: number) => {
    for (let start = from; start < to; start += batchSize) out.push({ start, count: Math.min(batchSize, to - start) });
  };
  for (const w of [...written].sort((a, b) => a.start - b.start)) {
    if (w.start > at) cut(at, Math.min(w.start, n));
    at = Math.max(at, w.start + w.count);
  }
  cut(at, n);
  return out;
}

/** Records a committed batch's slice, in its transaction. */
function batchRecord(start: number, count: number): { text: string; values: unknown[] } {
  return {
    text: 'INSERT INTO app_settings (key, value) VALUES ($1, $2)',
    values: [`${BATCH_KEY}${start}`, String(count)],
  };
}

/** PGlite: one batch after another, generated and written here (INSERT … unnest, one transaction each). */
async function loadInProcess(
  app: Services,
  setup: LoadSetup,
  schema: SchemaColumns,
  take: Take,
  progress: (count: number) => void,
): Promise<void> {
  const generator = new BatchGenerator(setup);
  const vectors = new SearchVectors();
  for (let batch = await take(); batch; batch = await take()) {
    const buf = generator.generate(batch.start, batch.ids);
    await resolveSearchVectors(app.db, buf, vectors);
    await app.db.transaction().execute(async (trx) => {
      await flushRows(trx, buf, { chunk: batch.count * 8, schema });
      const record = batchRecord(batch.start, batch.count);
      await executeRaw(trx, record.text, record.values);
    });
    progress(batch.count);
  }
}

/**
 * PostgreSQL: worker threads generate and encode the batches (load-worker.ts), this thread sends
 * them by COPY, a few transactions in flight at once; the first failure stops the load (what was
 * committed stays: the same command resumes).
 */
async function loadOnPostgres(
  app: Services,
  setup: LoadSetup,
  schema: SchemaColumns,
  take: Take,
  progress: (count: number) => void,
  opts: LoadOptions,
): Promise<boolean> {
  const databaseUrl = app.database.url;
  if (!databaseUrl) throw new Error('jeu de charge : adresse du serveur PostgreSQL inconnue');
  const settings = await sessionSettings(app);
  // one connection each beside the pool's: a few, whatever the cores (2 measured best on 2 cores)
  const threads = Math.max(1, opts.workers ?? Math.min(os.availableParallelism(), 4));
  const concurrency = Math.max(1, opts.concurrency ?? 3);
  const workers: GeneratorThread[] = [];
  const writing = new Set<Promise<void>>();
  let failure: unknown = null;
  const run = async (worker: GeneratorThread) => {
    for (let batch = failure ? null : await take(); batch && !failure; batch = failure ? null : await take()) {
      const payloads = await worker.generate(batch.start, batch.ids);
      while (writing.size >= concurrency) await Promise.race(writing);
      if (failure) break;
      const { start, count } = batch;
      const write: Promise<void> = copyBatch(
        app,
        payloads,
        settings,
        batch.ids.dossiers.map(String),
        batchRecord(start, count),
      )
        .then(
          () => progress(count),
          (e) => {
            failure ??= e;
          },
        )
        .finally(() => writing.delete(write));
      writing.add(write);
    }
  };
  try {
    for (let k = 0; k < threads; k++) workers.push(new GeneratorThread({ setup, databaseUrl, schema }));
    await Promise.all(
      workers.map((w) =>
        run(w).catch((e) => {
          failure ??= e;
        }),
      ),
    );
    await Promise.all(writing);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
  if (failure) throw failure;
  return settings.replica;
}

/** A worker thread generating batches (one request at a time). */
class GeneratorThread {
  private readonly worker: Worker;
  private pending: { resolve: (p: CopyPayload[]) => void; reject: (e: unknown) => void } | null = null;
  /** why the thread is gone (it failed to start, or crashed) */
  private dead: Error | null = null;
  constructor(init: WorkerInit) {
    this.worker = new Worker(new URL('./load-worker-entry.mjs', import.meta.url), { workerData: init });
    this.worker.on('message', (reply: WorkerReply) => {
      const pending = this.pending;
      this.pending = null;
      if ('error' in reply) pending?.reject(new Error(`génération du jeu de charge : ${reply.error}`));
      else
        pending?.resolve(
          reply.payloads.map((p) => ({ sql: p.sql, bytes: new Uint8Array(p.buffer, p.offset, p.length) })),
        );
    });
    const fail = (e: Error) => {
      this.dead ??= e;
      this.pending?.reject(e);
      this.pending = null;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) =>
      fail(new Error(`le fil de génération du jeu de charge s’est arrêté (code ${code})`)),
    );
  }
  generate(start: number, ids: BatchIds): Promise<CopyPayload[]> {
    if (this.dead) return Promise.reject(this.dead);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage({ start, ids } satisfies WorkerRequest);
    });
  }
  async close(): Promise<void> {
    if (this.dead) return;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage({ close: true } satisfies WorkerRequest);
    // a worker that does not close by itself (it failed) is stopped
    const timer = setTimeout(() => void this.worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * Per-batch settings, PostgreSQL only: commits do not wait for the WAL flush (a crash loses the
 * last batches, never consistency; the load resumes), new search-index entries go to a large
 * GIN pending list merged in bulk (with the memory to sort it in one go), and the JSONB values are
 * compressed with lz4 when the server has it (4× faster than pglz; readable by any PostgreSQL ≥ 14
 * built with lz4).
 * When the role may set it, session_replication_role = replica skips the per-row foreign-key
 * checks and the triggers: the rows reference what this load created or reserved, follower_ids is
 * written with the follows, and the batch is counted in work_list_counts by countNewDossiers (the
 * checks cost about an eighth of the database's time).
 */
async function sessionSettings(app: Services): Promise<{ statements: string[]; replica: boolean }> {
  if (app.database.engine !== 'postgres') return { statements: [], replica: false };
  // The search index's pending list is merged by the batch that fills it, sorting its entries in
  // work_mem before inserting them in the index: with the default 4 MB, a pass over the index every
  // 4 MB of entries (some sixteen per merge), whose pages (1.2 GB at 1 000 000 dossiers) no longer
  // fit the server's buffers (4.8 million reads in a load); with 128 MB, one pass per merge
  // (1.1 million reads) and 4 072 → 4 642 dossiers/s. Only one batch merges at a time; nothing else
  // of a batch sorts or hashes more than a few rows.
  const out = [
    'SET LOCAL synchronous_commit = off',
    "SET LOCAL gin_pending_list_limit = '64MB'",
    "SET LOCAL work_mem = '128MB'",
  ];
  const r = await executeRaw(
    app.db,
    `SELECT
      EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) AS lz4,
      has_parameter_privilege('session_replication_role', 'SET') AS replica`,
  );
  if (r.rows[0].lz4) out.push("SET LOCAL default_toast_compression = 'lz4'");
  if (r.rows[0].replica) out.push('SET LOCAL session_replication_role = replica');
  return { statements: out, replica: Boolean(r.rows[0].replica) };
}

/** One batch on PostgreSQL: a transaction on one connection of the pool, the rows by COPY (binary). */
async function copyBatch(
  app: Services,
  payloads: CopyPayload[],
  settings: { statements: string[]; replica: boolean },
  dossierIds: string[],
  record: { text: string; values: unknown[] },
): Promise<void> {
  const client = await app.database.pool.connect();
  let failed: unknown = null;
  try {
    await client.query('BEGIN');
    for (const s of settings.statements) await client.query(s);
    await sendCopy(client, payloads);
    // the tab-count trigger does not fire in replica mode: count the batch here
    if (settings.replica) {
      const { text, values } = countNewDossiersStatement(dossierIds);
      await client.query(text, values);
      // nor the statistics' per-day totals (migration 0023)
      const daily = countNewDossiersDailyStatement(dossierIds);
      await client.query(daily.text, daily.values);
    }
    await client.query(record.text, record.values);
    await client.query('COMMIT');
  } catch (e) {
    failed = e;
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    // a connection that failed mid-COPY is not given back to the pool
    client.release(failed instanceof Error ? failed : undefined);
  }
}

/** The load's parameters and ids, if a load was set up in this database. */
/** The load's setup kept in app_settings, or null when this database holds no load. */
export async function readSetup(app: Pick<Services, 'db'>): Promise<LoadSetup | null> {
  const row = await app.db.selectFrom('app_settings').select('value').where('key', '=', SETTING_KEY).executeTakeFirst();
  return row ? (JSON.parse(row.value) as LoadSetup) : null;
}

/** The identity sequences the load takes ids from (by name: \`nextval\` of a constant is what costs least). */
type IdSequences = Record<keyof BatchIds, string>;
async function idSequences(app: Services): Promise<IdSequences> {
  const r = await executeRaw(
    app.db,
    `SELECT pg_get_serial_sequence('dossiers', 'id') AS dossiers,
    pg_get_serial_sequence('messages', 'id') AS messages, pg_get_serial_sequence('rendez_vous', 'id') AS rendez_vous`,
  );
  return r.rows[0] as IdSequences;
}

/**
 * Values taken from the identity sequences for one batch, in one round trip: unique even if rows are
 * created meanwhile. Dossier numbers in increasing order; messages and rendez-vous up to their bound
 * per dossier (ids that events refer to; unused ones are left as gaps). The sequences are named by
 * parameters, not by pg_get_serial_sequence in the statement: PostgreSQL would evaluate it (catalog
 * lookups) for every value, 36 ms instead of 5 per batch of 2 000 dossiers.
 */
async function reserveIds(app: Services, sequences: IdSequences, count: number): Promise<BatchIds> {
  const take = (name: keyof BatchIds, k: number) =>
    `ARRAY(SELECT nextval($${k + 1}::regclass) FROM generate_series(1, $${k}))::text[] AS ${name}`;
  const r = await executeRaw(
    app.db,
    `SELECT ${take('dossiers', 1)}, ${take('messages', 3)}, ${take('rendez_vous', 5)}`,
    [
      count,
      sequences.dossiers,
      count * MAX_PER_DOSSIER.messages,
      sequences.messages,
      count * MAX_PER_DOSSIER.rendezVous,
      sequences.rendez_vous,
    ],
  );
  const row = r.rows[0] as { dossiers: string[]; messages: string[]; rendez_vous: string[] };
  return {
    dossiers: row.dossiers.map(Number).sort((a, b) => a - b),
    messages: row.messages,
    rendez_vous: row.rendez_vous,
  };
}

async function createSetup(app: Services, n: number, m: number): Promise<LoadSetup> {
  const now = app.clock.now();
  const hash = await hashPassword(BENCH_PASSWORD);
  return app.db.transaction().execute(async (trx) => {
    const staff = await trx
      .insertInto('users')
      .values([
        { email: BENCH_ADMIN_EMAIL, password_hash: hash, first_name: 'Adèle', last_name: 'Charge' },
        { email: BENCH_INSTRUCTEUR_EMAIL, password_hash: hash, first_name: 'Basile', last_name: 'Mesure' },
        { email: BENCH_INSTRUCTEUR2_EMAIL, password_hash: hash, first_name: 'Inès', last_name: 'Témoin' },
        { email: BENCH_EXPERT_EMAIL, password_hash: hash, first_name: 'Éric', last_name: 'Avis' },
      ])
      .returning(['id', 'email'])
      .execute();
    const person = (email: string): Person => ({ id: staff.find((s) => s.email === email)!.id, email });
    const admin = person(BENCH_ADMIN_EMAIL);
    const i1 = person(BENCH_INSTRUCTEUR_EMAIL);
    const i2 = person(BENCH_INSTRUCTEUR2_EMAIL);
    const expert = person(BENCH_EXPERT_EMAIL);
    await trx.insertInto('administrateurs').values({ user_id: admin.id }).execute();
    await trx
      .insertInto('instructeurs')
      .values([{ user_id: i1.id }, { user_id: i2.id }])
      .execute();
    await trx.insertInto('experts').values({ user_id: expert.id }).execute();
    const usagers = await insertUsagers(trx, Math.min(5000, Math.max(20, Math.ceil(n / 20))), now);

    const form = subventionForm();
    const published = addMonthsUTC(now, -14);
    const created = new Date(published.getTime() - 20 * DAY_MS);
    const base = {
      description: 'Démarche générée pour les mesures de performance (guichet seed --dossiers).',
      service_name: 'Direction de la vie associative',
      contact_email: 'vie-associative@guichet.test',
      state: 'publiee' as const,
      created_at: created,
      published_at: published,
    };

    const p = await insertProcedure(
      trx,
      { ...base, title: BENCH_PROCEDURE_TITLE, rdv_enabled: true },
      form,
      { published: true, draft: true },
      admin,
    );
    const groupIds = await insertGroups(trx, p.id, [
      { label: BENCH_GROUP_LABELS[0], is_default: true, routing_rule: regionRoutingRule(NORD_REGIONS), members: [i1] },
      { label: BENCH_GROUP_LABELS[1], is_default: false, routing_rule: regionRoutingRule(SUD_REGIONS), members: [i2] },
    ]);
    const bench: StoredProcedure = {
      id: p.id,
      revisionId: p.publishedRevisionId!,
      labelIds: (await insertLabels(trx, p.id, LABELS)).map((l) => l.id),
      groups: [
        { id: groupIds[0], weight: 0.6, regions: NORD_REGIONS, instructors: [i1] },
        { id: groupIds[1], weight: 0.4, regions: SUD_REGIONS, instructors: [i2] },
      ],
    };
    const fillers: StoredProcedure[] = [];
    for (let k = 1; n > m && k <= FILLERS; k++) {
      const fp = await insertProcedure(
        trx,
        { ...base, title: `Démarche de remplissage nº ${k} (jeu de charge)` },
        form,
        { published: true, draft: true },
        admin,
      );
      const [g] = await insertGroups(trx, fp.id, [
        { label: 'défaut', is_default: true, routing_rule: null, members: [i2] },
      ]);
      fillers.push({
        id: fp.id,
        revisionId: fp.publishedRevisionId!,
        labelIds: (await insertLabels(trx, fp.id, LABELS)).map((l) => l.id),
        groups: [{ id: g, weight: 1, regions: [...NORD_REGIONS, ...SUD_REGIONS], instructors: [i2] }],
      });
    }
    await trx
      .insertInto('instructeur_procedures')
      .values([
        { user_id: i1.id, procedure_id: p.id, position: 0 },
        { user_id: i2.id, procedure_id: p.id, position: 0 },
        ...fillers.map((f, k) => ({ user_id: i2.id, procedure_id: f.id, position: k + 1 })),
      ])
      .execute();

    const setup: LoadSetup = {
      version: 1,
      dossiers: n,
      procedureDossiers: m,
      now: now.toISOString(),
      expert,
      usagers,
      bench,
      fillers,
    };
    await trx
      .insertInto('app_settings')
      .values({ key: SETTING_KEY, value: JSON.stringify(setup) })
      .execute();
    return setup;
  });
}

/** Applicant accounts (no password: they own dossiers, nobody signs in with them). */
async function insertUsagers(trx: Trx, count: number, now: Date): Promise<Person[]> {
  const rng = new Rng(SEED + 1);
  const emails: string[] = [];
  const first: string[] = [];
  const last: string[] = [];
  for (let k = 1; k <= count; k++) {
    const p = makePersona(rng, NORD_REGIONS);
    emails.push(`${slug(p.prenom)}.${slug(p.nom)}.${k}@usagers.guichet.test`);
    first.push(p.prenom);
    last.push(p.nom);
  }
  const r = await executeRaw(
    trx,
    `INSERT INTO users (email, first_name, last_name, created_at)
     SELECT e, f, l, $4::timestamptz FROM unnest($1::text[], $2::text[], $3::text[]) AS u(e, f, l) RETURNING id, email`,
    [emails, first, last, addMonthsUTC(now, -15).toISOString()],
  );
  return r.rows.map((x) => ({ id: String(x.id), email: x.email as string }));
}
