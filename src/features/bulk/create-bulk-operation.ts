// « Instruction en masse » (docs/domain.md §8): the instructor's request becomes a durable record.
// Checked rows are resolved now (inside his scope and the tab: a forged id outside is recorded as
// failed, never acted on); a whole tab with its filters is stored as the tab and the filters and
// resolved by the job when it starts, whatever its size. The job then acts on each dossier through
// the single action's code (run-bulk-batch.ts).
import { z } from 'zod';
import { type CommandContext, defineCommand } from '../command.ts';
import { checkUploads, newFileId } from '../files/store-file.ts';
import type { CheckedUpload } from '../../platform/storage/upload.ts';
import { instructsProcedure } from '../authorize.ts';
import {
  BULK_ACTIONS,
  BULK_DECISIONS,
  BULK_MENUS,
  type BulkAction,
  type BulkFile,
  BULK_NOTHING_SELECTED,
  validateBulkParams,
  type BulkParams,
} from '../../domain/bulk.ts';
import { MOTIVATION_MAX_LENGTH } from '../../domain/dossier-state.ts';
import { invalidInput, invalidTransition } from '../../domain/errors.ts';
import { filtersFor } from '../../domain/presentation.ts';
import { TABS } from '../../domain/tabs.ts';
import { runBulkOperationJob } from '../../jobs/run-bulk-operation.ts';
import { selectionContext, type BulkSelection } from '../../queries/bulk-selection.ts';
import { resolveSelection } from './resolve-selection.ts';

const upload = z.object({ name: z.string(), bytes: z.instanceof(Buffer) });

export const NOTHING_ELIGIBLE =
  'Vérifiez que l’action demandée est possible : aucun des dossiers sélectionnés ne peut la recevoir pour le moment.';

export const createBulkOperation = defineCommand({
  name: 'create-bulk-operation',
  input: z.object({
    procedureId: z.string().regex(/^[0-9]{1,18}$/, 'Démarche introuvable.'),
    action: z.enum(BULK_ACTIONS, { error: 'Action inconnue.' }),
    tab: z.enum(TABS),
    all: z.boolean(),
    dossierIds: z.array(z.string()).max(1000, 'Sélectionnez au plus 1 000 dossiers sur une page.'),
    motivation: z
      .string()
      .max(MOTIVATION_MAX_LENGTH, `La motivation ne doit pas dépasser ${MOTIVATION_MAX_LENGTH} caractères.`)
      .optional(),
    labelId: z.string().optional(),
    message: z.string().max(100_000, 'Le message est trop long.').optional(),
    experts: z.string().max(10_000, 'La liste des experts est trop longue.').optional(),
    question: z.string().max(1_000, 'La question est trop longue.').optional(),
    confidentiel: z.boolean().optional(),
    /** a decision's justificatif, the file joined to the avis request: stored once for every dossier */
    justificatif: upload.optional(),
    avisFile: upload.optional(),
  }),
  authorize: instructsProcedure,
  async run(ctx, i) {
    if (!BULK_MENUS[i.tab].includes(i.action))
      throw invalidInput("Cette action n'est pas proposée dans cet onglet.", { action: 'Action non proposée.' });
    const params: BulkParams = {
      motivation: i.motivation?.trim() || null,
      labelId: i.labelId || null,
      message: i.message?.trim() || null,
      ...(i.action === 'demander_avis'
        ? { experts: i.experts?.trim() || null, question: i.question?.trim() || null, confidentiel: !!i.confidentiel }
        : {}),
    };
    const refused = validateBulkParams(i.action, params);
    if (refused) throw refused;
    // checked by content and size like the single action's file, before anything is written
    const fileFor = BULK_DECISIONS.includes(i.action)
      ? { upload: i.justificatif, field: 'justificatif' }
      : i.action === 'demander_avis'
        ? { upload: i.avisFile, field: 'avisFile' }
        : null;
    const [checked] = fileFor?.upload
      ? await checkUploads(ctx, [fileFor.upload], { field: fileFor.field, max: 1 })
      : [];
    const list = await selectionContext(ctx.trx, ctx.actor.userId!, i.procedureId);
    if (params.labelId && !list.labels.some((l) => l.id === params.labelId))
      throw invalidInput("Ce label n'existe pas sur cette démarche.", { label: "Ce label n'existe pas." });
    const ids = [...new Set(i.dossierIds.filter((id) => id !== ''))];
    if (!i.all && ids.length === 0) throw invalidInput(BULK_NOTHING_SELECTED);
    const selection: BulkSelection = i.all
      ? { kind: 'tab', tab: i.tab, filters: filtersFor(list.presentation, i.tab) }
      : { kind: 'ids', tab: i.tab, ids };
    return withStoredBytes(ctx, checked, async (file) => {
      if (file && i.action === 'demander_avis') params.avisFile = file;
      else if (file) params.justificatif = file;
      return record(ctx, i, params, list, selection);
    });
  },
});

/** The bytes of the operation's file stored once (the dossiers' rows will all point at them), and
 *  removed again if the command fails. */
async function withStoredBytes<R>(
  ctx: CommandContext,
  checked: CheckedUpload | undefined,
  run: (file: BulkFile | null) => Promise<R>,
): Promise<R> {
  if (!checked) return run(null);
  const storageKey = `actions-de-masse/${newFileId()}`;
  await ctx.app.storage.put(storageKey, checked.bytes);
  try {
    const { name, contentType, size, sha256 } = checked;
    return await run({ name, contentType, size, sha256, storageKey });
  } catch (e) {
    await ctx.app.storage.delete(storageKey).catch(() => undefined);
    throw e;
  }
}

async function record(
  ctx: CommandContext,
  i: { procedureId: string; action: BulkAction },
  params: BulkParams,
  list: Awaited<ReturnType<typeof selectionContext>>,
  selection: BulkSelection,
): Promise<{ operationId: string }> {
  const op = await ctx.trx
    .insertInto('bulk_operations')
    .values({
      procedure_id: i.procedureId,
      instructeur_id: ctx.actor.userId!,
      action: i.action,
      params: JSON.stringify(params),
      selection: JSON.stringify(selection),
      created_at: ctx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (selection.kind === 'ids') {
    const r = await resolveSelection(ctx.trx, list, op.id, selection, ctx.now);
    if (r.pending === 0) throw invalidTransition(NOTHING_ELIGIBLE);
  }
  await ctx.enqueue(runBulkOperationJob, { operationId: op.id });
  return { operationId: op.id };
}
