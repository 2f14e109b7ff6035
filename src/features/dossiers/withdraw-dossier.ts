// « Supprimer le dossier » by its owner (docs/domain.md §2.9): en construction the dossier is
// withdrawn (no longer instructable), traité it leaves his list; either way it is hidden by the
// usager and purged later by the retention jobs (§5).
import { z } from 'zod';
import { invalidTransition, notFound } from '../../domain/errors.ts';
import { canReadAsUsager } from '../../domain/permissions.ts';
import { canWithdraw } from '../../domain/usager-edit.ts';
import { ownsDossier } from '../authorize.ts';
import { defineCommand } from '../command.ts';
import { loadDossierForUpdate } from './load-dossier.ts';

export const withdrawDossier = defineCommand({
  name: 'withdraw-dossier',
  input: z.object({ dossierId: z.coerce.string() }),
  authorize: ownsDossier,
  async run(ctx, { dossierId }) {
    const d = await loadDossierForUpdate(ctx.trx, dossierId);
    const access = await ctx.access();
    if (!canReadAsUsager(access, d.ref)) throw notFound('Dossier introuvable.');
    const perm = canWithdraw(access, d.ref, d.facts);
    if (!perm.ok) throw invalidTransition(perm.reason);
    await ctx.trx
      .updateTable('dossiers')
      .set({ hidden_by_user_at: ctx.now, updated_at: ctx.now, lock_version: d.row.lock_version + 1 })
      .where('id', '=', d.row.id)
      .execute();
    await ctx.recordEvent(d.row.id, 'supprime_par_usager', { state: d.row.state });
  },
});
