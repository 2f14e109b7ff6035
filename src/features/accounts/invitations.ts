// What every invitation shares (docs/interface.md §1): the invited account is found by its e-mail
// (any case) or created without password, and a one-time link lets it choose its password — an
// instructor, an administrator or an expert, each landing on his own page once signed in.
import { newSecret, sha256 } from '../../platform/crypto.ts';
import type { CommandContext } from '../command.ts';

/** The account of this e-mail, created without password when there is none. */
export async function findOrCreateUser(
  trx: CommandContext['trx'],
  email: string,
): Promise<{ id: string; password_hash: string | null }> {
  const user = await trx
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  if (user) return user;
  return trx
    .insertInto('users')
    .values({ email, password_hash: null })
    .returning(['id', 'password_hash'])
    .executeTakeFirstOrThrow();
}

/** A link to choose the password, valid `days` days: `<appUrl><path>/<secret>` (only its hash is kept). */
export async function invitationLink(
  ctx: Pick<CommandContext, 'trx' | 'now' | 'app'>,
  userId: string,
  opts: { path: string; days: number; data: Record<string, unknown> },
): Promise<string> {
  const secret = newSecret();
  await ctx.trx
    .insertInto('tokens')
    .values({
      kind: 'invitation',
      token_hash: sha256(secret),
      user_id: userId,
      data: JSON.stringify(opts.data),
      expires_at: new Date(ctx.now.getTime() + opts.days * 86_400_000),
    })
    .execute();
  return `${ctx.app.config.appUrl}${opts.path}/${secret}`;
}
