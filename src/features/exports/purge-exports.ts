// Exports kept 32 hours after they are generated (pending ones abandoned after 16 hours): the rows
// go, their files are deleted by a job after the commit (docs/domain.md §9).
import { sql } from 'kysely';
import { z } from 'zod';
import { EXPORT_KEPT_HOURS, EXPORT_PENDING_HOURS } from '../../domain/exports.ts';
import { deleteStoredFilesJob } from '../../jobs/delete-stored-files.ts';
import { defineCommand } from '../command.ts';

export const purgeExports = defineCommand({
  name: 'purge-exports',
  input: z.object({}),
  authorize: 'system',
  async run({ trx, now, enqueue }) {
    const kept = new Date(now.getTime() - EXPORT_KEPT_HOURS * 3_600_000);
    const abandoned = new Date(now.getTime() - EXPORT_PENDING_HOURS * 3_600_000);
    const r = await sql<{ file_key: string | null }>`
      DELETE FROM exports
      WHERE (state = 'generated' AND generated_at <= ${kept})
         OR (state = 'pending' AND created_at <= ${abandoned})
         OR (state = 'failed' AND created_at <= ${kept})
      RETURNING file_key`.execute(trx);
    const keys = r.rows.map((x) => x.file_key).filter((k): k is string => !!k);
    for (let i = 0; i < keys.length; i += 1000) await enqueue(deleteStoredFilesJob, { keys: keys.slice(i, i + 1000) });
    return { deleted: r.rows.length };
  },
});
