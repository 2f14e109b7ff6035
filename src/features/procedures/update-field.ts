// Change a field of the draft (docs/domain.md §12): label, type, options, mandatory flag, help text,
// condition. Its stable id stays, so dossiers keep their values across revisions.
import { z } from 'zod';
import { validateCondition } from '../../domain/conditions.ts';
import { invalidInput } from '../../domain/errors.ts';
import { fieldFromInput, normaliseConditionValues, updateField as update } from '../../domain/procedure-builder.ts';
import { defineCommand } from '../command.ts';
import {
  administersProcedure,
  fieldInputSchema,
  listSchema,
  lockDraft,
  procedureId,
  saveDraft,
  stableIdSchema,
} from './shared.ts';

export const updateField = defineCommand({
  name: 'update-field',
  input: z.object({
    procedureId,
    list: listSchema,
    stableId: stableIdSchema,
    field: fieldInputSchema,
    lockVersion: z.number().int().optional(),
  }),
  authorize: administersProcedure,
  async run({ trx }, input) {
    const draft = await lockDraft(trx, input.procedureId, input.lockVersion);
    const parsed = fieldFromInput(input.field);
    if ('errors' in parsed) throw invalidInput(Object.values(parsed.errors)[0], parsed.errors);
    parsed.def.condition = normaliseConditionValues(parsed.def.condition ?? null, draft[input.list]);
    const next = update(draft[input.list], input.stableId, parsed.def);
    if (parsed.def.condition) {
      const errors = validateCondition(parsed.def.condition, next, input.stableId);
      if (errors.length) throw invalidInput(errors[0], { conditions: errors.join(' ; ') });
    }
    return saveDraft(trx, draft, input.list, next);
  },
});
