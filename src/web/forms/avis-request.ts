// The avis request form, posted from the instructor's « Avis externes » tab and from an expert's
// dossier page when the procedure lets experts invite: the same fields, the same upload of one file.
import { z } from 'zod';
import { field, uploadsOf } from '../http/form.ts';

export const AVIS_REQUEST_FIELDS = {
  emails: field.choices(),
  introduction: field.text(),
  questionLabel: field.text(),
  confidentiel: field.flag(),
  file: field.files(),
};
const AvisRequest = z.object(AVIS_REQUEST_FIELDS);

/** What the form shows again when refused, and the request's fields with its file read. */
export async function readAvisRequest(f: z.infer<typeof AvisRequest>) {
  const [file] = await uploadsOf(f.file.slice(0, 1));
  const kept = {
    emails: f.emails,
    introduction: f.introduction,
    questionLabel: f.questionLabel,
    confidentiel: f.confidentiel,
  };
  return { kept, file: file ?? null };
}
