// Badge rows (docs/domain.md §4): created for the instructors the domain's recipientsFor() designates,
// deleted by the events that end them. The notifications table is the truth.
import { sql } from 'kysely';
import type { Trx } from '../../platform/db/index.ts';
import { activeFollowerIds } from '../../queries/followers.ts';
import {
  DEFAULT_PREFERENCES,
  displayAt,
  recipientsFor,
  type DossierNews,
  type NotificationKind,
  type NotificationPreference,
} from '../../domain/notifications.ts';

export interface NotifiableDossier {
  id: string;
  groupe_id: string;
  procedure_id: string;
  depose_at: Date | null;
  expires_at: Date | null;
}

/** Preferences of the group's instructors for this procedure (defaults where unset). */
async function groupContext(trx: Trx, d: NotifiableDossier) {
  const [members, followers] = await Promise.all([
    trx
      .selectFrom('groupe_members')
      .leftJoin('instructeur_procedures', (j) =>
        j
          .onRef('instructeur_procedures.user_id', '=', 'groupe_members.user_id')
          .on('instructeur_procedures.procedure_id', '=', d.procedure_id),
      )
      .select(['groupe_members.user_id', 'instructeur_procedures.notification_prefs'])
      .where('groupe_members.groupe_id', '=', d.groupe_id)
      .orderBy('groupe_members.user_id')
      .execute(),
    activeFollowerIds(trx, d.id),
  ]);
  const prefs = new Map(
    members.map((m) => [m.user_id, (m.notification_prefs ?? {}) as Record<string, NotificationPreference>]),
  );
  return {
    groupInstructorIds: members.map((m) => m.user_id),
    followerIds: followers,
    prefOf: (kind: NotificationKind) => (id: string) => prefs.get(id)?.[kind] ?? DEFAULT_PREFERENCES[kind],
  };
}

export async function createNotifications(
  trx: Trx,
  d: NotifiableDossier,
  kind: NotificationKind,
  opts: { now: Date; actorId?: string | null },
): Promise<string[]> {
  const g = await groupContext(trx, d);
  const recipients = recipientsFor(kind, {
    groupInstructorIds: g.groupInstructorIds,
    followerIds: g.followerIds,
    actorId: opts.actorId ?? undefined,
    prefs: g.prefOf(kind),
  });
  if (recipients.length === 0) return [];
  const at = displayAt(kind, { depose_at: d.depose_at, expires_at: d.expires_at, now: opts.now });
  await trx
    .insertInto('notifications')
    .values(recipients.map((user_id) => ({ dossier_id: d.id, user_id, kind, display_at: at, created_at: opts.now })))
    .onConflict((oc) => oc.columns(['dossier_id', 'kind', 'user_id']).doNothing())
    .execute();
  return recipients;
}

/** Delete badges of these kinds on a dossier, for everyone or for one instructor. */
export async function deleteNotifications(
  trx: Trx,
  dossierId: string,
  kinds: NotificationKind[],
  userId?: string,
): Promise<void> {
  if (kinds.length === 0) return;
  let q = trx.deleteFrom('notifications').where('dossier_id', '=', dossierId).where('kind', 'in', kinds);
  if (userId) q = q.where('user_id', '=', userId);
  await q.execute();
}

/** Kinds that exist for a dossier right now because of its state (re-created for a new follower). */
export async function currentlyApplyingKinds(trx: Trx, dossierId: string): Promise<NotificationKind[]> {
  const r = await trx
    .selectFrom('dossiers')
    .select((eb) => [
      'pending_correction',
      eb
        .exists(
          eb
            .selectFrom('avis')
            .select('avis.id')
            .whereRef('avis.dossier_id', '=', 'dossiers.id')
            .where('avis.answered_at', 'is', null)
            .where('avis.revoked_at', 'is', null),
        )
        .as('awaiting_avis'),
      eb
        .exists(
          eb
            .selectFrom('messages')
            .select('messages.id')
            .whereRef('messages.dossier_id', '=', 'dossiers.id')
            .where('messages.awaiting_response', '=', true)
            .where('messages.responded_at', 'is', null)
            .where('messages.discarded_at', 'is', null),
        )
        .as('awaiting_response'),
    ])
    .where('id', '=', dossierId)
    .executeTakeFirstOrThrow();
  const kinds: NotificationKind[] = [];
  if (r.pending_correction) kinds.push('attente_correction');
  if (r.awaiting_avis) kinds.push('attente_avis');
  if (r.awaiting_response) kinds.push('attente_reponse');
  return kinds;
}

/**
 * The latest news of each kind on a dossier (see the domain's DossierNews), one statement; events
 * caused by `userId` are not news for him (null: everyone's count).
 */
export async function dossierNews(trx: Trx, dossierId: string, userId: string | null): Promise<DossierNews> {
  const r = await sql<{ m: Date | null; a: Date | null; v: Date | null; c: Date | null }>`
    SELECT
      (SELECT max(m.created_at) FROM messages m WHERE m.dossier_id = ${dossierId}::bigint AND m.author_kind <> 'system'
         AND m.discarded_at IS NULL AND m.author_id IS DISTINCT FROM ${userId}::bigint) AS m,
      (SELECT max(e.created_at) FROM dossier_events e WHERE e.dossier_id = ${dossierId}::bigint AND e.type = 'annotation_modifiee'
         AND e.actor_id IS DISTINCT FROM ${userId}::bigint) AS a,
      (SELECT max(av.answered_at) FROM avis av WHERE av.dossier_id = ${dossierId}::bigint AND av.revoked_at IS NULL) AS v,
      (SELECT max(e.created_at) FROM dossier_events e WHERE e.dossier_id = ${dossierId}::bigint AND e.type = 'depose_correction_usager') AS c`.execute(
    trx,
  );
  const row = r.rows[0]!;
  const at = (v: Date | string | null) => (v === null ? null : new Date(v));
  return { dossier_modifie: at(row.c), message: at(row.m), annotation_instructeur: at(row.a), avis_externe: at(row.v) };
}

/**
 * `createNotifications` for many dossiers at once (bulk requests): the same recipients, decided by
 * the domain's recipientsFor, with the group members, preferences and followers read in three
 * statements whatever the number of dossiers.
 */
export async function createNotificationsMany(
  trx: Trx,
  dossiers: NotifiableDossier[],
  kind: NotificationKind,
  opts: { now: Date; actorId?: string | null },
): Promise<void> {
  if (dossiers.length === 0) return;
  const groupIds = [...new Set(dossiers.map((d) => d.groupe_id))];
  const ids = dossiers.map((d) => d.id);
  const [members, followers] = await Promise.all([
    trx
      .selectFrom('groupe_members')
      .innerJoin('groupes_instructeurs', 'groupes_instructeurs.id', 'groupe_members.groupe_id')
      .leftJoin('instructeur_procedures', (j) =>
        j
          .onRef('instructeur_procedures.user_id', '=', 'groupe_members.user_id')
          .onRef('instructeur_procedures.procedure_id', '=', 'groupes_instructeurs.procedure_id'),
      )
      .select(['groupe_members.groupe_id', 'groupe_members.user_id', 'instructeur_procedures.notification_prefs'])
      .where(sql<boolean>`groupe_members.groupe_id = ANY(${groupIds}::bigint[])`)
      .orderBy('groupe_members.user_id')
      .execute(),
    trx
      .selectFrom('follows')
      .select(['dossier_id', 'user_id'])
      .where(sql<boolean>`dossier_id = ANY(${ids}::bigint[])`)
      .where('unfollowed_at', 'is', null)
      .execute(),
  ]);
  const followersOf = new Map<string, string[]>();
  for (const f of followers) followersOf.set(f.dossier_id, [...(followersOf.get(f.dossier_id) ?? []), f.user_id]);
  const rows: { dossier_id: string; user_id: string; kind: NotificationKind; display_at: Date; created_at: Date }[] =
    [];
  for (const d of dossiers) {
    const group = members.filter((m) => m.groupe_id === d.groupe_id);
    const prefs = new Map(
      group.map((m) => [m.user_id, (m.notification_prefs ?? {}) as Record<string, NotificationPreference>]),
    );
    const recipients = recipientsFor(kind, {
      groupInstructorIds: group.map((m) => m.user_id),
      followerIds: followersOf.get(d.id) ?? [],
      actorId: opts.actorId ?? undefined,
      prefs: (id: string) => prefs.get(id)?.[kind] ?? DEFAULT_PREFERENCES[kind],
    });
    const at = displayAt(kind, { depose_at: d.depose_at, expires_at: d.expires_at, now: opts.now });
    for (const user_id of recipients)
      rows.push({ dossier_id: d.id, user_id, kind, display_at: at, created_at: opts.now });
  }
  for (let i = 0; i < rows.length; i += 2000)
    await trx
      .insertInto('notifications')
      .values(rows.slice(i, i + 2000))
      .onConflict((oc) => oc.columns(['dossier_id', 'kind', 'user_id']).doNothing())
      .execute();
}
