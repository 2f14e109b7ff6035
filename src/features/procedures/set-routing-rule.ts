// The routing rule of a group (docs/domain.md §10): a condition over the form's fields, in the
// language of conditional display, checked against the draft form. Changing rules never moves dossiers
// already deposited: routing runs at deposit only.
import { z } from 'zod';
import { validateCondition } from '../../domain/conditions.ts';
import { invalidInput } from '../../domain/errors.ts';
import { BUILDER_OPERATORS, normaliseConditionValues } from '../../domain/procedure-builder.ts';
import type { Condition } from '../../domain/fields/types.ts';
import { defineCommand } from '../command.ts';
import { administersProcedure, groupeIdSchema, lockDraft, lockGroupe, procedureId, stableIdSchema } from './shared.ts';

export const setRoutingRule = defineCommand({
  name: 'set-routing-rule',
  input: z.object({
    procedureId,
    groupeId: groupeIdSchema,
    /** null removes the rule */
    rule: z
      .object({
        field: stableIdSchema,
        op: z.enum(BUILDER_OPERATORS as [string, ...string[]]),
        value: z.string().max(1000),
      })
      .nullable(),
  }),
  authorize: administersProcedure,
  async run({ trx }, { procedureId, groupeId, rule }) {
    const g = await lockGroupe(trx, procedureId, groupeId);
    let condition: Condition | null = null;
    if (rule) {
      const draft = await lockDraft(trx, procedureId, undefined);
      const op = rule.op as Extract<Condition, { field: string }>['op'];
      condition = normaliseConditionValues(
        op === 'empty' || op === 'not_empty'
          ? { op, field: rule.field }
          : { op, field: rule.field, value: rule.value.trim() },
        draft.fields,
      );
      const errors = validateCondition(condition!, draft.fields);
      if (errors.length) throw invalidInput(errors[0], { rule: errors.join(' ; ') });
    }
    await trx
      .updateTable('groupes_instructeurs')
      .set({ routing_rule: condition === null ? null : JSON.stringify(condition) })
      .where('id', '=', g.id)
      .execute();
    return { rule: condition };
  },
});
