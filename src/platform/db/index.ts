// One dialect, two engines: Kysely's PostgresDialect over a pg.Pool, that pool talking either to
// a PostgreSQL server (DATABASE_URL) or to an embedded PGlite through its node-postgres adapter.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect, CompiledQuery, sql, type Transaction } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import type { DB } from './schema.ts';

export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
export type Executor = Db | Trx;

export interface Database {
  db: Db;
  pool: pg.Pool;
  engine: 'pglite' | 'postgres';
  /** the server's address (PostgreSQL): for a process or thread that opens its own connections */
  url?: string;
  pglite?: PGlite;
  close(): Promise<void>;
}

// bigint (int8) stays a string (dossier numbers fit, but counts may not: keep one rule);
// numeric as string too; timestamptz as Date; jsonb as object — the pg defaults, same on both engines.

export async function openPGlite(opts: { dataDir?: string; loadDataDir?: Blob }): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  return PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    extensions: { unaccent, pg_trgm },
  });
}

/** A lock file so that a second process cannot open the same PGlite folder (it would corrupt it). */
function takeLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, 'guichet.lock');
  try {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        throw new Error(
          `La base embarquée ${dir} est déjà ouverte par le processus ${pid}. Arrêtez-le ou choisissez un autre GUICHET_DATA_DIR.`,
        );
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
      }
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.writeFileSync(lock, String(process.pid));
  return () => {
    try {
      fs.unlinkSync(lock);
    } catch {
      /* already gone */
    }
  };
}

/**
 * Put first in a statement of a hot path (sql`${PREPARED}SELECT …`) to run it as a named prepared
 * statement on whichever connection runs it (the pool's or a transaction's): PostgreSQL parses it
 * once per connection, and keeps its plan when the plan does not depend on the values (it decides:
 * after five runs it compares the generic plan's cost with the plans made for the values). A list
 * page's context statement costs 0.59 ms unprepared and 0.16 ms prepared (docs/work-list.md,
 * « Prepared statements »). Only for statements whose text takes few forms: each form stays prepared
 * on each connection.
 */
export const PREPARED = sql.raw('/* prepared */ ');
const PREPARED_MARK = '/* prepared */ ';
const preparedNames = new Map<string, string>();

function preparedName(text: string): string {
  let name = preparedNames.get(text);
  if (name === undefined) {
    name = `guichet_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    preparedNames.set(text, name);
  }
  return name;
}

/** Every connection of the pool runs the statements marked PREPARED as named prepared statements. */
function prepareMarkedStatements(pool: pg.Pool): pg.Pool {
  pool.on('connect', (client) => {
    // the class's query, looked up at each call (tests and benches wrap it to count statements)
    const proto = Object.getPrototypeOf(client) as { query: (...args: unknown[]) => unknown };
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (
      config: unknown,
      values?: unknown,
      callback?: unknown,
    ) =>
      typeof config === 'string' && config.startsWith(PREPARED_MARK)
        ? proto.query.call(client, { name: preparedName(config), text: config, values }, callback)
        : proto.query.call(client, config, values, callback);
  });
  return pool;
}

export async function createDatabaseFromPGlite(pglite: PGlite, release?: () => void): Promise<Database> {
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const pool = prepareMarkedStatements(
    new pg.Pool({ ...(createPgConfig(pglite) as unknown as pg.PoolConfig), max: 1 }),
  );
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    engine: 'pglite',
    pglite,
    async close() {
      await db.destroy();
      await pglite.close();
      release?.();
    },
  };
}

export async function createDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  /** PostgreSQL connections of this process (default 10) */
  poolSize?: number;
}): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = prepareMarkedStatements(new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 }));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      pool,
      engine: 'postgres',
      url: opts.databaseUrl,
      async close() {
        await db.destroy();
      },
    };
  }
  const dir = path.join(opts.dataDir, 'pglite');
  const release = takeLock(opts.dataDir);
  try {
    const pglite = await openPGlite({ dataDir: dir });
    return createDatabaseFromPGlite(pglite, release);
  } catch (e) {
    release();
    throw e;
  }
}

/**
 * A statement of a hot path (every request's session, the search bar's number lookup) as a named
 * prepared statement: PostgreSQL parses and plans it once per connection of the pool instead of on
 * every call. It takes its own connection from the pool: never inside a transaction. One name, one text.
 */
export async function queryPrepared(database: Database, name: string, text: string, values: unknown[]): Promise<any[]> {
  return (await database.pool.query({ name, text, values })).rows;
}

/** Run raw SQL text with $n parameters on a Kysely executor (used by pg-boss inside our transactions). */
export async function executeRaw(ex: Executor, text: string, values: unknown[] = []): Promise<{ rows: any[] }> {
  const r = await ex.executeQuery(CompiledQuery.raw(text, values));
  return { rows: r.rows as any[] };
}
