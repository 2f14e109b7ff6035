// « Révoquer » (docs/domain.md §6): the expert loses access at once — every page and command reads
// the non-revoked avis, so his next request is « introuvable ». The avis stays, marked revoked;
// « en attente d'avis » ends when no other avis is awaited.
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { instructsDossier } from '../authorize.ts';
import { invalidTransition, notFound } from '../../domain/errors.ts';
import { canRevoke } from '../../domain/avis.ts';
import { clearAwaitingAvisIfNone } from './pending.ts';

export const revokeAvis = defineCommand({
  name: 'revoke-avis',
  input: z.object({ dossierId: z.coerce.string(), avisId: z.coerce.string().regex(/^[0-9]{1,18}$/) }),
  authorize: instructsDossier,
  async run(ctx, { dossierId, avisId }) {
    const a = await ctx.trx
      .selectFrom('avis')
      .innerJoin('users', 'users.id', 'avis.expert_id')
      .select(['avis.id', 'avis.revoked_at', 'users.email'])
      .where('avis.id', '=', avisId)
      .where('avis.dossier_id', '=', dossierId)
      .forUpdate('avis')
      .executeTakeFirst();
    if (!a) throw notFound('Avis introuvable.');
    if (!canRevoke({ revokedAt: a.revoked_at })) throw invalidTransition('Cette demande d’avis est déjà révoquée.');
    await ctx.trx.updateTable('avis').set({ revoked_at: ctx.now }).where('id', '=', a.id).execute();
    await clearAwaitingAvisIfNone(ctx.trx, dossierId);
    await ctx.recordEvent(dossierId, 'avis_revoque', { avis_id: a.id, expert_email: a.email });
    return { email: a.email };
  },
});
