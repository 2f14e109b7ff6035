// Self-management (docs/domain.md §10): an instructor removes a colleague (or himself) from one of his
// groups — never its last instructor. The removed one stops following the group's dossiers and loses
// his badges on them.
import { z } from 'zod';
import { invalidInput } from '../../domain/errors.ts';
import { removalRefusal } from '../../domain/groupe-management.ts';
import { defineCommand } from '../command.ts';
import { groupeIdSchema, managesGroupe } from './groupe-access.ts';

export const removeGroupeInstructeur = defineCommand({
  name: 'remove-groupe-instructeur',
  input: z.object({ groupeId: groupeIdSchema, userId: z.string().regex(/^[0-9]{1,18}$/) }),
  authorize: managesGroupe,
  async run({ trx, now }, { groupeId, userId }) {
    // lock the group's members: two removals at once cannot leave it empty
    const members = await trx
      .selectFrom('groupe_members')
      .innerJoin('users', 'users.id', 'groupe_members.user_id')
      .select(['groupe_members.user_id', 'users.email'])
      .where('groupe_members.groupe_id', '=', groupeId)
      .forUpdate()
      .execute();
    const removed = members.find((m) => m.user_id === userId);
    const refusal = removalRefusal({ memberCount: members.length, isMember: Boolean(removed) });
    if (refusal) throw invalidInput(refusal);
    await trx.deleteFrom('groupe_members').where('groupe_id', '=', groupeId).where('user_id', '=', userId).execute();
    const dossiersOfGroupe = trx.selectFrom('dossiers').select('id').where('groupe_id', '=', groupeId);
    await trx
      .updateTable('follows')
      .set({ unfollowed_at: now })
      .where('user_id', '=', userId)
      .where('unfollowed_at', 'is', null)
      .where('dossier_id', 'in', dossiersOfGroupe)
      .execute();
    await trx
      .deleteFrom('notifications')
      .where('user_id', '=', userId)
      .where('dossier_id', 'in', dossiersOfGroupe)
      .execute();
    return { email: removed!.email };
  },
});
