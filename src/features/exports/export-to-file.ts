// The command line's export (`guichet export`): the « au total » tab of every group of a procedure,
// written to a file with the same producer as the instructors' exports (docs/domain.md §9); with
// `--template`, one of the procedure's « modèles d'export » (its format must be the one asked).
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Services } from '../../platform/services.ts';
import type { ExportFormat } from '../../domain/exports.ts';
import { ALL_DOSSIERS, loadProcedureExportContext } from '../../queries/export-source.ts';
import { loadExportTemplate, resolveTemplate } from '../../queries/export-templates.ts';
import { invalidInput, notFound } from '../../domain/errors.ts';
import { produceExport, type Produced } from './produce-export.ts';

export async function exportToFile(
  app: Services,
  opts: {
    procedureId: string;
    format: ExportFormat;
    out: string;
    templateId?: string;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<Produced> {
  const ctx = await loadProcedureExportContext(app.db, opts.procedureId);
  let template: ReturnType<typeof resolveTemplate> | null = null;
  if (opts.templateId !== undefined) {
    const t = await loadExportTemplate(app.db, opts.templateId, ctx.procedure.id);
    if (!t) throw notFound(`Modèle d'export ${opts.templateId} introuvable pour la démarche ${ctx.procedure.id}.`);
    if (t.format !== opts.format)
      throw invalidInput(`Le modèle « ${t.name} » produit un fichier ${t.format} : indiquez --format ${t.format}.`);
    template = resolveTemplate(t, ctx.catalogue);
  }
  const tmp = `${opts.out}.partiel`;
  try {
    const r = await produceExport(
      app.db,
      app.storage,
      {
        ctx,
        selection: ALL_DOSSIERS,
        format: opts.format,
        now: app.clock.now(),
        operator: true,
        columns: template?.columns.length ? template.columns : undefined,
        zip: template?.zip ?? undefined,
        onProgress: opts.onProgress,
      },
      async (output) => {
        await pipeline(output, fs.createWriteStream(tmp));
        return (await fsp.stat(tmp)).size;
      },
    );
    await fsp.rename(tmp, opts.out);
    return r;
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
}
