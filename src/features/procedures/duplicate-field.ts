// « Dupliquer » a field of the draft: a copy right after it, with new stable ids.
import { z } from 'zod';
import { duplicateField as duplicate } from '../../domain/procedure-builder.ts';
import { defineCommand } from '../command.ts';
import {
  administersProcedure,
  listSchema,
  lockDraft,
  newStableId,
  procedureId,
  saveDraft,
  stableIdSchema,
} from './shared.ts';

export const duplicateField = defineCommand({
  name: 'duplicate-field',
  input: z.object({
    procedureId,
    list: listSchema,
    stableId: stableIdSchema,
    lockVersion: z.number().int().optional(),
  }),
  authorize: administersProcedure,
  async run({ trx }, input) {
    const draft = await lockDraft(trx, input.procedureId, input.lockVersion);
    return saveDraft(trx, draft, input.list, duplicate(draft[input.list], input.stableId, newStableId));
  },
});
