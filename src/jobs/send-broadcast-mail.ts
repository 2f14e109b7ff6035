import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/** One usager's e-mail of a message to the brouillons (docs/domain.md §14), settled once by send-broadcast-mail. */
export const sendBroadcastMailJob = defineJob({
  name: 'send-broadcast-mail',
  payload: z.object({ broadcastId: z.string().regex(/^[0-9]{1,18}$/), email: z.string() }),
  handler: async () => {
    const { sendBroadcastMail } = await import('../features/gestion/send-broadcast-mail.ts');
    const { SYSTEM_ACTOR } = await import('../features/command.ts');
    return async (app, data) => {
      await sendBroadcastMail(app, SYSTEM_ACTOR, data);
    };
  },
});
