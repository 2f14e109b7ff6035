// The owner removes a person he had invited to modify his dossier (docs/domain.md §2.9).
import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import { ownsDossier } from '../authorize.ts';
import { defineCommand } from '../command.ts';
import { loadDossierForUpdate } from './load-dossier.ts';

export const removeCoEditor = defineCommand({
  name: 'remove-co-editor',
  input: z.object({ dossierId: z.coerce.string(), userId: z.coerce.string().regex(/^[0-9]{1,18}$/) }),
  authorize: ownsDossier,
  async run(ctx, { dossierId, userId }) {
    const d = await loadDossierForUpdate(ctx.trx, dossierId);
    if (d.row.user_id !== ctx.actor.userId) throw notFound('Dossier introuvable.');
    const removed = await ctx.trx
      .deleteFrom('dossier_co_editors')
      .where('dossier_id', '=', d.row.id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!Number(removed.numDeletedRows)) throw notFound('Cette personne n’est pas invitée sur ce dossier.');
    const u = await ctx.trx.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
    await ctx.recordEvent(d.row.id, 'co_editeur_retire', { email: u?.email ?? '' });
    return { state: d.row.state };
  },
});
