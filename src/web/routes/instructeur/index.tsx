// The instructor's pages, one file per page or dossier tab, mounted here under /instructeur behind
// requireRole('instructeur'). Reads go through src/queries, writes through the commands of
// src/features; user input never reaches SQL except as parameters, and bad input gets a French
// message, never a 500.
import { Hono, type MiddlewareHandler } from 'hono';
import { notFound } from '../../../domain/errors.ts';
import type { Env } from '../../context.ts';
import { requireRole } from '../../middleware.ts';
import { columnsRoutes } from './columns.tsx';
import { deletedDossiersRoutes } from './deleted-dossiers.tsx';
import { dossierActionsRoutes } from './dossier-actions.tsx';
import { dossierAnnotationsRoutes } from './dossier-annotations.tsx';
import { dossierAttestationRoutes } from './dossier-attestation.tsx';
import { dossierAvisRoutes } from './dossier-avis.tsx';
import { dossierDemandeRoutes } from './dossier-demande.tsx';
import { dossierFollowRoutes } from './dossier-follow.tsx';
import { dossierMessagerieRoutes } from './dossier-messagerie.tsx';
import { dossierPdfRoutes } from './dossier-pdf.tsx';
import { dossierPersonnesRoutes } from './dossier-personnes.tsx';
import { dossierReaffectationRoutes } from './dossier-reaffectation.tsx';
import { dossierRendezVousRoutes } from './dossier-rendez-vous.tsx';
import { filtersRoutes } from './filters.tsx';
import { listRoutes } from './list.tsx';
import { proceduresRoutes } from './procedures.tsx';
import { searchRoutes } from './search.tsx';
import { bulkRoutes } from './bulk.tsx';
import { gestionMenuRoutes } from './gestion-menu.tsx';
import { gestionNotificationsRoutes } from './gestion-notifications.tsx';
import { gestionInstructeursRoutes } from './gestion-instructeurs.tsx';
import { gestionStatistiquesRoutes } from './gestion-statistiques.tsx';
import { gestionHistoriqueRoutes } from './gestion-historique.tsx';
import { gestionAccompagnementRoutes } from './gestion-accompagnement.tsx';
import { exportTemplatesRoutes } from './export-templates.tsx';
import { exportsRoutes } from './exports.tsx';

export const instructeurRoutes = new Hono<Env>();
instructeurRoutes.use('*', requireRole('instructeur'));
// A procedure id is a number: anything else is a page that does not exist (and never reaches a
// Location header or a query).
// (`ordre` and `acces` are the dashboard's own pages under /procedures/.)
const DASHBOARD_PAGES = ['ordre', 'acces'];
const procedureIdGuard: MiddlewareHandler<Env> = async (c, next) => {
  const id = c.req.param('id') ?? '';
  if (!DASHBOARD_PAGES.includes(id) && !/^[0-9]{1,18}$/.test(id)) throw notFound('Démarche introuvable.');
  return next();
};
instructeurRoutes.use('/procedures/:id', procedureIdGuard);
instructeurRoutes.use('/procedures/:id/*', procedureIdGuard);

// The procedures and their dossier lists (the dashboard's own pages before `/procedures/:id`).
instructeurRoutes.route('/', proceduresRoutes);
instructeurRoutes.route('/', listRoutes);
instructeurRoutes.route('/', columnsRoutes);
instructeurRoutes.route('/', filtersRoutes);
instructeurRoutes.route('/', searchRoutes);
instructeurRoutes.route('/', deletedDossiersRoutes);
// The dossier page, tab by tab.
instructeurRoutes.route('/', dossierPersonnesRoutes);
instructeurRoutes.route('/', dossierReaffectationRoutes);
instructeurRoutes.route('/', dossierRendezVousRoutes);
instructeurRoutes.route('/', dossierPdfRoutes);
instructeurRoutes.route('/', dossierDemandeRoutes);
instructeurRoutes.route('/', dossierAnnotationsRoutes);
instructeurRoutes.route('/', dossierMessagerieRoutes);
instructeurRoutes.route('/', dossierFollowRoutes);
instructeurRoutes.route('/', dossierActionsRoutes);
instructeurRoutes.route('/', dossierAttestationRoutes);
instructeurRoutes.route('/', dossierAvisRoutes);
// « Instruction en masse » (docs/interface.md §4).
instructeurRoutes.route('/', bulkRoutes);
// « Gestion de la démarche » (docs/interface.md §6).
instructeurRoutes.route('/', gestionMenuRoutes);
instructeurRoutes.route('/', gestionNotificationsRoutes);
instructeurRoutes.route('/', gestionInstructeursRoutes);
instructeurRoutes.route('/', gestionStatistiquesRoutes);
instructeurRoutes.route('/', gestionHistoriqueRoutes);
instructeurRoutes.route('/', gestionAccompagnementRoutes);
// Exports: « Télécharger les dossiers », « Mes téléchargements ».
instructeurRoutes.route('/', exportsRoutes);
// « Modèles d'export ».
instructeurRoutes.route('/', exportTemplatesRoutes);
