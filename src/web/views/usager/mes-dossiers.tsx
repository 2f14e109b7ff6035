// « Mes dossiers » (docs/interface.md §7): brouillons, en cours and traités, each with its state and
// what can be done with it (a brouillon is resumed or deleted).
import type { Child, FC } from 'hono/jsx';
import { isTermine } from '../../../domain/dossier-state.ts';
import type { MesDossiersItem } from '../../../queries/usager-dossiers.ts';
import { Table } from '../components/table.tsx';
import { frDate } from '../dossier/format.ts';
import { TestDossierBadge } from '../components/test-badge.tsx';
import { DossierStateBadge } from '../dossier/layout.tsx';
import { usagerDossierPath } from '../dossier/links.ts';
import { Csrf } from '../form.tsx';
import { brouillonPath } from './links.ts';

export type MesDossiersTab = 'brouillons' | 'en-cours' | 'traites';
export const TAB_LABELS: Record<MesDossiersTab, string> = {
  brouillons: 'Brouillons',
  'en-cours': 'En cours',
  traites: 'Traités',
};

export function tabOf(d: Pick<MesDossiersItem, 'state'>): MesDossiersTab {
  return d.state === 'brouillon' ? 'brouillons' : isTermine(d.state) ? 'traites' : 'en-cours';
}

export const MesDossiersTable: FC<{ dossiers: MesDossiersItem[]; showProcedure: boolean; csrf: string }> = ({
  dossiers,
  showProcedure,
  csrf,
}) => (
  <Table modifiers="fr-table--no-caption" caption="Mes dossiers">
    <thead>
      <tr>
        <th scope="col">Nº</th>
        {showProcedure ? <th scope="col">Démarche</th> : null}
        <th scope="col">État</th>
        <th scope="col">Déposé le</th>
        <th scope="col">Dernière modification</th>
        <th scope="col">Actions</th>
      </tr>
    </thead>
    <tbody>
      {dossiers.map((d) => (
        <tr>
          <td>
            <a class="fr-link" href={d.state === 'brouillon' ? brouillonPath(d.id) : usagerDossierPath(d.id)}>
              Dossier nº {d.id}
            </a>
          </td>
          {showProcedure ? <td>{d.procedureTitle}</td> : null}
          <td>
            <ul class="fr-badges-group">
              <li>
                <DossierStateBadge state={d.state} />
              </li>
              {d.isTest ? (
                <li>
                  <TestDossierBadge small />
                </li>
              ) : null}
              {d.owner ? null : (
                <li>
                  <p class="fr-badge fr-badge--sm fr-badge--info fr-badge--no-icon">invité</p>
                </li>
              )}
              {d.pendingCorrection ? (
                <li>
                  <p class="fr-badge fr-badge--sm fr-badge--warning">correction demandée</p>
                </li>
              ) : null}
              {d.unread ? (
                <li>
                  <p class="fr-badge fr-badge--sm fr-badge--new fr-badge--no-icon">
                    {d.unread} message{d.unread > 1 ? 's' : ''} non lu{d.unread > 1 ? 's' : ''}
                  </p>
                </li>
              ) : null}
            </ul>
          </td>
          <td>{d.deposeAt ? frDate(d.deposeAt) : '—'}</td>
          <td>{frDate(d.updatedAt)}</td>
          <td>
            {d.state === 'brouillon' ? (
              <ul class="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
                <li>
                  <a class="fr-btn fr-btn--sm" href={brouillonPath(d.id)}>
                    Reprendre<span class="fr-sr-only"> le brouillon nº {d.id}</span>
                  </a>
                </li>
                {d.owner ? (
                  <li>
                    <form method="post" action={brouillonPath(d.id, 'supprimer')}>
                      <Csrf token={csrf} />
                      <button
                        class="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-delete-line fr-btn--icon-left"
                        type="submit"
                      >
                        Supprimer<span class="fr-sr-only"> le brouillon nº {d.id}</span>
                      </button>
                    </form>
                  </li>
                ) : null}
              </ul>
            ) : (
              <a class="fr-link fr-link--sm" href={usagerDossierPath(d.id)}>
                Voir<span class="fr-sr-only"> le dossier nº {d.id}</span>
              </a>
            )}
          </td>
        </tr>
      ))}
    </tbody>
  </Table>
);

export const MesDossiersPage: FC<{
  dossiers: MesDossiersItem[];
  tab: MesDossiersTab;
  csrf: string;
  /** the dossiers offered to this account */
  incoming?: Child;
}> = ({ dossiers, tab, csrf, incoming }) => {
  const counts = { brouillons: 0, 'en-cours': 0, traites: 0 } as Record<MesDossiersTab, number>;
  for (const d of dossiers) counts[tabOf(d)]++;
  const shown = dossiers.filter((d) => tabOf(d) === tab);
  return (
    <>
      <h1>Mes dossiers</h1>
      {incoming ?? null}
      <nav class="fr-mb-3w" aria-label="Mes dossiers par état">
        <ul class="fr-tags-group">
          {(Object.keys(TAB_LABELS) as MesDossiersTab[]).map((t) => (
            <li>
              <a class="fr-tag" href={`/dossiers?statut=${t}`} aria-current={t === tab ? 'page' : undefined}>
                {TAB_LABELS[t]} ({counts[t]})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {shown.length === 0 ? (
        <p>
          {tab === 'brouillons'
            ? "Vous n'avez aucun brouillon."
            : tab === 'en-cours'
              ? "Vous n'avez aucun dossier en cours."
              : "Vous n'avez aucun dossier traité."}
        </p>
      ) : (
        <MesDossiersTable dossiers={shown} showProcedure csrf={csrf} />
      )}
      <p class="fr-mt-4w">
        <a class="fr-link fr-icon-account-line fr-link--icon-left" href="/compte">
          Mon compte
        </a>
      </p>
    </>
  );
};
