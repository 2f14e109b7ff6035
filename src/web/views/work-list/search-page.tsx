// Global search results (docs/interface.md §2A « rechercher directement un dossier par son numéro ou un mot-clé »).
import type { FC } from 'hono/jsx';
import type { SearchResult } from '../../../queries/search.ts';
import { frNumber, InstructorSearchBar, Notice, Pagination, StateBadge } from './common.tsx';
import { dossierHref, searchHref } from './links.ts';
import { Table } from '../components/table.tsx';

const dateFmt = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

export const SearchPage: FC<{ q: string; result: SearchResult; error?: string | null }> = ({ q, result, error }) => (
  <>
    <InstructorSearchBar q={q} />
    <h1 class="fr-h3">Résultats de la recherche{q ? ` « ${q} »` : ''}</h1>
    {error ? <Notice kind="error" messages={[error]} /> : null}
    {q.trim() === '' ? (
      <p>Saisissez un numéro de dossier ou des mots-clés (nom, e-mail, contenu du dossier, annotations).</p>
    ) : result.total === 0 ? (
      <p>Aucun dossier ne correspond à votre recherche parmi les dossiers que vous instruisez.</p>
    ) : (
      <>
        <p>
          {result.more
            ? `Plus de ${frNumber(result.total)} dossiers trouvés : les ${frNumber(result.total)} plus récemment modifiés sont classés par pertinence. Ajoutez des mots pour préciser la recherche.`
            : `${frNumber(result.total)} dossier${result.total > 1 ? 's' : ''} trouvé${result.total > 1 ? 's' : ''}.`}
        </p>
        <Table modifiers="fr-table--sm" caption="Dossiers trouvés, les plus pertinents d'abord">
          <thead>
            <tr>
              <th scope="col">Nº dossier</th>
              <th scope="col">Démarche</th>
              <th scope="col">Demandeur</th>
              <th scope="col">Déposé le</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {result.hits.map((h) => (
              <tr>
                <th scope="row">
                  <a class="fr-link" href={dossierHref(h.procedureId, h.id)}>
                    Nº {h.id}
                  </a>
                </th>
                <td>{h.procedureTitle}</td>
                <td>
                  {[h.prenom, h.nom].filter(Boolean).join(' ')}
                  {h.prenom || h.nom ? <br /> : null}
                  {h.userEmail}
                </td>
                <td>{h.deposeAt ? dateFmt.format(h.deposeAt) : ''}</td>
                <td>
                  <StateBadge state={h.state} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
        <Pagination page={result.page} pageCount={result.pageCount} href={(n) => searchHref(q, n)} />
      </>
    )}
  </>
);
