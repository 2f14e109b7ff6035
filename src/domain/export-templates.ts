// Rules of the « Modèles d'export » (docs/domain.md §9): a tabular template chooses, orders and renames
// columns of the work list's catalogue; a zip template names each dossier's folder (with its number)
// and each attachment field's files with tags, and includes or not the avis, messages,
// justificatifs and attestation. Shared with the procedure's instructors, edited by its author.
import { checkFolderPattern, FOLDER_NUMBER_TAG } from './exports.ts';

export const TEMPLATE_KINDS = ['tabular', 'zip'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const TABULAR_FORMATS = ['csv', 'xlsx', 'ods'] as const;
export type TabularFormat = (typeof TABULAR_FORMATS)[number];

export const TEMPLATE_KIND_LABELS: Record<TemplateKind, string> = {
  tabular: 'Tableur (csv, xlsx, ods)',
  zip: 'Archive zip',
};

/** A chosen column: its id in the catalogue and the header written in the file. */
export interface TemplateColumn {
  id: string;
  header: string;
}

/** A zip template's layout (the shape the zip export takes). */
export interface ZipLayout {
  /** a dossier's folder, with `{numero}` */
  folderPattern: string;
  pdf: boolean;
  avis: boolean;
  messages: boolean;
  justificatifs: boolean;
  attestation: boolean;
  /** per attachment field (stable id): its files' name pattern */
  filePatterns: Record<string, string>;
  /** the labels of those fields when the template was saved (to name one gone from the form) */
  fieldLabels?: Record<string, string>;
}

export const DEFAULT_ZIP_LAYOUT: ZipLayout = {
  folderPattern: `dossier-${FOLDER_NUMBER_TAG}`,
  pdf: true,
  avis: true,
  messages: true,
  justificatifs: true,
  attestation: true,
  filePatterns: {},
};

/** The tags of a file name pattern: the dossier number, the file's own name, its rank in the field. */
export const FILE_NAME_TAGS = [
  { tag: '{numero}', label: 'le numéro du dossier' },
  { tag: '{nom_fichier}', label: 'le nom du fichier envoyé (sans son extension)' },
  { tag: '{index}', label: 'le rang du fichier dans le champ (01, 02…)' },
] as const;

const TAG = /\{([^{}]*)\}/g;
const NAME_MAX = 100;
const PATTERN_MAX = 100;
const HEADER_MAX = 100;
export const TEMPLATE_COLUMNS_MAX = 500;

export function checkTemplateName(name: string): string | null {
  if (!name.trim()) return 'Indiquez le nom du modèle.';
  if (name.trim().length > NAME_MAX) return `Le nom du modèle ne doit pas dépasser ${NAME_MAX} caractères.`;
  return null;
}

function unknownTags(pattern: string, known: readonly string[]): string[] {
  return [...pattern.matchAll(TAG)].map((m) => m[0]).filter((t) => !known.includes(t));
}

/** The folder of each dossier: not empty, with the number tag, no other tag. */
export function checkZipFolderPattern(pattern: string): string | null {
  const base = checkFolderPattern(pattern);
  if (base) return base;
  const unknown = unknownTags(pattern, [FOLDER_NUMBER_TAG]);
  if (unknown.length) return `Balise inconnue dans le nom du dossier : ${unknown.join(', ')}.`;
  if (/[{}]/.test(pattern.replace(TAG, ''))) return 'Une balise s\u2019écrit entre accolades : {numero}.';
  return null;
}

/** A file name pattern ('' keeps the file's own name): known tags only. */
export function checkFileNamePattern(pattern: string): string | null {
  if (!pattern.trim()) return null;
  if (pattern.length > PATTERN_MAX) return `Le nom des fichiers ne doit pas dépasser ${PATTERN_MAX} caractères.`;
  const unknown = unknownTags(
    pattern,
    FILE_NAME_TAGS.map((t) => t.tag),
  );
  if (unknown.length) return `Balise inconnue dans le nom des fichiers : ${unknown.join(', ')}.`;
  if (/[{}]/.test(pattern.replace(TAG, ''))) return 'Une balise s\u2019écrit entre accolades : {numero}.';
  return null;
}

export function checkColumnHeader(header: string): string | null {
  if (header.length > HEADER_MAX) return `Le titre d'une colonne ne doit pas dépasser ${HEADER_MAX} caractères.`;
  return null;
}

/** One row of the column chooser as the form sends it. */
export interface ColumnChoice {
  id: string;
  included: boolean;
  /** the position typed by the instructor (blank: keep the catalogue's order) */
  position: number | null;
  /** the header typed ('' : the column's label) */
  header: string;
  label: string;
}

/**
 * The chosen columns in the order the instructor gave: by position typed (blank last), then in the
 * catalogue's order; each header trimmed, the column's label when left blank.
 */
export function chooseColumns(rows: readonly ColumnChoice[]): TemplateColumn[] {
  return rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.included)
    .sort((a, b) => {
      const pa = a.r.position ?? Number.POSITIVE_INFINITY;
      const pb = b.r.position ?? Number.POSITIVE_INFINITY;
      return pa === pb ? a.i - b.i : pa - pb;
    })
    .map(({ r }) => ({ id: r.id, header: r.header.trim() || r.label }));
}

/**
 * A template's columns against the procedure's current catalogue: the ones still there (exported)
 * and the ones gone from the form (said on the page, left out of the file).
 */
export function resolveTemplateColumns(
  saved: readonly TemplateColumn[],
  exists: (id: string) => boolean,
): { present: TemplateColumn[]; missing: TemplateColumn[] } {
  const present: TemplateColumn[] = [];
  const missing: TemplateColumn[] = [];
  for (const c of saved) (exists(c.id) ? present : missing).push(c);
  return { present, missing };
}

/** The attachment fields a zip template names that the form no longer has. */
export function missingAttachmentFields(layout: ZipLayout, exists: (stableId: string) => boolean): string[] {
  return Object.keys(layout.filePatterns).filter((id) => !exists(id));
}

/** A template is shared with the procedure's instructors; only its author edits or deletes it. */
export function canEditExportTemplate(authorId: string | null, userId: string): boolean {
  return authorId !== null && authorId === userId;
}
