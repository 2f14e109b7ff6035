import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';
import { SYSTEM_ACTOR } from '../features/command.ts';
import { generateAttestation } from '../features/attestations/generate-attestation.ts';
// Registers the attestation effects of the dossier machine whenever the job catalogue is loaded.
import '../features/attestations/effects.ts';

/** The attestation PDF of an accepted dossier (enqueued by the acceptance). */
export const generateAttestationJob = defineJob({
  name: 'generate-attestation',
  payload: z.object({ dossierId: z.string() }),
  handler:
    async () =>
    async (app, { dossierId }) => {
      await generateAttestation(app, SYSTEM_ACTOR, { dossierId });
    },
});
