import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/** Every 5 minutes: fold the statistics' per-day deltas appended by the dossiers trigger (migration 0023). */
export const procedureDailyStatsCompactJob = defineJob({
  expireInSeconds: 3600,
  name: 'procedure-daily-stats-compact',
  payload: z.object({}).passthrough(),
  cron: '*/5 * * * *',
  handler: async () => {
    const { compactProcedureDailyStats } = await import('../features/gestion/procedure-daily-stats.ts');
    return async (app) => {
      await compactProcedureDailyStats(app.db);
    };
  },
});
