// « Retirer » an instructor from a group (docs/domain.md §10): never the last one of the group; he
// stops following the group's dossiers.
import { z } from 'zod';
import { invalidInput, notFound } from '../../domain/errors.ts';
import { removeInstructeurError } from '../../domain/groupes.ts';
import { defineCommand } from '../command.ts';
import { administersProcedure, groupeIdSchema, lockGroupe, procedureId } from './shared.ts';

export const removeInstructeur = defineCommand({
  name: 'remove-instructeur',
  input: z.object({ procedureId, groupeId: groupeIdSchema, email: z.string().max(320) }),
  authorize: administersProcedure,
  async run({ trx, now }, { procedureId, groupeId, email }) {
    const g = await lockGroupe(trx, procedureId, groupeId);
    const members = await trx
      .selectFrom('groupe_members')
      .innerJoin('users', 'users.id', 'groupe_members.user_id')
      .select(['users.id', 'users.email'])
      .where('groupe_members.groupe_id', '=', g.id)
      .execute();
    const member = members.find((m) => m.email.toLowerCase() === email.trim().toLowerCase());
    if (!member) throw notFound('Instructeur introuvable dans ce groupe.');
    const error = removeInstructeurError(members.length);
    if (error) throw invalidInput(error);
    await trx.deleteFrom('groupe_members').where('groupe_id', '=', g.id).where('user_id', '=', member.id).execute();
    // he no longer sees the group's dossiers: he stops following them
    await trx
      .updateTable('follows')
      .set({ unfollowed_at: now })
      .where('user_id', '=', member.id)
      .where('unfollowed_at', 'is', null)
      .where('dossier_id', 'in', trx.selectFrom('dossiers').select('id').where('groupe_id', '=', g.id))
      .execute();
    return { removed: member.email };
  },
});
