// Every job: a name, a payload schema and a lazily imported handler (one file per job). Features
// enqueue a job by its definition (`ctx.enqueue(jobDef, payload)`), so the payload is typed by the
// schema; a job file imports the feature code its handler runs lazily, inside `handler`.
import type { z } from 'zod';
import type { Services } from './services.ts';

export interface JobDef<S extends z.ZodTypeAny = z.ZodTypeAny> {
  name: string;
  payload: S;
  handler: () => Promise<(app: Services, data: z.output<S>) => Promise<void>>;
  /** cron schedule (UTC), for recurring jobs */
  cron?: string;
  /**
   * How long one run may take before pg-boss takes it for dead and retries it (default
   * JOB_EXPIRE_SECONDS): a worker killed mid-job is retried within about two minutes, not fifteen.
   */
  expireInSeconds?: number;
}

/** A job's default running time limit: documents and e-mails take seconds. */
export const JOB_EXPIRE_SECONDS = 60;

/** What the payload of a job must look like when it is enqueued. */
export type JobPayload<J extends JobDef> = J extends JobDef<infer S> ? z.input<S> : never;

export function defineJob<S extends z.ZodTypeAny>(def: JobDef<S>): JobDef<S> {
  return def;
}
