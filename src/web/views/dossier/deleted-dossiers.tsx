// « Dossiers supprimés » of a procedure: the tombstones of purged dossiers, 25 per page.
import type { FC } from 'hono/jsx';
import { deletionReasonLabel } from '../../../domain/deletion.ts';
import { STATE_LABELS, type DossierState } from '../../../domain/dossier-state.ts';
import type { DeletedDossiersPage } from '../../../queries/deleted-dossiers.ts';
import { listHref } from '../work-list/links.ts';
import { deletedDossiersPath } from './deleted-link.tsx';
import { frDate, isoOf } from './format.ts';
import { SimpleTable } from './personnes.tsx';
import { Breadcrumb } from '../breadcrumb.tsx';

const Pagination: FC<{ p: DeletedDossiersPage }> = ({ p }) => {
  if (p.pageCount <= 1) return null;
  const pages = [...new Set([1, p.page - 1, p.page, p.page + 1, p.pageCount])]
    .filter((n) => n >= 1 && n <= p.pageCount)
    .sort((a, b) => a - b);
  return (
    <nav role="navigation" class="fr-pagination" aria-label="Pagination des dossiers supprimés">
      <ul class="fr-pagination__list">
        <li>
          {p.page > 1 ? (
            <a
              class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label"
              href={deletedDossiersPath(p.procedureId, p.page - 1)}
            >
              Page précédente
            </a>
          ) : (
            <a
              class="fr-pagination__link fr-pagination__link--prev fr-pagination__link--lg-label"
              aria-disabled="true"
              role="link"
            >
              Page précédente
            </a>
          )}
        </li>
        {pages.map((n) => (
          <li>
            <a
              class="fr-pagination__link"
              href={deletedDossiersPath(p.procedureId, n)}
              aria-current={n === p.page ? 'page' : undefined}
              title={`Page ${n}`}
            >
              {n}
            </a>
          </li>
        ))}
        <li>
          {p.page < p.pageCount ? (
            <a
              class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
              href={deletedDossiersPath(p.procedureId, p.page + 1)}
            >
              Page suivante
            </a>
          ) : (
            <a
              class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label"
              aria-disabled="true"
              role="link"
            >
              Page suivante
            </a>
          )}
        </li>
      </ul>
    </nav>
  );
};

export const DeletedDossiersView: FC<{ p: DeletedDossiersPage }> = ({ p }) => (
  <>
    <Breadcrumb
      class="fr-mt-0 fr-mb-2w"
      items={[
        { label: 'Démarches', href: '/instructeur/procedures' },
        { label: p.procedureTitle, href: listHref(p.procedureId, { tab: 'supprimes' }) },
        { label: 'Dossiers supprimés' },
      ]}
    />
    <h1 class="fr-h3">Dossiers supprimés définitivement</h1>
    <p>
      Les dossiers supprimés définitivement (après 14 jours dans la corbeille) ne sont plus consultables. Il en reste la
      trace ci-dessous : numéro, état au moment de la suppression, date de dépôt, date et motif de la suppression.
    </p>
    {p.total === 0 ? (
      <p>Aucun dossier de cette démarche n'a été supprimé définitivement.</p>
    ) : (
      <>
        <p class="fr-text--sm">
          {p.total} dossier{p.total > 1 ? 's' : ''} supprimé{p.total > 1 ? 's' : ''}
          {p.pageCount > 1 ? ` — page ${p.page} sur ${p.pageCount}` : ''}
        </p>
        <SimpleTable
          caption="Dossiers supprimés définitivement"
          head={['Nº', 'État', 'Groupe', 'Déposé le', 'Supprimé le', 'Motif']}
          rows={p.items.map((x) => [
            `Dossier nº ${x.dossierId}`,
            STATE_LABELS[x.state as DossierState] ?? x.state,
            x.groupeLabel ?? '—',
            x.deposeAt ? <time datetime={isoOf(x.deposeAt)}>{frDate(x.deposeAt)}</time> : '—',
            <time datetime={isoOf(x.deletedAt)}>{frDate(x.deletedAt)}</time>,
            deletionReasonLabel(x.reason),
          ])}
        />
        <Pagination p={p} />
      </>
    )}
  </>
);
