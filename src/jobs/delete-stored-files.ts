import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';
import { storageKeyInUse } from '../queries/stored-files.ts';

/** Bytes of files whose rows a committed command removed (deleted message, replaced attestation). */
export const deleteStoredFilesJob = defineJob({
  name: 'delete-stored-files',
  payload: z.object({ keys: z.array(z.string()).max(1000) }),
  handler:
    async () =>
    async (app, { keys }) => {
      for (const key of keys) {
        if (!(await storageKeyInUse(app.db, key))) await app.storage.delete(key);
      }
    },
});
