// A démarche's public link /commencer/<id>[-<words>] (docs/interface.md §7): its page for anyone,
// and « Commencer la démarche » (a new brouillon) for a signed-in usager; while the démarche is en test,
// for its administrators and instructors only, who file test dossiers (docs/domain.md §1.1).
import { Hono } from 'hono';
import { createBrouillon } from '../../../features/dossiers/create-brouillon.ts';
import { dossierStartFor, listMesDossiers, loadPublicProcedure } from '../../../queries/usager-dossiers.ts';
import type { Env } from '../../context.ts';
import { runCommand } from '../../http/run-command.ts';
import { requireUser } from '../../middleware.ts';
import { page } from '../../render.tsx';
import { CommencerPage, CommencerUnavailable } from '../../views/usager/commencer.tsx';
import { brouillonPath, commencerPath } from '../../views/usager/links.ts';

export const commencerRoutes = new Hono<Env>();

commencerRoutes.get('/commencer/:slug', async (c) => {
  const app = c.get('app');
  const p = await loadPublicProcedure(app.db, c.req.param('slug'), app.clock.now());
  const user = c.get('user');
  const start = p ? await dossierStartFor(app.db, p, user?.id ?? null) : null;
  if (!p || !start?.ok)
    return page(
      c,
      { title: p?.title ?? 'Démarche introuvable' },
      <CommencerUnavailable p={p} path={p ? commencerPath(p) : ''} signedIn={!!user} />,
      p ? 200 : 404,
    );
  const dossiers = user ? await listMesDossiers(app.db, user.id, p.id) : [];
  return page(
    c,
    { title: p.title },
    <CommencerPage
      p={p}
      path={commencerPath(p)}
      csrf={c.get('csrfToken')}
      signedIn={!!user}
      dossiers={dossiers}
      test={start.test}
    />,
  );
});

commencerRoutes.post('/commencer/:slug', requireUser, async (c) => {
  const p = await loadPublicProcedure(c.get('app').db, c.req.param('slug'), c.get('app').clock.now());
  if (!p) return page(c, { title: 'Démarche introuvable' }, <CommencerUnavailable p={null} />, 404);
  return runCommand(
    c,
    createBrouillon,
    { procedureId: p.id },
    {
      refused: () => page(c, { title: p.title }, <CommencerUnavailable p={p} path={commencerPath(p)} signedIn />, 422),
      done: ({ dossierId }) => c.redirect(brouillonPath(dossierId), 303),
    },
  );
});
