// One dossier machine action applied to many dossiers at once, for a bulk operation's batch
// (docs/domain.md §8): the same checks and the same domain decision as applyTransition for each
// dossier, but the reads and writes are made set-wise — the dossiers loaded and locked in two
// statements, one UPDATE per distinct patch, one INSERT for the events, and each effect carried out
// for every dossier that asked for it in a few statements (jobs inserted together). A refused dossier
// is returned with its error and nothing is written for it. Effects without a set-wise form run
// per dossier through the exhaustive map of effects.ts.
import { sql } from 'kysely';
import type { CommandContext } from '../command.ts';
import { assertNotInBulkOperation, type BulkFile } from '../../domain/bulk.ts';
import { emptyMandatoryAnnotations } from '../../domain/annotations.ts';
import {
  decide,
  DECISION_ACTIONS,
  type ActionInput,
  type DossierAction,
  type Effect,
} from '../../domain/dossier-state.ts';
import { conflict, DomainError, notFound } from '../../domain/errors.ts';
import { parseEventPayload } from '../../domain/events.ts';
import type { FieldDef } from '../../domain/fields/index.ts';
import { assertAct } from '../../domain/permissions.ts';
import { generateAttestationJob } from '../../jobs/generate-attestation.ts';
import { notifyUsagerJob } from '../../jobs/notify-usager.ts';
import { stateMessage } from '../../platform/mail/templates/dossier-state.ts';
import { enqueueManyIn } from '../../platform/queue.ts';
import { loadDossiersForUpdate, type LoadedDossier } from '../dossiers/load-dossier.ts';
import { newFileId } from '../files/store-file.ts';
import { createNotificationsMany } from '../notifications/notify.ts';
import { runEffect, type EffectRun } from './effects.ts';
import { applyTransition, CONFLICT_MESSAGE, DECISIONS, dossierUpdateOf, type DossierUpdate } from './transition.ts';

export interface ManyRequest {
  dossierIds: string[];
  action: DossierAction;
  input?: ActionInput;
  /** the justificatif of a bulk decision: one `files` row per dossier, all on the same bytes */
  justificatif?: BulkFile | null;
}

/** Applies `req.action` as the instructor of `ctx`; returns the refused dossiers with their error. */
export async function applyTransitionMany(ctx: CommandContext, req: ManyRequest): Promise<Map<string, DomainError>> {
  const refused = new Map<string, DomainError>();
  const loaded = await loadDossiersForUpdate(ctx.trx, req.dossierIds);
  const access = await ctx.access();
  const candidates: LoadedDossier[] = [];
  for (const id of req.dossierIds) {
    const d = loaded.get(id);
    if (!d) {
      refused.set(id, notFound('Dossier introuvable.'));
      continue;
    }
    try {
      assertAct(access, d.ref, req.action, 'instructeur');
      assertNotInBulkOperation(d.row.running_bulk_operation_id, ctx.bulkOperationId);
      candidates.push(d);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      refused.set(id, e);
    }
  }
  const isDecision = DECISIONS.includes(req.action);
  const annotations = new Map<string, FieldDef[]>();
  if (isDecision && candidates.length) {
    const revIds = [...new Set(candidates.map((d) => d.row.revision_id))];
    const revs = await ctx.trx
      .selectFrom('procedure_revisions')
      .select(['id', 'annotations'])
      .where('id', 'in', revIds)
      .execute();
    for (const r of revs) annotations.set(r.id, r.annotations as FieldDef[]);
  }

  const runs: { run: EffectRun; effects: Effect[] }[] = [];
  const patches = new Map<string, { patch: DossierUpdate; ids: string[] }>();
  const events: { dossier_id: string; type: string; data: string }[] = [];
  for (const d of candidates) {
    const input: ActionInput = { ...req.input };
    if ((DECISION_ACTIONS as readonly string[]).includes(req.action) || req.action === 'accepter_automatiquement')
      input.annotationsComplete =
        emptyMandatoryAnnotations(annotations.get(d.row.revision_id) ?? [], d.row.annotations).length === 0;
    const decision = decide(req.action, {
      dossier: d.facts,
      procedure: d.procedure,
      actor: 'instructeur',
      now: ctx.now,
      input,
    });
    if (!decision.ok) {
      refused.set(d.row.id, decision.error);
      continue;
    }
    const motivation = decision.event.motivation;
    const patch = dossierUpdateOf(decision, req.action, ctx.now);
    const key = JSON.stringify(patch);
    const group = patches.get(key) ?? { patch, ids: [] };
    group.ids.push(d.row.id);
    patches.set(key, group);
    const payload = parseEventPayload(decision.event.type, {
      from: decision.from,
      to: decision.to,
      ...(motivation !== undefined ? { motivation } : {}),
      ...(decision.event.data ?? {}),
    });
    events.push({ dossier_id: d.row.id, type: decision.event.type, data: JSON.stringify(payload) });
    runs.push({
      run: {
        dossier: d,
        req: { dossierId: d.row.id, action: req.action, actorKind: 'instructeur', input: req.input },
        motivation: motivation ?? null,
        deposeAt: (decision.patch.depose_at ?? d.row.depose_at) as Date | null,
        expiresAt: (decision.patch.expires_at !== undefined
          ? decision.patch.expires_at
          : d.row.expires_at) as Date | null,
        transition: (next) => applyTransition(ctx, next),
      },
      effects: decision.effects,
    });
  }
  if (runs.length === 0) return refused;

  // the rows are locked: every one of them is updated, or something is badly wrong
  for (const { patch, ids } of patches.values()) {
    const r = await ctx.trx
      .updateTable('dossiers')
      .set((eb) => ({ ...patch, lock_version: eb('lock_version', '+', 1) }))
      .where(sql<boolean>`id = ANY(${ids}::bigint[])`)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== ids.length) throw conflict(CONFLICT_MESSAGE);
  }
  await ctx.trx
    .insertInto('dossier_events')
    .values(
      events.map((e) => ({
        ...e,
        actor_id: ctx.actor.userId,
        actor_email: ctx.actor.email,
        created_at: ctx.now,
      })),
    )
    .execute();
  if (req.justificatif) {
    const f = req.justificatif;
    await ctx.trx
      .insertInto('files')
      .values(
        runs.map(({ run }) => ({
          id: newFileId(),
          dossier_id: run.dossier.row.id,
          origin: 'justificatif' as const,
          origin_ref: req.action,
          name: f.name,
          content_type: f.contentType,
          size: f.size,
          sha256: f.sha256,
          storage_key: f.storageKey,
          uploaded_by: ctx.actor.userId,
          created_at: ctx.now,
        })),
      )
      .execute();
  }
  // each dossier's effects in its own order; the same effect of every dossier together
  const longest = Math.max(...runs.map((r) => r.effects.length));
  for (let i = 0; i < longest; i++) {
    const groups = new Map<string, { effect: Effect; runs: EffectRun[] }>();
    for (const r of runs) {
      const effect = r.effects[i];
      if (!effect) continue;
      const key = JSON.stringify(effect);
      const g = groups.get(key) ?? { effect, runs: [] };
      g.runs.push(r.run);
      groups.set(key, g);
    }
    for (const { effect, runs: group } of groups.values()) await runEffectMany(ctx, group, effect);
  }
  return refused;
}

/** One effect for many dossiers: set-wise for the effects of decisions, else one dossier at a time. */
async function runEffectMany(ctx: CommandContext, runs: EffectRun[], effect: Effect): Promise<void> {
  const ids = runs.map((r) => r.dossier.row.id);
  switch (effect.kind) {
    case 'delete_notifications':
      await ctx.trx
        .deleteFrom('notifications')
        .where(sql<boolean>`dossier_id = ANY(${ids}::bigint[])`)
        .where('kind', '=', effect.notification)
        .execute();
      return;
    case 'create_notifications':
      await createNotificationsMany(
        ctx.trx,
        runs.map((r) => ({
          id: r.dossier.row.id,
          groupe_id: r.dossier.row.groupe_id,
          procedure_id: r.dossier.row.procedure_id,
          depose_at: r.deposeAt,
          expires_at: r.expiresAt,
        })),
        effect.notification,
        { now: ctx.now, actorId: effect.exceptActor ? ctx.actor.userId : null },
      );
      return;
    case 'system_message':
      await ctx.trx
        .insertInto('messages')
        .values(
          runs.map(({ dossier: d, motivation }) => ({
            dossier_id: d.row.id,
            author_kind: 'system' as const,
            author_id: null,
            author_email: 'Guichet',
            body: stateMessage(effect.template, {
              dossierId: d.row.id,
              procedureTitle: d.row.procedure_title,
              motivation,
              dossierUrl: `${ctx.app.config.appUrl}/dossiers/${d.row.id}`,
              custom:
                ((d.row.procedure_mail_templates ?? {}) as Record<string, { subject: string; body: string }>)[
                  effect.template
                ] ?? null,
            }).body,
            created_at: ctx.now,
          })),
        )
        .execute();
      return;
    case 'email_usager':
      if (effect.template === 'correction') break;
      await enqueueManyIn(
        ctx.app.boss,
        ctx.trx,
        notifyUsagerJob,
        runs
          .filter((r) => !r.req.disableNotification)
          .map((r) => ({ data: { dossierId: r.dossier.row.id, template: effect.template as 'accepte' } })),
      );
      return;
    case 'generate_attestation': {
      if (effect.template !== 'acceptation') return;
      const withTemplate = runs.filter(({ dossier: d }) => {
        const t = d.row.procedure_attestation_template;
        return !!t && typeof t === 'object' && !!(t as { activated?: boolean }).activated;
      });
      await enqueueManyIn(
        ctx.app.boss,
        ctx.trx,
        generateAttestationJob,
        withTemplate.map(({ dossier: d }) => ({
          data: { dossierId: d.row.id },
          opts: { singletonKey: `attestation-${d.row.id}-${d.row.lock_version + 1}` },
        })),
      );
      return;
    }
    default:
      break;
  }
  for (const run of runs) await runEffect(ctx, run, effect);
}
