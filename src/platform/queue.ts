// pg-boss on the application's one pool, on PGlite (backend 'pglite') and PostgreSQL alike.
// Jobs are enqueued inside the command's transaction (see enqueueIn), so a rolled-back write sends
// nothing and a committed one loses nothing.
import { PgBoss } from 'pg-boss';
import type { z } from 'zod';
import type { Database, Executor } from './db/index.ts';
import { executeRaw } from './db/index.ts';
import type { JobDef } from './job-definition.ts';

export function createBoss(database: Database): PgBoss {
  return new PgBoss({
    backend: database.engine === 'pglite' ? 'pglite' : 'postgres',
    db: { executeSql: (text: string, values?: unknown[]) => database.pool.query(text, values as any[]) },
    schema: 'pgboss',
    // Maintenance (which also retries the jobs of a dead worker) every minute; it shares the single PGlite connection.
    superviseIntervalSeconds: 60,
    monitorVacuum: false,
  } as any);
}

export interface EnqueueOptions {
  /** seconds to wait before running (e.g. the 5-minute delay of message e-mails) */
  startAfter?: number | Date;
  singletonKey?: string;
  /** with singletonKey: at most one job of that key per slot of this many seconds */
  singletonSeconds?: number;
  retryLimit?: number;
}

/** Enqueue `job` with `data` (checked against the job's schema first) in the transaction `ex`. */
export async function enqueueIn<S extends z.ZodTypeAny>(
  boss: PgBoss,
  ex: Executor,
  job: JobDef<S>,
  data: z.input<S>,
  opts: EnqueueOptions = {},
): Promise<void> {
  job.payload.parse(data);
  await boss.send(
    job.name,
    data as object,
    {
      retryLimit: 3,
      retryDelay: 30,
      retryBackoff: true,
      ...opts,
      db: { executeSql: (text: string, values?: unknown[]) => executeRaw(ex, text, values ?? []) },
    } as any,
  );
}

/**
 * Enqueue many jobs of one definition in one statement in the transaction `ex` (bulk operations,
 * docs/domain.md §8): each payload checked like enqueueIn's, the same retry defaults.
 */
export async function enqueueManyIn<S extends z.ZodTypeAny>(
  boss: PgBoss,
  ex: Executor,
  job: JobDef<S>,
  items: { data: z.input<S>; opts?: EnqueueOptions }[],
): Promise<void> {
  for (let i = 0; i < items.length; i += 1000) {
    const jobs = items.slice(i, i + 1000).map(({ data, opts }) => {
      job.payload.parse(data);
      return { data: data as object, retryLimit: 3, retryDelay: 30, retryBackoff: true, ...opts };
    });
    await boss.insert(
      job.name,
      jobs as any,
      {
        db: { executeSql: (text: string, values?: unknown[]) => executeRaw(ex, text, values ?? []) },
      } as any,
    );
  }
}
