// The administrator removes an e-mail from the procedure's list of experts (docs/domain.md §6); the
// avis already asked are not touched.
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { administersProcedure } from '../authorize.ts';

export const removeProcedureExpert = defineCommand({
  name: 'remove-procedure-expert',
  input: z.object({ procedureId: z.coerce.string().regex(/^[0-9]{1,18}$/), email: z.string().trim().toLowerCase() }),
  authorize: administersProcedure,
  async run({ trx }, input) {
    await trx
      .deleteFrom('procedure_experts')
      .where('procedure_id', '=', input.procedureId)
      .where('email', '=', input.email)
      .execute();
  },
});
