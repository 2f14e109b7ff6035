// Rename a group, close or reopen it (docs/domain.md §10). A closed group receives no new dossier by
// routing; its dossiers stay with it. The default group stays open.
import { sql } from 'kysely';
import { z } from 'zod';
import { invalidInput } from '../../domain/errors.ts';
import { closeGroupeError, groupeLabelError } from '../../domain/groupes.ts';
import { defineCommand } from '../command.ts';
import { administersProcedure, groupeIdSchema, lockGroupe, procedureId } from './shared.ts';

export const updateGroupe = defineCommand({
  name: 'update-groupe',
  input: z.union([
    z.object({ procedureId, groupeId: groupeIdSchema, label: z.string().max(1000) }),
    z.object({ procedureId, groupeId: groupeIdSchema, closed: z.boolean() }),
  ]),
  authorize: administersProcedure,
  async run({ trx }, input) {
    const g = await lockGroupe(trx, input.procedureId, input.groupeId);
    if ('label' in input) {
      const error = groupeLabelError(input.label);
      if (error) throw invalidInput(error, { label: error });
      const taken = await trx
        .selectFrom('groupes_instructeurs')
        .select('id')
        .where('procedure_id', '=', input.procedureId)
        .where('id', '<>', g.id)
        .where(sql<boolean>`lower(label) = lower(${input.label.trim()})`)
        .executeTakeFirst();
      if (taken) throw invalidInput('Un groupe porte déjà ce nom.', { label: 'Un groupe porte déjà ce nom.' });
      await trx.updateTable('groupes_instructeurs').set({ label: input.label.trim() }).where('id', '=', g.id).execute();
      return { label: input.label.trim() };
    }
    if (input.closed) {
      const error = closeGroupeError({ isDefault: g.is_default });
      if (error) throw invalidInput(error);
    }
    await trx.updateTable('groupes_instructeurs').set({ closed: input.closed }).where('id', '=', g.id).execute();
    return { closed: input.closed };
  },
});
