// « Modifier le dossier »: the usager edits and resubmits his dossier while it is en construction (or
// awaiting his correction); repeated blocks get rows without JavaScript.
import crypto from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { canEditAsUsager } from '../../../domain/usager-edit.ts';
import { resubmitDossier } from '../../../features/dossiers/resubmit-dossier.ts';
import { loadUsagerDossier, type UsagerDossierPage } from '../../../queries/dossier-page.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { applyRepetitionCommand, readFieldsForm } from '../../forms/champs.ts';
import { field, form, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { valuesOf, visibleForValues } from '../../views/dossier/field-inputs.tsx';
import { usagerDossierPath } from '../../views/dossier/links.ts';
import { UsagerEditView } from '../../views/dossier/usager.tsx';
import { idOf } from './context.ts';

export const usagerModifierRoutes = new Hono<Env>();

/** The edit form, with the values shown (stored, or as typed) and the errors of a refused submission. */
function editPage(
  c: Context<Env>,
  d: UsagerDossierPage,
  values: Record<string, unknown>,
  errors: Record<string, string> | null = null,
  status: 200 | 422 = 200,
) {
  return page(
    c,
    { title: `Modifier le dossier nº ${d.id}`, nav: 'dossiers' },
    <UsagerEditView
      d={d}
      csrf={c.get('csrfToken')}
      defs={d.fields}
      values={values}
      visible={visibleForValues(d.fields, values)}
      stored={d.champs}
      errors={errors}
    />,
    status,
  );
}

usagerModifierRoutes.get('/dossiers/:id/modifier', async (c) => {
  const app = c.get('app');
  const d = await loadUsagerDossier(app.db, idOf(c), c.get('user')!.id);
  const perm = canEditAsUsager(d.access, d.ref, d.facts);
  if (!perm.ok) return redirectWithFlash(c, usagerDossierPath(d.id), { kind: 'error', message: `${perm.reason}.` });
  return editPage(c, d, valuesOf(d.champs));
});

/** The form's own fields; the champs are read by src/web/forms/champs.ts. */
const EditForm = z.object({ _repetition: field.text(), lockVersion: field.lockVersion() });

usagerModifierRoutes.post('/dossiers/:id/modifier', async (c) => {
  const app = c.get('app');
  const id = idOf(c);
  const f = await readForm(c, EditForm);
  const d = await loadUsagerDossier(app.db, id, c.get('user')!.id);
  // the dossier's fields, read against their definitions
  const read = await readFieldsForm(d.fields, await form(c), d.champs);
  const values = { ...valuesOf(d.champs), ...read.raw };
  const again = (errors: Record<string, string> | null, status: 200 | 422) => editPage(c, d, values, errors, status);
  // « Ajouter une ligne » / « Supprimer la ligne » of a repeated block: the form again, nothing saved
  const repetition = f._repetition;
  if (repetition && applyRepetitionCommand(d.fields, values, repetition, crypto.randomBytes(8).toString('hex')))
    return again(null, 200);
  const back = usagerDossierPath(id);
  return runCommand(
    c,
    resubmitDossier,
    { dossierId: id, raw: read.raw, uploads: read.uploads, lockVersion: f.lockVersion },
    {
      // a stale page or a dossier no longer editable: said on the dossier; bad input: the form again
      back,
      refused: (e) =>
        e.code === 'conflict'
          ? undefined
          : e.code === 'invalid_transition'
            ? redirectWithFlash(c, back, { kind: 'error', message: `${e.message}.` })
            : again(e.fields ?? { _: e.message }, 422),
      done: () =>
        redirectWithFlash(c, back, {
          kind: 'success',
          message: d.pendingCorrection
            ? "Vos modifications ont été déposées : l'administration a été prévenue que la correction est faite."
            : "Vos modifications ont été déposées : l'administration en a été prévenue.",
        }),
    },
  );
});
