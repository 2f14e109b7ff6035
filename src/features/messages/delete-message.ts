// « Supprimer » a message (docs/domain.md §7): only its instructor or expert author; the body is emptied,
// its files are removed, the correction it carried is resolved and a pending answer is no longer
// awaited. The e-mail announcing it, if not sent yet, is then skipped by its job.
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { readsDossier } from '../authorize.ts';
import { notFound } from '../../domain/errors.ts';
import { canDeleteMessage } from '../../domain/messages.ts';
import { canRead } from '../../domain/permissions.ts';
import { loadDossierForUpdate } from '../dossiers/load-dossier.ts';
import { deleteNotifications } from '../notifications/notify.ts';
import { deleteStoredFilesJob } from '../../jobs/delete-stored-files.ts';

export const deleteMessage = defineCommand({
  name: 'delete-message',
  input: z.object({
    dossierId: z.coerce.string(),
    messageId: z.string().regex(/^[0-9]{1,18}$/, 'Message introuvable.'),
  }),
  authorize: readsDossier,
  async run(ctx, { dossierId, messageId }) {
    const d = await loadDossierForUpdate(ctx.trx, dossierId);
    if (!canRead(await ctx.access(), d.ref)) throw notFound('Dossier introuvable.');
    const m = await ctx.trx
      .selectFrom('messages')
      .select(['id', 'author_kind', 'author_id', 'discarded_at', 'file_ids', 'awaiting_response', 'responded_at'])
      .where('id', '=', messageId)
      .where('dossier_id', '=', d.row.id)
      .executeTakeFirst();
    if (!m) throw notFound('Message introuvable.');
    const ok = canDeleteMessage(ctx.actor.userId ?? '', m);
    if (!ok.ok) throw ok.error;
    const pendingAnswer = m.awaiting_response && m.responded_at === null;
    await ctx.trx
      .updateTable('messages')
      .set({ body: '', file_ids: [], discarded_at: ctx.now, ...(pendingAnswer ? { responded_at: ctx.now } : {}) })
      .where('id', '=', m.id)
      .execute();
    if (m.file_ids.length) {
      const files = await ctx.trx.deleteFrom('files').where('id', 'in', m.file_ids).returning('storage_key').execute();
      if (files.length) await ctx.enqueue(deleteStoredFilesJob, { keys: files.map((f) => f.storage_key) });
    }
    if (pendingAnswer) await deleteNotifications(ctx.trx, d.row.id, ['attente_reponse']);
    const resolved = await ctx.trx
      .updateTable('corrections')
      .set({ resolved_at: ctx.now })
      .where('message_id', '=', m.id)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    if (Number(resolved.numUpdatedRows) > 0 && d.row.pending_correction) {
      const open = await ctx.trx
        .selectFrom('corrections')
        .select('id')
        .where('dossier_id', '=', d.row.id)
        .where('resolved_at', 'is', null)
        .execute();
      if (open.length === 0) {
        await ctx.trx
          .updateTable('dossiers')
          .set({ pending_correction: false, lock_version: d.row.lock_version + 1, updated_at: ctx.now })
          .where('id', '=', d.row.id)
          .execute();
        await deleteNotifications(ctx.trx, d.row.id, ['attente_correction']);
      }
    }
    await ctx.recordEvent(d.row.id, 'message_supprime', {
      message_id: m.id,
      correction_resolved: Number(resolved.numUpdatedRows) > 0,
    });
    return { messageId: m.id };
  },
});
