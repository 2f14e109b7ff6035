// The frame of the « Gestion de la démarche » pages (docs/interface.md §6D): breadcrumb, title, and
// the links between them.
import type { Child, FC } from 'hono/jsx';
import { Breadcrumb } from '../breadcrumb.tsx';
import { listHref } from '../work-list/links.ts';

export const gestionHref = (procedureId: string, page?: string) =>
  `/instructeur/procedures/${procedureId}/gestion${page ? `/${page}` : ''}`;

export const GestionFrame: FC<{
  procedureId: string;
  procedureTitle: string;
  /** the page's title; absent on the menu itself */
  title?: string;
  children?: Child;
}> = ({ procedureId, procedureTitle, title, children }) => (
  <div>
    <Breadcrumb
      items={[
        { label: 'Démarches', href: '/instructeur/procedures' },
        { label: procedureTitle, href: listHref(procedureId) },
        ...(title
          ? [{ label: 'Gestion de la démarche', href: gestionHref(procedureId) }, { label: title }]
          : [{ label: 'Gestion de la démarche' }]),
      ]}
    />
    <h1 class="fr-h3">{title ?? 'Gestion de la démarche'}</h1>
    <p class="fr-text--sm">
      Démarche nº {procedureId} · {procedureTitle}
    </p>
    {children}
  </div>
);

/** The entries of the menu that exist, with an optional badge (e.g. an unseen change of the form). */
export interface GestionEntry {
  label: string;
  href: string;
  description: string;
  badge?: string;
}

export const GestionMenu: FC<{ procedureId: string; procedureTitle: string; entries: GestionEntry[] }> = (p) => (
  <GestionFrame procedureId={p.procedureId} procedureTitle={p.procedureTitle}>
    <ul class="fr-grid-row fr-grid-row--gutters" style="list-style:none;padding-left:0">
      {p.entries.map((e) => (
        <li class="fr-col-12 fr-col-md-6">
          <div class="fr-tile fr-enlarge-link">
            <div class="fr-tile__body">
              <div class="fr-tile__content">
                <h2 class="fr-tile__title">
                  <a href={e.href}>{e.label}</a>
                </h2>
                <p class="fr-tile__desc">{e.description}</p>
                {e.badge ? <p class="fr-badge fr-badge--new fr-badge--sm">{e.badge}</p> : null}
              </div>
            </div>
          </div>
        </li>
      ))}
    </ul>
  </GestionFrame>
);
