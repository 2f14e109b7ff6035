// The progress of an export being generated (« Mes téléchargements » shows it).
import { z } from 'zod';
import { defineCommand } from '../command.ts';

export const recordExportProgress = defineCommand({
  name: 'record-export-progress',
  input: z.object({ exportId: z.string(), done: z.number().int().min(0), total: z.number().int().min(0) }),
  authorize: 'system',
  async run({ trx }, { exportId, done, total }) {
    await trx
      .updateTable('exports')
      .set({ done, total })
      .where('id', '=', exportId)
      .where('state', '=', 'pending')
      .execute();
  },
});
