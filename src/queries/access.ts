import type { Executor } from '../db/index.ts';
import type { Access } from '../domain/permissions.ts';

/** What a user may reach: the facts the domain's permission functions decide on. */
export async function loadAccess(ex: Executor, userId: string): Promise<Access> {
  const [groups, admin, avis] = await Promise.all([
    ex.selectFrom('groupe_members').select('groupe_id').where('user_id', '=', userId).execute(),
    ex.selectFrom('procedure_administrateurs').select('procedure_id').where('user_id', '=', userId).execute(),
    ex.selectFrom('avis').select('dossier_id').where('expert_id', '=', userId).where('revoked_at', 'is', null).execute(),
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

export async function loadRoles(ex: Executor, userId: string): Promise<Roles> {
  const r = await ex
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('administrateurs').select('user_id').where('user_id', '=', userId)).as('administrateur'),
      eb.exists(eb.selectFrom('instructeurs').select('user_id').where('user_id', '=', userId)).as('instructeur'),
      eb.exists(eb.selectFrom('experts').select('user_id').where('user_id', '=', userId)).as('expert'),
    ])
    .executeTakeFirstOrThrow();
  return { administrateur: !!r.administrateur, instructeur: !!r.instructeur, expert: !!r.expert };
}
