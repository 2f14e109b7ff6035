// « Relancer » (docs/domain.md §6): the invitation e-mail again, for an avis still awaited, at most
// once a day.
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { instructsDossier } from '../authorize.ts';
import { invalidTransition, notFound } from '../../domain/errors.ts';
import { canRemind, nextReminderAt } from '../../domain/avis.ts';
import { enqueueAvisInvitation, expertLink } from './invitation.ts';

export const remindAvis = defineCommand({
  name: 'remind-avis',
  input: z.object({ dossierId: z.coerce.string(), avisId: z.coerce.string().regex(/^[0-9]{1,18}$/) }),
  authorize: instructsDossier,
  async run(ctx, { dossierId, avisId }) {
    const a = await ctx.trx
      .selectFrom('avis')
      .innerJoin('users', 'users.id', 'avis.expert_id')
      .innerJoin('dossiers', 'dossiers.id', 'avis.dossier_id')
      .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
      .select([
        'avis.id',
        'avis.introduction',
        'avis.answered_at',
        'avis.revoked_at',
        'avis.reminded_at',
        'avis.created_at',
        'users.id as expert_id',
        'users.email',
        'users.password_hash',
        'procedures.title',
      ])
      .where('avis.id', '=', avisId)
      .where('avis.dossier_id', '=', dossierId)
      .forUpdate('avis')
      .executeTakeFirst();
    if (!a) throw notFound('Avis introuvable.');
    const facts = {
      answeredAt: a.answered_at,
      revokedAt: a.revoked_at,
      remindedAt: a.reminded_at,
      createdAt: a.created_at,
    };
    if (!canRemind(facts, ctx.now)) {
      const next = nextReminderAt(facts, ctx.now);
      throw invalidTransition(
        next
          ? "L'expert a déjà été relancé aujourd'hui : une seule relance par jour."
          : "Cet avis n'est plus attendu : il ne peut pas être relancé.",
      );
    }
    await ctx.trx.updateTable('avis').set({ reminded_at: ctx.now }).where('id', '=', a.id).execute();
    const link = await expertLink(ctx, { id: a.expert_id, password_hash: a.password_hash }, a.id);
    await enqueueAvisInvitation(
      ctx,
      a.email,
      link,
      { avisId: a.id, dossierId, procedureTitle: a.title, introduction: a.introduction },
      { reminder: true, requester: ctx.actor.email },
    );
    await ctx.recordEvent(dossierId, 'avis_relance', { avis_id: a.id, expert_email: a.email });
    return { email: a.email };
  },
});
