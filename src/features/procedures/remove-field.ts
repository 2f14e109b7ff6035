// « Supprimer » a field of the draft. Conditions that read it are kept and flagged before publishing
// (docs/domain.md §12): the administrator decides what they become.
import { z } from 'zod';
import { removeField as remove } from '../../domain/procedure-builder.ts';
import { defineCommand } from '../command.ts';
import { administersProcedure, listSchema, lockDraft, procedureId, saveDraft, stableIdSchema } from './shared.ts';

export const removeField = defineCommand({
  name: 'remove-field',
  input: z.object({
    procedureId,
    list: listSchema,
    stableId: stableIdSchema,
    lockVersion: z.number().int().optional(),
  }),
  authorize: administersProcedure,
  async run({ trx }, input) {
    const draft = await lockDraft(trx, input.procedureId, input.lockVersion);
    return saveDraft(trx, draft, input.list, remove(draft[input.list], input.stableId));
  },
});
