import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/** The attestation PDF of an accepted dossier (enqueued by the acceptance). Features import this
 *  definition to enqueue it; the feature code it runs is imported by the handler only. */
export const generateAttestationJob = defineJob({
  name: 'generate-attestation',
  workBatchSize: 10,
  payload: z.object({ dossierId: z.string() }),
  handler: async () => {
    const { attestationFileId } = await import('../features/attestations/ensure-attestation.ts');
    return async (app, { dossierId }) => {
      await attestationFileId(app, dossierId);
    };
  },
});
