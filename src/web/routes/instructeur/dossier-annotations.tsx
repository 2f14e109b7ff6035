// « Annotations privées » of the dossier page: the instructors' own fields, saved all at once or one
// by one (autosave answers in JSON).
import { Hono, type Context } from 'hono';
import { saveAnnotations } from '../../../features/annotations/save-annotations.ts';
import { referentialOptionsFor } from '../../../queries/referentials.ts';
import { loadAnnotationsTab } from '../../../queries/dossier-page.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { readFieldsForm } from '../../forms/champs.ts';
import { field, form, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { AnnotationsView } from '../../views/dossier/annotations.tsx';
import { valuesOf } from '../../views/dossier/field-inputs.tsx';
import { dossierPath } from '../../views/dossier/links.ts';
import { idOf, listTabOf, markSeen, renderDossierTab, TabForm } from './dossier-context.tsx';

export const dossierAnnotationsRoutes = new Hono<Env>();

type AnnotationsTab = Awaited<ReturnType<typeof loadAnnotationsTab>>;

function renderAnnotations(
  c: Context<Env>,
  tab: AnnotationsTab,
  typed: Record<string, unknown> = {},
  errors?: Record<string, string>,
) {
  const id = tab.header.id;
  return renderDossierTab(
    c,
    tab.header,
    'annotations',
    'Annotations privées',
    <AnnotationsView
      dossierId={id}
      defs={tab.defs}
      stored={tab.values}
      values={{ ...valuesOf(tab.values), ...typed }}
      csrf={c.get('csrfToken')}
      action={dossierPath(id, 'annotations')}
      errors={errors}
      lastUpdatedAt={tab.header.lastAnnotationUpdatedAt}
      referentials={referentialOptionsFor(tab.defs)}
    />,
    errors ? 422 : 200,
  );
}

dossierAnnotationsRoutes.get('/dossiers/:id/annotations', async (c) => {
  const app = c.get('app');
  const tab = await loadAnnotationsTab(app.db, idOf(c), c.get('user')!.id, app.clock.now());
  await markSeen(c, tab.header, 'annotations');
  return renderAnnotations(c, tab);
});

/** Autosave sends one field at a time (`_only`); the annotations are read by src/web/forms/champs.ts. */
const AnnotationsForm = TabForm.extend({ _only: field.text() });

dossierAnnotationsRoutes.post('/dossiers/:id/annotations', async (c) => {
  const app = c.get('app');
  const id = idOf(c);
  const f = await readForm(c, AnnotationsForm);
  const json = (c.req.header('accept') ?? '').includes('application/json');
  const only = f._only || undefined;
  const current = await loadAnnotationsTab(app.db, id, c.get('user')!.id, app.clock.now());
  // the annotations themselves, read against their definitions
  const read = await readFieldsForm(current.defs, await form(c), current.values);
  return runCommand(
    c,
    saveAnnotations,
    { dossierId: id, raw: read.raw, uploads: read.uploads, only },
    {
      refused: (e) =>
        json
          ? c.json({ ok: false, message: e.message, errors: e.fields ?? {} }, 422)
          : renderAnnotations(c, current, read.raw, e.fields ?? { _: e.message }),
      done: (r) => {
        if (json)
          return c.json({
            ok: true,
            changed: r.changed,
            message: r.changed.length ? 'Enregistré.' : 'Aucune modification.',
          });
        return redirectWithFlash(c, dossierPath(id, 'annotations', listTabOf(c, f.tab)), {
          kind: 'success',
          message: r.changed.length
            ? 'Les annotations privées ont été enregistrées.'
            : 'Aucune annotation n’a été modifiée.',
        });
      },
    },
  );
});
