import type { FieldDef, FieldTypeModule, FileRef, FieldValue } from './types.ts';
import { emptyResult, fail, isBlank, isPlainObject, ok } from './shared.ts';

export const FILES_ERROR = 'Les fichiers joints sont invalides';

/** options.maxFiles, default 1, kept within 1..10. */
export function maxFilesOf(def: FieldDef): number {
  const max = def.options?.maxFiles;
  if (typeof max !== 'number' || !Number.isFinite(max)) return 1;
  return Math.min(10, Math.max(1, Math.floor(max)));
}

function isFileRef(value: unknown): value is FileRef {
  return (
    isPlainObject(value) &&
    typeof value.fileId === 'string' &&
    value.fileId !== '' &&
    typeof value.name === 'string' &&
    typeof value.size === 'number' &&
    Number.isFinite(value.size) &&
    value.size >= 0 &&
    typeof value.contentType === 'string'
  );
}

function filesOf(value: FieldValue | null | undefined): FileRef[] {
  return Array.isArray(value) ? (value as unknown[]).filter(isFileRef) : [];
}

/** Attached files: raw is FileRef[] (or one FileRef), already stored and checked by the storage
 *  layer; only their number is enforced here. Stored as FileRef[] (non-empty) or null. */
export const pieceJustificative: FieldTypeModule = {
  type: 'piece_justificative',
  label: 'Pièce justificative',
  fillable: true,
  columnKind: 'none',
  filterOperators: ['empty', 'not_empty'],
  parse(def, raw) {
    const items = raw === undefined || raw === null || raw === '' ? [] : Array.isArray(raw) ? raw : [raw];
    if (items.length === 0) return emptyResult(def);
    if (!items.every(isFileRef)) return fail(FILES_ERROR);
    const max = maxFilesOf(def);
    if (items.length > max) {
      return fail(
        max === 1
          ? "Vous ne pouvez joindre qu'un seul fichier"
          : `Vous pouvez joindre au plus ${max} fichiers (${items.length} joints)`,
      );
    }
    const files = items.map(({ fileId, name, size, contentType }) => ({ fileId, name, size, contentType }));
    return ok(files);
  },
  isEmpty: (value) => isBlank(value) || filesOf(value).length === 0,
  display: (_def, value) =>
    filesOf(value)
      .map((f) => f.name)
      .join(', '),
  searchText: (_def, value) =>
    filesOf(value)
      .map((f) => f.name)
      .join(' '),
};
