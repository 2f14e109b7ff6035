// « Ajouter un champ » to the draft's form or annotations (docs/domain.md §12): at the end of the
// list or of a repetition block, options checked by the domain, a condition only on fields above.
import { z } from 'zod';
import { validateCondition } from '../../domain/conditions.ts';
import { invalidInput } from '../../domain/errors.ts';
import {
  addField as add,
  fieldFromInput,
  findField,
  normaliseConditionValues,
} from '../../domain/procedure-builder.ts';
import { defineCommand } from '../command.ts';
import {
  administersProcedure,
  fieldInputSchema,
  listSchema,
  lockDraft,
  newStableId,
  procedureId,
  saveDraft,
  stableIdSchema,
} from './shared.ts';

export const addField = defineCommand({
  name: 'add-field',
  input: z.object({
    procedureId,
    list: listSchema,
    parentId: stableIdSchema.nullable().default(null),
    field: fieldInputSchema,
    lockVersion: z.number().int().optional(),
  }),
  authorize: administersProcedure,
  async run({ trx }, input) {
    const draft = await lockDraft(trx, input.procedureId, input.lockVersion);
    const defs = draft[input.list];
    const parsed = fieldFromInput(input.field);
    if ('errors' in parsed) throw invalidInput(Object.values(parsed.errors)[0], parsed.errors);
    parsed.def.condition = normaliseConditionValues(parsed.def.condition ?? null, draft[input.list]);
    if (input.parentId !== null && findField(defs, input.parentId)?.def.type !== 'repetition')
      throw invalidInput("Ce bloc répétable n'existe plus.");
    const stableId = newStableId();
    const next = add(defs, { ...parsed.def, stableId, private: input.list === 'annotations' }, input.parentId);
    if (parsed.def.condition) {
      const errors = validateCondition(parsed.def.condition, next, stableId);
      if (errors.length) throw invalidInput(errors[0], { conditions: errors.join(' ; ') });
    }
    const { lockVersion } = await saveDraft(trx, draft, input.list, next);
    return { stableId, lockVersion };
  },
});
