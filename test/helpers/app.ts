// A fresh, migrated database per test file: PGlite by default (cloned from a migrated template kept in
// the OS temp folder, < 1 s instead of an initdb each time), or a new PostgreSQL database when
// DATABASE_URL is set (created from the server's template, dropped at close).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import type { Services } from '../../src/platform/services.ts';
import { bootstrap, shutdown } from '../../src/bootstrap.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createDatabase, createDatabaseFromPGlite, openPGlite, type Database } from '../../src/platform/db/index.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { migrations } from '../../src/platform/db/migrations/index.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { MemoryStorage } from '../../src/platform/storage/index.ts';

export const engine: 'pglite' | 'postgres' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

// The template is keyed by the migrations' source, so editing a migration rebuilds it.
const migrationsDir = path.resolve(import.meta.dirname, '../../src/platform/db/migrations');
const templateKey = (() => {
  const h = crypto.createHash('sha256');
  for (const name of Object.keys(migrations))
    h.update(name).update(fs.readFileSync(path.join(migrationsDir, `${name}.ts`)));
  return h.digest('hex').slice(0, 12);
})();

async function pgliteTemplate(): Promise<Blob> {
  const file = path.join(os.tmpdir(), `guichet-template-${templateKey}.tar.gz`);
  if (!fs.existsSync(file)) {
    const pglite = await openPGlite({});
    const d = await createDatabaseFromPGlite(pglite);
    await migrateToLatest(d.db);
    const dump = await pglite.dumpDataDir('gzip');
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file); // atomic: parallel test files may race to write it
    await d.close();
  }
  return new Blob([fs.readFileSync(file)]);
}

const created = new WeakMap<Services, () => Promise<void>>();

async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    const pglite = await openPGlite({ loadDataDir: await pgliteTemplate() });
    return { database: await createDatabaseFromPGlite(pglite), drop: async () => undefined };
  }
  const base = new URL(process.env.DATABASE_URL!);
  const name = `guichet_t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  const database = await createDatabase({ databaseUrl: url.toString(), dataDir: os.tmpdir() });
  return {
    database,
    drop: async () => {
      // DROP … WITH (FORCE) ends the pool's idle connections: their error is expected, not a failure.
      database.pool.on('error', () => {});
      const c = new pg.Client({ connectionString: base.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestApp extends Services {
  clock: ManualClock;
  storage: MemoryStorage;
}

export async function createTestApp(opts: { env?: Record<string, string>; now?: string } = {}): Promise<TestApp> {
  const { database, drop } = await freshDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    GUICHET_DATA_DIR: path.join(os.tmpdir(), 'guichet-test-data'),
    APP_URL: 'http://guichet.test',
    SECRET_KEY: 'test-secret-key-test-secret-key-0123456789',
    ...opts.env,
  } as NodeJS.ProcessEnv);
  const app = (await bootstrap({
    config,
    database,
    clock: new ManualClock(new Date(opts.now ?? '2026-03-02T09:00:00Z')),
    storage: new MemoryStorage(),
  })) as TestApp;
  created.set(app, drop);
  return app;
}

export async function closeTestApp(app: Services): Promise<void> {
  await shutdown(app);
  await created.get(app)?.();
}
