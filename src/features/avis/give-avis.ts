// The expert gives (or changes) his avis (docs/domain.md §6): a text, files, the yes/no answer when a
// question was asked; editable until the dossier is traité, refused once revoked. The followers get
// the « avis externe » badge, « en attente d'avis » ends when no avis is awaited any more, and the
// instructors who asked for it are e-mailed (a job).
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { hasDossierRole } from '../authorize.ts';
import { invalidInput, invalidTransition, notFound } from '../../domain/errors.ts';
import { answerMissing, answerRefusal, emailsAvisGiven, MAX_ANSWER_LENGTH, MAX_AVIS_FILES } from '../../domain/avis.ts';
import { checkUploads, discardStored, storeFile, type StoredFile } from '../files/store-file.ts';
import { createNotifications } from '../notifications/notify.ts';
import { notifyAvisGivenJob } from '../../jobs/notify-avis-given.ts';
import { clearAwaitingAvisIfNone } from './pending.ts';

const upload = z.object({ name: z.string(), bytes: z.instanceof(Buffer) });

export const giveAvis = defineCommand({
  name: 'give-avis',
  input: z.object({
    dossierId: z.coerce.string(),
    as: z.literal('expert').default('expert'),
    avisId: z.coerce.string().regex(/^[0-9]{1,18}$/),
    answer: z.string().max(MAX_ANSWER_LENGTH, 'Votre avis est trop long.'),
    questionAnswer: z.boolean().nullable().default(null),
    files: z.array(upload).default([]),
  }),
  authorize: hasDossierRole,
  async run(ctx, input) {
    const a = await ctx.trx
      .selectFrom('avis')
      .innerJoin('dossiers', 'dossiers.id', 'avis.dossier_id')
      .select([
        'avis.id',
        'avis.answered_at',
        'avis.revoked_at',
        'avis.question_label',
        'dossiers.id as dossier_id',
        'dossiers.state',
        'dossiers.procedure_id',
        'dossiers.groupe_id',
        'dossiers.depose_at',
        'dossiers.expires_at',
      ])
      .where('avis.id', '=', input.avisId)
      .where('avis.dossier_id', '=', input.dossierId)
      .where('avis.expert_id', '=', ctx.actor.userId!)
      .forUpdate('avis')
      .executeTakeFirst();
    if (!a) throw notFound('Avis introuvable.');
    const refusal = answerRefusal({ revokedAt: a.revoked_at }, a.state);
    if (refusal) throw invalidTransition(refusal);
    const answer = input.answer.trim();
    const errors: Record<string, string> = {};
    if (!answer) errors.answer = 'Saisissez votre avis.';
    if (answerMissing(a.question_label, input.questionAnswer))
      errors.questionAnswer = 'Répondez à la question par oui ou par non.';
    if (Object.keys(errors).length) throw invalidInput(Object.values(errors)[0]!, errors);
    const checked = await checkUploads(ctx, input.files, { field: 'files', max: MAX_AVIS_FILES });
    const stored: StoredFile[] = [];
    try {
      for (const f of checked)
        await storeFile(ctx, stored, f, { dossierId: a.dossier_id, origin: 'avis', originRef: a.id });
      await ctx.trx
        .updateTable('avis')
        .set({
          answer,
          question_answer: a.question_label ? input.questionAnswer : null,
          answered_at: ctx.now,
        })
        .where('id', '=', a.id)
        .execute();
      await clearAwaitingAvisIfNone(ctx.trx, a.dossier_id);
      const d = {
        id: a.dossier_id,
        procedure_id: a.procedure_id,
        groupe_id: a.groupe_id,
        depose_at: a.depose_at,
        expires_at: a.expires_at,
      };
      await createNotifications(ctx.trx, d, 'avis_externe', { now: ctx.now });
      await ctx.recordEvent(a.dossier_id, 'avis_donne', {
        avis_id: a.id,
        modified: a.answered_at !== null,
        file_count: stored.length,
      });
      if (emailsAvisGiven(a.answered_at, ctx.now)) await ctx.enqueue(notifyAvisGivenJob, { avisId: a.id });
      return { avisId: a.id, files: stored.map((s) => s.id) };
    } catch (e) {
      await discardStored(ctx.app, stored);
      throw e;
    }
  },
});
