import { Hono } from 'hono';
import type { Env } from '../../context.ts';
import { requireUser } from '../../middleware.ts';
import { page } from '../../render.tsx';

export const usagerRoutes = new Hono<Env>();
usagerRoutes.use('/dossiers/*', requireUser);
usagerRoutes.use('/dossiers', requireUser);

usagerRoutes.get('/dossiers', (c) => page(c, { title: 'Mes dossiers', nav: 'dossiers' }, <h1>Mes dossiers</h1>));
