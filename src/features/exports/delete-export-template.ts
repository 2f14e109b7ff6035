// « Supprimer le modèle » (docs/domain.md §9): only its author deletes a shared template; the exports
// already run from it keep their copy of it.
import { z } from 'zod';
import { canEditExportTemplate } from '../../domain/export-templates.ts';
import { forbidden, notFound } from '../../domain/errors.ts';
import { instructsProcedure } from '../authorize.ts';
import { defineCommand } from '../command.ts';
import { procedureIdSchema } from '../presentations/store.ts';

export const deleteExportTemplate = defineCommand({
  name: 'delete-export-template',
  input: z.object({
    procedureId: procedureIdSchema,
    templateId: z.string().regex(/^[0-9]{1,18}$/, 'Modèle introuvable.'),
  }),
  authorize: instructsProcedure,
  async run({ trx, actor }, { procedureId, templateId }) {
    const current = await trx
      .selectFrom('export_templates')
      .select(['author_id', 'name'])
      .where('id', '=', templateId)
      .where('procedure_id', '=', procedureId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('Modèle introuvable.');
    if (!canEditExportTemplate(current.author_id, actor.userId!))
      throw forbidden("Seul l'auteur de ce modèle peut le supprimer.");
    await trx.deleteFrom('export_templates').where('id', '=', templateId).execute();
    return { name: current.name };
  },
});
