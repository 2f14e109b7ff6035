// The procedures page (docs/interface.md §2A): tabs en cours / en test / terminées, each procedure with its
// counters and badge summary, « Accès direct », « Personnaliser l'ordre » (drag and drop with
// JavaScript; « Monter » / « Descendre » buttons, plain forms, always).
import type { FC } from 'hono/jsx';
import type { Dashboard, DashboardProcedure, DashboardTab } from '../../../queries/procedures-dashboard.ts';
import { DASHBOARD_TAB_LABELS, DASHBOARD_TABS } from '../../../queries/procedures-dashboard.ts';
import { Csrf } from '../form.tsx';
import { frNumber, InstructorSearchBar, NotificationBadge } from './common.tsx';
import { listHref, proceduresHref } from './links.ts';

export interface DashboardViewProps {
  csrf: string;
  dashboard: Dashboard;
  tab: DashboardTab;
  reorder: boolean;
  acces: string;
  /** procedures matching « Accès direct » (null when no query) */
  matches: DashboardProcedure[] | null;
}

const Counters: FC<{ p: DashboardProcedure }> = ({ p }) => (
  <ul class="fr-grid-row fr-mb-0" style="list-style: none; padding-left: 0; gap: 1.5rem">
    {[
      ['à suivre', p.counts.aSuivre, 'a-suivre'],
      ['suivis par moi', p.counts.suivis, 'suivis'],
      ['traités', p.counts.traites, 'traites'],
      ['au total', p.counts.total, 'tous'],
    ].map(([label, n, tab]) => (
      <li>
        <a class="fr-link" href={listHref(p.id, { tab: tab as any })}>
          <strong>{frNumber(n as number)}</strong> {label}
        </a>
      </li>
    ))}
  </ul>
);

const ProcedureItem: FC<{ p: DashboardProcedure }> = ({ p }) => (
  <li class="fr-mb-3w fr-pb-2w" style="border-bottom: 1px solid var(--border-default-grey)">
    <h2 class="fr-h6 fr-mb-1v">
      <a href={listHref(p.id)}>{p.title}</a>
    </h2>
    <p class="fr-text--sm fr-mb-1w">
      Nº {p.id}
      {p.state === 'close' || p.state === 'depubliee' ? ' · close' : ''}
    </p>
    <Counters p={p} />
    {p.badges.length ? (
      <div class="fr-mt-1w">
        <p class="fr-sr-only">Notifications :</p>
        <ul class="fr-badges-group">
          {p.badges.map((b) => (
            <li>
              <NotificationBadge kind={b.kind} count={b.count} />
            </li>
          ))}
        </ul>
      </div>
    ) : null}
  </li>
);

const ReorderList: FC<{ csrf: string; procedures: DashboardProcedure[] }> = ({ csrf, procedures }) => (
  <div data-controller="sortable" data-sortable-url-value="/instructeur/procedures/ordre">
    <p class="fr-text--sm">
      Déplacez les démarches avec les boutons « Monter » et « Descendre » (ou en les faisant glisser). L'ordre est
      enregistré à chaque déplacement.
    </p>
    <p class="fr-sr-only" aria-live="polite" data-sortable-target="status"></p>
    <ol class="fr-pl-0" style="list-style: none" data-sortable-target="list">
      {procedures.map((p, i) => (
        <li
          class="fr-p-2w fr-mb-1w"
          style="border: 1px solid var(--border-default-grey); display: flex; align-items: center; gap: 1rem; cursor: grab"
          draggable="true"
          data-id={p.id}
          data-sortable-target="item"
        >
          <span class="fr-icon-drag-move-2-line fr-icon--sm" aria-hidden="true"></span>
          <span style="flex: 1">
            <strong>{p.title}</strong> <span class="fr-text--sm">(nº {p.id})</span>
          </span>
          <form method="post" action="/instructeur/procedures/ordre">
            <Csrf token={csrf} />
            <input type="hidden" name="procedure_id" value={p.id} />
            <input type="hidden" name="direction" value="up" />
            <button
              type="submit"
              class="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-arrow-up-line fr-btn--icon-left"
              disabled={i === 0}
            >
              Monter<span class="fr-sr-only"> « {p.title} »</span>
            </button>
          </form>
          <form method="post" action="/instructeur/procedures/ordre">
            <Csrf token={csrf} />
            <input type="hidden" name="procedure_id" value={p.id} />
            <input type="hidden" name="direction" value="down" />
            <button
              type="submit"
              class="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-arrow-down-line fr-btn--icon-left"
              disabled={i === procedures.length - 1}
            >
              Descendre<span class="fr-sr-only"> « {p.title} »</span>
            </button>
          </form>
        </li>
      ))}
    </ol>
    <a class="fr-btn" href={proceduresHref()}>
      Terminer
    </a>
  </div>
);

export const DashboardView: FC<DashboardViewProps> = ({ csrf, dashboard, tab, reorder, acces, matches }) => {
  const inTab = dashboard.procedures.filter((p) => p.tab === tab);
  return (
    <>
      <InstructorSearchBar />
      <div class="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w">
        <div class="fr-col-12 fr-col-md-7">
          <h1 class="fr-mb-0">Démarches</h1>
        </div>
        <div class="fr-col-12 fr-col-md-5">
          <search>
            <form method="get" action="/instructeur/procedures/acces">
              <div class="fr-search-bar" id="acces-direct">
                <label class="fr-label" for="acces-direct-input">
                  Accès direct à une démarche (nom ou numéro)
                </label>
                <input
                  class="fr-input"
                  type="search"
                  id="acces-direct-input"
                  name="q"
                  value={acces}
                  placeholder="Accès direct : nom ou numéro de la démarche"
                  maxlength={200}
                />
                <button class="fr-btn" type="submit" title="Accéder à la démarche">
                  Accéder
                </button>
              </div>
            </form>
          </search>
        </div>
      </div>

      {matches !== null ? (
        <div class="fr-mb-4w">
          <h2 class="fr-h5">Accès direct : « {acces} »</h2>
          {matches.length === 0 ? (
            <p>Aucune de vos démarches ne correspond à « {acces} ».</p>
          ) : (
            <ul>
              {matches.map((p) => (
                <li>
                  <a href={listHref(p.id)}>
                    {p.title} (nº {p.id})
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}

      {reorder ? (
        <>
          <h2 class="fr-h4">Personnaliser l'ordre des démarches</h2>
          <ReorderList csrf={csrf} procedures={dashboard.procedures} />
        </>
      ) : (
        <>
          <div class="fr-grid-row fr-grid-row--middle fr-mb-2w" style="justify-content: space-between">
            <nav aria-label="Onglets des démarches">
              <ul class="fr-tabs__list" style="padding-left: 0">
                {DASHBOARD_TABS.map((t) => (
                  <li>
                    <a
                      class="fr-tabs__tab"
                      href={proceduresHref({ statut: t })}
                      aria-current={t === tab ? 'page' : undefined}
                      style={
                        t === tab
                          ? 'background-color: var(--background-default-grey); border-top: 2px solid var(--border-active-blue-france); font-weight: 700'
                          : undefined
                      }
                    >
                      {DASHBOARD_TAB_LABELS[t]} <span class="fr-ml-1v">{dashboard.tabCounts[t]}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            {dashboard.procedures.length > 1 ? (
              <a
                class="fr-btn fr-btn--secondary fr-btn--sm fr-icon-list-ordered fr-btn--icon-left"
                href={proceduresHref({ ordre: true })}
              >
                Personnaliser l'ordre
              </a>
            ) : null}
          </div>
          {inTab.length === 0 ? (
            <p>Aucune démarche {DASHBOARD_TAB_LABELS[tab]}.</p>
          ) : (
            <ul class="fr-pl-0" style="list-style: none">
              {inTab.map((p) => (
                <ProcedureItem p={p} />
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
};
