// « Télécharger les dossiers » (docs/domain.md §9): records an export request — from a tab, with a
// snapshot of its filters and sort — and enqueues its generation; the same request within 5 minutes
// reuses the pending or fresh export instead. « Télécharger à partir d'un modèle »: the same, with a
// copy of the template (its format, columns or zip layout) kept on the export.
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { EXPORT_FORMATS, reusesExport, type ExportState } from '../../domain/exports.ts';
import { filtersFor } from '../../domain/presentation.ts';
import { isTab, type Tab } from '../../domain/tabs.ts';
import { generateExportJob } from '../../jobs/generate-export.ts';
import { instructsProcedure } from '../authorize.ts';
import { defineCommand } from '../command.ts';
import { contextFor, procedureIdSchema } from '../presentations/store.ts';
import { loadExportTemplate } from '../../queries/export-templates.ts';
import { invalidInput, notFound } from '../../domain/errors.ts';

export const requestExport = defineCommand({
  name: 'request-export',
  input: z.object({
    procedureId: procedureIdSchema,
    format: z.enum(EXPORT_FORMATS, { error: "Choisissez le format de l'export." }).optional(),
    tab: z
      .string()
      .refine((s) => isTab(s), 'Onglet inconnu.')
      .transform((s) => s as Tab)
      .optional(),
    /** a « modèle d'export » of the procedure: its format and columns or zip layout */
    templateId: z
      .string()
      .regex(/^[0-9]{1,18}$/, 'Modèle introuvable.')
      .optional(),
  }),
  authorize: instructsProcedure,
  async run({ trx, actor, now, enqueue }, input) {
    const ctx = await contextFor(trx, actor, input.procedureId);
    const template = input.templateId ? await loadExportTemplate(trx, input.templateId, input.procedureId) : null;
    if (input.templateId && !template) throw notFound('Modèle introuvable.');
    const format = template?.format ?? input.format;
    if (!format)
      throw invalidInput("Choisissez le format de l'export.", { format: "Choisissez le format de l'export." });
    const snapshot = template
      ? { id: template.id, name: template.name, kind: template.kind, columns: template.columns, zip: template.zip }
      : null;
    const tab = input.tab ?? null;
    // the tab's own filters and sort, as the list shows them now
    const presentation = tab
      ? {
          ...ctx.presentation,
          filters: { all: [], tabs: { [tab]: filtersFor(ctx.presentation, tab) } },
        }
      : null;
    const requestKey = crypto
      .createHash('sha256')
      .update(
        JSON.stringify([
          actor.userId,
          input.procedureId,
          format,
          tab,
          presentation?.sort,
          presentation?.filters,
          ...(snapshot ? [snapshot] : []),
        ]),
      )
      .digest('hex');
    const previous = await sql<{ id: string; state: ExportState; created_at: Date; generated_at: Date | null }>`
      SELECT id::text AS id, state, created_at, generated_at FROM exports
      WHERE request_key = ${requestKey} AND user_id = ${actor.userId} ORDER BY created_at DESC LIMIT 1`.execute(trx);
    const last = previous.rows[0];
    if (
      last &&
      reusesExport(
        {
          state: last.state,
          createdAt: new Date(last.created_at),
          generatedAt: last.generated_at ? new Date(last.generated_at) : null,
        },
        now,
      )
    )
      return { exportId: last.id, reused: true };
    const row = await trx
      .insertInto('exports')
      .values({
        user_id: actor.userId!,
        procedure_id: input.procedureId,
        format,
        tab,
        template_id: template?.id ?? null,
        template: snapshot ? JSON.stringify(snapshot) : null,
        presentation: presentation ? JSON.stringify(presentation) : null,
        request_key: requestKey,
        created_at: now,
      })
      .returning(sql<string>`id::text`.as('id'))
      .executeTakeFirstOrThrow();
    await enqueue(generateExportJob, { exportId: row.id });
    return { exportId: row.id, reused: false };
  },
});
