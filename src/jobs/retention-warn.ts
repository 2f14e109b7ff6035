import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/** Daily (01:00, Paris): warn the dossiers that expire within two weeks (docs/domain.md §5). */
export const retentionWarnJob = defineJob({
  // a long batch (index builds, daily sweeps): not taken for dead after the default minute
  expireInSeconds: 3600,
  name: 'retention-warn',
  payload: z.object({}).passthrough(),
  cron: '0 1 * * *',
  handler: async () => {
    const { runRetentionStep } = await import('../features/retention/run-retention.ts');
    return async (app) => {
      await runRetentionStep(app, 'warn');
    };
  },
});
