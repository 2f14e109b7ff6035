// The instructors of the load test (`npm run bench:load`, docs/deployment.md): `count` accounts on the
// big procedure of the load data set, spread over its groups (a third in the first group, a third in
// the second, a third in both), so that their lists differ. Idempotent: accounts already there are kept.
import type { Kysely } from 'kysely';
import type { DB } from '../../src/platform/db/generated.ts';
import { hashPassword } from '../../src/platform/crypto.ts';
import type { LoadSetup } from './load-batch.ts';

export const LOAD_INSTRUCTOR_PASSWORD = 'bench-guichet-charge';

export const loadInstructorEmail = (k: number) => `charge-${k + 1}@guichet.test`;

export interface LoadInstructor {
  id: string;
  email: string;
  groupIds: string[];
}

/** The groups of the k-th load instructor. */
export function loadInstructorGroups(k: number, groupIds: readonly string[]): string[] {
  if (groupIds.length < 2) return [...groupIds];
  const r = k % 3;
  return r === 2 ? [groupIds[0], groupIds[1]] : [groupIds[r]];
}

export async function ensureLoadInstructors(
  db: Kysely<DB>,
  setup: LoadSetup,
  count: number,
): Promise<LoadInstructor[]> {
  const groupIds = setup.bench.groups.map((g) => g.id);
  const emails = Array.from({ length: count }, (_, k) => loadInstructorEmail(k));
  const hash = await hashPassword(LOAD_INSTRUCTOR_PASSWORD);
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('users')
      .values(
        emails.map((email, k) => ({ email, password_hash: hash, first_name: 'Charge', last_name: `Nº ${k + 1}` })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    const users = await trx.selectFrom('users').select(['id', 'email']).where('email', 'in', emails).execute();
    const idOf = new Map(users.map((u) => [u.email, u.id]));
    const out: LoadInstructor[] = emails.map((email, k) => ({
      id: idOf.get(email)!,
      email,
      groupIds: loadInstructorGroups(k, groupIds),
    }));
    await trx
      .insertInto('instructeurs')
      .values(out.map((i) => ({ user_id: i.id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx
      .insertInto('groupe_members')
      .values(out.flatMap((i) => i.groupIds.map((g) => ({ groupe_id: g, user_id: i.id }))))
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx
      .insertInto('instructeur_procedures')
      .values(out.map((i) => ({ user_id: i.id, procedure_id: setup.bench.id, position: 0 })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    return out;
  });
}
