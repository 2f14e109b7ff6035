// « Télécharger l'attestation » (docs/interface.md §3C): the stored attestation of an accepted (or
// refused) dossier, or — while the job enqueued by the acceptance has not produced it yet — « en cours de
// génération »: the page checks again by itself. The request makes sure a job will produce it (at
// most one more per dossier and minute: a dossier accepted before its template was activated had
// none); the job keeps the attestation already produced for the decision.
import { z } from 'zod';
import { attestationKindOf } from '../../domain/attestation.ts';
import { defineCommand } from '../command.ts';
import { readsDossier } from '../authorize.ts';
import { generateAttestationJob } from '../../jobs/generate-attestation.ts';

export type AttestationRequest = { fileId: string; pending: false } | { fileId: null; pending: boolean };

export const requestAttestation = defineCommand({
  name: 'request-attestation',
  input: z.object({ dossierId: z.coerce.string() }),
  authorize: readsDossier,
  async run(ctx, { dossierId }): Promise<AttestationRequest> {
    const row = await ctx.trx
      .selectFrom('attestations')
      .select('file_id')
      .where('dossier_id', '=', dossierId)
      .executeTakeFirst();
    if (row) return { fileId: row.file_id, pending: false };
    const d = await ctx.trx
      .selectFrom('dossiers')
      .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
      .select(['dossiers.state', 'procedures.attestation_template', 'procedures.refusal_attestation_template'])
      .where('dossiers.id', '=', dossierId)
      .executeTakeFirstOrThrow();
    const kind = attestationKindOf(d.state);
    const template =
      kind === 'acceptation'
        ? d.attestation_template
        : kind === 'refus'
          ? (d.refusal_attestation_template as { activated?: boolean } | null)
          : null;
    if (!template?.activated) return { fileId: null, pending: false };
    await ctx.enqueue(
      generateAttestationJob,
      { dossierId },
      { singletonKey: `attestation-${dossierId}`, singletonSeconds: 60 },
    );
    return { fileId: null, pending: true };
  },
});
