import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/** Every 5 minutes: fold the tab-count deltas appended by the dossiers trigger (migration 0004). */
export const workListCountsCompactJob = defineJob({
  // a long batch (index builds, daily sweeps): not taken for dead after the default minute
  expireInSeconds: 3600,
  name: 'work-list-counts-compact',
  payload: z.object({}).passthrough(),
  cron: '*/5 * * * *',
  handler: async () => {
    const { compactWorkListCounts } = await import('../features/work-list/work-list-counts.ts');
    return async (app) => {
      await compactWorkListCounts(app.db);
    };
  },
});
