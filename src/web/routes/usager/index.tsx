// The usager's pages (« Mes dossiers », his dossier, its edit form, a démarche's public link, the
// brouillon, his account) and the file route shared by every role, one file each, mounted at the
// root; the dossiers' pages behind requireUser.
import { Hono } from 'hono';
import type { Env } from '../../context.ts';
import { requireUser } from '../../middleware.ts';
import { usagerDossierRoutes } from './dossier.tsx';
import { usagerDossiersRoutes } from './dossiers.tsx';
import { fichiersRoutes } from './fichiers.tsx';
import { usagerModifierRoutes } from './modifier.tsx';
import { brouillonRoutes } from './brouillon.tsx';
import { commencerRoutes } from './commencer.tsx';
import { compteRoutes } from './compte.tsx';
import { coEditeursRoutes } from './co-editeurs.tsx';
import { transfertRoutes } from './transfert.tsx';

export const usagerRoutes = new Hono<Env>();
usagerRoutes.use('/dossiers/*', requireUser);
usagerRoutes.use('/dossiers', requireUser);
usagerRoutes.use('/fichiers/*', requireUser);

usagerRoutes.route('/', usagerDossiersRoutes);
usagerRoutes.route('/', usagerDossierRoutes);
usagerRoutes.route('/', usagerModifierRoutes);
usagerRoutes.route('/', fichiersRoutes);
usagerRoutes.route('/', brouillonRoutes);
usagerRoutes.route('/', commencerRoutes);
usagerRoutes.route('/', compteRoutes);
usagerRoutes.route('/', coEditeursRoutes);
usagerRoutes.route('/', transfertRoutes);
