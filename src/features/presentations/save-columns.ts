// « Personnaliser le tableau » : the displayed columns and their order (docs/interface.md §2C).
import { z } from 'zod';
import { invalidInput } from '../../domain/errors.ts';
import { MAX_COLUMNS } from '../../domain/presentation.ts';
import { defineCommand } from '../command.ts';
import { instructsProcedure } from '../authorize.ts';
import { contextFor, procedureIdSchema, savePresentation } from './store.ts';

export const saveColumns = defineCommand({
  name: 'save-columns',
  input: z.object({
    procedureId: procedureIdSchema,
    columns: z.array(z.string().max(200)).max(200, 'Trop de colonnes.'),
  }),
  authorize: instructsProcedure,
  async run({ trx, actor, now }, { procedureId, columns }) {
    const ctx = await contextFor(trx, actor, procedureId);
    const kept: string[] = [];
    for (const id of columns) {
      const col = ctx.columns.get(id);
      if (!col?.displayable)
        throw invalidInput(
          "Une des colonnes choisies n'existe pas (ou plus) dans cette démarche. Rechargez la page et recommencez.",
        );
      if (!kept.includes(id)) kept.push(id);
    }
    if (kept.length > MAX_COLUMNS) throw invalidInput(`Vous pouvez afficher au plus ${MAX_COLUMNS} colonnes.`);
    await savePresentation(trx, actor.userId!, procedureId, { ...ctx.presentation, columns: kept }, now);
    return { columns: kept };
  },
});
