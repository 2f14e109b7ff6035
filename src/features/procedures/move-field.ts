// Reorder the draft's fields: one place up or down (keyboard buttons, no JavaScript needed) or a whole
// level in a given order (drag and drop). A condition left reading a field now placed after is
// flagged before publishing (docs/domain.md §12).
import { z } from 'zod';
import { moveField as move, reorderFields } from '../../domain/procedure-builder.ts';
import { defineCommand } from '../command.ts';
import { administersProcedure, listSchema, lockDraft, procedureId, saveDraft, stableIdSchema } from './shared.ts';

export const moveField = defineCommand({
  name: 'move-field',
  input: z.union([
    z.object({
      procedureId,
      list: listSchema,
      stableId: stableIdSchema,
      direction: z.enum(['up', 'down']),
      lockVersion: z.number().int().optional(),
    }),
    z.object({
      procedureId,
      list: listSchema,
      parentId: stableIdSchema.nullable(),
      order: z.array(stableIdSchema).min(1).max(1000),
      lockVersion: z.number().int().optional(),
    }),
  ]),
  authorize: administersProcedure,
  async run({ trx }, input) {
    const draft = await lockDraft(trx, input.procedureId, input.lockVersion);
    const defs = draft[input.list];
    const next =
      'order' in input
        ? reorderFields(defs, input.parentId, input.order)
        : move(defs, input.stableId, input.direction === 'up' ? -1 : 1);
    return saveDraft(trx, draft, input.list, next);
  },
});
