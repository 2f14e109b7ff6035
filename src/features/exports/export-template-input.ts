// What a « modèle d'export » is made of, as the create and update commands take it, and its check
// against the procedure's catalogue (docs/domain.md §9): the stored row's values, or the French
// message of each wrong field.
import { z } from 'zod';
import { invalidInput } from '../../domain/errors.ts';
import {
  checkColumnHeader,
  checkFileNamePattern,
  checkTemplateName,
  checkZipFolderPattern,
  TABULAR_FORMATS,
  TEMPLATE_COLUMNS_MAX,
  TEMPLATE_KINDS,
  type TemplateColumn,
  type ZipLayout,
} from '../../domain/export-templates.ts';
import type { ExportFormat } from '../../domain/exports.ts';
import type { ListContext } from '../../queries/list-context.ts';
import { exportableColumns } from '../../queries/export-source.ts';
import { attachmentFields } from '../../queries/export-templates.ts';

export const templateFields = {
  name: z.string().max(1000),
  kind: z.enum(TEMPLATE_KINDS, { error: 'Choisissez le type du modèle.' }),
  /** tabular templates only (a zip template's file is a zip) */
  format: z.string().optional(),
  columns: z
    .array(z.object({ id: z.string().max(200), header: z.string().max(1000) }))
    .max(TEMPLATE_COLUMNS_MAX)
    .default([]),
  zip: z
    .object({
      folderPattern: z.string().max(1000),
      pdf: z.boolean(),
      avis: z.boolean(),
      messages: z.boolean(),
      justificatifs: z.boolean(),
      attestation: z.boolean(),
      filePatterns: z.record(z.string().max(200), z.string().max(1000)),
    })
    .optional(),
};

const templateShape = z.object(templateFields);
export type TemplateInput = z.infer<typeof templateShape>;

export interface TemplateValues {
  name: string;
  kind: 'tabular' | 'zip';
  format: ExportFormat;
  columns: TemplateColumn[];
  zip: ZipLayout | null;
}

/** The template's values checked against the procedure's columns and attachment fields. */
export function checkTemplate(ctx: ListContext, input: TemplateInput): TemplateValues {
  const errors: Record<string, string> = {};
  const nameError = checkTemplateName(input.name);
  if (nameError) errors.name = nameError;
  if (input.kind === 'tabular') {
    const format = (TABULAR_FORMATS as readonly string[]).includes(input.format ?? '') ? input.format : null;
    if (!format) errors.format = 'Choisissez le format du fichier (csv, xlsx ou ods).';
    const known = new Set(exportableColumns(ctx.catalogue).map((c) => c.id));
    const columns = input.columns.map((c) => ({ id: c.id, header: c.header.trim() }));
    if (columns.length === 0) errors.columns = 'Choisissez au moins une colonne.';
    else if (columns.some((c) => !known.has(c.id)))
      errors.columns = "Une des colonnes choisies n'existe pas : rechargez la page.";
    else if (new Set(columns.map((c) => c.id)).size !== columns.length)
      errors.columns = 'Une colonne ne peut être choisie qu’une fois.';
    for (const c of columns) {
      const e = checkColumnHeader(c.header);
      if (e) errors.columns ??= e;
    }
    if (Object.keys(errors).length) throw invalidInput(Object.values(errors)[0], errors);
    return { name: input.name.trim(), kind: 'tabular', format: format as ExportFormat, columns, zip: null };
  }
  const zip = input.zip;
  if (!zip)
    throw invalidInput("Indiquez le contenu de l'archive.", { folderPattern: "Indiquez le contenu de l'archive." });
  const folderPattern = zip.folderPattern.trim();
  const folderError = checkZipFolderPattern(folderPattern);
  if (folderError) errors.folderPattern = folderError;
  const fields = new Map(attachmentFields(ctx.catalogue).map((f) => [f.stableId, f.label]));
  const filePatterns: Record<string, string> = {};
  const fieldLabels: Record<string, string> = {};
  for (const [stableId, raw] of Object.entries(zip.filePatterns)) {
    const pattern = raw.trim();
    if (!pattern) continue;
    if (!fields.has(stableId)) {
      errors[`pattern_${stableId}`] = "Ce champ n'existe plus dans le formulaire : rechargez la page.";
      continue;
    }
    const e = checkFileNamePattern(pattern);
    if (e) errors[`pattern_${stableId}`] = e;
    filePatterns[stableId] = pattern;
    fieldLabels[stableId] = fields.get(stableId)!;
  }
  if (Object.keys(errors).length) throw invalidInput(Object.values(errors)[0], errors);
  return {
    name: input.name.trim(),
    kind: 'zip',
    format: 'zip',
    columns: [],
    zip: { ...zip, folderPattern, filePatterns, fieldLabels },
  };
}
