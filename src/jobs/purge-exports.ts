import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/** Every hour: exports past their 32 hours (and abandoned pending ones) are deleted with their files. */
export const purgeExportsJob = defineJob({
  name: 'purge-exports',
  payload: z.object({}).passthrough(),
  cron: '17 * * * *',
  handler: async () => {
    const { purgeExports } = await import('../features/exports/purge-exports.ts');
    const { SYSTEM_ACTOR } = await import('../features/command.ts');
    return async (app) => {
      await purgeExports(app, SYSTEM_ACTOR, {});
    };
  },
});
