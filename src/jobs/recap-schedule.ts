import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';
import { RECAP_CRON } from '../domain/email-preferences.ts';

/** The instructors' recaps (docs/domain.md §4.6), on their Paris schedules: each run plans the day's
 *  recaps once (plan-recaps) and does nothing on a day without recap. */
function recapScheduleJob(kind: 'daily' | 'weekly') {
  return defineJob({
    name: `recap-${kind}`,
    payload: z.object({}).passthrough(),
    cron: RECAP_CRON[kind],
    handler: async () => {
      const { planRecaps } = await import('../features/gestion/plan-recaps.ts');
      const { SYSTEM_ACTOR } = await import('../features/command.ts');
      const { isRecapDay, parisDay } = await import('../domain/email-preferences.ts');
      return async (app) => {
        const today = parisDay(app.clock.now());
        if (!isRecapDay(kind, today.weekday)) return;
        await planRecaps(app, SYSTEM_ACTOR, { kind, day: today.day });
      };
    },
  });
}

export const recapDailyJob = recapScheduleJob('daily');
export const recapWeeklyJob = recapScheduleJob('weekly');
