// The attestation templates of a procedure (docs/domain.md §14): acceptance and refusal, title, body
// and footer with tags; a tag that names neither a built-in value nor a field of the form is refused
// before saving.
import { z } from 'zod';
import { invalidInput } from '../../domain/errors.ts';
import { attestationTemplateErrors } from '../../domain/procedure.ts';
import { fieldLabels, procedureForAdmin } from '../../queries/admin-procedure.ts';
import { defineCommand } from '../command.ts';
import { administersProcedure, procedureId } from './shared.ts';

export const saveAttestationTemplate = defineCommand({
  name: 'save-attestation-template',
  input: z.object({
    procedureId,
    kind: z.enum(['acceptation', 'refus']),
    title: z.string().max(10_000),
    body: z.string().max(100_000),
    footer: z.string().max(10_000),
    activated: z.boolean(),
  }),
  authorize: administersProcedure,
  async run({ trx }, { procedureId, kind, ...t }) {
    const p = await procedureForAdmin(trx, procedureId);
    const labels = [
      ...fieldLabels(p.draft_fields),
      ...fieldLabels(p.draft_annotations),
      ...fieldLabels(p.published_fields ?? []),
      ...fieldLabels(p.published_annotations ?? []),
    ];
    const errors = attestationTemplateErrors(t, labels);
    if (Object.keys(errors).length) throw invalidInput(Object.values(errors)[0], errors);
    const value = JSON.stringify({
      title: t.title.trim(),
      body: t.body.trim(),
      footer: t.footer.trim(),
      activated: t.activated,
    });
    await trx
      .updateTable('procedures')
      .set(kind === 'acceptation' ? { attestation_template: value } : { refusal_attestation_template: value })
      .where('id', '=', procedureId)
      .execute();
    return { kind };
  },
});
