// « Quitter la démarche »: an administrator leaves it, never the last one.
import { z } from 'zod';
import { invalidInput } from '../../domain/errors.ts';
import { leaveProcedureError } from '../../domain/groupes.ts';
import { defineCommand } from '../command.ts';
import { administersProcedure, procedureId } from './shared.ts';

export const leaveProcedure = defineCommand({
  name: 'leave-procedure',
  input: z.object({ procedureId }),
  authorize: administersProcedure,
  async run({ trx, actor }, { procedureId }) {
    const admins = await trx
      .selectFrom('procedure_administrateurs')
      .select('user_id')
      .where('procedure_id', '=', procedureId)
      .forUpdate()
      .execute();
    const error = leaveProcedureError(admins.length);
    if (error) throw invalidInput(error);
    await trx
      .deleteFrom('procedure_administrateurs')
      .where('procedure_id', '=', procedureId)
      .where('user_id', '=', actor.userId!)
      .execute();
    return { left: true };
  },
});
