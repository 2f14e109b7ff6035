// « Modèles d'export » (docs/domain.md §9): the templates of a procedure (shared with its
// instructors), one template, and what a template means against the procedure's current catalogue —
// its columns still there, the ones gone from the form, its attachment fields.
import { sql } from 'kysely';
import { PREPARED, type Executor } from '../platform/db/index.ts';
import {
  DEFAULT_ZIP_LAYOUT,
  missingAttachmentFields,
  resolveTemplateColumns,
  type ZipLayout,
} from '../domain/export-templates.ts';
import type { Column } from './columns.ts';
import { exportableColumns } from './export-source.ts';
import {
  TEMPLATE_SELECT,
  templateOf,
  templatesJsonSql,
  templatesOf,
  type ExportTemplate,
  type TemplateRow,
} from './export-template-rows.ts';

export type { ExportTemplate };

/** The templates of a procedure, by name (one statement). */
export async function listExportTemplates(ex: Executor, procedureId: string): Promise<ExportTemplate[]> {
  if (!/^[0-9]{1,18}$/.test(procedureId)) return [];
  const r = await sql<{
    templates: TemplateRow[];
  }>`${PREPARED}SELECT ${templatesJsonSql(procedureId)} AS templates`.execute(ex);
  return templatesOf(r.rows[0]?.templates);
}

/** One template (null when it does not exist, or belongs to another procedure when one is given). */
export async function loadExportTemplate(
  ex: Executor,
  templateId: string,
  procedureId?: string,
): Promise<ExportTemplate | null> {
  if (!/^[0-9]{1,18}$/.test(templateId)) return null;
  const r = await sql<TemplateRow>`${TEMPLATE_SELECT} WHERE t.id = ${templateId}`.execute(ex);
  const row = r.rows[0];
  if (!row || (procedureId !== undefined && row.procedure_id !== procedureId)) return null;
  return templateOf(row);
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
