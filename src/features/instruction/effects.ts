// Every effect the dossier machine can ask for (domain Effect), with the code that carries it out,
// in one exhaustive map: an effect kind without a handler is a compile error. Each area's handler is
// imported here (attestations), so applyTransition needs no registration at import time.
import type { CommandContext } from '../command.ts';
import type { Effect } from '../../domain/dossier-state.ts';
import { DomainError } from '../../domain/errors.ts';
import { stateMessage } from '../../platform/mail/templates/dossier-state.ts';
import { deleteStoredFilesJob } from '../../jobs/delete-stored-files.ts';
import { notifyNewDossierJob } from '../../jobs/notify-new-dossier.ts';
import { notifyUsagerJob } from '../../jobs/notify-usager.ts';
import type { LoadedDossier } from '../dossiers/load-dossier.ts';
import { createNotifications, deleteNotifications } from '../notifications/notify.ts';
import { deleteAttestationEffect, generateAttestationEffect } from '../attestations/effects.ts';
import { startFollowing } from './follow.ts';
import type { ActionInput, ActorKind, DossierAction } from '../../domain/dossier-state.ts';

/** What the effects of one transition share: the dossier (before the patch), the request, and the
 *  correction message opened by `open_correction` (its e-mail waits for it). */
/** A transition asked of applyTransition (here, below it, so that the effects can ask for the next one). */
export interface TransitionRequest {
  dossierId: string;
  action: DossierAction;
  actorKind: ActorKind;
  input?: ActionInput;
  /** lock_version the actor saw; a different current value means someone acted meanwhile */
  expectedLockVersion?: number;
  /** extra columns written with the state change (e.g. the justificatif handled by the caller) */
  extra?: { motivation?: string | null };
  /** suppress the usager's e-mail (API disableNotification) */
  disableNotification?: boolean;
}

export interface EffectRun {
  dossier: LoadedDossier;
  req: TransitionRequest;
  /** the decision's motivation */
  motivation: string | null;
  /** depose_at / expires_at after the patch (badges are computed on them) */
  deposeAt: Date | null;
  expiresAt: Date | null;
  correctionMessageId?: string;
  /** run another transition on the same dossier (declarative procedures) */
  transition(req: TransitionRequest): Promise<unknown>;
}

export type EffectHandlers = {
  [K in Effect['kind']]: (ctx: CommandContext, run: EffectRun, effect: Extract<Effect, { kind: K }>) => Promise<void>;
};

export const EFFECT_HANDLERS: EffectHandlers = {
  async system_message(ctx, { dossier: d, motivation }, effect) {
    const customTemplates = (d.row.procedure_mail_templates ?? {}) as Record<string, { subject: string; body: string }>;
    const m = stateMessage(effect.template, {
      dossierId: d.row.id,
      procedureTitle: d.row.procedure_title,
      motivation,
      dossierUrl: `${ctx.app.config.appUrl}/dossiers/${d.row.id}`,
      custom: customTemplates[effect.template] ?? null,
    });
    await ctx.trx
      .insertInto('messages')
      .values({
        dossier_id: d.row.id,
        author_kind: 'system',
        author_id: null,
        author_email: 'Guichet',
        body: m.body,
        created_at: ctx.now,
      })
      .execute();
  },

  async email_usager(ctx, run, effect) {
    if (run.req.disableNotification) return;
    const dossierId = run.dossier.row.id;
    // A correction is announced 5 minutes later, and not at all if its message was deleted meanwhile.
    if (effect.template === 'correction')
      await ctx.enqueue(
        notifyUsagerJob,
        { dossierId, template: 'correction', messageId: run.correctionMessageId },
        { startAfter: 300 },
      );
    else await ctx.enqueue(notifyUsagerJob, { dossierId, template: effect.template });
  },

  async email_instructeurs(ctx, { dossier: d }) {
    await ctx.enqueue(notifyNewDossierJob, { dossierId: d.row.id });
  },

  async actor_follows(ctx, { dossier: d, req }) {
    if (ctx.actor.userId && req.actorKind === 'instructeur')
      await startFollowing(ctx.trx, d.row, ctx.actor.userId, ctx.now);
  },

  generate_attestation: (ctx, { dossier }, effect) => generateAttestationEffect(ctx, dossier, effect),

  delete_attestation: (ctx, { dossier }) => deleteAttestationEffect(ctx, dossier),

  async delete_justificatif(ctx, { dossier: d }) {
    const rows = await ctx.trx
      .deleteFrom('files')
      .where('dossier_id', '=', d.row.id)
      .where('origin', '=', 'justificatif')
      .returning('storage_key')
      .execute();
    if (rows.length) await ctx.enqueue(deleteStoredFilesJob, { keys: rows.map((r) => r.storage_key) });
  },

  async resolve_correction(ctx, { dossier: d }) {
    await ctx.trx
      .updateTable('corrections')
      .set({ resolved_at: ctx.now })
      .where('dossier_id', '=', d.row.id)
      .where('resolved_at', 'is', null)
      .execute();
  },

  async open_correction(ctx, run, effect) {
    const d = run.dossier;
    const msg = await ctx.trx
      .insertInto('messages')
      .values({
        dossier_id: d.row.id,
        author_kind: 'instructeur',
        author_id: ctx.actor.userId,
        author_email: ctx.actor.email,
        body: effect.message,
        created_at: ctx.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.trx
      .insertInto('corrections')
      .values({ dossier_id: d.row.id, message_id: msg.id, reason: effect.reason, created_at: ctx.now })
      .execute();
    await ctx.trx.updateTable('dossiers').set({ last_message_at: ctx.now }).where('id', '=', d.row.id).execute();
    run.correctionMessageId = msg.id;
  },

  async create_notifications(ctx, run, effect) {
    const d = run.dossier;
    const notifiable = {
      id: d.row.id,
      groupe_id: d.row.groupe_id,
      procedure_id: d.row.procedure_id,
      depose_at: run.deposeAt,
      expires_at: run.expiresAt,
    };
    await createNotifications(ctx.trx, notifiable, effect.notification, {
      now: ctx.now,
      actorId: effect.exceptActor ? ctx.actor.userId : null,
    });
  },

  async delete_notifications(ctx, { dossier: d }, effect) {
    await deleteNotifications(ctx.trx, d.row.id, [effect.notification]);
  },

  async run_declarative(_ctx, run) {
    const auto =
      run.dossier.procedure.declarative === 'accepte'
        ? 'accepter_automatiquement'
        : 'passer_en_instruction_automatiquement';
    try {
      await run.transition({ dossierId: run.dossier.row.id, action: auto, actorKind: 'system' });
    } catch (e) {
      // refused by the rules (mandatory annotation empty, blocking correction): the deposit
      // stands and the dossier stays en construction (docs/domain.md §2)
      if (!(e instanceof DomainError && e.code === 'invalid_transition')) throw e;
    }
  },

  // SVA/SVR procedures cannot be configured yet: no decision date to schedule.
  async run_sva_svr() {},
};

/** Carry out one effect with its handler (the map is exhaustive, so every kind has one). */
export function runEffect(ctx: CommandContext, run: EffectRun, effect: Effect): Promise<void> {
  const handler = EFFECT_HANDLERS[effect.kind] as (
    ctx: CommandContext,
    run: EffectRun,
    effect: Effect,
  ) => Promise<void>;
  return handler(ctx, run, effect);
}
