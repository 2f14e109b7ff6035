import { sql, type Expression } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import type { Access } from '../domain/permissions.ts';

/** What a user may reach: the facts the domain's permission functions decide on. */
export async function loadAccess(ex: Executor, userId: string): Promise<Access> {
  const [groups, admin, avis] = await Promise.all([
    ex.selectFrom('groupe_members').select('groupe_id').where('user_id', '=', userId).execute(),
    ex.selectFrom('procedure_administrateurs').select('procedure_id').where('user_id', '=', userId).execute(),
    ex
      .selectFrom('avis')
      .select('dossier_id')
      .where('expert_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute(),
  ]);
  return {
    userId,
    instructorGroupIds: groups.map((g) => g.groupe_id),
    adminProcedureIds: admin.map((a) => a.procedure_id),
    expertAvisDossierIds: avis.map((a) => a.dossier_id),
  };
}

export interface Roles {
  administrateur: boolean;
  instructeur: boolean;
  expert: boolean;
}

/** The three role flags as selections, for one statement (the session's) or on their own.
 *  `userId`: a bound value or a column of the outer statement. */
export function rolesSelection(userId: Expression<string> | string) {
  return [
    sql<boolean>`EXISTS (SELECT 1 FROM administrateurs WHERE user_id = ${userId})`.as('administrateur'),
    sql<boolean>`EXISTS (SELECT 1 FROM instructeurs WHERE user_id = ${userId})`.as('instructeur'),
    sql<boolean>`EXISTS (SELECT 1 FROM experts WHERE user_id = ${userId})`.as('expert'),
  ] as const;
}

export function rolesOf(r: { administrateur: unknown; instructeur: unknown; expert: unknown }): Roles {
  return { administrateur: !!r.administrateur, instructeur: !!r.instructeur, expert: !!r.expert };
}

export async function loadRoles(ex: Executor, userId: string): Promise<Roles> {
  return rolesOf(await ex.selectNoFrom(() => rolesSelection(userId)).executeTakeFirstOrThrow());
}
