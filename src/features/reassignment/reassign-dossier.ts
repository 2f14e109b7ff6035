// « Réaffectation » (docs/domain.md §10): an instructor of the dossier moves it to another group of the
// procedure. The group is then forced (routing no longer changes it), the move is logged
// (`groupe_change`: who, when, from, to), followers outside the new group stop following and are
// told by e-mail, and badge rows move from the instructors who lose the dossier to those who gain it.
import { z } from 'zod';
import { conflict, invalidInput } from '../../domain/errors.ts';
import {
  DEFAULT_PREFERENCES,
  NEWS_KINDS,
  type NotificationKind,
  type NotificationPreference,
} from '../../domain/notifications.ts';
import { assertInstruct } from '../../domain/permissions.ts';
import { badgeTransfers, followersToRemove, reassignmentTargetRefusal } from '../../domain/reassignment.ts';
import { defineCommand } from '../command.ts';
import { instructsDossier } from '../authorize.ts';
import { loadDossierForUpdate } from '../dossiers/load-dossier.ts';
import { stopFollowing } from '../instruction/follow.ts';
import { currentlyApplyingKinds, dossierNews } from '../notifications/notify.ts';
import { CONFLICT_MESSAGE } from '../instruction/transition.ts';
import { notifyGroupeChangeJob } from '../../jobs/notify-groupe-change.ts';

const GROUP_MESSAGE = "Choisissez l'un des groupes d'instructeurs de la démarche.";

export const reassignDossier = defineCommand({
  name: 'reassign-dossier',
  input: z.object({
    dossierId: z.coerce.string(),
    groupeId: z.string({ error: GROUP_MESSAGE }).regex(/^[0-9]{1,18}$/, GROUP_MESSAGE),
    lockVersion: z.coerce.number().int().optional(),
  }),
  authorize: instructsDossier,
  async run(ctx, i) {
    const { trx, now, actor } = ctx;
    const d = await loadDossierForUpdate(trx, i.dossierId);
    assertInstruct(await ctx.access(), d.ref);
    if (i.lockVersion !== undefined && i.lockVersion !== d.row.lock_version) throw conflict(CONFLICT_MESSAGE);
    const groups = await trx
      .selectFrom('groupes_instructeurs')
      .select(['id', 'label', 'closed'])
      .where('procedure_id', '=', d.row.procedure_id)
      .orderBy('id')
      .execute();
    const refusal = reassignmentTargetRefusal(d.facts, groups, d.row.groupe_id, i.groupeId);
    if (refusal) throw invalidInput(refusal, { groupeId: refusal });
    const from = groups.find((g) => g.id === d.row.groupe_id)!;
    const to = groups.find((g) => g.id === i.groupeId)!;

    const [members, followers, badges] = await Promise.all([
      trx
        .selectFrom('groupe_members')
        .select(['groupe_id', 'user_id'])
        .where('groupe_id', 'in', [from.id, to.id])
        .execute(),
      trx
        .selectFrom('follows')
        .select('user_id')
        .where('dossier_id', '=', d.row.id)
        .where('unfollowed_at', 'is', null)
        .orderBy('created_at')
        .execute(),
      trx
        .selectFrom('notifications')
        .select(['user_id', 'kind', 'display_at'])
        .where('dossier_id', '=', d.row.id)
        .execute(),
    ]);
    const oldMemberIds = members.filter((m) => m.groupe_id === from.id).map((m) => m.user_id);
    const newMemberIds = members.filter((m) => m.groupe_id === to.id).map((m) => m.user_id);

    const updated = await trx
      .updateTable('dossiers')
      .set({ groupe_id: to.id, forced_groupe: true, updated_at: now, lock_version: d.row.lock_version + 1 })
      .where('id', '=', d.row.id)
      .where('lock_version', '=', d.row.lock_version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict(CONFLICT_MESSAGE);
    await ctx.recordEvent(d.row.id, 'groupe_change', {
      from: from.id,
      to: to.id,
      from_label: from.label,
      to_label: to.label,
      mode: 'manual',
    });

    // followers outside the new group stop following; the others (not the author) are told
    const removed = followersToRemove(
      followers.map((f) => f.user_id),
      newMemberIds,
    );
    for (const userId of removed) {
      await stopFollowing(trx, d.row, userId, now);
      if (userId !== actor.userId) {
        await ctx.enqueue(notifyGroupeChangeJob, {
          dossierId: d.row.id,
          userId,
          fromLabel: from.label,
          toLabel: to.label,
          byEmail: actor.email,
        });
      }
    }

    // badges move with the dossier
    const remainingFollowers = followers.map((f) => f.user_id).filter((id) => !removed.includes(id));
    const prefRows = newMemberIds.length
      ? await trx
          .selectFrom('instructeur_procedures')
          .select(['user_id', 'notification_prefs'])
          .where('procedure_id', '=', d.row.procedure_id)
          .where('user_id', 'in', newMemberIds)
          .execute()
      : [];
    const prefs = new Map(
      prefRows.map((p) => [p.user_id, (p.notification_prefs ?? {}) as Record<string, NotificationPreference>]),
    );
    // the arriving instructors' badges come from the dossier's state (docs/domain.md §4)
    const news = await dossierNews(trx, d.row.id, null);
    const applying = [...(await currentlyApplyingKinds(trx, d.row.id)), ...NEWS_KINDS.filter((k) => news[k] !== null)];
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
        .where('dossier_id', '=', d.row.id)
        .where('user_id', 'in', plan.deleteFor)
        .execute();
    }
    if (plan.create.length) {
      await trx
        .insertInto('notifications')
        .values(
          plan.create.map((b) => ({
            dossier_id: d.row.id,
            user_id: b.userId,
            kind: b.kind,
            display_at: b.displayAt,
            created_at: now,
          })),
        )
        .onConflict((oc) => oc.columns(['dossier_id', 'kind', 'user_id']).doNothing())
        .execute();
    }
    return {
      procedureId: d.row.procedure_id,
      fromLabel: from.label,
      toLabel: to.label,
      unfollowed: removed,
      actorStillInstructs: actor.userId !== null && newMemberIds.includes(actor.userId),
    };
  },
});
