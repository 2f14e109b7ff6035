// « Masquer » on a finished bulk operation's banner (docs/interface.md §4): only its instructor may.
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { signedIn } from '../authorize.ts';
import { notFound } from '../../domain/errors.ts';

export const dismissBulkOperation = defineCommand({
  name: 'dismiss-bulk-operation',
  input: z.object({ operationId: z.string().regex(/^[0-9]{1,18}$/, 'Action de masse introuvable.') }),
  authorize: signedIn,
  async run(ctx, { operationId }) {
    const r = await ctx.trx
      .updateTable('bulk_operations')
      .set({ dismissed_at: ctx.now })
      .where('id', '=', operationId)
      .where('instructeur_id', '=', ctx.actor.userId!)
      .where('state', '=', 'done')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw notFound('Action de masse introuvable.');
    return { dismissed: true };
  },
});
