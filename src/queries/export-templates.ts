// « Modèles d'export » (docs/domain.md §9): the templates of a procedure (shared with its
// instructors), one template, and what a template means against the procedure's current catalogue —
// its columns still there, the ones gone from the form, its attachment fields.
import { sql } from 'kysely';
import { PREPARED, type Executor } from '../platform/db/index.ts';
import {
  DEFAULT_ZIP_LAYOUT,
  missingAttachmentFields,
  resolveTemplateColumns,
  type TemplateColumn,
  type TemplateKind,
  type ZipLayout,
} from '../domain/export-templates.ts';
import type { ExportFormat } from '../domain/exports.ts';
import type { Column } from './columns.ts';
import { exportableColumns } from './export-source.ts';

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

type Row = {
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

function template(r: Row): ExportTemplate {
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

const SELECT = sql`SELECT t.id::text AS id, t.procedure_id::text AS procedure_id, t.name, t.kind, t.format, t.columns, t.zip,
  t.author_id::text AS author_id, u.email AS author_email, t.updated_at
  FROM export_templates t LEFT JOIN users u ON u.id = t.author_id`;

/** The templates of a procedure, by name (one statement). */
export async function listExportTemplates(ex: Executor, procedureId: string): Promise<ExportTemplate[]> {
  if (!/^[0-9]{1,18}$/.test(procedureId)) return [];
  const r =
    await sql<Row>`${PREPARED}${SELECT} WHERE t.procedure_id = ${procedureId} ORDER BY t.name COLLATE fr, t.id`.execute(
      ex,
    );
  return r.rows.map(template);
}

/** One template (null when it does not exist, or belongs to another procedure when one is given). */
export async function loadExportTemplate(
  ex: Executor,
  templateId: string,
  procedureId?: string,
): Promise<ExportTemplate | null> {
  if (!/^[0-9]{1,18}$/.test(templateId)) return null;
  const r = await sql<Row>`${SELECT} WHERE t.id = ${templateId}`.execute(ex);
  const row = r.rows[0];
  if (!row || (procedureId !== undefined && row.procedure_id !== procedureId)) return null;
  return template(row);
}

/** The attachment fields of the form (a zip template names their files). */
export function attachmentFields(catalogue: readonly Column[]): { stableId: string; label: string }[] {
  return catalogue.flatMap((c) =>
    c.source.type === 'field' && c.source.store === 'champs' && c.source.def.type === 'piece_justificative'
      ? [{ stableId: c.source.stableId, label: c.label }]
      : [],
  );
}

/** What the template exports today: its columns still in the catalogue, and what is gone from the form. */
export interface ResolvedTemplate {
  columns: { column: Column; header: string }[];
  zip: ZipLayout | null;
  /** headers of the columns (or labels of the attachment fields) no longer in the form */
  missing: string[];
}

export function resolveTemplate(
  t: Pick<ExportTemplate, 'kind' | 'columns' | 'zip'>,
  catalogue: readonly Column[],
): ResolvedTemplate {
  if (t.kind === 'zip') {
    const zip = t.zip ?? DEFAULT_ZIP_LAYOUT;
    const fields = new Set(attachmentFields(catalogue).map((f) => f.stableId));
    const missing = missingAttachmentFields(zip, (id) => fields.has(id));
    const filePatterns = Object.fromEntries(Object.entries(zip.filePatterns).filter(([id]) => fields.has(id)));
    return { columns: [], zip: { ...zip, filePatterns }, missing: missing.map((id) => zip.fieldLabels?.[id] ?? id) };
  }
  const byId = new Map(exportableColumns(catalogue).map((c) => [c.id, c]));
  const { present, missing } = resolveTemplateColumns(t.columns, (id) => byId.has(id));
  return {
    columns: present.map((c) => ({ column: byId.get(c.id)!, header: c.header })),
    zip: null,
    missing: missing.map((c) => c.header),
  };
}
