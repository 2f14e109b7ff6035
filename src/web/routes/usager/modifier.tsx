// « Modifier le dossier »: the usager edits and resubmits his dossier while it is en construction (or
// awaiting his correction); repeated blocks get rows with or without JavaScript: a row change keeps
// the values typed (keepEditDraft) and redirects to the form showing them (?saisie=…).
import crypto from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { canEditAsUsager } from '../../../domain/usager-edit.ts';
import { keepEditDraft } from '../../../features/dossiers/keep-edit-draft.ts';
import { resubmitDossier } from '../../../features/dossiers/resubmit-dossier.ts';
import { referentialOptionsFor } from '../../../queries/referentials.ts';
import { loadUsagerDossier, type UsagerDossierPage } from '../../../queries/dossier-page.ts';
import { loadEditDraft } from '../../../queries/edit-drafts.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { applyRepetitionCommand, readFieldsForm } from '../../forms/champs.ts';
import { field, form, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { fieldName, valuesOf, visibleForValues } from '../../views/dossier/field-inputs.tsx';
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
      uploadMaxBytes={c.get('app').config.UPLOAD_MAX_BYTES}
      referentials={referentialOptionsFor(d.fields)}
    />,
    status,
  );
}

usagerModifierRoutes.get('/dossiers/:id/modifier', async (c) => {
  const app = c.get('app');
  const d = await loadUsagerDossier(app.db, idOf(c), c.get('user')!.id);
  const perm = canEditAsUsager(d.access, d.ref, d.facts);
  if (!perm.ok) return redirectWithFlash(c, usagerDossierPath(d.id), { kind: 'error', message: `${perm.reason}.` });
  // after a row change: the values as typed, and the page version seen when typing them
  const draftId = c.req.query('saisie');
  const draft = draftId
    ? await loadEditDraft(app.db, { id: draftId, userId: c.get('user')!.id, dossierId: d.id })
    : null;
  if (draft) return editPage(c, { ...d, lockVersion: draft.lockVersion ?? d.lockVersion }, draft.values);
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
  const back = usagerDossierPath(id);
  // « Ajouter une ligne » / « Supprimer la ligne » of a repeated block: nothing deposited; the values
  // as typed are kept and the answer redirects to the form showing them
  const repetition = f._repetition;
  if (repetition && applyRepetitionCommand(d.fields, values, repetition, crypto.randomBytes(8).toString('hex')))
    return runCommand(
      c,
      keepEditDraft,
      { dossierId: id, values, lockVersion: f.lockVersion },
      {
        back,
        refused: (e) =>
          e.code === 'invalid_transition'
            ? redirectWithFlash(c, back, { kind: 'error', message: `${e.message}.` })
            : undefined,
        done: ({ draftId }) =>
          c.redirect(`${usagerDossierPath(id, 'modifier')}?saisie=${draftId}#${repetitionAnchor(repetition)}`, 303),
      },
    );
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

/** The repeated block a row command is about (its fieldset's id), to come back to it. */
function repetitionAnchor(command: string): string {
  const stableId = command.split(':')[1] ?? '';
  // the fieldset's id as field-inputs.tsx makes it
  return `f-${fieldName(stableId).replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
