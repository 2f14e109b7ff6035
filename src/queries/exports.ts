// « Mes téléchargements »: an instructor's own exports (docs/domain.md §9). Only the author of an
// export sees it and downloads its file.
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import type { ExportFormat, ExportState } from '../domain/exports.ts';

export interface ExportItem {
  id: string;
  procedureId: string;
  procedureTitle: string;
  format: ExportFormat;
  tab: string | null;
  /** the « modèle d'export » it was run from (its name when asked) */
  templateName: string | null;
  state: ExportState;
  done: number;
  total: number;
  size: number | null;
  fileKey: string | null;
  createdAt: Date;
  generatedAt: Date | null;
  error: string | null;
}

type Row = {
  id: string;
  procedure_id: string;
  procedure_title: string;
  format: ExportFormat;
  tab: string | null;
  template_name: string | null;
  state: ExportState;
  done: number;
  total: number;
  size: string | null;
  file_key: string | null;
  created_at: Date | string;
  generated_at: Date | string | null;
  error: string | null;
};

function item(r: Row): ExportItem {
  return {
    id: r.id,
    procedureId: r.procedure_id,
    procedureTitle: r.procedure_title,
    format: r.format,
    tab: r.tab,
    templateName: r.template_name,
    state: r.state,
    done: r.done,
    total: r.total,
    size: r.size === null ? null : Number(r.size),
    fileKey: r.file_key,
    createdAt: new Date(r.created_at),
    generatedAt: r.generated_at ? new Date(r.generated_at) : null,
    error: r.error,
  };
}

const SELECT = sql`SELECT e.id::text AS id, e.procedure_id::text AS procedure_id, p.title AS procedure_title, e.format, e.tab,
  e.template->>'name' AS template_name, e.state, e.done, e.total, e.size::text AS size, e.file_key, e.created_at, e.generated_at, e.error
  FROM exports e JOIN procedures p ON p.id = e.procedure_id`;

/** My exports, newest first (they last 32 hours: a short list). */
export async function listMyExports(ex: Executor, userId: string): Promise<ExportItem[]> {
  const r =
    await sql<Row>`${SELECT} WHERE e.user_id = ${userId} ORDER BY e.created_at DESC, e.id DESC LIMIT 200`.execute(ex);
  return r.rows.map(item);
}

/** One of my exports (null when it is not mine or no longer exists). */
export async function loadOwnExport(ex: Executor, userId: string, exportId: string): Promise<ExportItem | null> {
  if (!/^[0-9]{1,18}$/.test(exportId)) return null;
  const r = await sql<Row>`${SELECT} WHERE e.id = ${exportId} AND e.user_id = ${userId}`.execute(ex);
  return r.rows[0] ? item(r.rows[0]) : null;
}

/** Procedures with their number of dossiers (not brouillons), for the command line. */
export async function proceduresWithCounts(
  ex: Executor,
): Promise<{ number: number; title: string; dossiers: number }[]> {
  const r = await sql<{ id: string; title: string; n: string }>`
    SELECT p.id::text AS id, p.title,
      (SELECT count(*) FROM dossiers d WHERE d.procedure_id = p.id AND d.state <> 'brouillon')::text AS n
    FROM procedures p ORDER BY p.id`.execute(ex);
  return r.rows.map((x) => ({ number: Number(x.id), title: x.title, dossiers: Number(x.n) }));
}
