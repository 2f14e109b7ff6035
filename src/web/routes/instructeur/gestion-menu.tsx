// « Gestion de la démarche » (docs/interface.md §6D): the menu of the procedure's settings pages an
// instructor uses, each its own page.
import { Hono } from 'hono';
import { loadGestionContext } from '../../../queries/gestion.ts';
import type { Env } from '../../context.ts';
import { page } from '../../render.tsx';
import { gestionHref, GestionMenu, type GestionEntry } from '../../views/gestion/common.tsx';
import { deletedDossiersPath } from '../../views/dossier/deleted-link.tsx';

export const gestionMenuRoutes = new Hono<Env>();

gestionMenuRoutes.get('/procedures/:id/gestion', async (c) => {
  const ctx = await loadGestionContext(c.get('app').db, c.get('user')!.id, c.req.param('id'));
  const id = ctx.procedure.id;
  const entries: GestionEntry[] = [
    {
      label: 'Historique des modifications du formulaire',
      href: gestionHref(id, 'historique'),
      description: 'Les changements apportés au formulaire à chaque publication.',
      badge: ctx.unseenRevision ? 'Nouvelle modification' : undefined,
    },
    {
      label: 'Gestion des notifications par e-mail',
      href: gestionHref(id, 'notifications'),
      description: 'Les e-mails que vous recevez pour cette démarche : dépôts, messages, récapitulatifs, avis.',
    },
    {
      label: 'Gestion des badges de notification',
      href: gestionHref(id, 'badges'),
      description: 'Les événements signalés par un badge sur les dossiers : tous les dossiers, suivis, jamais.',
    },
    {
      label: 'Gestion des instructeurs',
      href: gestionHref(id, 'instructeurs'),
      description: ctx.procedure.selfManagement
        ? 'Ajouter ou retirer des instructeurs de vos groupes, et leurs informations de contact.'
        : 'Vos groupes, leurs instructeurs et leurs informations de contact.',
    },
    {
      label: 'Administrateurs de la démarche',
      href: gestionHref(id, 'administrateurs'),
      description: 'Les personnes en charge de la démarche, pour leur transmettre vos demandes.',
    },
    {
      label: 'Statistiques de la démarche',
      href: gestionHref(id, 'statistiques'),
      description: "Temps de traitement usuel, avancée des dossiers, taux d'acceptation, répartition par semaine.",
    },
    {
      label: 'Historique des dossiers supprimés',
      href: deletedDossiersPath(id),
      description: 'Les dossiers de la démarche supprimés définitivement.',
    },
  ];
  return page(
    c,
    { title: `Gestion de la démarche — ${ctx.procedure.title}`, nav: 'procedures' },
    <GestionMenu procedureId={id} procedureTitle={ctx.procedure.title} entries={entries} />,
  );
});
