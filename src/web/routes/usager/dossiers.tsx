// « Mes dossiers »: the usager's dossiers.
import { Hono } from 'hono';
import { listUsagerDossiers } from '../../../queries/dossier-page.ts';
import type { Env } from '../../context.ts';
import { page } from '../../render.tsx';
import { UsagerDossierList } from '../../views/dossier/usager.tsx';

export const usagerDossiersRoutes = new Hono<Env>();

usagerDossiersRoutes.get('/dossiers', async (c) => {
  const dossiers = await listUsagerDossiers(c.get('app').db, c.get('user')!.id);
  return page(c, { title: 'Mes dossiers', nav: 'dossiers' }, <UsagerDossierList dossiers={dossiers} />);
});
