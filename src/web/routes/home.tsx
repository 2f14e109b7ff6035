import { Hono } from 'hono';
import type { Env } from '../context.ts';
import { page } from '../render.tsx';

export const homeRoutes = new Hono<Env>();

homeRoutes.get('/', async (c) => {
  const user = c.get('user');
  if (!user) return c.redirect('/connexion', 303);
  if (user.roles.instructeur) return c.redirect('/instructeur/procedures', 303);
  if (user.roles.administrateur) return c.redirect('/admin/procedures', 303);
  if (user.roles.expert) return c.redirect('/expert/avis', 303);
  return c.redirect('/dossiers', 303);
});

homeRoutes.get('/accessibilite', (c) =>
  page(
    c,
    { title: 'Accessibilité' },
    <>
      <h1>Déclaration d'accessibilité</h1>
      <p>
        Guichet vise la conformité au RGAA 4.1. Chaque page est vérifiée automatiquement (axe, WCAG 2.1 A et AA) par la
        suite de tests du navigateur.
      </p>
      <p>État de conformité : partiellement conforme (audit complet non réalisé).</p>
    </>,
  ),
);
