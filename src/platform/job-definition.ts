// Every job: a name, a payload schema and a lazily imported handler (one file per job).
import type { z } from 'zod';
import type { Services } from './services.ts';

export interface JobDef<S extends z.ZodTypeAny = z.ZodTypeAny> {
  name: string;
  payload: S;
  handler: () => Promise<(app: Services, data: z.output<S>) => Promise<void>>;
  /** cron schedule (UTC), for recurring jobs */
  cron?: string;
}

export function defineJob<S extends z.ZodTypeAny>(def: JobDef<S>): JobDef<S> {
  return def;
}
