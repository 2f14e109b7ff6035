// The generation of a requested export (run by its job): the instructor's list context — he must
// still instruct the procedure, his groups only —, the snapshot of the tab, the file streamed into
// the storage module, then « prêt » and the e-mail; « échec » when anything fails. An export run
// from a « modèle d'export » writes the template's columns still in the form, or its zip layout.
import type { Services } from '../../platform/services.ts';
import type { ExportFormat } from '../../domain/exports.ts';
import { isDomainError } from '../../domain/errors.ts';
import type { Presentation } from '../../domain/presentation.ts';
import { isTab } from '../../domain/tabs.ts';
import { ALL_DOSSIERS, type ExportSelection } from '../../queries/export-source.ts';
import { loadListContext } from '../../queries/list-context.ts';
import { resolveTemplate, type ExportTemplate } from '../../queries/export-templates.ts';
import { SYSTEM_ACTOR } from '../command.ts';
import { failExport, finishExport } from './finish-export.ts';
import { produceExport } from './produce-export.ts';
import { recordExportProgress } from './record-export-progress.ts';

export function exportStorageKey(exportId: string): string {
  return `exports/${exportId}`;
}

export async function generateExport(app: Services, exportId: string): Promise<void> {
  const row = await app.db
    .selectFrom('exports')
    .select(['id', 'user_id', 'procedure_id', 'format', 'tab', 'presentation', 'state', 'template'])
    .where('id', '=', exportId)
    .executeTakeFirst();
  if (row?.state !== 'pending') return;
  const key = exportStorageKey(exportId);
  try {
    const ctx = await loadListContext(app.db, row.user_id, row.procedure_id);
    const selection: ExportSelection =
      row.tab && isTab(row.tab) && row.presentation
        ? { tab: row.tab, presentation: row.presentation as Presentation }
        : ALL_DOSSIERS;
    const template = row.template
      ? resolveTemplate(row.template as Pick<ExportTemplate, 'kind' | 'columns' | 'zip'>, ctx.catalogue)
      : null;
    let last = 0;
    const produced = await produceExport(
      app.db,
      app.storage,
      {
        ctx,
        selection,
        format: row.format as ExportFormat,
        now: app.clock.now(),
        columns: template?.columns.length ? template.columns : undefined,
        zip: template?.zip ?? undefined,
        onProgress: async (done, total) => {
          // a few updates, not one per batch of a huge export
          if (done === total || done - last >= Math.max(1000, total / 20)) {
            last = done;
            await recordExportProgress(app, SYSTEM_ACTOR, { exportId, done, total });
          }
        },
      },
      (output) => app.storage.putStream(key, output),
    );
    await finishExport(app, SYSTEM_ACTOR, { exportId, fileKey: key, size: produced.size, dossiers: produced.dossiers });
  } catch (e) {
    app.logger.error({ err: { message: (e as Error).message }, exportId }, 'export');
    await app.storage.delete(key).catch(() => undefined);
    await failExport(app, SYSTEM_ACTOR, {
      exportId,
      error: isDomainError(e) ? e.message : "L'export n'a pas pu être produit.",
    });
  }
}
