import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/** One instructor's recap of a Paris day (docs/domain.md §4.6), settled once by send-recap. */
export const sendRecapJob = defineJob({
  name: 'send-recap',
  payload: z.object({
    userId: z.string().regex(/^[0-9]{1,18}$/),
    kind: z.enum(['daily', 'weekly']),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  handler: async () => {
    const { sendRecap } = await import('../features/gestion/send-recap.ts');
    const { SYSTEM_ACTOR } = await import('../features/command.ts');
    return async (app, data) => {
      await sendRecap(app, SYSTEM_ACTOR, data);
    };
  },
});
