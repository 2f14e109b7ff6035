import { z } from 'zod';
import { defineCommand, type CommandContext } from '../command.ts';
import { instructsDossier } from '../authorize.ts';
import { assertNotInBulkOperation } from '../../domain/bulk.ts';
import { assertInstruct } from '../../domain/permissions.ts';
import { loadDossierForUpdate } from '../dossiers/load-dossier.ts';
import { startFollowing, stopFollowing } from './follow.ts';

const input = z.object({ dossierId: z.coerce.string() });

/** Follow or stop following, for the actor (the single action and the bulk one, docs/domain.md §8). */
export async function setFollowing(ctx: CommandContext, dossierId: string, follow: boolean): Promise<boolean> {
  const { trx, now, actor, access, recordEvent } = ctx;
  const d = await loadDossierForUpdate(trx, dossierId);
  assertInstruct(await access(), d.ref);
  assertNotInBulkOperation(d.row.running_bulk_operation_id, ctx.bulkOperationId);
  const changed = follow
    ? await startFollowing(trx, d.row, actor.userId!, now)
    : await stopFollowing(trx, d.row, actor.userId!, now);
  if (changed) await recordEvent(d.row.id, follow ? 'suivi' : 'plus_suivi', { instructor_email: actor.email });
  return changed;
}

/** « Suivre le dossier » */
export const followDossier = defineCommand({
  name: 'follow-dossier',
  input,
  authorize: instructsDossier,
  async run(ctx, { dossierId }) {
    return { changed: await setFollowing(ctx, dossierId, true) };
  },
});

/** « Ne plus suivre » */
export const unfollowDossier = defineCommand({
  name: 'unfollow-dossier',
  input,
  authorize: instructsDossier,
  async run(ctx, { dossierId }) {
    return { changed: await setFollowing(ctx, dossierId, false) };
  },
});
