// « Supprimer le brouillon » (docs/domain.md §2.8): a brouillon was never seen by the administration,
// so it goes for good — its row, its files' rows now and their bytes after the commit. Only its
// owner deletes it (a co-editor may not).
import { z } from 'zod';
import { invalidTransition, notFound } from '../../domain/errors.ts';
import { deleteStoredFilesJob } from '../../jobs/delete-stored-files.ts';
import { ownsDossier } from '../authorize.ts';
import { defineCommand } from '../command.ts';
import { loadDossierForUpdate } from './load-dossier.ts';

export const deleteBrouillon = defineCommand({
  name: 'delete-brouillon',
  input: z.object({ dossierId: z.coerce.string() }),
  authorize: ownsDossier,
  async run(ctx, { dossierId }) {
    const d = await loadDossierForUpdate(ctx.trx, dossierId);
    if (d.row.user_id !== ctx.actor.userId) throw notFound('Dossier introuvable.');
    if (d.row.state !== 'brouillon') throw invalidTransition('Seul un brouillon peut être supprimé ainsi');
    const files = await ctx.trx
      .deleteFrom('files')
      .where('dossier_id', '=', d.row.id)
      .returning('storage_key')
      .execute();
    await ctx.trx.deleteFrom('dossiers').where('id', '=', d.row.id).execute();
    if (files.length) await ctx.enqueue(deleteStoredFilesJob, { keys: files.map((f) => f.storage_key) });
  },
});
