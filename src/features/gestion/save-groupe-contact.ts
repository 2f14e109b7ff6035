// « Informations de contact » of a group (docs/domain.md §10), edited by its instructors and shown to
// the usagers at the foot of their e-mails.
import { z } from 'zod';
import { invalidInput } from '../../domain/errors.ts';
import { checkContact } from '../../domain/groupe-management.ts';
import { defineCommand } from '../command.ts';
import { groupeIdSchema, instructsGroupe } from './groupe-access.ts';

const text = z.string().max(5000);

export const saveGroupeContact = defineCommand({
  name: 'save-groupe-contact',
  input: z.object({
    groupeId: groupeIdSchema,
    service: text,
    adresse: text,
    email: text,
    telephone: text,
    horaires: text,
  }),
  authorize: instructsGroupe,
  async run({ trx, now }, { groupeId, ...raw }) {
    const checked = checkContact(raw);
    if (!checked.ok) throw invalidInput(Object.values(checked.fields)[0]!, checked.fields as Record<string, string>);
    const values = { groupe_id: groupeId, ...checked.contact, updated_at: now };
    await trx
      .insertInto('groupe_contacts')
      .values(values)
      .onConflict((oc) => oc.column('groupe_id').doUpdateSet({ ...checked.contact, updated_at: now }))
      .execute();
    return checked.contact;
  },
});
