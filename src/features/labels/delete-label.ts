// The administrator deletes a label (docs/domain.md §11.1): it leaves every dossier that carried it,
// each with a « Labels modifiés » event in its history, in the same transaction.
import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import { defineCommand } from '../command.ts';
import { administersProcedure } from '../authorize.ts';

export const deleteLabel = defineCommand({
  name: 'delete-label',
  input: z.object({ procedureId: z.string().regex(/^[0-9]{1,18}$/), labelId: z.string().regex(/^[0-9]{1,18}$/) }),
  authorize: administersProcedure,
  async run({ trx, recordEvent }, { procedureId, labelId }) {
    const label = await trx
      .selectFrom('labels')
      .select(['id', 'name'])
      .where('id', '=', labelId)
      .where('procedure_id', '=', procedureId)
      .forUpdate()
      .executeTakeFirst();
    if (!label) throw notFound('Label introuvable.');
    const carriers = await trx
      .deleteFrom('dossier_labels')
      .where('label_id', '=', labelId)
      .returning('dossier_id')
      .execute();
    for (const c of carriers) await recordEvent(c.dossier_id, 'labels_modifies', { added: [], removed: [label.name] });
    await trx.deleteFrom('labels').where('id', '=', labelId).execute();
    return { name: label.name, dossiers: carriers.length };
  },
});
