// pg-boss on the application's one pool, on PGlite (backend 'pglite') and PostgreSQL alike.
// Jobs are enqueued inside the command's transaction (see enqueueIn), so a rolled-back write sends
// nothing and a committed one loses nothing.
import { PgBoss } from 'pg-boss';
import type { Database, Executor } from './db/index.ts';
import { executeRaw } from './db/index.ts';

export function createBoss(database: Database): PgBoss {
  return new PgBoss({
    backend: database.engine === 'pglite' ? 'pglite' : 'postgres',
    db: { executeSql: (text: string, values?: unknown[]) => database.pool.query(text, values as any[]) },
    schema: 'pgboss',
    // Maintenance every 2 minutes is plenty here; it shares the single PGlite connection.
    superviseIntervalSeconds: 120,
    monitorVacuum: false,
  } as any);
}

export interface EnqueueOptions {
  /** seconds to wait before running (e.g. the 5-minute delay of message e-mails) */
  startAfter?: number | Date;
  singletonKey?: string;
  retryLimit?: number;
}

export async function enqueueIn(
  boss: PgBoss,
  ex: Executor,
  name: string,
  data: object,
  opts: EnqueueOptions = {},
): Promise<void> {
  await boss.send(name, data, {
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    ...opts,
    db: { executeSql: (text: string, values?: unknown[]) => executeRaw(ex, text, values ?? []) },
  } as any);
}
