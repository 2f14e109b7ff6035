// The daily / weekly recap's schedule fired (docs/domain.md §4.6): one marker per instructor for the
// Paris day, and a send-recap job for each marker created — in one transaction, so that the schedule
// firing twice, or a worker restarted midway, never plans an instructor's recap twice.
import { z } from 'zod';
import { sql } from 'kysely';
import { RECAP_KINDS } from '../../domain/email-preferences.ts';
import { recapRecipients } from '../../queries/recaps.ts';
import { sendRecapJob } from '../../jobs/send-recap.ts';
import { defineCommand } from '../command.ts';

export const planRecaps = defineCommand({
  name: 'plan-recaps',
  input: z.object({ kind: z.enum(RECAP_KINDS), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  authorize: 'system',
  async run({ trx, now, enqueue }, { kind, day }) {
    const users = await recapRecipients(trx, kind);
    if (users.length === 0) return { planned: 0 };
    const created = await sql<{ user_id: string }>`
      INSERT INTO instructeur_recaps (user_id, kind, day, planned_at)
      SELECT u, ${kind}, ${day}::date, ${now} FROM unnest(${users}::bigint[]) AS u
      ON CONFLICT (user_id, kind, day) DO NOTHING
      RETURNING user_id::text AS user_id`.execute(trx);
    for (const r of created.rows) await enqueue(sendRecapJob, { userId: r.user_id, kind, day });
    return { planned: created.rows.length };
  },
});
