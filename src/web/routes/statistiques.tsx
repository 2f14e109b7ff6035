// The public statistics of a procedure (docs/domain.md §11.2): counts only, published once the
// procedure has enough dossiers; a procedure still in test is not public. The procedure is addressed
// by its public link, as on /commencer: the administrator's slug or its number.
import { Hono } from 'hono';
import { notFound } from '../../domain/errors.ts';
import { procedureStatistics } from '../../queries/statistics.ts';
import { publicProcedureId } from '../../queries/usager-dossiers.ts';
import type { Env } from '../context.ts';
import { page } from '../render.tsx';
import { PublicStatisticsPage } from '../views/gestion/statistics.tsx';

export const statistiquesRoutes = new Hono<Env>();

statistiquesRoutes.get('/statistiques/:slug', async (c) => {
  const app = c.get('app');
  const id = await publicProcedureId(app.db, c.req.param('slug'));
  if (!id) throw notFound('Démarche introuvable.');
  const s = await procedureStatistics(app.db, id, app.clock.now());
  if (s.procedure.state === 'brouillon') throw notFound('Démarche introuvable.');
  return page(c, { title: `Statistiques — ${s.procedure.title}` }, <PublicStatisticsPage s={s} />);
});
