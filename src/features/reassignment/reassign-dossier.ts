// « Réaffectation » (docs/domain.md §10): an instructor of the dossier moves it to another group of the
// procedure. The group is then forced (routing no longer changes it); the move and its effects
// (history, followers, badges) are those of `move-dossier.ts`, shared with routing at re-submission.
import { z } from 'zod';
import { conflict, invalidInput } from '../../domain/errors.ts';
import { assertInstruct } from '../../domain/permissions.ts';
import { reassignmentTargetRefusal } from '../../domain/reassignment.ts';
import { defineCommand } from '../command.ts';
import { instructsDossier } from '../authorize.ts';
import { loadDossierForUpdate } from '../dossiers/load-dossier.ts';
import { CONFLICT_MESSAGE } from '../instruction/transition.ts';
import { moveDossierToGroupe } from './move-dossier.ts';

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
    const { trx, actor } = ctx;
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

    const { unfollowed, newMemberIds } = await moveDossierToGroupe(ctx, {
      dossier: d.row,
      from: { id: from.id, label: from.label },
      to: { id: to.id, label: to.label },
      mode: 'manual',
    });
    return {
      procedureId: d.row.procedure_id,
      fromLabel: from.label,
      toLabel: to.label,
      unfollowed,
      actorStillInstructs: actor.userId !== null && newMemberIds.includes(actor.userId),
    };
  },
});
