import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/** Daily (03:00, Paris): forget the one-time form tokens older than two days. */
export const formSubmissionsSweepJob = defineJob({
  name: 'form-submissions-sweep',
  payload: z.object({}).passthrough(),
  cron: '0 3 * * *',
  handler: async () => {
    const { sweepFormSubmissions } = await import('../features/forms/sweep-form-submissions.ts');
    const { SYSTEM_ACTOR } = await import('../features/command.ts');
    return async (app) => {
      await sweepFormSubmissions(app, SYSTEM_ACTOR, {});
    };
  },
});
