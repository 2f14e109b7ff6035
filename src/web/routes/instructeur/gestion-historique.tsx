// « Historique des modifications du formulaire » (docs/interface.md §6D): opening it marks the latest
// revision as seen, which takes the badge off the menu.
import { Hono } from 'hono';
import { markRevisionsSeen } from '../../../features/gestion/mark-revisions-seen.ts';
import { loadGestionContext } from '../../../queries/gestion.ts';
import { revisionHistory } from '../../../queries/revision-history.ts';
import type { Env } from '../../context.ts';
import { actorOf } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { RevisionHistoryPage } from '../../views/gestion/history.tsx';

export const gestionHistoriqueRoutes = new Hono<Env>();

gestionHistoriqueRoutes.get('/procedures/:id/gestion/historique', async (c) => {
  const app = c.get('app');
  const ctx = await loadGestionContext(app.db, c.get('user')!.id, c.req.param('id'));
  const revisions = await revisionHistory(app.db, ctx.procedure.id);
  if (ctx.latestPublishedRevisionId && ctx.unseenRevision)
    await markRevisionsSeen(app, actorOf(c), {
      procedureId: ctx.procedure.id,
      revisionId: ctx.latestPublishedRevisionId,
    });
  return page(
    c,
    { title: `Historique des modifications du formulaire — ${ctx.procedure.title}`, nav: 'procedures' },
    <RevisionHistoryPage procedure={ctx.procedure} revisions={revisions} />,
  );
});
