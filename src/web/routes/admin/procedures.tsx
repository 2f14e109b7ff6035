// « Mes démarches » of the administrator.
import { Hono } from 'hono';
import { administeredProcedures } from '../../../queries/admin-procedures.ts';
import type { Env } from '../../context.ts';
import { page } from '../../render.tsx';
import { AdminProceduresView } from '../../views/admin/procedures.tsx';

export const adminProceduresRoutes = new Hono<Env>();

adminProceduresRoutes.get('/procedures', async (c) => {
  const rows = await administeredProcedures(c.get('app').db, c.get('user')!.id);
  return page(c, { title: 'Mes démarches', nav: 'admin' }, <AdminProceduresView rows={rows} />);
});
