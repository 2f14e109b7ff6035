// Users and their roles (written directly: there is no command to create them).
import type { Services } from '../../src/platform/services.ts';
import type { Actor } from '../../src/features/command.ts';
import { hashPassword } from '../../src/platform/crypto.ts';

export type Role = 'instructeur' | 'administrateur' | 'expert';
/** A user as the commands take it (actor) and as the rows refer to it. */
export interface TestUser extends Actor {
  id: string;
  userId: string;
  email: string;
}

let seq = 0;
/** A user with these roles; e-mail unique unless given; a password hash only when a password is given. */
export async function createUser(
  app: Services,
  opts: { email?: string; roles?: Role[]; password?: string; firstName?: string; lastName?: string } = {},
): Promise<TestUser> {
  const email = opts.email ?? `${opts.roles?.[0] ?? 'usager'}-${++seq}-${process.pid}@exemple.fr`;
  const u = await app.db
    .insertInto('users')
    .values({
      email,
      password_hash: opts.password ? await hashPassword(opts.password) : null,
      first_name: opts.firstName ?? null,
      last_name: opts.lastName ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const r of opts.roles ?? []) {
    const table = r === 'instructeur' ? 'instructeurs' : r === 'administrateur' ? 'administrateurs' : 'experts';
    await app.db.insertInto(table).values({ user_id: u.id }).execute();
  }
  return { id: u.id, userId: u.id, email };
}
