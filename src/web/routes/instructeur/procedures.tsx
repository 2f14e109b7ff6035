// « Démarches »: the instructor's procedures dashboard, its quick access by name, and the order of
// the procedures (buttons without JavaScript, drag and drop with it).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { reorderProcedures } from '../../../features/procedures/reorder-procedures.ts';
import {
  DASHBOARD_TABS,
  matchesProcedure,
  proceduresDashboard,
  type DashboardTab,
} from '../../../queries/procedures-dashboard.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, parseForm } from '../../http/form.ts';
import { refuse, runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { DashboardView } from '../../views/work-list/dashboard.tsx';
import { listHref, proceduresHref } from '../../views/work-list/links.ts';

export const proceduresRoutes = new Hono<Env>();

async function renderDashboard(c: Context<Env>, acces: string | null): Promise<Response> {
  const app = c.get('app');
  const statut = c.req.query('statut') ?? 'en-cours';
  const tab: DashboardTab = (DASHBOARD_TABS as readonly string[]).includes(statut)
    ? (statut as DashboardTab)
    : 'en-cours';
  const dashboard = await proceduresDashboard(app.db, c.get('user')!.id, app.clock.now());
  const q = (acces ?? '').slice(0, 200);
  const matches = acces === null ? null : dashboard.procedures.filter((p) => matchesProcedure(p, q));
  if (matches && matches.length === 1 && q.trim() !== '') return c.redirect(listHref(matches[0].id), 303);
  return page(
    c,
    { title: 'Démarches', nav: 'procedures' },
    <DashboardView
      csrf={c.get('csrfToken')}
      dashboard={dashboard}
      tab={tab}
      reorder={c.req.query('ordre') === '1'}
      acces={q}
      matches={matches}
    />,
  );
}

proceduresRoutes.get('/procedures', (c) => renderDashboard(c, null));
proceduresRoutes.get('/procedures/acces', (c) => renderDashboard(c, c.req.query('q') ?? ''));

const MoveForm = z.object({ procedure_id: field.text(), direction: field.oneOf(['up', 'down'], 'up') });
const SAVED = 'Ordre des démarches enregistré.';

proceduresRoutes.post('/procedures/ordre', async (c) => {
  const back = proceduresHref({ ordre: true });
  if ((c.req.header('content-type') ?? '').includes('application/json')) {
    // drag and drop: the whole order, answered in JSON
    const body = (await c.req.json().catch(() => null)) as { order?: unknown } | null;
    const order = Array.isArray(body?.order) ? body.order.map(String) : [];
    return runCommand(
      c,
      reorderProcedures,
      { order },
      {
        done: () => c.json({ ok: true, message: SAVED }),
        refused: (e) => c.json({ ok: false, message: e.message }, 422),
      },
    );
  }
  const f = await parseForm(c, MoveForm);
  if (!f.ok) return refuse(c, f.error, { back });
  return runCommand(
    c,
    reorderProcedures,
    { procedureId: f.data.procedure_id, direction: f.data.direction },
    { back, done: () => redirectWithFlash(c, back, { kind: 'success', message: SAVED }) },
  );
});
