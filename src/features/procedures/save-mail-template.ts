// The e-mail sent to the usager at a state change (docs/domain.md §14): subject and body with tags,
// checked before saving; « Rétablir le modèle par défaut » removes the procedure's own version.
import { z } from 'zod';
import { invalidInput } from '../../domain/errors.ts';
import { mailTagErrors } from '../../domain/procedure.ts';
import { defineCommand } from '../command.ts';
import { administersProcedure, procedureId } from './shared.ts';

export const MAIL_TEMPLATE_KEYS = [
  'en_construction',
  'en_instruction',
  'accepte',
  'refuse',
  'sans_suite',
  'repasser_en_instruction',
  'correction',
] as const;

export const saveMailTemplate = defineCommand({
  name: 'save-mail-template',
  input: z.union([
    z.object({ procedureId, template: z.enum(MAIL_TEMPLATE_KEYS), reset: z.literal(true) }),
    z.object({
      procedureId,
      template: z.enum(MAIL_TEMPLATE_KEYS),
      subject: z.string().max(1000),
      body: z.string().max(20_000),
    }),
  ]),
  authorize: administersProcedure,
  async run({ trx }, input) {
    const p = await trx
      .selectFrom('procedures')
      .select('mail_templates')
      .where('id', '=', input.procedureId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const templates = { ...(p.mail_templates ?? {}) };
    if ('reset' in input) delete templates[input.template];
    else {
      const errors: Record<string, string> = {};
      if (input.subject.trim() === '') errors.subject = "Indiquez l'objet de l'e-mail.";
      if (input.body.trim() === '') errors.body = "Indiquez le texte de l'e-mail.";
      for (const k of ['subject', 'body'] as const) {
        const tags = mailTagErrors(input[k]);
        if (!errors[k] && tags.length) errors[k] = `${tags.join(' ; ')}.`.replace(/^l/, 'L');
      }
      if (Object.keys(errors).length) throw invalidInput(Object.values(errors)[0], errors);
      templates[input.template] = { subject: input.subject.trim(), body: input.body.trim() };
    }
    await trx
      .updateTable('procedures')
      .set({ mail_templates: JSON.stringify(templates) })
      .where('id', '=', input.procedureId)
      .execute();
    return { reset: 'reset' in input };
  },
});
