// The attestation effects of the dossier machine (wired in instruction/effects.ts):
// - generate_attestation (acceptance or refusal): enqueue the 'generate-attestation' job when the
//   procedure's template of that decision is activated;
// - delete_attestation (repasser en instruction): the attestation row and file go, the bytes are
//   removed by a job after the commit.
import type { CommandContext } from '../command.ts';
import type { LoadedDossier } from '../dossiers/load-dossier.ts';
import type { Effect } from '../../domain/dossier-state.ts';
import { deleteStoredFilesJob } from '../../jobs/delete-stored-files.ts';
import { generateAttestationJob } from '../../jobs/generate-attestation.ts';

export async function generateAttestationEffect(
  ctx: CommandContext,
  d: LoadedDossier,
  effect: Extract<Effect, { kind: 'generate_attestation' }>,
): Promise<void> {
  const template =
    effect.template === 'acceptation'
      ? d.row.procedure_attestation_template
      : (d.row.procedure_refusal_attestation_template as { activated?: boolean } | null);
  if (!template || typeof template !== 'object' || !template.activated) return;
  await ctx.enqueue(
    generateAttestationJob,
    { dossierId: d.row.id },
    { singletonKey: `attestation-${d.row.id}-${d.row.lock_version + 1}` },
  );
}

export async function deleteAttestationEffect(ctx: CommandContext, d: LoadedDossier): Promise<void> {
  const rows = await ctx.trx
    .selectFrom('attestations')
    .innerJoin('files', 'files.id', 'attestations.file_id')
    .select(['files.id', 'files.storage_key'])
    .where('attestations.dossier_id', '=', d.row.id)
    .execute();
  if (!rows.length) return;
  await ctx.trx.deleteFrom('attestations').where('dossier_id', '=', d.row.id).execute();
  await ctx.trx
    .deleteFrom('files')
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  await ctx.enqueue(deleteStoredFilesJob, { keys: rows.map((r) => r.storage_key) });
}
