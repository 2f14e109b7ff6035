import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/** Every 10 minutes: the declarative step of the dossiers it was refused to, once unblocked (docs/domain.md §2.6). */
export const declarativeRetryJob = defineJob({
  expireInSeconds: 3600,
  name: 'declarative-retry',
  payload: z.object({}).passthrough(),
  cron: '*/10 * * * *',
  handler: async () => {
    const { runDeclarativeRetries } = await import('../features/instruction/retry-declarative.ts');
    return async (app) => {
      await runDeclarativeRetries(app);
    };
  },
});
