// « Gestion des notifications par e-mail » (docs/domain.md §4.6): the five yes/no choices of an
// instructor on one procedure. The other keys of email_prefs (the retention digests) are kept.
import { z } from 'zod';
import { sql } from 'kysely';
import { EMAIL_KINDS, type EmailKind } from '../../domain/email-preferences.ts';
import { defineCommand } from '../command.ts';
import { instructsProcedure } from '../authorize.ts';

export const saveEmailPreferences = defineCommand({
  name: 'save-email-preferences',
  input: z.object({
    procedureId: z.string().regex(/^[0-9]{1,18}$/, 'Démarche introuvable.'),
    prefs: z.object(Object.fromEntries(EMAIL_KINDS.map((k) => [k, z.boolean()])) as Record<EmailKind, z.ZodBoolean>),
  }),
  authorize: instructsProcedure,
  async run({ trx, actor }, { procedureId, prefs }) {
    const json = JSON.stringify(prefs);
    await trx
      .insertInto('instructeur_procedures')
      .values({ user_id: actor.userId!, procedure_id: procedureId, email_prefs: json })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'procedure_id'])
          .doUpdateSet({ email_prefs: sql`instructeur_procedures.email_prefs || ${json}::jsonb` }),
      )
      .execute();
    return prefs;
  },
});
