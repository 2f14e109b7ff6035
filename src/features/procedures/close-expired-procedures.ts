// The scheduled closing (docs/domain.md §1.1): published procedures whose closing date has passed
// are closed, each re-checked with the domain's rule.
import { z } from 'zod';
import { shouldAutoClose, type ProcedureState } from '../../domain/procedure.ts';
import { defineCommand } from '../command.ts';

export const closeExpiredProcedures = defineCommand({
  name: 'close-expired-procedures',
  input: z.object({}),
  authorize: 'system',
  async run({ trx, now }) {
    const rows = await trx
      .selectFrom('procedures')
      .select(['id', 'state', 'closes_at'])
      .where('state', '=', 'publiee')
      .where('closes_at', '<=', now)
      .forUpdate()
      .skipLocked()
      .execute();
    const ids = rows
      .filter((r) => shouldAutoClose({ state: r.state as ProcedureState, closes_at: r.closes_at }, now))
      .map((r) => r.id);
    if (ids.length)
      await trx.updateTable('procedures').set({ state: 'close', closed_at: now }).where('id', 'in', ids).execute();
    return { closed: ids };
  },
});
