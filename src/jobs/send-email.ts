import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/** Deliver an already rendered e-mail (rendering happens in the job that knows the data). */
export const sendEmailJob = defineJob({
  name: 'send-email',
  payload: z.object({
    to: z.string().email(),
    subject: z.string(),
    html: z.string(),
    text: z.string(),
    attachments: z
      .array(
        z.object({
          filename: z.string(),
          contentType: z.string(),
          content: z.string().optional(),
          fileKey: z.string().optional(),
        }),
      )
      .optional(),
  }),
  handler: async () => async (app, mail) => {
    await app.mailer.deliver(app.db, mail);
  },
});
