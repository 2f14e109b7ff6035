// The link of the confirmation e-mail (docs/domain.md §2.10): the account is confirmed and may sign
// in; the page the usager came from (a démarche's « Commencer ») is given back.
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { anyone } from '../authorize.ts';
import { findUsableToken } from './use-token.ts';

export const confirmEmail = defineCommand({
  name: 'confirm-email',
  input: z.object({ token: z.string().min(10).max(200) }),
  authorize: anyone,
  async run({ trx, now }, { token }) {
    const t = await findUsableToken(trx, 'email_confirmation', token, now);
    await trx.updateTable('tokens').set({ used_at: now }).where('id', '=', t.id).execute();
    await trx
      .updateTable('users')
      .set((eb) => ({ confirmed_at: eb.fn.coalesce('confirmed_at', eb.val(now)) }))
      .where('id', '=', t.user_id)
      .execute();
    const data = (t.data ?? {}) as { redirect?: string };
    return { redirect: typeof data.redirect === 'string' ? data.redirect : '' };
  },
});
