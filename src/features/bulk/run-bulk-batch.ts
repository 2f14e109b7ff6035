// One batch of a bulk operation (docs/domain.md §8), in one transaction: the next pending dossiers,
// each acted on by the single action's code for the instructor who asked (his access checked
// again, the dossier's state re-checked by the domain), inside a savepoint so that a refused
// dossier is recorded as failed with its French reason and the others go on. Each dossier's row is
// marked in the same transaction as its change, and the e-mails and attestations are enqueued by
// the same effects as for one dossier: a worker killed midway loses the whole batch or none of it,
// so a restarted worker acts on each dossier exactly once.
import { sql } from 'kysely';
import { z } from 'zod';
import { commandContext, defineCommand, type CommandContext } from '../command.ts';
import {
  BULK_TRANSITIONS,
  bulkFailureReason,
  isBulkAction,
  type BulkAction,
  type BulkItemFacts,
  type BulkParams,
} from '../../domain/bulk.ts';
import type { DossierState } from '../../domain/dossier-state.ts';
import { DomainError, invalidTransition } from '../../domain/errors.ts';
import type { BulkSelection } from '../../queries/bulk-selection.ts';
import { selectionContext } from '../../queries/bulk-selection.ts';
import { setFollowing } from '../instruction/follow-dossier.ts';
import { applyTransitionMany } from '../instruction/transition-many.ts';
import { changeLabels } from '../labels/set-labels.ts';
import { postMessage } from '../messages/send-message.ts';
import { askAvis, requestAvisInput } from '../avis/request-avis.ts';
import { resolveSelection } from './resolve-selection.ts';
import { deleteStoredFilesJob } from '../../jobs/delete-stored-files.ts';

/** Dossiers per transaction: short enough to keep locks brief, long enough to amortise the commit. */
export const BULK_BATCH_SIZE = 50;
/** Dossiers per transaction for the machine's actions, written set-wise: a few statements per batch. */
export const BULK_SET_BATCH_SIZE = 500;

/** The single action's code, for one dossier, as the instructor (ctx carries the operation's id). */
async function actOn(ctx: CommandContext, action: BulkAction, dossierId: string, p: BulkParams): Promise<void> {
  switch (action) {
    case 'suivre':
    case 'ne_plus_suivre': {
      const changed = await setFollowing(ctx, dossierId, action === 'suivre');
      if (!changed)
        throw invalidTransition(action === 'suivre' ? 'vous suivez déjà ce dossier' : 'vous ne suivez pas ce dossier');
      return;
    }
    case 'envoyer_message':
      await postMessage(ctx, {
        dossierId,
        as: 'instructeur',
        body: p.message ?? '',
        files: [],
        awaitingResponse: false,
      });
      return;
    case 'demander_avis':
      // the avis request's own code for one dossier: a refused dossier throws its reason
      await askAvis(
        ctx,
        requestAvisInput.parse({
          dossierIds: [dossierId],
          emails: p.experts ?? '',
          introduction: p.message ?? '',
          questionLabel: p.question ?? '',
          confidentiel: !!p.confidentiel,
        }),
        { sharedFile: p.avisFile ?? null },
      );
      return;
    case 'poser_label':
    case 'retirer_label': {
      const label = p.labelId ?? '';
      await changeLabels(ctx, dossierId, (current) =>
        action === 'poser_label' ? [...current, label] : current.filter((l) => l !== label),
      );
      return;
    }
    default:
      // the machine's actions are applied set-wise (applyTransitionMany)
      throw new Error(`action de masse sans code par dossier : ${action}`);
  }
}

/** Following is for dossiers en cours (docs/domain.md §8); the machine checks the other actions. */
function precheck(action: BulkAction, facts: BulkItemFacts): DomainError | null {
  if (action === 'suivre' && facts.state !== 'en_construction' && facts.state !== 'en_instruction')
    return invalidTransition('seuls les dossiers en cours peuvent être suivis');
  return null;
}

export const runBulkBatch = defineCommand({
  name: 'run-bulk-batch',
  input: z.object({ operationId: z.string(), batchSize: z.number().int().min(1).max(1000).optional() }),
  authorize: 'system',
  async run(ctx, { operationId, batchSize }) {
    // one batch at a time per operation: a second worker waits here, then finds the next rows
    const op = await ctx.trx
      .selectFrom('bulk_operations')
      .innerJoin('users', 'users.id', 'bulk_operations.instructeur_id')
      .select([
        'bulk_operations.id',
        'bulk_operations.procedure_id',
        'bulk_operations.instructeur_id',
        'bulk_operations.action',
        'bulk_operations.params',
        'bulk_operations.selection',
        'bulk_operations.state',
        'users.email',
      ])
      .where('bulk_operations.id', '=', operationId)
      .forUpdate('bulk_operations')
      .executeTakeFirst();
    if (!op || op.state === 'done' || !isBulkAction(op.action)) return { done: true, processed: 0 };
    const action = op.action;
    const params = op.params as BulkParams;
    // the operation's file: kept while a dossier's row points at it, removed when it ends if none does
    const releaseFiles = async () => {
      const keys = [params.justificatif, params.avisFile].filter((f) => !!f).map((f) => f!.storageKey);
      if (keys.length) await ctx.enqueue(deleteStoredFilesJob, { keys });
    };
    if (op.state === 'resolving') {
      // a whole tab with its filters, resolved now, within the instructor's current groups
      let list: Awaited<ReturnType<typeof selectionContext>> | null = null;
      try {
        list = await selectionContext(ctx.trx, op.instructeur_id, op.procedure_id);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
      }
      if (!list) {
        await ctx.trx
          .updateTable('bulk_operations')
          .set({ state: 'done', finished_at: ctx.now })
          .where('id', '=', op.id)
          .execute();
        await releaseFiles();
        return { done: true, processed: 0 };
      }
      const r = await resolveSelection(ctx.trx, list, op.id, op.selection as unknown as BulkSelection, ctx.now);
      if (r.pending === 0) await releaseFiles();
      return { done: r.pending === 0, processed: 0 };
    }
    const size = batchSize ?? (BULK_TRANSITIONS[action] ? BULK_SET_BATCH_SIZE : BULK_BATCH_SIZE);
    const items = await sql<{
      dossier_id: string;
      state: DossierState | null;
      pending_correction: boolean | null;
    }>`
      SELECT i.dossier_id::text AS dossier_id, d.state, d.pending_correction
      FROM bulk_operation_items i LEFT JOIN dossiers d ON d.id = i.dossier_id
      WHERE i.operation_id = ${op.id} AND i.status = 'pending'
      ORDER BY i.dossier_id
      LIMIT ${size}`.execute(ctx.trx);
    const ictx = commandContext(ctx.app, ctx.trx, { userId: op.instructeur_id, email: op.email }, ctx.now);
    ictx.bulkOperationId = op.id;
    const ids: string[] = [];
    const statuses: string[] = [];
    const reasons: (string | null)[] = [];
    const record = (id: string, reason: string | null) => {
      ids.push(id);
      statuses.push(reason === null ? 'done' : 'failed');
      reasons.push(reason);
    };
    const transition = BULK_TRANSITIONS[action];
    if (transition) {
      // the machine's actions set-wise: same checks and decision per dossier, few statements per batch
      const factsOf = new Map<string, BulkItemFacts | null>();
      for (const item of items.rows)
        factsOf.set(
          item.dossier_id,
          item.state === null ? null : { state: item.state, pendingCorrection: !!item.pending_correction },
        );
      const present = items.rows.filter((i) => i.state !== null).map((i) => i.dossier_id);
      const refused = await applyTransitionMany(ictx, {
        dossierIds: present,
        action: transition,
        input: { motivation: params.motivation ?? undefined },
        justificatif: params.justificatif ?? null,
      });
      for (const item of items.rows) {
        const facts = factsOf.get(item.dossier_id) ?? null;
        const error = facts ? refused.get(item.dossier_id) : invalidTransition('dossier introuvable');
        record(item.dossier_id, error ? bulkFailureReason(action, facts, error) : null);
      }
    }
    for (const item of transition ? [] : items.rows) {
      const facts: BulkItemFacts | null =
        item.state === null ? null : { state: item.state, pendingCorrection: !!item.pending_correction };
      let reason: string | null = null;
      await sql`SAVEPOINT bulk_item`.execute(ctx.trx);
      try {
        if (!facts) throw invalidTransition('dossier introuvable');
        const pre = precheck(action, facts);
        if (pre) throw pre;
        await actOn(ictx, action, item.dossier_id, params);
        await sql`RELEASE SAVEPOINT bulk_item`.execute(ctx.trx);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        await sql`ROLLBACK TO SAVEPOINT bulk_item`.execute(ctx.trx);
        reason = bulkFailureReason(action, facts, e);
      }
      record(item.dossier_id, reason);
    }
    if (ids.length) {
      await sql`
        UPDATE bulk_operation_items i SET status = v.status, reason = v.reason, processed_at = ${ctx.now}
        FROM unnest(${ids}::bigint[], ${statuses}::text[], ${reasons}::text[]) AS v(id, status, reason)
        WHERE i.operation_id = ${op.id} AND i.dossier_id = v.id`.execute(ctx.trx);
    }
    const failed = statuses.filter((s) => s === 'failed').length;
    const done = items.rows.length < size;
    if (done) await releaseFiles();
    await ctx.trx
      .updateTable('bulk_operations')
      .set((eb) => ({
        succeeded: eb('succeeded', '+', ids.length - failed),
        failed: eb('failed', '+', failed),
        ...(done ? { state: 'done' as const, finished_at: ctx.now } : {}),
      }))
      .where('id', '=', op.id)
      .execute();
    return { done, processed: ids.length };
  },
});
