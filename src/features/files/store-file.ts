// Storing an uploaded file inside a command: checks first (checkUpload sniffs the content, enforces
// the 20 MB limit and the accepted types — French refusal), then the bytes go to storage and the
// metadata to `files`. If the command then fails, the bytes written are removed (`discardStored`),
// so that a refused action leaves nothing behind.
import crypto from 'node:crypto';
import type { CommandContext } from '../command.ts';
import type { FileOrigin } from '../../platform/db/schema.ts';
import { invalidInput } from '../../domain/errors.ts';
import { checkUpload, type CheckedUpload } from '../../platform/storage/upload.ts';

export interface RawUpload {
  name: string;
  bytes: Buffer;
}

export interface StoredFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  storageKey: string;
}

/** Checks every upload (none stored before all passed); `field` keys the French error. */
export async function checkUploads(
  ctx: Pick<CommandContext, 'app'>,
  files: RawUpload[],
  opts: { field: string; max?: number },
): Promise<CheckedUpload[]> {
  if (opts.max !== undefined && files.length > opts.max) {
    const msg = `Vous pouvez joindre au plus ${opts.max} fichier${opts.max > 1 ? 's' : ''}.`;
    throw invalidInput(msg, { [opts.field]: msg });
  }
  const out: CheckedUpload[] = [];
  for (const f of files)
    out.push(await checkUpload(f, { maxBytes: ctx.app.config.UPLOAD_MAX_BYTES, field: opts.field }));
  return out;
}

export function newFileId(): string {
  return crypto.randomBytes(18).toString('base64url');
}

/** Writes one checked upload (bytes + `files` row) for a dossier, in the command's transaction. */
export async function storeFile(
  ctx: CommandContext,
  stored: StoredFile[],
  f: CheckedUpload,
  meta: { dossierId: string; origin: FileOrigin; originRef?: string | null },
): Promise<StoredFile> {
  const id = newFileId();
  const storageKey = `dossiers/${meta.dossierId}/${id}`;
  await ctx.app.storage.put(storageKey, f.bytes);
  const file: StoredFile = { id, name: f.name, contentType: f.contentType, size: f.size, storageKey };
  stored.push(file);
  await ctx.trx
    .insertInto('files')
    .values({
      id,
      dossier_id: meta.dossierId,
      origin: meta.origin,
      origin_ref: meta.originRef ?? null,
      name: f.name,
      content_type: f.contentType,
      size: f.size,
      sha256: f.sha256,
      storage_key: storageKey,
      uploaded_by: ctx.actor.userId,
      created_at: ctx.now,
    })
    .execute();
  return file;
}

/** After a failed command: remove the bytes it had written (their rows were rolled back). */
export async function discardStored(app: CommandContext['app'], stored: StoredFile[]): Promise<void> {
  for (const f of stored) await app.storage.delete(f.storageKey).catch(() => undefined);
}

/**
 * Runs a command that stores files: if it throws, the bytes it stored are deleted before the error
 * goes on. `run` receives the list to pass to `storeFile`.
 */
export async function withStoredFiles<R>(
  app: CommandContext['app'],
  run: (stored: StoredFile[]) => Promise<R>,
): Promise<R> {
  const stored: StoredFile[] = [];
  try {
    return await run(stored);
  } catch (e) {
    await discardStored(app, stored);
    throw e;
  }
}
