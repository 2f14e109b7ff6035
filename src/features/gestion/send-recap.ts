// One instructor's recap (docs/domain.md §4.6): the marker planned for the day is settled exactly once
// — sent (the e-mail is enqueued in the same transaction), nothing new, or late (its Paris day has
// passed: a missed recap is not sent the next day). A retried or duplicated job finds it settled.
import { z } from 'zod';
import { RECAP_KINDS, recapStillDue, recapWorthSending } from '../../domain/email-preferences.ts';
import { recapContent } from '../../queries/recaps.ts';
import { sendEmailJob } from '../../jobs/send-email.ts';
import { defineCommand } from '../command.ts';
import { renderRecapMail } from './recap-mail.ts';

export const sendRecap = defineCommand({
  name: 'send-recap',
  input: z.object({
    userId: z.string().regex(/^[0-9]{1,18}$/),
    kind: z.enum(RECAP_KINDS),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  authorize: 'system',
  async run({ trx, now, app, enqueue }, { userId, kind, day }) {
    const marker = await trx
      .selectFrom('instructeur_recaps')
      .select('outcome')
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .where('day', '=', day as never)
      .forUpdate()
      .executeTakeFirst();
    if (!marker || marker.outcome !== null) return { outcome: 'already' as const };
    let outcome: 'sent' | 'nothing_new' | 'late' = 'late';
    if (recapStillDue(kind, day, now)) {
      const content = await recapContent(trx, userId, kind, now);
      if (content && recapWorthSending(kind, content.procedures)) {
        await enqueue(sendEmailJob, {
          to: content.email,
          ...renderRecapMail(kind, content.procedures, app.config.appUrl, now),
        });
        outcome = 'sent';
      } else outcome = 'nothing_new';
    }
    await trx
      .updateTable('instructeur_recaps')
      .set({ outcome, done_at: now })
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .where('day', '=', day as never)
      .execute();
    return { outcome };
  },
});
