// « Nouveau modèle d'export » (docs/domain.md §9): a tabular or zip template of the procedure, shared
// with its instructors, its author being the instructor who creates it.
import { sql } from 'kysely';
import { z } from 'zod';
import { instructsProcedure } from '../authorize.ts';
import { defineCommand } from '../command.ts';
import { contextFor, procedureIdSchema } from '../presentations/store.ts';
import { checkTemplate, templateFields } from './export-template-input.ts';

export const createExportTemplate = defineCommand({
  name: 'create-export-template',
  input: z.object({ procedureId: procedureIdSchema, ...templateFields }),
  authorize: instructsProcedure,
  async run({ trx, actor, now }, input) {
    const ctx = await contextFor(trx, actor, input.procedureId);
    const t = checkTemplate(ctx, input);
    const row = await trx
      .insertInto('export_templates')
      .values({
        procedure_id: input.procedureId,
        author_id: actor.userId,
        name: t.name,
        kind: t.kind,
        format: t.format,
        columns: JSON.stringify(t.columns),
        zip: t.zip ? JSON.stringify(t.zip) : null,
        created_at: now,
        updated_at: now,
      })
      .returning(sql<string>`id::text`.as('id'))
      .executeTakeFirstOrThrow();
    return { templateId: row.id };
  },
});
