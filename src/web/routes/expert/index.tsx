// The expert's space, mounted under /expert behind requireRole('expert'): his avis, a dossier of one
// of his avis (read-only), the answer, « Inviter un autre expert », the messagerie when allowed.
// Every request re-reads his non-revoked avis: a revoked expert gets « introuvable » at once.
import { Hono } from 'hono';
import type { Env } from '../../context.ts';
import { requireRole } from '../../middleware.ts';
import { expertAvisRoutes } from './avis.tsx';
import { expertDossierRoutes } from './dossier.tsx';

export const expertRoutes = new Hono<Env>();
expertRoutes.use('*', requireRole('expert'));

expertRoutes.route('/', expertAvisRoutes);
expertRoutes.route('/', expertDossierRoutes);
