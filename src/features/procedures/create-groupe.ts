// « Ajouter un groupe » of instructors to a procedure (docs/domain.md §10); labels are unique per procedure.
import { sql } from 'kysely';
import { z } from 'zod';
import { invalidInput } from '../../domain/errors.ts';
import { groupeLabelError } from '../../domain/groupes.ts';
import { defineCommand } from '../command.ts';
import { administersProcedure, procedureId } from './shared.ts';

export const createGroupe = defineCommand({
  name: 'create-groupe',
  input: z.object({ procedureId, label: z.string().max(1000) }),
  authorize: administersProcedure,
  async run({ trx }, { procedureId, label }) {
    const error = groupeLabelError(label);
    if (error) throw invalidInput(error, { label: error });
    const taken = await trx
      .selectFrom('groupes_instructeurs')
      .select('id')
      .where('procedure_id', '=', procedureId)
      .where(sql<boolean>`lower(label) = lower(${label.trim()})`)
      .executeTakeFirst();
    if (taken) throw invalidInput('Un groupe porte déjà ce nom.', { label: 'Un groupe porte déjà ce nom.' });
    const hasDefault = await trx
      .selectFrom('groupes_instructeurs')
      .select('id')
      .where('procedure_id', '=', procedureId)
      .where('is_default', '=', true)
      .executeTakeFirst();
    const g = await trx
      .insertInto('groupes_instructeurs')
      .values({ procedure_id: procedureId, label: label.trim(), is_default: !hasDefault })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { groupeId: g.id };
  },
});
