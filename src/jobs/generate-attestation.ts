import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/** The attestation PDF of an accepted dossier (enqueued by the acceptance). Features import this
 *  definition to enqueue it; the feature code it runs is imported by the handler only. A batch of
 *  them (a bulk decision's, docs/domain.md §8) is produced in one transaction. */
export const generateAttestationJob = defineJob({
  name: 'generate-attestation',
  workBatchSize: 10,
  // a fetch's PDFs under a loaded machine stay well within this; a killed worker's fetch is retried after it
  expireInSeconds: 120,
  payload: z.object({ dossierId: z.string() }),
  handler: async () => {
    const { attestationFileId } = await import('../features/attestations/ensure-attestation.ts');
    return async (app, { dossierId }) => {
      await attestationFileId(app, dossierId);
    };
  },
  batchHandler: async () => {
    const { generateAttestations } = await import('../features/attestations/generate-attestations.ts');
    const { SYSTEM_ACTOR } = await import('../features/command.ts');
    return async (app, jobs) => {
      await generateAttestations(app, SYSTEM_ACTOR, { dossierIds: jobs.map((j) => j.data.dossierId) });
    };
  },
});
