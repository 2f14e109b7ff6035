// Moving a submitted dossier from one group of instructors to another (docs/domain.md §10), shared
// by the réaffectation (an instructor's choice: the group becomes forced) and by routing at
// re-submission (the usager changed an answer the rules read). The move is logged (`groupe_change`),
// followers outside the new group stop following and are told by e-mail, and badge rows move from
// the instructors who lose the dossier to those who gain it.
import { conflict } from '../../domain/errors.ts';
import {
  DEFAULT_PREFERENCES,
  NEWS_KINDS,
  type NotificationKind,
  type NotificationPreference,
} from '../../domain/notifications.ts';
import { badgeTransfers, followersToRemove } from '../../domain/reassignment.ts';
import { routeDossier, type RoutableGroup } from '../../domain/routing.ts';
import type { ChampsMap, FieldDef } from '../../domain/fields/index.ts';
import type { Condition } from '../../domain/fields/types.ts';
import type { Trx } from '../../platform/db/index.ts';
import { activeFollowerIds } from '../../queries/followers.ts';
import type { CommandContext } from '../command.ts';
import { stopFollowing } from '../instruction/follow.ts';
import { currentlyApplyingKinds, dossierNews } from '../notifications/notify.ts';
import { CONFLICT_MESSAGE } from '../instruction/transition.ts';
import { notifyGroupeChangeJob } from '../../jobs/notify-groupe-change.ts';

export interface GroupeMove {
  dossier: { id: string; procedure_id: string; lock_version: number };
  from: { id: string; label: string };
  to: { id: string; label: string };
  /** `manual`: a réaffectation, the group becomes forced; `routing`: the rules chose it. */
  mode: 'manual' | 'routing';
}

export interface GroupeMoveResult {
  unfollowed: string[];
  newMemberIds: string[];
}

export async function moveDossierToGroupe(ctx: CommandContext, m: GroupeMove): Promise<GroupeMoveResult> {
  const { trx, now, actor } = ctx;
  const { dossier: d, from, to } = m;
  const [members, followers, badges] = await Promise.all([
    trx
      .selectFrom('groupe_members')
      .select(['groupe_id', 'user_id'])
      .where('groupe_id', 'in', [from.id, to.id])
      .execute(),
    activeFollowerIds(trx, d.id),
    trx.selectFrom('notifications').select(['user_id', 'kind', 'display_at']).where('dossier_id', '=', d.id).execute(),
  ]);
  const oldMemberIds = members.filter((x) => x.groupe_id === from.id).map((x) => x.user_id);
  const newMemberIds = members.filter((x) => x.groupe_id === to.id).map((x) => x.user_id);

  const updated = await trx
    .updateTable('dossiers')
    .set({ groupe_id: to.id, forced_groupe: m.mode === 'manual', updated_at: now, lock_version: d.lock_version + 1 })
    .where('id', '=', d.id)
    .where('lock_version', '=', d.lock_version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw conflict(CONFLICT_MESSAGE);
  await ctx.recordEvent(d.id, 'groupe_change', {
    from: from.id,
    to: to.id,
    from_label: from.label,
    to_label: to.label,
    mode: m.mode,
  });

  // followers outside the new group stop following; the others (not the author) are told
  const removed = followersToRemove(followers, newMemberIds);
  for (const userId of removed) {
    await stopFollowing(trx, d, userId, now);
    if (userId !== actor.userId) {
      await ctx.enqueue(notifyGroupeChangeJob, {
        dossierId: d.id,
        userId,
        fromLabel: from.label,
        toLabel: to.label,
        byEmail: m.mode === 'manual' ? actor.email : null,
      });
    }
  }

  // badges move with the dossier
  const remainingFollowers = followers.filter((id) => !removed.includes(id));
  const prefRows = newMemberIds.length
    ? await trx
        .selectFrom('instructeur_procedures')
        .select(['user_id', 'notification_prefs'])
        .where('procedure_id', '=', d.procedure_id)
        .where('user_id', 'in', newMemberIds)
        .execute()
    : [];
  const prefs = new Map(
    prefRows.map((p) => [p.user_id, (p.notification_prefs ?? {}) as Record<string, NotificationPreference>]),
  );
  // the arriving instructors' badges come from the dossier's state (docs/domain.md §4)
  const news = await dossierNews(trx, d.id, null);
  const applying = [...(await currentlyApplyingKinds(trx, d.id)), ...NEWS_KINDS.filter((k) => news[k] !== null)];
  const plan = badgeTransfers({
    rows: badges.map((b) => ({ userId: b.user_id, kind: b.kind as NotificationKind, displayAt: b.display_at })),
    applying: applying.map((kind) => ({ kind, displayAt: now })),
    oldMemberIds,
    newMemberIds,
    followerIds: remainingFollowers,
    prefs: (userId, kind) => prefs.get(userId)?.[kind] ?? DEFAULT_PREFERENCES[kind],
  });
  if (plan.deleteFor.length) {
    await trx
      .deleteFrom('notifications')
      .where('dossier_id', '=', d.id)
      .where('user_id', 'in', plan.deleteFor)
      .execute();
  }
  if (plan.create.length) {
    await trx
      .insertInto('notifications')
      .values(
        plan.create.map((b) => ({
          dossier_id: d.id,
          user_id: b.userId,
          kind: b.kind,
          display_at: b.displayAt,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['dossier_id', 'kind', 'user_id']).doNothing())
      .execute();
  }
  return { unfollowed: removed, newMemberIds };
}

/**
 * The group the procedure's routing rules give the dossier now (docs/domain.md §10), with the group
 * it is in; null when its group was forced by a réaffectation (routing no longer applies) or when
 * the rules keep it where it is.
 */
export async function routingMove(
  trx: Trx,
  dossierId: string,
): Promise<{ from: { id: string; label: string }; to: { id: string; label: string } } | null> {
  const d = await trx
    .selectFrom('dossiers')
    .innerJoin('procedure_revisions', 'procedure_revisions.id', 'dossiers.revision_id')
    .select([
      'dossiers.procedure_id',
      'dossiers.groupe_id',
      'dossiers.forced_groupe',
      'dossiers.champs',
      'procedure_revisions.fields',
    ])
    .where('dossiers.id', '=', dossierId)
    .executeTakeFirstOrThrow();
  if (d.forced_groupe) return null;
  const groups = await trx
    .selectFrom('groupes_instructeurs')
    .select(['id', 'label', 'is_default', 'closed', 'routing_rule'])
    .where('procedure_id', '=', d.procedure_id)
    .orderBy('id')
    .execute();
  const routable: RoutableGroup[] = groups.map((g) => ({
    id: g.id,
    isDefault: g.is_default,
    closed: g.closed,
    rule: (g.routing_rule ?? null) as Condition | null,
  }));
  const champs = (d.champs ?? {}) as ChampsMap;
  const fieldIds = new Set(((d.fields ?? []) as FieldDef[]).map((f) => f.stableId));
  const target = routeDossier(routable, (id) => champs[id]?.value ?? null, fieldIds);
  if (!target || target === d.groupe_id) return null;
  const from = groups.find((g) => g.id === d.groupe_id);
  const to = groups.find((g) => g.id === target)!;
  return { from: { id: d.groupe_id, label: from?.label ?? '' }, to: { id: to.id, label: to.label } };
}
