// The rows of `export_templates` as the application reads them, alone (no dependency on the export
// sources): the list page's context reads a procedure's templates in its one statement.
import { sql } from 'kysely';
import {
  DEFAULT_ZIP_LAYOUT,
  type TemplateColumn,
  type TemplateKind,
  type ZipLayout,
} from '../domain/export-templates.ts';
import type { ExportFormat } from '../domain/exports.ts';

export interface ExportTemplate {
  id: string;
  procedureId: string;
  name: string;
  kind: TemplateKind;
  format: ExportFormat;
  columns: TemplateColumn[];
  zip: ZipLayout | null;
  authorId: string | null;
  authorEmail: string | null;
  updatedAt: Date;
}

export type TemplateRow = {
  id: string;
  procedure_id: string;
  name: string;
  kind: TemplateKind;
  format: ExportFormat;
  columns: TemplateColumn[] | null;
  zip: Partial<ZipLayout> | null;
  author_id: string | null;
  author_email: string | null;
  updated_at: Date | string;
};

export function templateOf(r: TemplateRow): ExportTemplate {
  return {
    id: r.id,
    procedureId: r.procedure_id,
    name: r.name,
    kind: r.kind,
    format: r.format,
    columns: Array.isArray(r.columns) ? r.columns : [],
    zip: r.kind === 'zip' ? { ...DEFAULT_ZIP_LAYOUT, ...(r.zip ?? {}) } : null,
    authorId: r.author_id,
    authorEmail: r.author_email,
    updatedAt: new Date(r.updated_at),
  };
}

export const TEMPLATE_SELECT = sql`SELECT t.id::text AS id, t.procedure_id::text AS procedure_id, t.name, t.kind, t.format, t.columns, t.zip,
  t.author_id::text AS author_id, u.email AS author_email, t.updated_at
  FROM export_templates t LEFT JOIN users u ON u.id = t.author_id`;

/** A procedure's templates as one JSON array, by name (French order), for a statement that reads them with other things. */
export function templatesJsonSql(procedureId: string) {
  return sql<TemplateRow[]>`(SELECT coalesce(json_agg(t ORDER BY t.name COLLATE fr, t.id::bigint), '[]') FROM (
    ${TEMPLATE_SELECT} WHERE t.procedure_id = ${procedureId}) t)`;
}

/** The templates read by `templatesJsonSql`. */
export function templatesOf(rows: TemplateRow[] | null | undefined): ExportTemplate[] {
  return (rows ?? []).map(templateOf);
}
