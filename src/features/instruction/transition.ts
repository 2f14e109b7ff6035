// Applying a domain decision to a dossier: the state write (optimistic concurrency), the event, and
// every effect the domain asked for (run by the exhaustive map of effects.ts) — all inside the
// caller's transaction. Used by the instructor's actions, the usager's deposit/resubmission, the
// declarative automation and, later, bulk actions.
import type { Updateable } from 'kysely';
import type { CommandContext } from '../command.ts';
import {
  decide,
  DECISION_ACTIONS,
  type ActionInput,
  type Decision,
  type DossierAction,
} from '../../domain/dossier-state.ts';
import { assertAct } from '../../domain/permissions.ts';
import { conflict } from '../../domain/errors.ts';
import { assertNotInBulkOperation } from '../../domain/bulk.ts';
import { loadDossierForUpdate, type LoadedDossier } from '../dossiers/load-dossier.ts';
import { runEffect, type EffectRun, type TransitionRequest } from './effects.ts';
import { emptyMandatoryAnnotations } from '../../domain/annotations.ts';
import type { FieldDef } from '../../domain/fields/index.ts';
import type { DB } from '../../platform/db/schema.ts';

/** The columns a transition writes on the dossier row. */
export type DossierUpdate = Updateable<DB['dossiers']>;

/** The actions that decide a dossier and record a motivation. */
export const DECISIONS: readonly DossierAction[] = [
  'accepter',
  'refuser',
  'classer_sans_suite',
  'accepter_automatiquement',
];

/** The row update of an accepted decision (one rule for applyTransition and applyTransitionMany):
 *  the domain's patch, the archiving date, the motivation a decision records or a return to
 *  instruction clears. */
export function dossierUpdateOf(
  decision: Extract<Decision, { ok: true }>,
  action: DossierAction,
  now: Date,
): DossierUpdate {
  const update: DossierUpdate = { ...decision.patch, updated_at: now };
  if (decision.patch.archived === true) update.archived_at = now;
  if (decision.patch.archived === false) update.archived_at = null;
  if (DECISIONS.includes(action)) update.motivation = decision.event.motivation ?? null;
  if (action === 'repasser_en_instruction') update.motivation = null;
  return update;
}

/** Every visible mandatory annotation is filled (the domain refuses a decision otherwise). */
async function annotationsComplete(ctx: CommandContext, d: LoadedDossier): Promise<boolean> {
  const rev = await ctx.trx
    .selectFrom('procedure_revisions')
    .select('annotations')
    .where('id', '=', d.row.revision_id)
    .executeTakeFirstOrThrow();
  return emptyMandatoryAnnotations(rev.annotations as FieldDef[], d.row.annotations).length === 0;
}

export const CONFLICT_MESSAGE =
  "Ce dossier vient d'être modifié par quelqu'un d'autre. La page a été rechargée : vérifiez son état avant d'agir à nouveau.";

export type { TransitionRequest } from './effects.ts';

export async function applyTransition(
  ctx: CommandContext,
  req: TransitionRequest,
): Promise<{ dossier: LoadedDossier; to: string }> {
  const d = await loadDossierForUpdate(ctx.trx, req.dossierId);
  if (req.actorKind !== 'system') assertAct(await ctx.access(), d.ref, req.action, req.actorKind);
  if (req.actorKind === 'instructeur') assertNotInBulkOperation(d.row.running_bulk_operation_id, ctx.bulkOperationId);
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
  const patch: DossierUpdate = {
    ...dossierUpdateOf(decision, req.action, ctx.now),
    lock_version: d.row.lock_version + 1,
  };
  if (req.extra?.motivation !== undefined) patch.motivation = req.extra.motivation;
  const updated = await ctx.trx
    .updateTable('dossiers')
    .set(patch)
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

  const run: EffectRun = {
    dossier: d,
    req,
    motivation: motivation ?? null,
    deposeAt: (decision.patch.depose_at ?? d.row.depose_at) as Date | null,
    expiresAt: (decision.patch.expires_at !== undefined ? decision.patch.expires_at : d.row.expires_at) as Date | null,
    transition: (next) => applyTransition(ctx, next),
  };
  for (const effect of decision.effects) await runEffect(ctx, run, effect);
  return { dossier: d, to: decision.to };
}
