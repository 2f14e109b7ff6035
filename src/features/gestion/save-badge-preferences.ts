// « Gestion des badges de notification » (docs/domain.md §4.2): per kind, all dossiers / followed ones /
// never. Applied at once to my existing badges: rows the new choice no longer wants go; rows it now
// wants are created for what is pending or unseen right now (set-based, one statement per kind).
import { z } from 'zod';
import { sql, type RawBuilder } from 'kysely';
import {
  ALLOWED_PREFERENCES,
  CUSTOMISABLE,
  DEFAULT_PREFERENCES,
  DEPOSE_NOTIFICATION_DELAY_DAYS,
  NOTIFICATION_PREFERENCES,
  type NotificationKind,
  type NotificationPreference,
} from '../../domain/notifications.ts';
import { badgeChanges } from '../../domain/badge-preferences.ts';
import { invalidInput } from '../../domain/errors.ts';
import type { Trx } from '../../platform/db/index.ts';
import { defineCommand } from '../command.ts';
import { instructsProcedure } from '../authorize.ts';

export const saveBadgePreferences = defineCommand({
  name: 'save-badge-preferences',
  input: z.object({
    procedureId: z.string().regex(/^[0-9]{1,18}$/, 'Démarche introuvable.'),
    prefs: z.record(z.string(), z.enum(NOTIFICATION_PREFERENCES)),
  }),
  authorize: instructsProcedure,
  async run({ trx, actor, now }, { procedureId, prefs }) {
    const userId = actor.userId!;
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(prefs)) {
      if (!(CUSTOMISABLE as readonly string[]).includes(k)) fields[k] = 'Ce badge ne se règle pas.';
      else if (!ALLOWED_PREFERENCES[k as NotificationKind].includes(v))
        fields[k] = 'Ce choix n’est pas proposé pour ce badge.';
    }
    if (Object.keys(fields).length) throw invalidInput(Object.values(fields)[0]!, fields);
    const row = await trx
      .selectFrom('instructeur_procedures')
      .select('notification_prefs')
      .where('user_id', '=', userId)
      .where('procedure_id', '=', procedureId)
      .forUpdate()
      .executeTakeFirst();
    const stored = (row?.notification_prefs ?? {}) as Record<string, NotificationPreference>;
    const before = (k: NotificationKind) => stored[k] ?? DEFAULT_PREFERENCES[k];
    const next: Record<string, NotificationPreference> = { ...stored, ...prefs };
    const json = JSON.stringify(next);
    await trx
      .insertInto('instructeur_procedures')
      .values({ user_id: userId, procedure_id: procedureId, notification_prefs: json })
      .onConflict((oc) => oc.columns(['user_id', 'procedure_id']).doUpdateSet({ notification_prefs: json }))
      .execute();
    const changes = badgeChanges(before, (k) => next[k] ?? DEFAULT_PREFERENCES[k]);
    for (const c of changes) {
      if (c.remove) await removeRows(trx, userId, procedureId, c.kind, c.remove);
      if (c.add) await addRows(trx, userId, procedureId, c.kind, c.add, now);
    }
    return { changed: changes.map((c) => c.kind) };
  },
});

const myDossiers = (userId: string, procedureId: string) => sql`
  d.procedure_id = ${procedureId} AND d.state <> 'brouillon'
  AND d.groupe_id IN (SELECT gm.groupe_id FROM groupe_members gm WHERE gm.user_id = ${userId})`;

const followsSql = (userId: string) =>
  sql`EXISTS (SELECT 1 FROM follows f WHERE f.dossier_id = d.id AND f.user_id = ${userId} AND f.unfollowed_at IS NULL)`;

async function removeRows(
  trx: Trx,
  userId: string,
  procedureId: string,
  kind: NotificationKind,
  which: 'all' | 'unfollowed',
) {
  await sql`
    DELETE FROM notifications n USING dossiers d
    WHERE n.dossier_id = d.id AND n.user_id = ${userId} AND n.kind = ${kind} AND d.procedure_id = ${procedureId}
      ${which === 'unfollowed' ? sql`AND NOT ${followsSql(userId)}` : sql``}`.execute(trx);
}

/** Whether `kind` applies to the dossier `d` (joined with my follow `f`, if any) right now, and from when it shows. */
function appliesSql(
  kind: NotificationKind,
  userId: string,
  now: Date,
): { where: RawBuilder<unknown>; at: RawBuilder<unknown> } {
  const nowSql = sql`${now}::timestamptz`;
  switch (kind) {
    case 'dossier_depose':
      return {
        where: sql`d.state = 'en_construction' AND d.depose_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM follows x WHERE x.dossier_id = d.id AND x.unfollowed_at IS NULL)`,
        at: sql`d.depose_at + make_interval(days => ${DEPOSE_NOTIFICATION_DELAY_DAYS})`,
      };
    case 'attente_correction':
      return { where: sql`d.pending_correction`, at: nowSql };
    case 'attente_reponse':
      return {
        where: sql`EXISTS (SELECT 1 FROM messages m WHERE m.dossier_id = d.id AND m.awaiting_response
          AND m.responded_at IS NULL AND m.discarded_at IS NULL)`,
        at: nowSql,
      };
    case 'attente_avis':
      return {
        where: sql`EXISTS (SELECT 1 FROM avis a WHERE a.dossier_id = d.id AND a.answered_at IS NULL AND a.revoked_at IS NULL)`,
        at: nowSql,
      };
    // news: only on the dossiers I follow, since my last opening of the tab that shows it
    case 'message':
      return {
        where: sql`f.user_id IS NOT NULL AND EXISTS (SELECT 1 FROM messages m WHERE m.dossier_id = d.id
          AND m.author_kind <> 'system' AND m.discarded_at IS NULL AND m.author_id IS DISTINCT FROM ${userId}::bigint
          AND m.created_at > f.messagerie_seen_at)`,
        at: nowSql,
      };
    case 'annotation_instructeur':
      return {
        where: sql`f.user_id IS NOT NULL AND EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id
          AND e.type = 'annotation_modifiee' AND e.actor_id IS DISTINCT FROM ${userId}::bigint AND e.created_at > f.annotations_seen_at)`,
        at: nowSql,
      };
    case 'dossier_modifie':
      return {
        where: sql`f.user_id IS NOT NULL AND EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id
          AND e.type = 'depose_correction_usager' AND e.created_at > f.demande_seen_at)`,
        at: nowSql,
      };
    case 'avis_externe':
      return {
        where: sql`f.user_id IS NOT NULL AND EXISTS (SELECT 1 FROM avis a WHERE a.dossier_id = d.id
          AND a.revoked_at IS NULL AND a.answered_at > f.avis_seen_at)`,
        at: nowSql,
      };
    default:
      return { where: sql`false`, at: nowSql };
  }
}

async function addRows(
  trx: Trx,
  userId: string,
  procedureId: string,
  kind: NotificationKind,
  which: 'all' | 'followed',
  now: Date,
) {
  const a = appliesSql(kind, userId, now);
  await sql`
    INSERT INTO notifications (dossier_id, user_id, kind, display_at, created_at)
    SELECT d.id, ${userId}, ${kind}, ${a.at}, ${now}
    FROM dossiers d
    LEFT JOIN follows f ON f.dossier_id = d.id AND f.user_id = ${userId} AND f.unfollowed_at IS NULL
    WHERE ${myDossiers(userId, procedureId)} ${which === 'followed' ? sql`AND f.user_id IS NOT NULL` : sql``} AND ${a.where}
    ON CONFLICT (dossier_id, kind, user_id) DO NOTHING`.execute(trx);
}
