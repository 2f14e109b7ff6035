// Reads about stored bytes, for the job that deletes them.
import type { Executor } from '../platform/db/index.ts';

/** Whether a file row still points at these bytes (then they must stay). */
export async function storageKeyInUse(ex: Executor, storageKey: string): Promise<boolean> {
  const row = await ex.selectFrom('files').select('id').where('storage_key', '=', storageKey).executeTakeFirst();
  return row !== undefined;
}
