// Applying a domain decision to a dossier: the state write (optimistic concurrency), the event, and
// every effect the domain asked for — all inside the caller's transaction. Used by the instructor's
// actions, the usager's deposit/resubmission, the declarative automation and, later, bulk actions.
import type { CommandContext } from '../command.ts';
import {
  decide,
  DECISION_ACTIONS,
  type ActionInput,
  type ActorKind,
  type DossierAction,
  type Effect,
} from '../../domain/dossier-state.ts';
import { assertAct } from '../../domain/permissions.ts';
import { conflict, DomainError } from '../../domain/errors.ts';
import { stateMessage } from '../../platform/mail/templates/dossier-state.ts';
import { loadDossierForUpdate, type LoadedDossier } from '../dossiers/load-dossier.ts';
import { createNotifications, deleteNotifications } from '../notifications/notify.ts';
import { startFollowing } from './follow.ts';
import { visibleFields } from '../../domain/conditions.ts';
import { getFieldType, type FieldDef } from '../../domain/fields/index.ts';

/** Every visible mandatory annotation is filled (the domain refuses a decision otherwise). */
async function annotationsComplete(ctx: CommandContext, d: LoadedDossier): Promise<boolean> {
  const rev = await ctx.trx
    .selectFrom('procedure_revisions')
    .select('annotations')
    .where('id', '=', d.row.revision_id)
    .executeTakeFirstOrThrow();
  const defs = rev.annotations as FieldDef[];
  const champs = d.row.annotations;
  return visibleFields(defs, champs).every(
    (def) =>
      !def.mandatory ||
      !getFieldType(def.type).fillable ||
      !getFieldType(def.type).isEmpty(champs[def.stableId]?.value),
  );
}

export const CONFLICT_MESSAGE =
  "Ce dossier vient d'être modifié par quelqu'un d'autre. La page a été rechargée : vérifiez son état avant d'agir à nouveau.";

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

/** Hooks for effects implemented by other areas (attestations): registered at import time. */
export const effectHandlers: Partial<
  Record<Effect['kind'], (ctx: CommandContext, d: LoadedDossier, effect: Effect) => Promise<void>>
> = {};

export async function applyTransition(
  ctx: CommandContext,
  req: TransitionRequest,
): Promise<{ dossier: LoadedDossier; to: string }> {
  const d = await loadDossierForUpdate(ctx.trx, req.dossierId);
  if (req.actorKind !== 'system') assertAct(await ctx.access(), d.ref, req.action, req.actorKind);
  if (req.expectedLockVersion !== undefined && req.expectedLockVersion !== d.row.lock_version)
    throw conflict(CONFLICT_MESSAGE);

  const input: ActionInput = { ...req.input };
  // the automatic acceptance too: a mandatory annotation left empty keeps the dossier en construction
  if (
    DECISION_ACTIONS.includes(req.action as (typeof DECISION_ACTIONS)[number]) ||
    req.action === 'accepter_automatiquement'
  )
    input.annotationsComplete = await annotationsComplete(ctx, d);
  const decision = decide(req.action, {
    dossier: d.facts,
    procedure: d.procedure,
    actor: req.actorKind,
    now: ctx.now,
    input,
  });
  if (!decision.ok) throw decision.error;

  const motivation = decision.event.motivation;
  const isDecision = ['accepter', 'refuser', 'classer_sans_suite', 'accepter_automatiquement'].includes(req.action);
  const patch: Record<string, unknown> = {
    ...decision.patch,
    updated_at: ctx.now,
    lock_version: d.row.lock_version + 1,
  };
  if (decision.patch.archived === true) patch.archived_at = ctx.now;
  if (decision.patch.archived === false) patch.archived_at = null;
  if (isDecision) patch.motivation = motivation ?? null;
  if (req.action === 'repasser_en_instruction') patch.motivation = null;
  if (req.extra?.motivation !== undefined) patch.motivation = req.extra.motivation;
  const updated = await ctx.trx
    .updateTable('dossiers')
    .set(patch as any)
    .where('id', '=', d.row.id)
    .where('lock_version', '=', d.row.lock_version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw conflict(CONFLICT_MESSAGE);

  await ctx.recordEvent(d.row.id, decision.event.type, {
    from: decision.from,
    to: decision.to,
    ...(motivation !== undefined ? { motivation } : {}),
    ...(decision.event.data ?? {}),
  });

  const notifiable = {
    id: d.row.id,
    groupe_id: d.row.groupe_id,
    procedure_id: d.row.procedure_id,
    depose_at: (decision.patch.depose_at ?? d.row.depose_at) as Date | null,
    expires_at: (decision.patch.expires_at !== undefined ? decision.patch.expires_at : d.row.expires_at) as Date | null,
  };
  const messageData = {
    dossierId: d.row.id,
    procedureTitle: d.row.procedure_title,
    motivation: motivation ?? null,
    dossierUrl: `${ctx.app.config.appUrl}/dossiers/${d.row.id}`,
  };
  const customTemplates = (d.row.procedure_mail_templates ?? {}) as Record<string, { subject: string; body: string }>;

  let correctionMessageId: string | undefined;
  for (const effect of decision.effects) {
    switch (effect.kind) {
      case 'system_message': {
        const m = stateMessage(effect.template, { ...messageData, custom: customTemplates[effect.template] ?? null });
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
        break;
      }
      case 'email_usager':
        if (req.disableNotification) break;
        // A correction is announced 5 minutes later, and not at all if its message was deleted meanwhile.
        if (effect.template === 'correction')
          await ctx.enqueue(
            'notify-usager',
            { dossierId: d.row.id, template: 'correction', messageId: correctionMessageId },
            { startAfter: 300 },
          );
        else await ctx.enqueue('notify-usager', { dossierId: d.row.id, template: effect.template });
        break;
      case 'email_instructeurs':
        await ctx.enqueue('notify-new-dossier', { dossierId: d.row.id });
        break;
      case 'actor_follows':
        if (ctx.actor.userId && req.actorKind === 'instructeur')
          await startFollowing(ctx.trx, d.row, ctx.actor.userId, ctx.now);
        break;
      case 'resolve_correction':
        await ctx.trx
          .updateTable('corrections')
          .set({ resolved_at: ctx.now })
          .where('dossier_id', '=', d.row.id)
          .where('resolved_at', 'is', null)
          .execute();
        break;
      case 'open_correction': {
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
        correctionMessageId = msg.id;
        break;
      }
      case 'create_notifications':
        await createNotifications(ctx.trx, notifiable, effect.notification, {
          now: ctx.now,
          actorId: effect.exceptActor ? ctx.actor.userId : null,
        });
        break;
      case 'delete_notifications':
        await deleteNotifications(ctx.trx, d.row.id, [effect.notification]);
        break;
      case 'delete_justificatif': {
        const rows = await ctx.trx
          .deleteFrom('files')
          .where('dossier_id', '=', d.row.id)
          .where('origin', '=', 'justificatif')
          .returning('storage_key')
          .execute();
        if (rows.length) await ctx.enqueue('delete-stored-files', { keys: rows.map((r) => r.storage_key) });
        break;
      }
      case 'run_declarative': {
        const auto =
          d.procedure.declarative === 'accepte' ? 'accepter_automatiquement' : 'passer_en_instruction_automatiquement';
        try {
          await applyTransition(ctx, { dossierId: d.row.id, action: auto, actorKind: 'system' });
        } catch (e) {
          // refused by the rules (mandatory annotation empty, blocking correction): the deposit
          // stands and the dossier stays en construction (docs/domain.md §2)
          if (!(e instanceof DomainError && e.code === 'invalid_transition')) throw e;
        }
        break;
      }
      default: {
        const handler = effectHandlers[effect.kind];
        // generate_attestation / delete_attestation are registered by the attestation feature;
        // run_sva_svr has no scheduler yet (SVA/SVR procedures cannot be configured).
        if (handler) await handler(ctx, d, effect);
      }
    }
  }
  return { dossier: d, to: decision.to };
}
