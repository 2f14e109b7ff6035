// « Modifier le modèle » (docs/domain.md §9): only its author changes a shared template.
import { z } from 'zod';
import { canEditExportTemplate } from '../../domain/export-templates.ts';
import { forbidden, notFound } from '../../domain/errors.ts';
import { instructsProcedure } from '../authorize.ts';
import { defineCommand } from '../command.ts';
import { contextFor, procedureIdSchema } from '../presentations/store.ts';
import { checkTemplate, templateFields } from './export-template-input.ts';

export const updateExportTemplate = defineCommand({
  name: 'update-export-template',
  input: z.object({
    procedureId: procedureIdSchema,
    templateId: z.string().regex(/^[0-9]{1,18}$/, 'Modèle introuvable.'),
    ...templateFields,
  }),
  authorize: instructsProcedure,
  async run({ trx, actor, now }, input) {
    const current = await trx
      .selectFrom('export_templates')
      .select(['author_id', 'kind'])
      .where('id', '=', input.templateId)
      .where('procedure_id', '=', input.procedureId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw notFound('Modèle introuvable.');
    if (!canEditExportTemplate(current.author_id, actor.userId!))
      throw forbidden("Seul l'auteur de ce modèle peut le modifier.");
    const ctx = await contextFor(trx, actor, input.procedureId);
    const t = checkTemplate(ctx, { ...input, kind: current.kind });
    await trx
      .updateTable('export_templates')
      .set({
        name: t.name,
        format: t.format,
        columns: JSON.stringify(t.columns),
        zip: t.zip ? JSON.stringify(t.zip) : null,
        updated_at: now,
      })
      .where('id', '=', input.templateId)
      .execute();
    return { templateId: input.templateId };
  },
});
