// The messagerie (docs/domain.md §7): a message needs text and may carry up to 10 files (each checked:
// 20 MB, accepted types — before anything is stored). Refused on an archived or deleted dossier
// (canMessage). An instructor's message: he follows the dossier, the other instructors get a
// « message » badge, it may ask for an answer (« en attente de réponse »), and the usager is
// e-mailed 5 minutes later (not if it was deleted meanwhile). A usager's message: the instructors
// get a badge and a pending « en attente de réponse » is answered.
import { z } from 'zod';
import { defineCommand, type CommandContext } from '../command.ts';
import { assertNotInBulkOperation } from '../../domain/bulk.ts';
import { hasDossierRole } from '../authorize.ts';
import { DomainError, invalidInput, notFound } from '../../domain/errors.ts';
import { canAwaitResponse, MAX_MESSAGE_FILES, validateMessage } from '../../domain/messages.ts';
import { canInstruct, canMessage, canReadAsExpert, canReadAsUsager } from '../../domain/permissions.ts';
import { loadDossierForUpdate } from '../dossiers/load-dossier.ts';
import { checkUploads, discardStored, storeFile, type StoredFile } from '../files/store-file.ts';
import { startFollowing } from '../instruction/follow.ts';
import { createNotifications, deleteNotifications } from '../notifications/notify.ts';
import { notifyNewMessageJob } from '../../jobs/notify-new-message.ts';

/** Delay of the e-mail announcing an instructor's message (seconds). */
export const MESSAGE_EMAIL_DELAY_SECONDS = 300;

const upload = z.object({ name: z.string(), bytes: z.instanceof(Buffer) });

const messageInput = z.object({
  dossierId: z.coerce.string(),
  as: z.enum(['instructeur', 'usager', 'expert']),
  body: z.string().max(100_000, 'Le message est trop long.'),
  files: z
    .array(upload)
    .max(MAX_MESSAGE_FILES, `Vous pouvez joindre au plus ${MAX_MESSAGE_FILES} fichiers à un message.`)
    .default([]),
  awaitingResponse: z.boolean().default(false),
});

/** Post a message on a dossier (the single action and the bulk one, docs/domain.md §8). */
export async function postMessage(ctx: CommandContext, input: z.output<typeof messageInput>) {
  const v = validateMessage({ body: input.body, fileCount: input.files.length });
  if (v instanceof DomainError) throw v;
  const d = await loadDossierForUpdate(ctx.trx, input.dossierId);
  const access = await ctx.access();
  const allowed =
    input.as === 'instructeur'
      ? canInstruct(access, d.ref)
      : input.as === 'usager'
        ? canReadAsUsager(access, d.ref)
        : canReadAsExpert(access, d.ref);
  if (!allowed) throw notFound('Dossier introuvable.');
  if (input.as === 'instructeur') assertNotInBulkOperation(d.row.running_bulk_operation_id, ctx.bulkOperationId);
  const procedure = await ctx.trx
    .selectFrom('procedures')
    .select('allow_expert_messaging')
    .where('id', '=', d.row.procedure_id)
    .executeTakeFirstOrThrow();
  const perm = canMessage(access, d.ref, { ...d.facts, allowExpertMessaging: procedure.allow_expert_messaging });
  if (!perm.ok) throw new DomainError('invalid_transition', perm.reason, { body: perm.reason });
  const awaiting = input.as === 'instructeur' && input.awaitingResponse;
  if (awaiting) {
    const pending = await ctx.trx
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('dossier_id', '=', d.row.id)
      .where('awaiting_response', '=', true)
      .where('responded_at', 'is', null)
      .where('discarded_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (!canAwaitResponse(Number(pending.n))) {
      const msg = 'Une réponse est déjà attendue sur ce dossier : décochez « en attente de réponse ».';
      throw invalidInput(msg, { awaitingResponse: msg });
    }
  }
  // every file is checked before any is stored
  const checked = await checkUploads(ctx, input.files, { field: 'files', max: MAX_MESSAGE_FILES });
  const stored: StoredFile[] = [];
  try {
    const m = await ctx.trx
      .insertInto('messages')
      .values({
        dossier_id: d.row.id,
        author_kind: input.as,
        author_id: ctx.actor.userId,
        author_email: ctx.actor.email,
        body: v.body,
        awaiting_response: awaiting,
        created_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const f of checked)
      await storeFile(ctx, stored, f, { dossierId: d.row.id, origin: 'message', originRef: m.id });
    if (stored.length)
      await ctx.trx
        .updateTable('messages')
        .set({ file_ids: stored.map((s) => s.id) })
        .where('id', '=', m.id)
        .execute();
    await ctx.trx.updateTable('dossiers').set({ last_message_at: ctx.now }).where('id', '=', d.row.id).execute();

    if (input.as === 'instructeur') {
      await startFollowing(ctx.trx, d.row, ctx.actor.userId!, ctx.now);
      await ctx.trx
        .updateTable('follows')
        .set({ messagerie_seen_at: ctx.now })
        .where('dossier_id', '=', d.row.id)
        .where('user_id', '=', ctx.actor.userId!)
        .execute();
      await createNotifications(ctx.trx, d.row, 'message', { now: ctx.now, actorId: ctx.actor.userId });
      if (awaiting) await createNotifications(ctx.trx, d.row, 'attente_reponse', { now: ctx.now });
    } else {
      await createNotifications(ctx.trx, d.row, 'message', {
        now: ctx.now,
        actorId: input.as === 'expert' ? ctx.actor.userId : null,
      });
    }
    if (input.as === 'usager') {
      const answered = await ctx.trx
        .updateTable('messages')
        .set({ responded_at: ctx.now })
        .where('dossier_id', '=', d.row.id)
        .where('awaiting_response', '=', true)
        .where('responded_at', 'is', null)
        .executeTakeFirst();
      if (Number(answered.numUpdatedRows) > 0) await deleteNotifications(ctx.trx, d.row.id, ['attente_reponse']);
    }
    await ctx.recordEvent(d.row.id, 'message_envoye', {
      message_id: m.id,
      author: input.as,
      file_count: stored.length,
      awaiting_reply: awaiting,
    });
    await ctx.enqueue(
      notifyNewMessageJob,
      { messageId: m.id },
      input.as === 'usager' ? {} : { startAfter: MESSAGE_EMAIL_DELAY_SECONDS },
    );
    return { messageId: m.id, files: stored.map((s) => s.id) };
  } catch (e) {
    await discardStored(ctx.app, stored);
    throw e;
  }
}

export const sendMessage = defineCommand({
  name: 'send-message',
  input: messageInput,
  authorize: hasDossierRole,
  run: postMessage,
});
