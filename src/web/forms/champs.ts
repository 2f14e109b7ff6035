// The reverse of the field inputs (src/web/views/dossier/field-inputs.tsx): the raw values of a
// submitted form in the shapes the domain's parseChamps accepts, the uploaded files of
// piece_justificative fields, and the repetition rows' « Ajouter / Supprimer une ligne » without
// JavaScript. Used by the annotations privées and by the usager's edit form. Each field's raw value
// is read by live-conditions.ts, which the browser shares to show and hide fields as one types.
//
// Names: `champ_<stableId>` (+ `__primary`/`__secondary`, `__other`, `__keep`/`__files`), repetition
// rows `champ_<stableId>__rows` and their children `champ_<stableId>__<rowId>__<childStableId>`.
import { getFieldType, type ChampsMap, type FieldDef } from '../../domain/fields/index.ts';
import { repetitionUploadKey } from '../../features/dossiers/champs-input.ts';
import { files as formFiles, str, strs, uploadsOf, type FormData } from '../http/form.ts';
import { fieldName, readRawValue, type FormReader } from './live-conditions.ts';

export interface FormRead {
  raw: Record<string, unknown>;
  uploads: Record<string, { name: string; bytes: Buffer }[]>;
}

/** The form's body as the shared reader of raw values reads it. */
const readerOf = (f: FormData): FormReader => ({ one: (name) => str(f, name), all: (name) => strs(f, name) });

/**
 * The raw values of a submitted form for `defs` (only the fields present in the form: a field the
 * form did not show keeps its stored value), and the uploaded files of piece_justificative fields.
 */
export async function readFieldsForm(defs: FieldDef[], f: FormData, stored: ChampsMap): Promise<FormRead> {
  const raw: Record<string, unknown> = {};
  const uploads: FormRead['uploads'] = {};
  const present = (name: string) => Object.keys(f).some((k) => k === name || k.startsWith(`${name}__`));
  for (const def of defs) {
    if (!getFieldType(def.type).fillable) continue;
    const name = fieldName(def.stableId);
    if (!present(name)) {
      if (stored[def.stableId]) raw[def.stableId] = stored[def.stableId].value;
      continue;
    }
    raw[def.stableId] = readRawValue(def, readerOf(f), name);
    if (def.type === 'piece_justificative') {
      const list = formFiles(f, `${name}__files`);
      if (list.length) uploads[def.stableId] = await uploadsOf(list);
    }
    if (def.type === 'repetition') {
      // files of a row's piece_justificative child, keyed repetition/row/child (see repetitionUploadKey)
      const rows = raw[def.stableId] as Record<string, Record<string, unknown>>;
      for (const child of def.children ?? []) {
        if (child.type !== 'piece_justificative') continue;
        for (const rowId of Object.keys(rows)) {
          const list = formFiles(f, `${name}__${rowId}__${child.stableId}__files`);
          if (list.length) uploads[repetitionUploadKey(def.stableId, rowId, child.stableId)] = await uploadsOf(list);
        }
      }
    }
  }
  return { raw, uploads };
}

/** « Ajouter une ligne » / « Supprimer la ligne » without JavaScript: the raw values with the row change. */
export function applyRepetitionCommand(
  defs: FieldDef[],
  raw: Record<string, unknown>,
  command: string,
  newRowId: string,
): boolean {
  const [op, stableId, rowId] = command.split(':');
  const def = defs.find((d) => d.stableId === stableId && d.type === 'repetition');
  if (!def) return false;
  const rows = { ...((raw[stableId] as Record<string, Record<string, unknown>>) ?? {}) };
  if (op === 'add') rows[newRowId] = {};
  else if (op === 'remove' && rowId) delete rows[rowId];
  else return false;
  raw[stableId] = rows;
  return true;
}
