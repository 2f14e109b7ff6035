// « Labels » of a procedure (docs/interface.md §6B): its administrators create, rename, recolour and
// delete them; each form runs one command.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { assertAdminister } from '../../../domain/permissions.ts';
import { deleteLabel } from '../../../features/labels/delete-label.ts';
import { saveLabel } from '../../../features/labels/save-label.ts';
import { loadAccess } from '../../../queries/access.ts';
import { adminLabels } from '../../../queries/admin-labels.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { AdminLabelsView, type LabelFormState } from '../../views/admin/labels.tsx';

export const adminLabelsRoutes = new Hono<Env>();

async function labelsPage(c: Context<Env>, procedureId: string, form?: LabelFormState) {
  const app = c.get('app');
  assertAdminister(await loadAccess(app.db, c.get('user')!.id), procedureId);
  const data = await adminLabels(app.db, procedureId);
  return page(
    c,
    { title: `Labels — ${data.procedure.title}`, nav: 'admin' },
    <AdminLabelsView data={data} csrf={c.get('csrfToken')} form={form} />,
    form ? 422 : 200,
  );
}

adminLabelsRoutes.get('/procedures/:id{[0-9]+}/labels', (c) => labelsPage(c, c.req.param('id')));

const LabelForm = z.object({ name: field.text(), color: field.text() });

function save(c: Context<Env>, procedureId: string, labelId: string | undefined, f: z.output<typeof LabelForm>) {
  return runCommand(
    c,
    saveLabel,
    { procedureId, labelId, name: f.name, color: f.color },
    {
      handles: ['invalid_input'],
      refused: (e) =>
        labelsPage(c, procedureId, { target: labelId ?? 'new', name: f.name, color: f.color, error: e.message }),
      done: (r) =>
        redirectWithFlash(c, `/admin/procedures/${procedureId}/labels`, {
          kind: 'success',
          message: labelId ? `Le label « ${r.name} » a été enregistré.` : `Le label « ${r.name} » a été ajouté.`,
        }),
    },
  );
}

adminLabelsRoutes.post('/procedures/:id{[0-9]+}/labels', async (c) =>
  save(c, c.req.param('id'), undefined, await readForm(c, LabelForm)),
);

adminLabelsRoutes.post('/procedures/:id{[0-9]+}/labels/:labelId{[0-9]+}', async (c) =>
  save(c, c.req.param('id'), c.req.param('labelId'), await readForm(c, LabelForm)),
);

adminLabelsRoutes.post('/procedures/:id{[0-9]+}/labels/:labelId{[0-9]+}/supprimer', async (c) => {
  const procedureId = c.req.param('id');
  return runCommand(
    c,
    deleteLabel,
    { procedureId, labelId: c.req.param('labelId') },
    {
      back: `/admin/procedures/${procedureId}/labels`,
      done: (r) =>
        redirectWithFlash(c, `/admin/procedures/${procedureId}/labels`, {
          kind: 'success',
          message: `Le label « ${r.name} » a été supprimé${r.dossiers ? ` et retiré de ${r.dossiers === 1 ? '1 dossier' : `${r.dossiers} dossiers`}` : ''}.`,
        }),
    },
  );
});
