// The attestation effects of the dossier machine, registered in applyTransition's effect registry
// when this module is imported (by the job catalogue, so whenever the application runs):
// - generate_attestation (acceptance): enqueue the 'generate-attestation' job when the procedure's
//   template is activated (the refusal kind has no template in Guichet: nothing is produced);
// - delete_attestation (repasser en instruction): the attestation row and file go, the bytes are
//   removed by a job after the commit.
import { effectHandlers } from '../instruction/transition.ts';

effectHandlers.generate_attestation = async (ctx, d, effect) => {
  if (effect.kind !== 'generate_attestation' || effect.template !== 'acceptation') return;
  const template = d.row.procedure_attestation_template;
  if (!template || typeof template !== 'object' || !template.activated) return;
  await ctx.enqueue(
    'generate-attestation',
    { dossierId: d.row.id },
    { singletonKey: `attestation-${d.row.id}-${d.row.lock_version + 1}` },
  );
};

effectHandlers.delete_attestation = async (ctx, d) => {
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
  await ctx.enqueue('delete-stored-files', { keys: rows.map((r) => r.storage_key) });
};

export const ATTESTATION_EFFECTS_REGISTERED = true;
