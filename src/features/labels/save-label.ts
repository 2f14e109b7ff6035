// The administrator creates a label, or renames / recolours one (docs/domain.md §11.1).
import { z } from 'zod';
import { invalidInput, notFound } from '../../domain/errors.ts';
import { checkLabelName, LABEL_COLOUR_IDS } from '../../domain/labels.ts';
import { defineCommand } from '../command.ts';
import { administersProcedure } from '../authorize.ts';

export const saveLabel = defineCommand({
  name: 'save-label',
  input: z.object({
    procedureId: z.string().regex(/^[0-9]{1,18}$/),
    /** absent: a new label */
    labelId: z
      .string()
      .regex(/^[0-9]{1,18}$/)
      .optional(),
    name: z.string().max(1000),
    color: z.enum(LABEL_COLOUR_IDS as [string, ...string[]], { message: 'Choisissez une couleur de la liste.' }),
  }),
  authorize: administersProcedure,
  async run({ trx }, { procedureId, labelId, name, color }) {
    const labels = await trx
      .selectFrom('labels')
      .select(['id', 'name', 'position'])
      .where('procedure_id', '=', procedureId)
      .forUpdate()
      .execute();
    if (labelId && !labels.some((l) => l.id === labelId)) throw notFound('Label introuvable.');
    const checked = checkLabelName(
      name,
      labels.filter((l) => l.id !== labelId).map((l) => l.name),
    );
    if (!checked.ok) throw invalidInput(checked.message, { name: checked.message });
    if (labelId) {
      await trx.updateTable('labels').set({ name: checked.name, color }).where('id', '=', labelId).execute();
      return { id: labelId, name: checked.name };
    }
    const position = labels.reduce((m, l) => Math.max(m, l.position + 1), 0);
    const row = await trx
      .insertInto('labels')
      .values({ procedure_id: procedureId, name: checked.name, color, position })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, name: checked.name };
  },
});
