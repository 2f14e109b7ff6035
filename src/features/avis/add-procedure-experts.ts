// The administrator adds e-mails to the procedure's list of experts (docs/domain.md §6): the ones
// instructors may ask when the procedure restricts the choice. Already listed ones are kept once.
import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { administersProcedure } from '../authorize.ts';
import { invalidInput } from '../../domain/errors.ts';
import { parseExpertEmails } from '../../domain/avis.ts';

export const addProcedureExperts = defineCommand({
  name: 'add-procedure-experts',
  input: z.object({ procedureId: z.coerce.string().regex(/^[0-9]{1,18}$/), emails: z.string().max(20_000) }),
  authorize: administersProcedure,
  async run({ trx, now }, input) {
    const { emails, invalid } = parseExpertEmails(input.emails);
    if (invalid.length) {
      const msg = `Adresse électronique non valide : ${invalid.join(', ')}.`;
      throw invalidInput(msg, { emails: msg });
    }
    if (!emails.length) {
      const msg = "Saisissez l'adresse électronique d'au moins un expert.";
      throw invalidInput(msg, { emails: msg });
    }
    await trx
      .insertInto('procedure_experts')
      .values(emails.map((email) => ({ procedure_id: input.procedureId, email, created_at: now })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    return { emails };
  },
});
