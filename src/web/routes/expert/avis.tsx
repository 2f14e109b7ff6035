// « Avis »: the expert's avis by procedure, « à donner » and « donnés »; the e-mail's link to one avis.
import { Hono } from 'hono';
import { notFound } from '../../../domain/errors.ts';
import { dossierOfMyAvis, loadExpertAvisList } from '../../../queries/avis.ts';
import type { Env } from '../../context.ts';
import { page } from '../../render.tsx';
import { ExpertAvisListView, expertDossierPath } from '../../views/expert/avis.tsx';

export const expertAvisRoutes = new Hono<Env>();

expertAvisRoutes.get('/avis', async (c) => {
  const procedures = await loadExpertAvisList(c.get('app').db, c.get('user')!.id);
  return page(c, { title: 'Avis', nav: 'expert' }, <ExpertAvisListView procedures={procedures} />);
});

expertAvisRoutes.get('/avis/:avisId', async (c) => {
  const dossierId = await dossierOfMyAvis(c.get('app').db, c.req.param('avisId'), c.get('user')!.id);
  if (!dossierId) throw notFound('Avis introuvable.');
  return c.redirect(expertDossierPath(dossierId), 303);
});
