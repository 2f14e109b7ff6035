// Following a dossier (docs/domain.md §4): the follower's "followed" badges are re-created; the
// "déposé depuis longtemps" badge disappears for everyone. Shared by the follow command and by the
// transitions whose effect is that the acting instructor follows.
import type { Trx } from '../../platform/db/index.ts';
import {
  badgesOnFollow,
  DEFAULT_PREFERENCES,
  isCustomisable,
  type NotificationKind,
  type NotificationPreference,
  type TabsSeen,
} from '../../domain/notifications.ts';
import { currentlyApplyingKinds, deleteNotifications, dossierNews } from '../notifications/notify.ts';

export async function startFollowing(
  trx: Trx,
  d: { id: string; procedure_id: string },
  userId: string,
  now: Date,
): Promise<boolean> {
  const existing = await trx
    .selectFrom('follows')
    .select(['unfollowed_at', 'demande_seen_at', 'annotations_seen_at', 'avis_seen_at', 'messagerie_seen_at'])
    .where('dossier_id', '=', d.id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (existing && existing.unfollowed_at === null) return false;
  await trx
    .insertInto('follows')
    .values({
      dossier_id: d.id,
      user_id: userId,
      created_at: now,
      demande_seen_at: now,
      annotations_seen_at: now,
      avis_seen_at: now,
      messagerie_seen_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['dossier_id', 'user_id']).doUpdateSet({
        unfollowed_at: null,
        created_at: now,
        demande_seen_at: now,
        annotations_seen_at: now,
        avis_seen_at: now,
        messagerie_seen_at: now,
      }),
    )
    .execute();
  await deleteNotifications(trx, d.id, ['dossier_depose']);
  const prefs = await prefsOf(trx, userId, d.procedure_id);
  // every kind that applies to the dossier for him (docs/domain.md §4): « en attente » and unseen news
  const seen: TabsSeen | null = existing
    ? {
        demande: existing.demande_seen_at,
        annotations: existing.annotations_seen_at,
        avis: existing.avis_seen_at,
        messagerie: existing.messagerie_seen_at,
      }
    : null;
  const kinds = badgesOnFollow({
    pending: await currentlyApplyingKinds(trx, d.id),
    news: await dossierNews(trx, d.id, userId),
    seen,
    prefs,
  });
  if (kinds.length) {
    await trx
      .insertInto('notifications')
      .values(kinds.map((kind) => ({ dossier_id: d.id, user_id: userId, kind, display_at: now, created_at: now })))
      .onConflict((oc) => oc.columns(['dossier_id', 'kind', 'user_id']).doNothing())
      .execute();
  }
  return true;
}

export async function stopFollowing(
  trx: Trx,
  d: { id: string; procedure_id: string },
  userId: string,
  now: Date,
): Promise<boolean> {
  const r = await trx
    .updateTable('follows')
    .set({ unfollowed_at: now })
    .where('dossier_id', '=', d.id)
    .where('user_id', '=', userId)
    .where('unfollowed_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return false;
  const prefs = await prefsOf(trx, userId, d.procedure_id);
  const rows = await trx
    .selectFrom('notifications')
    .select('kind')
    .where('dossier_id', '=', d.id)
    .where('user_id', '=', userId)
    .execute();
  const drop = rows.map((r) => r.kind as NotificationKind).filter((k) => isCustomisable(k) && prefs(k) !== 'all');
  await deleteNotifications(trx, d.id, drop, userId);
  return true;
}

async function prefsOf(trx: Trx, userId: string, procedureId: string) {
  const row = await trx
    .selectFrom('instructeur_procedures')
    .select('notification_prefs')
    .where('user_id', '=', userId)
    .where('procedure_id', '=', procedureId)
    .executeTakeFirst();
  const p = (row?.notification_prefs ?? {}) as Record<string, NotificationPreference>;
  return (k: NotificationKind) => p[k] ?? DEFAULT_PREFERENCES[k];
}
