// Produces an export file (docs/domain.md §9) as a stream handed to a sink (the storage module, a
// file on disk for the command line): ids of the selection in list order, then values read by
// batches of BATCH_SIZE dossiers and written cell by cell (tabular formats) or file by file (zip).
// Nothing grows with the number of dossiers but the compact id array (8 bytes a dossier).
import { DEFAULT_ZIP_LAYOUT, type ZipLayout } from '../../domain/export-templates.ts';
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import yazl from 'yazl';
import type { Executor } from '../../platform/db/index.ts';
import { renderDossierPdf, type DossierPdfSource } from '../../platform/documents/dossier-pdf.ts';
import { createTabularWriter, type Cell, type SheetSpec } from '../../platform/documents/tabular.ts';
import type { Storage } from '../../platform/storage/index.ts';
import type { Column } from '../../queries/columns.ts';
import { loadDossierPdfSources } from '../../queries/dossier-export.ts';
import {
  AVIS_HEADER,
  exportableColumns,
  loadRepetitionBlocks,
  dossierIdBatches,
  readAvisBatch,
  readDossierFiles,
  exportRowOf,
  readExportTexts,
  type DossierFileEntry,
  type ExportSelection,
  type IdBatches,
} from '../../queries/export-source.ts';
import type { ListContext } from '../../queries/list-context.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../domain/exports.ts';

export { EXPORT_FORMATS, type ExportFormat };

export const BATCH_SIZE = 1000;
/** batches read ahead of the one being written (docs/domain.md §9) */
const READ_AHEAD = 2;

/** A zip export's options: a zip template's layout (docs/domain.md §9.1); the defaults, every part of
 *  the dossier in `dossier-{numero}`. */
export type ZipOptions = Omit<ZipLayout, 'fieldLabels'>;
export const DEFAULT_ZIP: ZipOptions = DEFAULT_ZIP_LAYOUT;

export interface ProduceOptions {
  ctx: ListContext;
  selection: ExportSelection;
  format: ExportFormat;
  now: Date;
  /** tabular: the columns and their headers (default: the whole catalogue with its labels) */
  columns?: { column: Column; header: string }[];
  zip?: ZipOptions;
  /** the command line: no instructor, every group */
  operator?: boolean;
  batchSize?: number;
  /** only the first `limit` dossiers (the benchmark's smaller runs) */
  limit?: number;
  /** after each batch */
  onProgress?: (done: number, total: number) => Promise<void> | void;
}

export interface Produced {
  size: number;
  dossiers: number;
}

/** The file's extension and media type. */
export const FORMAT_MEDIA: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  zip: 'application/zip',
};

export async function produceExport(
  db: Executor,
  storage: Storage,
  opts: ProduceOptions,
  sink: (output: Readable) => Promise<number>,
): Promise<Produced> {
  const ids = await dossierIdBatches(db, opts.ctx, opts.selection, opts.now, opts.batchSize ?? BATCH_SIZE, opts.limit);
  if (opts.format === 'zip') return produceZip(db, storage, opts, ids, sink);
  return produceTabular(db, opts, ids, sink);
}

async function produceTabular(
  db: Executor,
  opts: ProduceOptions,
  ids: IdBatches,
  sink: (output: Readable) => Promise<number>,
): Promise<Produced> {
  const { ctx } = opts;
  const chosen = opts.columns ?? exportableColumns(ctx.catalogue).map((column) => ({ column, header: column.label }));
  const sheetsWanted = opts.format !== 'csv';
  const blocks = sheetsWanted ? await loadRepetitionBlocks(db, ctx.procedure.id) : [];
  const sheets: SheetSpec[] = [{ name: 'Dossiers', header: chosen.map((c) => c.header) }];
  for (const b of blocks)
    sheets.push({ name: b.label, header: ['Dossier ID', 'Ligne', ...b.children.map((c) => c.label)] });
  if (sheetsWanted) sheets.push({ name: 'Avis', header: AVIS_HEADER });
  const avisSheet = sheets.length - 1;
  const writer = createTabularWriter(opts.format as 'csv' | 'xlsx' | 'ods', sheets);
  const stored = sink(writer.output);
  let failure: unknown = null;
  stored.catch((e) => {
    failure = e;
  });
  const plan = { columns: chosen.map((c) => c.column), blocks };
  let done = 0;
  // the next batches are read while this one is written (READ_AHEAD of them, each on a connection of
  // its own): the database and the encoding overlap, and a batch late to come does not stall the writing
  const read = async (batch: number[]) => ({
    rows: await readExportTexts(db, ctx, plan, batch),
    avis: sheetsWanted ? await readAvisBatch(db, ctx, batch) : [],
  });
  const batches = ids.batches[Symbol.asyncIterator]();
  // the ids come one batch after the other (a keyset walk); the values of several batches at once
  let idsRead: Promise<unknown> = Promise.resolve();
  const readNext = () => {
    const next = idsRead.then(() => batches.next());
    idsRead = next.catch(() => undefined);
    const values = next.then((n) => (n.done ? null : read(n.value)));
    values.catch(() => undefined); // awaited in its turn; not unhandled if an earlier one fails
    return values;
  };
  const pending = Array.from({ length: READ_AHEAD }, readNext);
  try {
    for (;;) {
      const current = await pending.shift();
      if (!current) break;
      if (failure) throw failure;
      pending.push(readNext());
      for (const text of current.rows) {
        // parsed here, one row at a time (docs/domain.md §9)
        const row = exportRowOf(plan, text);
        // a promise only when the file's consumer asks to wait (no promise a row otherwise)
        const wait = writer.addRow(0, row.cells);
        if (wait) await wait;
        for (let b = 0; b < row.repetitions.length; b++) {
          for (const rep of row.repetitions[b]) await writer.addRow(1 + b, rep);
        }
      }
      for (const a of current.avis) await writer.addRow(avisSheet, a);
      done += current.rows.length;
      await opts.onProgress?.(done, ids.total);
    }
    await writer.finish();
  } catch (e) {
    await writer.abort();
    await stored.catch(() => undefined);
    throw e;
  }
  return { size: await stored, dossiers: done };
}

// ------------------------------------------------------------------------------------------------
// zip: a folder per dossier

const SUBFOLDER: Record<DossierFileEntry['origin'], string> = {
  champ: 'pieces_justificatives',
  annotation: 'annotations',
  message: 'messagerie',
  avis: 'avis',
  justificatif: 'justificatif',
  attestation: 'attestation',
};

/** A file or folder name safe in every archive reader (no separators, no control characters). */
export function safeName(name: string): string {
  const cleaned = name
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
    .replace(/^\.+/, '_')
    .trim();
  return cleaned.slice(0, 200) || 'fichier';
}

function applyPattern(pattern: string, tags: Record<string, string>): string {
  return pattern.replace(/\{([a-z_]+)\}/g, (m, tag: string) => tags[tag] ?? m);
}

function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
}

/** dossiers whose PDF source is read in one statement (their revision, values, messages, events) */
const PDF_SOURCE_BATCH = 100;

/** Formats already compressed: stored as they are (deflating them again costs time and saves nothing). */
const COMPRESSED = /\.(pdf|jpe?g|png|gif|webp|heic|zip|gz|7z|rar|docx|xlsx|pptx|odt|ods|odp|mp3|mp4|mov|avi)$/i;

/** An entry's deflate level: stored when already compressed, else zlib's quick level 1. */
export function entryDeflateLevel(name: string): number {
  return COMPRESSED.test(name) ? 0 : 1;
}

function wanted(z: ZipOptions, origin: DossierFileEntry['origin']): boolean {
  switch (origin) {
    case 'avis':
      return z.avis;
    case 'message':
      return z.messages;
    case 'justificatif':
      return z.justificatifs;
    case 'attestation':
      return z.attestation;
    default:
      return true;
  }
}

async function produceZip(
  db: Executor,
  storage: Storage,
  opts: ProduceOptions,
  ids: IdBatches,
  sink: (output: Readable) => Promise<number>,
): Promise<Produced> {
  const z = opts.zip ?? DEFAULT_ZIP;
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as unknown as Readable;
  const stored = sink(output);
  let failure: unknown = null;
  stored.catch((e) => {
    failure = e;
  });
  // one entry at a time: the next is added once the previous one has been read into the archive
  // (copied chunk by chunk rather than piped: yazl keeps every entry's stream until the end, and a
  // piped stream kept its source — a whole pdfkit document — reachable: half a megabyte a dossier)
  const add = async (source: Readable, name: string) => {
    const pt = new PassThrough();
    zip.addReadStream(pt, name, { compressionLevel: entryDeflateLevel(name) });
    try {
      for await (const chunk of source) if (!pt.write(chunk)) await once(pt, 'drain');
    } catch (e) {
      pt.destroy(e as Error);
      throw e;
    }
    const finished = once(pt, 'finish');
    pt.end();
    await finished;
  };
  let done = 0;
  try {
    for await (const batch of ids.batches) {
      if (failure) throw failure;
      const files = await readDossierFiles(db, opts.ctx, batch);
      const byDossier = new Map<string, DossierFileEntry[]>();
      for (const f of files) {
        const list = byDossier.get(f.dossierId) ?? [];
        list.push(f);
        byDossier.set(f.dossierId, list);
      }
      let sources = new Map<string, DossierPdfSource>();
      for (const [i, n] of batch.entries()) {
        const id = String(n);
        if (z.pdf && i % PDF_SOURCE_BATCH === 0) {
          const ids = batch.slice(i, i + PDF_SOURCE_BATCH).map(String);
          sources = await loadDossierPdfSources(db, ids, opts.ctx.userId, opts.now, opts.operator ?? false);
        }
        const folder = safeName(applyPattern(z.folderPattern, { numero: id })) || `dossier-${id}`;
        const used = new Set<string>();
        const unique = (name: string) => {
          let candidate = name;
          const [stem, ext] = splitExtension(name);
          for (let i = 2; used.has(candidate.toLowerCase()); i++)
            candidate = `${stem}-${String(i).padStart(2, '0')}${ext}`;
          used.add(candidate.toLowerCase());
          return candidate;
        };
        if (z.pdf) {
          const src = sources.get(id);
          if (!src) continue; // no longer readable by this instructor (moved to another group): left out
          // streamed into its entry as pdfkit writes it: one PDF in memory at a time
          await add(renderDossierPdf(src) as unknown as Readable, `${folder}/${unique(`dossier-${id}.pdf`)}`);
        }
        const indexes = new Map<string, number>();
        for (const f of byDossier.get(id) ?? []) {
          if (!wanted(z, f.origin)) continue;
          let name = safeName(f.name);
          const pattern = f.origin === 'champ' && f.originRef ? z.filePatterns[f.originRef] : undefined;
          if (pattern) {
            const i = (indexes.get(f.originRef!) ?? 0) + 1;
            indexes.set(f.originRef!, i);
            const [stem, ext] = splitExtension(f.name);
            name = safeName(
              applyPattern(pattern, { numero: id, nom_fichier: stem, index: String(i).padStart(2, '0') }) + ext,
            );
          }
          await add(storage.stream(f.storageKey), `${folder}/${SUBFOLDER[f.origin]}/${unique(name)}`);
        }
        done++;
      }
      await opts.onProgress?.(done, ids.total);
    }
    const ended = new Promise<void>((resolve) => output.once('end', () => resolve()));
    zip.end();
    await ended;
  } catch (e) {
    output.destroy(e as Error);
    await stored.catch(() => undefined);
    throw e;
  }
  return { size: await stored, dossiers: done };
}

/** The cells of a tabular export's header, for tests and templates. */
export type { Cell };
