// « Créer une nouvelle démarche »: from scratch or by cloning one of mine (docs/interface.md §A).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { createProcedure } from '../../../features/procedures/create-procedure.ts';
import { administeredProcedures } from '../../../queries/admin-procedures.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { NewProcedureView } from '../../views/admin/procedure.tsx';

export const adminProcedureNewRoutes = new Hono<Env>();

async function newPage(c: Context<Env>, title = '', error: string | null = null) {
  const mine = await administeredProcedures(c.get('app').db, c.get('user')!.id);
  return page(
    c,
    { title: 'Créer une nouvelle démarche', nav: 'admin' },
    <NewProcedureView csrf={c.get('csrfToken')} title={title} error={error} mine={mine} />,
    error ? 422 : 200,
  );
}

adminProcedureNewRoutes.get('/procedures/nouvelle', (c) => newPage(c));

adminProcedureNewRoutes.post('/procedures', async (c) => {
  const { title } = await readForm(c, z.object({ title: field.text() }));
  return runCommand(
    c,
    createProcedure,
    { title },
    {
      refused: (e) => newPage(c, title, e.fields?.title ?? e.message),
      done: (r) =>
        redirectWithFlash(c, `/admin/procedures/${r.id}`, {
          kind: 'success',
          message: 'La démarche a été créée, en test.',
        }),
    },
  );
});

adminProcedureNewRoutes.post('/procedures/:id{[0-9]+}/cloner', (c) =>
  runCommand(
    c,
    createProcedure,
    { cloneFromId: c.req.param('id') },
    {
      back: '/admin/procedures/nouvelle',
      done: (r) =>
        redirectWithFlash(c, `/admin/procedures/${r.id}`, {
          kind: 'success',
          message: 'La démarche a été clonée (sans ses dossiers). Elle est en test.',
        }),
    },
  ),
);
