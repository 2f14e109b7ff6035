// The application's services, built once by main.ts (or by tests) and passed everywhere.
import type { PgBoss } from 'pg-boss';
import type { Config } from './config.ts';
import type { Database, Db } from './db/index.ts';
import type { Clock } from './clock.ts';
import type { Storage } from './storage/index.ts';
import type { Logger } from './logger.ts';
import type { Mailer } from './mail/transport.ts';

export interface App {
  config: Config;
  database: Database;
  db: Db;
  boss: PgBoss;
  clock: Clock;
  storage: Storage;
  logger: Logger;
  mailer: Mailer;
}
