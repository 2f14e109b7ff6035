// Every job: a name, a payload schema and a lazily imported handler (one file per job). Features
// enqueue a job by its definition (`ctx.enqueue(jobDef, payload)`), so the payload is typed by the
// schema; a job file imports the feature code its handler runs lazily, inside `handler`.
import type { z } from 'zod';
import type { Services } from './services.ts';

export interface JobDef<S extends z.ZodTypeAny = z.ZodTypeAny> {
  name: string;
  payload: S;
  handler: () => Promise<(app: Services, data: z.output<S>, job?: JobRun) => Promise<void>>;
  /** cron schedule (UTC), for recurring jobs */
  cron?: string;
  /**
   * How long one run may take before pg-boss takes it for dead and retries it (default
   * JOB_EXPIRE_SECONDS): a worker killed mid-job is retried within about two minutes, not fifteen.
   */
  expireInSeconds?: number;
  /**
   * Jobs fetched at once by a worker, fetched again at once while the queue is full (default 1:
   * one job per polling interval). For queues that receive thousands of jobs at once (the e-mails
   * and attestations of a bulk decision); their handlers must be idempotent (see JobRun).
   */
  workBatchSize?: number;
  /**
   * Handles the jobs fetched together at once (with workBatchSize), when doing them set-wise is much
   * cheaper than one by one (docs/domain.md §8: a bulk decision's e-mails and attestations). Same
   * rules as `handler`: idempotent, each job's effect once per job id. Without it, `handler` runs
   * for each job in turn.
   */
  batchHandler?: () => Promise<(app: Services, jobs: { data: z.output<S>; job: JobRun }[]) => Promise<void>>;
  /** Run once when a worker starts (e.g. resume the work a killed worker left unfinished). */
  onWorkerStart?: () => Promise<(app: Services) => Promise<void>>;
}

/**
 * The run of one job. A job whose worker died is run again: `id` stays the same, so a handler can
 * make its effect happen once (the e-mail's de-duplication key).
 */
export interface JobRun {
  id: string;
}

/** A job's default running time limit: documents and e-mails take seconds. */
export const JOB_EXPIRE_SECONDS = 60;

/** What the payload of a job must look like when it is enqueued. */
export type JobPayload<J extends JobDef> = J extends JobDef<infer S> ? z.input<S> : never;

export function defineJob<S extends z.ZodTypeAny>(def: JobDef<S>): JobDef<S> {
  return def;
}
