// The receiver of « Transférer le dossier » accepts it (the dossier is now his: he owns it, the
// former owner no longer sees it) or refuses it (docs/domain.md §2.9). Only the account whose e-mail
// the offer names may answer; for anyone else the offer does not exist.
import { z } from 'zod';
import { forbidden, notFound } from '../../domain/errors.ts';
import { defineCommand, type CommandContext } from '../command.ts';
import { loadDossierForUpdate } from './load-dossier.ts';

/** The offer names the actor's e-mail (not found otherwise). */
async function isTransferReceiver(ctx: CommandContext, { dossierId }: { dossierId: string }): Promise<void> {
  if (!ctx.actor.userId) throw forbidden();
  if (!/^[0-9]{1,18}$/.test(dossierId)) throw notFound('Transfert introuvable.');
  const t = await ctx.trx
    .selectFrom('dossier_transfers')
    .innerJoin('users', (j) =>
      j.on((eb) => eb(eb.fn('lower', ['users.email']), '=', eb.ref('dossier_transfers.email'))),
    )
    .select('users.id')
    .where('dossier_transfers.dossier_id', '=', dossierId)
    .where('users.id', '=', ctx.actor.userId)
    .executeTakeFirst();
  if (!t) throw notFound('Transfert introuvable.');
}

export const answerTransfer = defineCommand({
  name: 'answer-transfer',
  input: z.object({ dossierId: z.coerce.string(), accept: z.boolean() }),
  authorize: isTransferReceiver,
  async run(ctx, { dossierId, accept }) {
    const d = await loadDossierForUpdate(ctx.trx, dossierId);
    const me = await ctx.trx
      .selectFrom('users')
      .select(['id', 'email'])
      .where('id', '=', ctx.actor.userId!)
      .executeTakeFirstOrThrow();
    await ctx.trx.deleteFrom('dossier_transfers').where('dossier_id', '=', d.row.id).execute();
    if (!accept) {
      await ctx.recordEvent(d.row.id, 'transfert_refuse', { email: me.email });
      return { accepted: false, state: d.row.state };
    }
    await ctx.trx
      .updateTable('dossiers')
      .set({ user_id: me.id, user_email: me.email, updated_at: ctx.now, lock_version: d.row.lock_version + 1 })
      .where('id', '=', d.row.id)
      .execute();
    // the new owner is no longer an invitee of his own dossier
    await ctx.trx
      .deleteFrom('dossier_co_editors')
      .where('dossier_id', '=', d.row.id)
      .where('user_id', '=', me.id)
      .execute();
    await ctx.recordEvent(d.row.id, 'transfert_accepte', { from: d.row.user_email, to: me.email });
    return { accepted: true, state: d.row.state };
  },
});
