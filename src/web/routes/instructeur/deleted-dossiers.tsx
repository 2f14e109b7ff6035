// « Dossiers supprimés » of a procedure: what remains of the dossiers deleted for good (tombstones).
import { Hono } from 'hono';
import { loadDeletedDossiers } from '../../../queries/deleted-dossiers.ts';
import type { Env } from '../../context.ts';
import { page } from '../../render.tsx';
import { DeletedDossiersView } from '../../views/dossier/deleted-dossiers.tsx';

export const deletedDossiersRoutes = new Hono<Env>();

deletedDossiersRoutes.get('/procedures/:id/dossiers-supprimes', async (c) => {
  const app = c.get('app');
  const raw = c.req.query('page') ?? '1';
  const wanted = /^[0-9]{1,6}$/.test(raw) ? Number(raw) : 1;
  const p = await loadDeletedDossiers(app.db, c.req.param('id'), c.get('user')!.id, wanted);
  if (p.page > p.pageCount)
    return c.redirect(
      `/instructeur/procedures/${p.procedureId}/dossiers-supprimes${p.pageCount > 1 ? `?page=${p.pageCount}` : ''}`,
      302,
    );
  return page(
    c,
    { title: `Dossiers supprimés — ${p.procedureTitle}`, nav: 'procedures' },
    <DeletedDossiersView p={p} />,
  );
});
