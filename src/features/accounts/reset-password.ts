import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { anyone } from '../authorize.ts';
import { newPasswordSchema } from './schemas.ts';
import { hashPassword, newSecret, SESSION_HOURS, sha256 } from '../../platform/crypto.ts';
import { findUsableToken } from './use-token.ts';
import { accountAttemptsKey } from './sign-in.ts';

/** Set a new password from a reset or invitation link; ends every other session of the account, every
 *  other link that could set its password, and the sign-in lockout (the lockout message says so).
 *  `signIn`: the person is signed in by a new session (an invitation: no second sign-in). */
export const resetPassword = defineCommand({
  name: 'reset-password',
  input: z
    .object({
      token: z.string().min(10).max(200),
      kind: z.enum(['password_reset', 'invitation']).default('password_reset'),
      signIn: z.boolean().default(false),
    })
    .and(newPasswordSchema),
  authorize: anyone,
  async run({ trx, now }, input) {
    const token = await findUsableToken(trx, input.kind, input.token, now);
    const passwordHash = await hashPassword(input.password);
    await trx
      .updateTable('users')
      // the link came by e-mail: the address is confirmed as well
      .set((eb) => ({
        password_hash: passwordHash,
        confirmed_at: eb.fn.coalesce('confirmed_at', eb.val(now)),
      }))
      .where('id', '=', token.user_id)
      .execute();
    await trx.updateTable('tokens').set({ used_at: now }).where('id', '=', token.id).execute();
    await trx
      .updateTable('tokens')
      .set({ expires_at: new Date(now.getTime() - 1) })
      .where('user_id', '=', token.user_id)
      .where('kind', 'in', ['password_reset', 'invitation'])
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', token.user_id).execute();
    const user = await trx
      .selectFrom('users')
      .select(['id', 'email'])
      .where('id', '=', token.user_id)
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('login_attempts').where('key', '=', accountAttemptsKey(user.email.toLowerCase())).execute();
    if (!input.signIn) return { ...user, sessionToken: null };
    const sessionToken = newSecret();
    await trx
      .insertInto('sessions')
      .values({
        id: sha256(sessionToken),
        user_id: user.id,
        csrf_token: newSecret(),
        created_at: now,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000),
      })
      .execute();
    await trx.updateTable('users').set({ last_sign_in_at: now }).where('id', '=', user.id).execute();
    return { ...user, sessionToken };
  },
});
