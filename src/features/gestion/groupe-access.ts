// Who may act on a group from « Gestion des instructeurs » (docs/domain.md §10): its own instructors —
// for its contact information always, for its instructors only when the administrators allowed
// self-management.
import { z } from 'zod';
import { DomainError, notFound } from '../../domain/errors.ts';
import { selfManagementRefusal } from '../../domain/groupe-management.ts';
import type { CommandContext } from '../command.ts';

export const groupeIdSchema = z.string().regex(/^[0-9]{1,18}$/, 'Groupe introuvable.');

async function groupeFacts(ctx: CommandContext, groupeId: string) {
  if (!ctx.actor.userId) throw notFound('Groupe introuvable.');
  const g = await ctx.trx
    .selectFrom('groupes_instructeurs')
    .innerJoin('procedures', 'procedures.id', 'groupes_instructeurs.procedure_id')
    .select((eb) => [
      'procedures.instructeurs_self_management',
      eb
        .exists(
          eb
            .selectFrom('groupe_members')
            .select('groupe_members.user_id')
            .whereRef('groupe_members.groupe_id', '=', 'groupes_instructeurs.id')
            .where('groupe_members.user_id', '=', ctx.actor.userId),
        )
        .as('member'),
    ])
    .where('groupes_instructeurs.id', '=', groupeId)
    .executeTakeFirst();
  // a group I am not in is not revealed
  if (!g?.member) throw notFound('Groupe introuvable.');
  return g;
}

/** An instructor of the group. */
export async function instructsGroupe(ctx: CommandContext, input: { groupeId: string }): Promise<void> {
  await groupeFacts(ctx, input.groupeId);
}

/** An instructor of the group, on a procedure whose administrators allowed self-management. */
export async function managesGroupe(ctx: CommandContext, input: { groupeId: string }): Promise<void> {
  const g = await groupeFacts(ctx, input.groupeId);
  const refusal = selfManagementRefusal({ selfManagement: g.instructeurs_self_management, member: Boolean(g.member) });
  if (refusal) throw new DomainError('forbidden', refusal);
}
