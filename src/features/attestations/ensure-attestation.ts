// The attestation of an accepted dossier, for download: the stored one, or — when the job has not
// run yet, or for a dossier accepted before its procedure's template was activated — produced now
// by the same command. The caller has checked that the viewer may read the dossier.
import type { Services } from '../../platform/services.ts';
import { SYSTEM_ACTOR } from '../command.ts';
import { generateAttestation } from './generate-attestation.ts';

/** The file id of the dossier's attestation, or null when it has none (not accepted, no template). */
export async function attestationFileId(app: Services, dossierId: string): Promise<string | null> {
  const row = await app.db
    .selectFrom('attestations')
    .select('file_id')
    .where('dossier_id', '=', dossierId)
    .executeTakeFirst();
  if (row) return row.file_id;
  const r = await generateAttestation(app, SYSTEM_ACTOR, { dossierId });
  return r.fileId;
}
