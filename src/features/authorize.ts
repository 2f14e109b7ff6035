// The `authorize` checks shared by the commands (see defineCommand): each decides with the domain's
// permission functions and throws its not_found / forbidden error. A check that needs the locked row
// (e.g. assertAct on the dossier's current state) stays in the command's run as well.
import { forbidden, notFound } from '../domain/errors.ts';
import {
  canAdministerProcedure,
  canInstruct,
  canRead,
  canReadAsExpert,
  canReadAsUsager,
  canRestore,
  instructorGroupsFilter,
} from '../domain/permissions.ts';
import { loadDossierAccess, type DossierAccessFacts } from '../queries/dossier-header.ts';
import type { CommandContext } from './command.ts';

/** Anyone, signed in or not (sign-in, password reset, invitation links: the token is the check). */
export function anyone(): void {}

/** Any signed-in user (his own list presentation, his own procedure order). */
export function signedIn(ctx: CommandContext): void {
  if (!ctx.actor.userId) throw forbidden();
}

async function dossierAccess(ctx: CommandContext, dossierId: string): Promise<DossierAccessFacts> {
  const a = ctx.actor.userId ? await loadDossierAccess(ctx.trx, dossierId, ctx.actor.userId) : null;
  if (!a) throw notFound('Dossier introuvable.');
  return a;
}

/** An instructor of the dossier's group (not_found otherwise: never reveal that it exists). */
export async function instructsDossier(ctx: CommandContext, input: { dossierId: string }): Promise<void> {
  const a = await dossierAccess(ctx, input.dossierId);
  if (!canInstruct(a.access, a.ref)) throw notFound('Dossier introuvable.');
}

/** Anyone who may see the dossier (instructor, usager, expert); the action's own rule is checked in run. */
export async function readsDossier(ctx: CommandContext, input: { dossierId: string }): Promise<void> {
  const a = await dossierAccess(ctx, input.dossierId);
  if (!canRead(a.access, a.ref)) throw notFound('Dossier introuvable.');
}

/** Anyone who may see the dossier, or an instructor of its group restoring it from the corbeille
 *  (a hidden dossier can only be restored: the action's own rule, assertAct, is checked in run). */
export async function actsOnDossier(ctx: CommandContext, input: { dossierId: string }): Promise<void> {
  const a = await dossierAccess(ctx, input.dossierId);
  if (!canRead(a.access, a.ref) && !canRestore(a.access, a.ref)) throw notFound('Dossier introuvable.');
}

/** The dossier's owner or a co-editor (usager side). */
export async function ownsDossier(ctx: CommandContext, input: { dossierId: string }): Promise<void> {
  const a = await dossierAccess(ctx, input.dossierId);
  if (!canReadAsUsager(a.access, a.ref)) throw notFound('Dossier introuvable.');
}

/** The actor has the role he acts in on the dossier (the messagerie: instructor, usager or expert). */
export async function hasDossierRole(
  ctx: CommandContext,
  input: { dossierId: string; as: 'instructeur' | 'usager' | 'expert' },
): Promise<void> {
  const a = await dossierAccess(ctx, input.dossierId);
  const allowed =
    input.as === 'instructeur'
      ? canInstruct(a.access, a.ref)
      : input.as === 'usager'
        ? canReadAsUsager(a.access, a.ref)
        : canReadAsExpert(a.access, a.ref);
  if (!allowed) throw notFound('Dossier introuvable.');
}

/** An instructor of one of the procedure's groups (his list presentation of that procedure). */
export async function instructsProcedure(ctx: CommandContext, input: { procedureId: string }): Promise<void> {
  if (!ctx.actor.userId) throw forbidden();
  const groups = await ctx.trx
    .selectFrom('groupe_members')
    .innerJoin('groupes_instructeurs', 'groupes_instructeurs.id', 'groupe_members.groupe_id')
    .select(['groupes_instructeurs.id', 'groupes_instructeurs.procedure_id'])
    .where('groupe_members.user_id', '=', ctx.actor.userId)
    .where('groupes_instructeurs.procedure_id', '=', input.procedureId)
    .execute();
  const access = {
    userId: ctx.actor.userId,
    instructorGroupIds: groups.map((g) => g.id),
    adminProcedureIds: [],
    groupProcedureIds: Object.fromEntries(groups.map((g) => [g.id, g.procedure_id])),
  };
  if (!instructorGroupsFilter(access, input.procedureId).length) throw notFound('Démarche introuvable.');
}

/** An administrator of the procedure (its labels); not_found otherwise, as for any procedure he cannot see. */
export async function administersProcedure(ctx: CommandContext, input: { procedureId: string }): Promise<void> {
  if (!ctx.actor.userId) throw forbidden();
  if (!canAdministerProcedure(await ctx.access(), input.procedureId)) throw notFound('Démarche introuvable.');
}
