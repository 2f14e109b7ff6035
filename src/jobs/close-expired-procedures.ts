import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/** Every night (00:05, Paris): close the procedures whose closing date has passed (docs/domain.md §1.1). */
export const closeExpiredProceduresJob = defineJob({
  name: 'close-expired-procedures',
  payload: z.object({}).passthrough(),
  cron: '5 0 * * *',
  handler: async () => {
    const { closeExpiredProcedures } = await import('../features/procedures/close-expired-procedures.ts');
    const { SYSTEM_ACTOR } = await import('../features/command.ts');
    return async (app) => {
      await closeExpiredProcedures(app, SYSTEM_ACTOR, {});
    };
  },
});
