// « Valider la décision » (docs/interface.md §3C): Accepter (motivation optional), Refuser and Classer sans suite
// (motivation required), each with an optional justificatif file. The file is checked first, stored
// (origin 'justificatif') in the same command before the transition, and removed again if the
// domain refuses the decision (wrong state, missing motivation, stale page): nothing stays behind.
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { readsDossier } from '../authorize.ts';
import { DECISION_ACTIONS, MOTIVATION_MAX_LENGTH } from '../../domain/dossier-state.ts';
import { assertAct } from '../../domain/permissions.ts';
import { loadDossierForUpdate } from './load-dossier.ts';
import { checkUploads, discardStored, storeFile, type StoredFile } from '../files/store-file.ts';
import { applyTransition } from '../instruction/transition.ts';

const upload = z.object({ name: z.string(), bytes: z.instanceof(Buffer) });

export const decideDossier = defineCommand({
  name: 'decide-dossier',
  input: z.object({
    dossierId: z.coerce.string(),
    action: z.enum(DECISION_ACTIONS, { error: 'Décision inconnue.' }),
    motivation: z
      .string()
      .max(MOTIVATION_MAX_LENGTH, `La motivation ne doit pas dépasser ${MOTIVATION_MAX_LENGTH} caractères.`)
      .optional(),
    justificatif: upload.optional(),
    lockVersion: z.coerce.number().int().optional(),
  }),
  authorize: readsDossier,
  async run(ctx, i) {
    const d = await loadDossierForUpdate(ctx.trx, i.dossierId);
    assertAct(await ctx.access(), d.ref, i.action, 'instructeur');
    const [checked] = i.justificatif
      ? await checkUploads(ctx, [i.justificatif], { field: 'justificatif', max: 1 })
      : [];
    const stored: StoredFile[] = [];
    try {
      if (checked)
        await storeFile(ctx, stored, checked, { dossierId: d.row.id, origin: 'justificatif', originRef: i.action });
      const { to } = await applyTransition(ctx, {
        dossierId: d.row.id,
        action: i.action,
        actorKind: 'instructeur',
        expectedLockVersion: i.lockVersion,
        input: { motivation: i.motivation },
      });
      return { state: to, justificatif: stored[0]?.id ?? null };
    } catch (e) {
      await discardStored(ctx.app, stored);
      throw e;
    }
  },
});
