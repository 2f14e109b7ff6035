// Administrator pages needed by the foundation, one file per page, mounted under /admin behind
// requireRole('administrateur'). The full administration side comes later.
import { Hono } from 'hono';
import type { Env } from '../../context.ts';
import { requireRole } from '../../middleware.ts';
import { adminGroupesRoutes } from './groupes.tsx';
import { adminProceduresRoutes } from './procedures.tsx';
import { adminLabelsRoutes } from './labels.tsx';

export const adminRoutes = new Hono<Env>();
adminRoutes.use('*', requireRole('administrateur'));

adminRoutes.route('/', adminProceduresRoutes);
adminRoutes.route('/', adminGroupesRoutes);
adminRoutes.route('/', adminLabelsRoutes);
