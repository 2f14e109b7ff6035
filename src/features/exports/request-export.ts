// « Télécharger les dossiers » (docs/domain.md §9): records an export request — from a tab, with a
// snapshot of its filters and sort — and enqueues its generation; the same request within 5 minutes
// reuses the pending or fresh export instead.
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

export const requestExport = defineCommand({
  name: 'request-export',
  input: z.object({
    procedureId: procedureIdSchema,
    format: z.enum(EXPORT_FORMATS, { error: "Choisissez le format de l'export." }),
    tab: z
      .string()
      .refine((s) => isTab(s), 'Onglet inconnu.')
      .transform((s) => s as Tab)
      .optional(),
  }),
  authorize: instructsProcedure,
  async run({ trx, actor, now, enqueue }, input) {
    const ctx = await contextFor(trx, actor, input.procedureId);
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
        JSON.stringify([actor.userId, input.procedureId, input.format, tab, presentation?.sort, presentation?.filters]),
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
        format: input.format,
        tab,
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
