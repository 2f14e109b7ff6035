import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/** Daily (02:00, Paris): delete for good the dossiers hidden 14 days ago, keeping a tombstone (docs/domain.md §5). */
export const retentionPurgeJob = defineJob({
  // a long batch (index builds, daily sweeps): not taken for dead after the default minute
  expireInSeconds: 3600,
  name: 'retention-purge',
  payload: z.object({}).passthrough(),
  cron: '0 2 * * *',
  handler: async () => {
    const { runRetentionStep } = await import('../features/retention/run-retention.ts');
    return async (app) => {
      await runRetentionStep(app, 'purge');
    };
  },
});
