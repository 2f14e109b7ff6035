// The application's services (database, queue, clock, storage, logger, mailer, config), built once by
// bootstrap.ts (or by tests) and passed to every command, query, job and route.
import type { PgBoss } from 'pg-boss';
import type { Config } from './config.ts';
import type { Database, Db } from './db/index.ts';
import type { Clock } from './clock.ts';
import type { Storage } from './storage/index.ts';
import type { Logger } from './logger.ts';
import type { Mailer } from './mail/transport.ts';

export interface Services {
  config: Config;
  database: Database;
  db: Db;
  boss: PgBoss;
  clock: Clock;
  storage: Storage;
  logger: Logger;
  mailer: Mailer;
}
