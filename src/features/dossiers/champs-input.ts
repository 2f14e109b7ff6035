// Field values from a form, for the usager's edits and the instructors' annotations: the uploaded
// files of piece_justificative fields are checked (all of them, before any is stored), stored, and
// turned into the FileRef[] values the domain's parseChamps validates with everything else.
import type { CommandContext } from '../command.ts';
import type { FileOrigin } from '../../platform/db/schema.ts';
import { invalidInput } from '../../domain/errors.ts';
import { parseChamps, type ChampsMap, type FieldDef, type FileRef } from '../../domain/fields/index.ts';
import { checkUploads, storeFile, type RawUpload, type StoredFile } from '../files/store-file.ts';
import { deleteStoredFilesJob } from '../../jobs/delete-stored-files.ts';
import { referentials } from '../../platform/referentials.ts';

/** For a piece_justificative field, the form sends the ids of the files to keep (checkboxes). */
export interface FileFieldInput {
  keep: string[];
}

/** The key of the uploads of a piece_justificative inside a repetition row. */
export function repetitionUploadKey(repetitionId: string, rowId: string, childId: string): string {
  return `${repetitionId}/${rowId}/${childId}`;
}

export function isFileFieldInput(x: unknown): x is FileFieldInput {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Array.isArray((x as FileFieldInput).keep);
}

const TODAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
/** 'YYYY-MM-DD' in Paris (date fields « not in the future »). */
export function parisToday(now: Date): string {
  return TODAY.format(now);
}

/**
 * Validates a whole form (or one field with `only`) against `defs`: uploads first (French refusal,
 * nothing stored), then the files are stored and the values parsed. Throws invalid_input with one
 * message per field when something is wrong. Returns the new stored champs and the ids that changed.
 */
export async function applyFormValues(
  ctx: CommandContext,
  stored: StoredFile[],
  opts: {
    dossierId: string;
    defs: FieldDef[];
    previous: ChampsMap;
    raw: Record<string, unknown>;
    uploads?: Record<string, RawUpload[]>;
    origin: FileOrigin;
    /** validate and change only this field (autosave); the others keep their stored values */
    only?: string;
  },
): Promise<{ champs: ChampsMap; changed: string[] }> {
  const { defs, previous } = opts;
  const raw: Record<string, unknown> = {};
  if (opts.only) {
    if (!defs.some((d) => d.stableId === opts.only))
      throw invalidInput('Ce champ est inconnu.', { [opts.only]: 'Ce champ est inconnu.' });
    for (const [id, c] of Object.entries(previous)) raw[id] = c.value;
    raw[opts.only] = opts.raw[opts.only];
  } else {
    Object.assign(raw, opts.raw);
  }
  // 1. check every upload before storing any
  const uploads = opts.uploads ?? {};
  const checked = new Map<string, Awaited<ReturnType<typeof checkUploads>>>();
  for (const def of defs) {
    if (opts.only && def.stableId !== opts.only) continue;
    if (def.type === 'piece_justificative') {
      const list = uploads[def.stableId] ?? [];
      if (list.length) checked.set(def.stableId, await checkUploads(ctx, list, { field: def.stableId, max: 10 }));
    }
    if (def.type === 'repetition') {
      for (const [key, list] of Object.entries(uploads)) {
        const [rep, rowId, childId] = key.split('/');
        if (rep !== def.stableId || !list.length) continue;
        // errors of repetition children are keyed `${childStableId}-${rowId}`
        checked.set(key, await checkUploads(ctx, list, { field: `${childId}-${rowId}`, max: 10 }));
      }
    }
  }
  // 2. files: kept ones + the new ones, as FileRef[]
  for (const def of defs) {
    if (def.type !== 'piece_justificative') continue;
    const input = raw[def.stableId];
    if (!isFileFieldInput(input) && !checked.has(def.stableId)) continue;
    const before = Array.isArray(previous[def.stableId]?.value) ? (previous[def.stableId]!.value as FileRef[]) : [];
    const keep = isFileFieldInput(input) ? input.keep : before.map((f) => f.fileId);
    const refs: FileRef[] = before.filter((f) => keep.includes(f.fileId));
    for (const f of checked.get(def.stableId) ?? []) {
      const s = await storeFile(ctx, stored, f, {
        dossierId: opts.dossierId,
        origin: opts.origin,
        originRef: def.stableId,
      });
      refs.push({ fileId: s.id, name: s.name, size: s.size, contentType: s.contentType });
    }
    raw[def.stableId] = refs;
  }
  // 2b. the same inside repetition rows: kept files of the row + its new ones
  for (const def of defs) {
    if (def.type !== 'repetition' || (opts.only && def.stableId !== opts.only)) continue;
    const rows = raw[def.stableId];
    if (typeof rows !== 'object' || rows === null || Array.isArray(rows)) continue;
    const beforeRows = Array.isArray(previous[def.stableId]?.value)
      ? (previous[def.stableId]!.value as { rowId: string; values: Record<string, unknown> }[])
      : [];
    for (const child of def.children ?? []) {
      if (child.type !== 'piece_justificative') continue;
      for (const [rowId, values] of Object.entries(rows as Record<string, Record<string, unknown>>)) {
        const input = values[child.stableId];
        const key = repetitionUploadKey(def.stableId, rowId, child.stableId);
        const prev = beforeRows.find((r) => r.rowId === rowId)?.values[child.stableId];
        const before = Array.isArray(prev) ? (prev as FileRef[]) : [];
        if (!isFileFieldInput(input) && !checked.has(key)) {
          if (before.length) values[child.stableId] = before;
          continue;
        }
        const keep = isFileFieldInput(input) ? input.keep : before.map((f) => f.fileId);
        const refs: FileRef[] = before.filter((f) => keep.includes(f.fileId));
        for (const f of checked.get(key) ?? []) {
          const s = await storeFile(ctx, stored, f, {
            dossierId: opts.dossierId,
            origin: opts.origin,
            originRef: child.stableId,
          });
          refs.push({ fileId: s.id, name: s.name, size: s.size, contentType: s.contentType });
        }
        values[child.stableId] = refs;
      }
    }
  }
  // 3. the domain validates
  const result = parseChamps(defs, raw, {
    previous,
    now: ctx.now.toISOString(),
    today: parisToday(ctx.now),
    referentials,
  });
  const errors = opts.only
    ? Object.fromEntries(
        Object.entries(result.errors).filter(([k]) => k === opts.only || k.startsWith(`${opts.only}-`)),
      )
    : result.errors;
  if (Object.keys(errors).length) {
    const first = Object.values(errors)[0];
    throw invalidInput(
      Object.keys(errors).length > 1 ? 'Le formulaire contient des erreurs : corrigez les champs signalés.' : first,
      errors,
    );
  }
  const champs = opts.only ? { ...previous, ...pick(result.champs, opts.only) } : result.champs;
  if (opts.only && !(opts.only in result.champs)) delete champs[opts.only];
  const ids = new Set([...Object.keys(previous), ...Object.keys(champs)]);
  const changed = [...ids].filter(
    (id) => JSON.stringify(previous[id]?.value ?? null) !== JSON.stringify(champs[id]?.value ?? null),
  );
  // files no longer referenced (unticked, or in a removed row) go: their rows now, their bytes after the commit
  const kept = fileIdsOf(champs);
  const removed = [...fileIdsOf(previous)].filter((id) => !kept.has(id));
  if (removed.length) {
    const rows = await ctx.trx
      .deleteFrom('files')
      .where('id', 'in', removed)
      .where('dossier_id', '=', opts.dossierId)
      .where('origin', '=', opts.origin)
      .returning('storage_key')
      .execute();
    if (rows.length) await ctx.enqueue(deleteStoredFilesJob, { keys: rows.map((r) => r.storage_key) });
  }
  return { champs, changed };
}

/** Every file id a stored map refers to (piece_justificative values, at any depth: repetition rows). */
function fileIdsOf(champs: ChampsMap): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      const fileId = (v as { fileId?: unknown }).fileId;
      if (typeof fileId === 'string') out.add(fileId);
      else Object.values(v).forEach(walk);
    }
  };
  for (const c of Object.values(champs)) walk(c.value);
  return out;
}

function pick(m: ChampsMap, id: string): ChampsMap {
  return id in m ? { [id]: m[id] } : {};
}
