// Composition: config → database → migrations → jobs → services. Used by main, the CLI and tests.
import crypto from 'node:crypto';
import type { Services } from './platform/services.ts';
import { loadConfig, type Config } from './platform/config.ts';
import { createDatabase, type Database } from './platform/db/index.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { createBoss } from './platform/queue.ts';
import { createQueues } from './jobs/index.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { DiskStorage, type Storage } from './platform/storage/index.ts';
import { createLogger } from './platform/logger.ts';
import { createMailer } from './platform/mail/transport.ts';

export interface BootstrapOptions {
  config?: Config;
  database?: Database;
  clock?: Clock;
  storage?: Storage;
}

/** The signing secret: SECRET_KEY, else one generated once and kept in the database. */
async function ensureSecret(database: Database, config: Config): Promise<string> {
  if (config.SECRET_KEY) return config.SECRET_KEY;
  const fresh = crypto.randomBytes(32).toString('base64url');
  await database.db
    .insertInto('app_settings')
    .values({ key: 'secret_key', value: fresh })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await database.db
    .selectFrom('app_settings')
    .select('value')
    .where('key', '=', 'secret_key')
    .executeTakeFirstOrThrow();
  return row.value;
}

export async function bootstrap(opts: BootstrapOptions = {}): Promise<Services> {
  const config = opts.config ?? loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const database =
    opts.database ??
    (await createDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.dataDir,
      poolSize: config.DATABASE_POOL_SIZE,
    }));
  await migrateToLatest(database.db);
  config.SECRET_KEY = await ensureSecret(database, config);
  const boss = createBoss(database);
  boss.on('error', (err: Error) => logger.error({ err: { message: err.message } }, 'pg-boss'));
  await boss.start();
  const storage = opts.storage ?? new DiskStorage(config.storageDir);
  const app: Services = {
    config,
    database,
    db: database.db,
    boss,
    clock: opts.clock ?? systemClock,
    storage,
    logger,
    mailer: createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, storage }),
  };
  await createQueues(app);
  return app;
}

export async function shutdown(app: Services): Promise<void> {
  await app.boss.stop({ graceful: true, timeout: 5000, close: false } as any).catch(() => undefined);
  await app.database.close();
}
