// The dossier page's first tabs: « Demande » (the usager's form, opened from the work list) and
// « Pièces justificatives » (« Avis externes » is dossier-avis.tsx).
import { Hono } from 'hono';
import { loadDemandeTab, loadPiecesTab } from '../../../queries/dossier-page.ts';
import type { Env } from '../../context.ts';
import { DemandeView } from '../../views/dossier/demande.tsx';
import { dossierPath } from '../../views/dossier/links.ts';
import { PiecesView } from '../../views/dossier/pieces.tsx';
import { idOf, listTabOf, markSeen, renderDossierTab } from './dossier-context.tsx';

export const dossierDemandeRoutes = new Hono<Env>();

// The work list links to /instructeur/procedures/:pid/dossiers/:id?statut=…: same page.
dossierDemandeRoutes.get('/procedures/:pid/dossiers/:id', (c) => {
  const id = idOf(c);
  const tab = listTabOf(c);
  return c.redirect(dossierPath(id, '', tab), 302);
});

dossierDemandeRoutes.get('/dossiers/:id', async (c) => {
  const app = c.get('app');
  const tab = await loadDemandeTab(app.db, idOf(c), c.get('user')!.id, app.clock.now());
  await markSeen(c, tab.header, 'demande');
  return renderDossierTab(c, tab.header, 'demande', 'Demande', <DemandeView tab={tab} />);
});

dossierDemandeRoutes.get('/dossiers/:id/pieces-justificatives', async (c) => {
  const app = c.get('app');
  const tab = await loadPiecesTab(app.db, idOf(c), c.get('user')!.id, app.clock.now());
  return renderDossierTab(c, tab.header, 'pieces-justificatives', 'Pièces justificatives', <PiecesView tab={tab} />);
});
