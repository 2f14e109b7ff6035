import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/** Daily (01:30, Paris): hide into the corbeille the dossiers warned two weeks ago (docs/domain.md §5). */
export const retentionHideJob = defineJob({
  // a long batch (index builds, daily sweeps): not taken for dead after the default minute
  expireInSeconds: 3600,
  name: 'retention-hide',
  payload: z.object({}).passthrough(),
  cron: '30 1 * * *',
  handler: async () => {
    const { runRetentionStep } = await import('../features/retention/run-retention.ts');
    return async (app) => {
      await runRetentionStep(app, 'hide');
    };
  },
});
