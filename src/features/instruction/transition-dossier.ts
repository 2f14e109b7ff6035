import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { actsOnDossier } from '../authorize.ts';
import { DOSSIER_ACTIONS, MOTIVATION_MAX_LENGTH, CORRECTION_REASONS } from '../../domain/dossier-state.ts';
import { applyTransition } from './transition.ts';

/** An instructor's action on one dossier: every button of the dossier page that changes its state. */
export const transitionDossier = defineCommand({
  name: 'transition-dossier',
  input: z.object({
    dossierId: z.coerce.string(),
    action: z.enum(DOSSIER_ACTIONS, { error: 'Action inconnue.' }),
    motivation: z
      .string()
      .max(MOTIVATION_MAX_LENGTH, `La motivation ne doit pas dépasser ${MOTIVATION_MAX_LENGTH} caractères.`)
      .optional(),
    correctionReason: z.enum(CORRECTION_REASONS as unknown as ['incorrect', 'incomplete', 'outdated']).optional(),
    correctionMessage: z.string().max(MOTIVATION_MAX_LENGTH).optional(),
    lockVersion: z.coerce.number().int().optional(),
  }),
  authorize: actsOnDossier,
  async run(ctx, i) {
    const { to } = await applyTransition(ctx, {
      dossierId: i.dossierId,
      action: i.action,
      actorKind: 'instructeur',
      expectedLockVersion: i.lockVersion,
      input: { motivation: i.motivation, correctionReason: i.correctionReason, correctionMessage: i.correctionMessage },
    });
    return { state: to };
  },
});
