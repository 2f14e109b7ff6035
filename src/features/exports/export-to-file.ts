// The command line's export (`guichet export`): the « au total » tab of every group of a procedure,
// written to a file with the same producer as the instructors' exports (docs/domain.md §9).
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Services } from '../../platform/services.ts';
import type { ExportFormat } from '../../domain/exports.ts';
import { ALL_DOSSIERS, loadProcedureExportContext } from '../../queries/export-source.ts';
import { produceExport, type Produced } from './produce-export.ts';

export async function exportToFile(
  app: Services,
  opts: {
    procedureId: string;
    format: ExportFormat;
    out: string;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<Produced> {
  const ctx = await loadProcedureExportContext(app.db, opts.procedureId);
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
