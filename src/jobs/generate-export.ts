import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/** Produces a requested export (« Télécharger les dossiers »); a large one takes minutes. */
export const generateExportJob = defineJob({
  name: 'generate-export',
  payload: z.object({ exportId: z.string() }),
  expireInSeconds: 3600,
  handler: async () => {
    const { generateExport } = await import('../features/exports/generate-export.ts');
    return async (app, { exportId }) => {
      await generateExport(app, exportId);
    };
  },
});
