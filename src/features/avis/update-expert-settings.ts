// The administrator's « Experts » settings of a procedure (docs/domain.md §6): avis allowed or not,
// the choice restricted to his list of experts, experts allowed to invite other experts, to use the
// messagerie.
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { administersProcedure } from '../authorize.ts';

export const updateExpertSettings = defineCommand({
  name: 'update-expert-settings',
  input: z.object({
    procedureId: z.coerce.string().regex(/^[0-9]{1,18}$/),
    allowExpertReview: z.boolean(),
    restricted: z.boolean(),
    mayInvite: z.boolean(),
    allowExpertMessaging: z.boolean(),
  }),
  authorize: administersProcedure,
  async run({ trx }, input) {
    await trx
      .updateTable('procedures')
      .set({
        allow_expert_review: input.allowExpertReview,
        experts_restricted: input.restricted,
        experts_may_invite: input.mayInvite,
        allow_expert_messaging: input.allowExpertMessaging,
      })
      .where('id', '=', input.procedureId)
      .execute();
  },
});
