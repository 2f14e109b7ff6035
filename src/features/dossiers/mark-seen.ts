// Opening a tab of the dossier page: the viewer's badges that tab shows are cleared (docs/domain.md §4,
// notificationsClearedOnOpen), his follow remembers when he saw it, and opening the messagerie marks
// the other side's messages « lu ». One write statement (plus the access read), only when needed.
import { sql } from 'kysely';
import { PREPARED } from '../../platform/db/index.ts';
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { instructsDossier, ownsDossier } from '../authorize.ts';
import { notFound } from '../../domain/errors.ts';
import { isHiddenForNotifications, notificationsClearedOnOpen } from '../../domain/notifications.ts';
import { loadDossierAccess } from '../../queries/dossier-header.ts';

const SEEN_COLUMN = {
  demande: 'demande_seen_at',
  annotations: 'annotations_seen_at',
  avis: 'avis_seen_at',
  messagerie: 'messagerie_seen_at',
} as const;

/** An instructor opened a tab of the dossier page. */
export const markTabSeen = defineCommand({
  name: 'mark-tab-seen',
  input: z.object({ dossierId: z.coerce.string(), tab: z.enum(['demande', 'annotations', 'avis', 'messagerie']) }),
  authorize: instructsDossier,
  async run(ctx, { dossierId, tab }) {
    const a = await loadDossierAccess(ctx.trx, dossierId, ctx.actor.userId!);
    if (!a) throw notFound('Dossier introuvable.');
    // only the badges the tab shows: none on an archived dossier (docs/domain.md §4)
    const kinds = notificationsClearedOnOpen(
      tab,
      { archived: a.facts.archived, hidden: isHiddenForNotifications(a.facts) },
      ctx.now,
    );
    const markMessages = tab === 'messagerie';
    await sql`${PREPARED}
      WITH cleared AS (
        DELETE FROM notifications WHERE dossier_id = ${dossierId}::bigint AND user_id = ${ctx.actor.userId}::bigint AND kind = ANY(${kinds}::text[])
      ), seen AS (
        UPDATE messages SET seen_by_recipient_at = ${ctx.now}
        WHERE ${markMessages} AND dossier_id = ${dossierId}::bigint AND author_kind = 'usager' AND seen_by_recipient_at IS NULL
      )
      UPDATE follows SET ${sql.ref(SEEN_COLUMN[tab])} = ${ctx.now}
      WHERE dossier_id = ${dossierId}::bigint AND user_id = ${ctx.actor.userId}::bigint AND unfollowed_at IS NULL`.execute(
      ctx.trx,
    );
  },
});

/** The usager opened his dossier: the administration's messages are now « lu ». */
export const markSeenByUsager = defineCommand({
  name: 'mark-seen-by-usager',
  input: z.object({ dossierId: z.coerce.string() }),
  authorize: ownsDossier,
  async run(ctx, { dossierId }) {
    await ctx.trx
      .updateTable('messages')
      .set({ seen_by_recipient_at: ctx.now })
      .where('dossier_id', '=', dossierId)
      .where('author_kind', 'in', ['instructeur', 'expert'])
      .where('seen_by_recipient_at', 'is', null)
      .execute();
  },
});
