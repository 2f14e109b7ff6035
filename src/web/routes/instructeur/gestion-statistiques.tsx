// « Statistiques de la démarche » for its instructors (docs/interface.md §6D); the same figures are public.
import { Hono } from 'hono';
import { loadGestionContext } from '../../../queries/gestion.ts';
import { procedureStatistics } from '../../../queries/statistics.ts';
import type { Env } from '../../context.ts';
import { page } from '../../render.tsx';
import { GestionFrame } from '../../views/gestion/common.tsx';
import { StatisticsContent } from '../../views/gestion/statistics.tsx';

export const gestionStatistiquesRoutes = new Hono<Env>();

gestionStatistiquesRoutes.get('/procedures/:id/gestion/statistiques', async (c) => {
  const app = c.get('app');
  const ctx = await loadGestionContext(app.db, c.get('user')!.id, c.req.param('id'));
  const s = await procedureStatistics(app.db, ctx.procedure.id, app.clock.now());
  return page(
    c,
    { title: `Statistiques de la démarche — ${ctx.procedure.title}`, nav: 'procedures' },
    <GestionFrame
      procedureId={ctx.procedure.id}
      procedureTitle={ctx.procedure.title}
      title="Statistiques de la démarche"
    >
      <p>
        Ces statistiques sont publiques : les usagers les consultent à l'adresse{' '}
        <a href={`/statistiques/${ctx.procedure.id}`}>/statistiques/{ctx.procedure.id}</a>.
      </p>
      <StatisticsContent s={s} />
    </GestionFrame>,
  );
});
