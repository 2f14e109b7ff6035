import { Hono } from 'hono';
import type { Env } from '../../context.ts';
import { requireRole } from '../../middleware.ts';
import { page } from '../../render.tsx';

export const instructeurRoutes = new Hono<Env>();
instructeurRoutes.use('*', requireRole('instructeur'));

instructeurRoutes.get('/procedures', (c) => page(c, { title: 'Démarches', nav: 'procedures' }, <h1>Démarches</h1>));
