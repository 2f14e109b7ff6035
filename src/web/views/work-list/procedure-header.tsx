// The procedure's title and its menu (docs/interface.md §2A « Menu »): « Suivi des dossiers », « Gestion de la
// démarche », « Accompagnement des usagers », « Téléchargements ». Only the entries whose pages
// exist are shown (no dead links): a new page adds its entry to PROCEDURE_MENU.
import type { FC } from 'hono/jsx';
import { listHref } from './links.ts';
import { Breadcrumb } from '../breadcrumb.tsx';

export interface ProcedureMenuEntry {
  key: 'suivi' | 'gestion' | 'accompagnement' | 'telechargements';
  label: string;
  href: (procedureId: string) => string;
  /** shown only when the page exists (and, for administration, to its administrators) */
  available: (ctx: { procedureId: string; isAdmin: boolean }) => boolean;
}

export const PROCEDURE_MENU: ProcedureMenuEntry[] = [
  { key: 'suivi', label: 'Suivi des dossiers', href: (id) => listHref(id), available: () => true },
  {
    key: 'gestion',
    label: 'Gestion de la démarche',
    href: (id) => `/instructeur/procedures/${id}/gestion`,
    available: () => true,
  },
  {
    key: 'accompagnement',
    label: 'Accompagnement des usagers',
    href: (id) => `/instructeur/procedures/${id}/accompagnement`,
    available: () => true,
  },
  {
    key: 'telechargements',
    label: 'Téléchargements',
    href: (id) => `/instructeur/procedures/${id}/telechargements`,
    available: () => true,
  },
];

export const ProcedureHeader: FC<{
  procedureId: string;
  title: string;
  closed: boolean;
  inTest: boolean;
  current: ProcedureMenuEntry['key'];
  isAdmin?: boolean;
  /** a form change the instructor has not looked at: a badge on « Gestion de la démarche » (docs/domain.md §11.3) */
  unseenRevision?: boolean;
}> = (p) => {
  const badge = (e: ProcedureMenuEntry) =>
    e.key === 'gestion' && p.unseenRevision ? (
      <>
        {' '}
        <span class="fr-badge fr-badge--new fr-badge--sm fr-ml-1v">Nouvelle modification du formulaire</span>
      </>
    ) : null;
  const entries = PROCEDURE_MENU.filter((e) => e.available({ procedureId: p.procedureId, isAdmin: !!p.isAdmin }));
  return (
    <div class="fr-mb-3w">
      <Breadcrumb
        class="fr-mb-1w"
        items={[{ label: 'Démarches', href: '/instructeur/procedures' }, { label: p.title }]}
      />
      <h1 class="fr-h3 fr-mb-1w">{p.title}</h1>
      <p class="fr-text--sm fr-mb-1w">
        Démarche nº {p.procedureId}
        {p.closed ? ' · close (les dossiers restent à instruire ; aucun nouveau dépôt)' : ''}
        {p.inTest ? ' · en test (non publiée)' : ''}
      </p>
      {entries.length > 1 ? (
        <nav class="fr-nav" aria-label={`Menu de la démarche ${p.title}`}>
          <ul class="fr-nav__list">
            {entries.map((e) => (
              <li class="fr-nav__item">
                <a
                  class="fr-nav__link"
                  href={e.href(p.procedureId)}
                  aria-current={e.key === p.current ? 'page' : undefined}
                >
                  {e.label}
                  {badge(e)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : (
        <nav aria-label={`Menu de la démarche ${p.title}`}>
          <ul class="fr-links-group fr-links-group--inline" style="list-style: none; padding-left: 0">
            {entries.map((e) => (
              <li>
                <a
                  class="fr-link fr-icon-folder-2-line fr-link--icon-left"
                  href={e.href(p.procedureId)}
                  aria-current={e.key === p.current ? 'page' : undefined}
                >
                  {e.label}
                  {badge(e)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
};
