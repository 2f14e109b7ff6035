// « Envoyer à un instructeur » (docs/interface.md §3, Personnes impliquées): the instructor hands the dossier to
// one or more colleagues of its group; they follow it (with the follow side effects) and each gets
// an e-mail. Logged as `envoye_a_instructeur`.
import { z } from 'zod';
import { invalidInput } from '../../domain/errors.ts';
import { assertInstruct } from '../../domain/permissions.ts';
import { sendToRefusal } from '../../domain/reassignment.ts';
import { defineCommand } from '../command.ts';
import { instructsDossier } from '../authorize.ts';
import { loadDossierForUpdate } from '../dossiers/load-dossier.ts';
import { startFollowing } from '../instruction/follow.ts';
import { notifyDossierEnvoyeJob } from '../../jobs/notify-dossier-envoye.ts';

const CHOOSE = 'Choisissez au moins un instructeur.';

export const sendDossierToInstructeurs = defineCommand({
  name: 'send-dossier-to-instructeurs',
  input: z.object({
    dossierId: z.coerce.string(),
    instructeurIds: z
      .array(z.string().regex(/^[0-9]{1,18}$/, "Choisissez l'un des instructeurs proposés."))
      .max(50, 'Choisissez au plus 50 instructeurs.'),
  }),
  authorize: instructsDossier,
  async run(ctx, i) {
    const { trx, now, actor } = ctx;
    const d = await loadDossierForUpdate(trx, i.dossierId);
    assertInstruct(await ctx.access(), d.ref);
    const targetIds = [...new Set(i.instructeurIds)];
    const members = await trx
      .selectFrom('groupe_members')
      .innerJoin('users', 'users.id', 'groupe_members.user_id')
      .select(['users.id', 'users.email'])
      .where('groupe_members.groupe_id', '=', d.row.groupe_id)
      .execute();
    const refusal = sendToRefusal({ actorId: actor.userId ?? '', targetIds, groupMemberIds: members.map((m) => m.id) });
    if (refusal) throw invalidInput(refusal, { instructeurIds: refusal === CHOOSE ? CHOOSE : refusal });
    const targets = members.filter((m) => targetIds.includes(m.id));
    for (const t of targets) {
      await startFollowing(trx, d.row, t.id, now);
      await ctx.enqueue(notifyDossierEnvoyeJob, { dossierId: d.row.id, userId: t.id, fromEmail: actor.email });
    }
    await ctx.recordEvent(d.row.id, 'envoye_a_instructeur', {
      instructor_emails: targets.map((t) => t.email),
      instructor_ids: targets.map((t) => t.id),
    });
    return { sentTo: targets.map((t) => t.email) };
  },
});
