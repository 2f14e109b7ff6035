// The dossier list of a procedure (docs/interface.md §2B–§2F): tabs with counts and red dots, filter bar and
// saved filters, personalised columns sorted by header click, page size, pagination, selection,
// follow buttons, row markers (badges, « en attente », labels). Every control is a form or a link:
// the page works without JavaScript; controllers only add comfort (select all, autosubmit).
import type { FC } from 'hono/jsx';
import { NOTIFICATION_KINDS, NOTIFICATION_LABELS } from '../../../domain/notifications.ts';
import {
  describeFilter,
  NOTIFICATIONS_COLUMN,
  NUMBER_COLUMN,
  PAGE_SIZES,
  type FilterScope,
  type FilterSpec,
} from '../../../domain/presentation.ts';
import { DOSSIER_STATES, STATE_LABELS } from '../../../domain/dossier-state.ts';
import { TAB_LABELS, visibleTabs, type Tab } from '../../../domain/tabs.ts';
import type { Column } from '../../../queries/columns.ts';
import type { ListPage } from '../../../queries/dossier-list.ts';
import type { ListContext } from '../../../queries/list-context.ts';
import type { TabCounts } from '../../../queries/tab-counts.ts';
import { Csrf } from '../form.tsx';
import { frNumber, InstructorSearchBar, Notice, Pagination } from './common.tsx';
import { listHref, procedureAction } from './links.ts';
import { ProcedureHeader } from './procedure-header.tsx';
import { ExportMenu, type MenuTemplate } from '../exports/export-menu.tsx';
import { DeletedDossiersLink } from '../dossier/deleted-link.tsx';
import { Table } from '../components/table.tsx';
import type { BulkBanner } from '../../../queries/bulk-operations.ts';
import { BulkBanners, BulkMenu } from './bulk.tsx';
import { dossierRow } from './list-row.tsx';

export interface ListViewProps {
  csrf: string;
  ctx: ListContext;
  tab: Tab;
  counts: TabCounts;
  list: ListPage;
  notices: string[];
  /** « tout sélectionner » without JavaScript: every row of the filter is selected */
  selectAll: boolean;
  /** the instructor's bulk operations (banners); a row says itself whether a running one holds it */
  bulk: { banners: BulkBanner[] };
  /** the procedure's « modèles d'export » */
  templates?: MenuTemplate[];
}

const TabsNav: FC<{ ctx: ListContext; tab: Tab; counts: TabCounts }> = ({ ctx, tab, counts }) => (
  <nav aria-label="Onglets des dossiers" class="fr-mb-3w">
    <ul class="fr-tabs__list" style="padding-left: 0">
      {visibleTabs({ expires_when_termine: ctx.procedure.expiresWhenTermine }).map((t) => (
        <li>
          <a
            class="fr-tabs__tab"
            href={listHref(ctx.procedure.id, { tab: t })}
            aria-current={t === tab ? 'page' : undefined}
            style={
              t === tab
                ? 'background-color: var(--background-default-grey); border-top: 2px solid var(--border-active-blue-france); font-weight: 700'
                : undefined
            }
          >
            {TAB_LABELS[t]}
            <span class="fr-ml-1v">{frNumber(counts.counts[t])}</span>
            {counts.news[t] ? (
              <span
                class="gu-news-dot"
                style="display: inline-block; width: .5rem; height: .5rem; border-radius: 50%; background: var(--background-flat-error); margin-left: .25rem"
              >
                <span class="fr-sr-only"> (nouveautés)</span>
              </span>
            ) : null}
          </a>
        </li>
      ))}
    </ul>
  </nav>
);

const HiddenTab: FC<{ tab: Tab }> = ({ tab }) => <input type="hidden" name="statut" value={tab} />;

/** The filter bar (état, numéro, notification, date de dépôt) for the current tab or every tab. */
const FilterBar: FC<{ csrf: string; ctx: ListContext; tab: Tab; active: FilterSpec[] }> = ({
  csrf,
  ctx,
  tab,
  active,
}) => {
  const of = (column: string) => active.find((f) => f.column === column);
  const states = of('dossier/state')?.values ?? [];
  const numbers = of(NUMBER_COLUMN)?.values ?? [];
  const notifs = of(NOTIFICATIONS_COLUMN)?.values ?? [];
  const depose = of('dossier/depose_at');
  const from = depose?.op === 'between' || depose?.op === 'after' ? depose.values[0] : '';
  const to = depose?.op === 'between' ? depose.values[1] : depose?.op === 'before' ? depose.values[0] : '';
  const id = (s: string) => `barre-${s}`;
  return (
    <details class="fr-mb-2w" open={active.length > 0 ? true : undefined}>
      <summary class="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-filter-line fr-btn--icon-left">
        Filtrer les dossiers
      </summary>
      <form method="post" action={procedureAction(ctx.procedure.id, 'filtres/barre')} class="fr-mt-2w">
        <Csrf token={csrf} />
        <HiddenTab tab={tab} />
        <div class="gu-filter-bar">
          <div class="fr-col-12 fr-col-md-3">
            <fieldset class="fr-fieldset" id={id('etat')} aria-labelledby={`${id('etat')}-legend`}>
              <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`${id('etat')}-legend`}>
                État du dossier
              </legend>
              {DOSSIER_STATES.filter((s) => s !== 'brouillon').map((s) => (
                <div class="fr-fieldset__element">
                  <div class="fr-checkbox-group fr-checkbox-group--sm">
                    <input type="checkbox" name="states" value={s} id={id(`etat-${s}`)} checked={states.includes(s)} />
                    <label class="fr-label" for={id(`etat-${s}`)}>
                      {STATE_LABELS[s]}
                    </label>
                  </div>
                </div>
              ))}
            </fieldset>
          </div>
          <div class="fr-col-12 fr-col-md-3">
            <div class="fr-input-group">
              <label class="fr-label" for={id('numero')}>
                Numéro du dossier
                <span class="fr-hint-text">Plusieurs numéros séparés par des espaces</span>
              </label>
              <input
                class="fr-input"
                type="text"
                inputmode="numeric"
                id={id('numero')}
                name="number"
                value={numbers.join(' ')}
                maxlength={400}
              />
            </div>
            <div class="fr-select-group">
              <label class="fr-label" for={id('notification')}>
                Notification
              </label>
              <select class="fr-select" id={id('notification')} name="notifications">
                <option value="">Toutes</option>
                {NOTIFICATION_KINDS.map((k) => (
                  <option value={k} selected={notifs.includes(k)}>
                    {NOTIFICATION_LABELS[k]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="fr-col-12 fr-col-md-3">
            <div class="fr-input-group">
              <label class="fr-label" for={id('depuis')}>
                Déposé à partir du
                <span class="fr-hint-text">Format attendu : JJ/MM/AAAA</span>
              </label>
              <input class="fr-input" type="date" id={id('depuis')} name="deposeFrom" value={from} />
            </div>
            <div class="fr-input-group">
              <label class="fr-label" for={id('jusqua')}>
                Déposé jusqu'au
                <span class="fr-hint-text">Format attendu : JJ/MM/AAAA</span>
              </label>
              <input class="fr-input" type="date" id={id('jusqua')} name="deposeTo" value={to} />
            </div>
          </div>
          <div class="fr-col-12 fr-col-md-3">
            <ScopeChoice name="scope" idPrefix="barre-portee" tab={tab} />
            <button type="submit" class="fr-btn fr-btn--sm fr-mt-1w">
              Appliquer les filtres
            </button>
          </div>
        </div>
      </form>
    </details>
  );
};

export const ScopeChoice: FC<{ name: string; idPrefix: string; tab: Tab; selected?: FilterScope }> = ({
  name,
  idPrefix,
  tab,
  selected,
}) => (
  <fieldset class="fr-fieldset" id={idPrefix} aria-labelledby={`${idPrefix}-legend`}>
    <legend class="fr-fieldset__legend fr-fieldset__legend--regular" id={`${idPrefix}-legend`}>
      Enregistrer ces filtres
    </legend>
    <div class="fr-fieldset__element">
      <div class="fr-radio-group fr-radio-group--sm">
        <input type="radio" id={`${idPrefix}-onglet`} name={name} value={tab} checked={selected !== 'all'} />
        <label class="fr-label" for={`${idPrefix}-onglet`}>
          pour l'onglet « {TAB_LABELS[tab]} »
        </label>
      </div>
    </div>
    <div class="fr-fieldset__element">
      <div class="fr-radio-group fr-radio-group--sm">
        <input type="radio" id={`${idPrefix}-tous`} name={name} value="all" checked={selected === 'all'} />
        <label class="fr-label" for={`${idPrefix}-tous`}>
          pour tous les onglets
        </label>
      </div>
    </div>
  </fieldset>
);

/** Saved filters as dismissible tags (each removal is a small POST form). */
const ActiveFilters: FC<{ csrf: string; ctx: ListContext; tab: Tab }> = ({ csrf, ctx, tab }) => {
  const groups: { scope: FilterScope; list: FilterSpec[] }[] = [
    { scope: 'all', list: ctx.presentation.filters.all },
    { scope: tab, list: ctx.presentation.filters.tabs[tab] ?? [] },
  ];
  if (groups.every((g) => g.list.length === 0)) return null;
  return (
    <div class="fr-mb-2w">
      <p class="fr-text--sm fr-mb-1w">
        Filtres actifs (ils se cumulent ; plusieurs valeurs d'un même filtre s'additionnent) :
      </p>
      <ul class="fr-tags-group">
        {groups.flatMap((g) =>
          g.list.map((f, index) => {
            const col = ctx.columns.get(f.column);
            const text = col ? describeFilter(col, f) : f.column;
            const suffix = g.scope === 'all' ? ' (tous les onglets)' : '';
            return (
              <li>
                <form
                  method="post"
                  action={procedureAction(ctx.procedure.id, 'filtres/retirer')}
                  style="display: inline"
                >
                  <Csrf token={csrf} />
                  <HiddenTab tab={tab} />
                  <input type="hidden" name="scope" value={g.scope} />
                  <input type="hidden" name="index" value={String(index)} />
                  <input type="hidden" name="column" value={f.column} />
                  {/* not fr-tag--dismiss: DSFR's script removes such a tag on click, before its form is sent */}
                  <button
                    class="fr-tag fr-icon-close-line fr-tag--icon-left"
                    type="submit"
                    aria-label={`Retirer le filtre ${text}${suffix}`}
                  >
                    {text}
                    {suffix}
                  </button>
                </form>
              </li>
            );
          }),
        )}
      </ul>
    </div>
  );
};

const SortHeader: FC<{ csrf: string; ctx: ListContext; tab: Tab; column: Column; label: string }> = ({
  csrf,
  ctx,
  tab,
  column,
  label,
}) => {
  const sort = ctx.presentation.sort;
  const current = sort.column === column.id ? sort.order : null;
  const next = current === 'asc' ? 'décroissant' : 'croissant';
  return (
    <th scope="col" aria-sort={current === 'asc' ? 'ascending' : current === 'desc' ? 'descending' : undefined}>
      <form
        method="post"
        action={procedureAction(ctx.procedure.id, 'tri')}
        class="fr-cell--sort"
        style="display: flex; align-items: center; gap: .25rem"
      >
        <Csrf token={csrf} />
        <HiddenTab tab={tab} />
        <input type="hidden" name="column" value={column.id} />
        <span class="fr-cell__title">{label}</span>
        <button
          type="submit"
          class={`fr-btn fr-btn--sm ${current === 'asc' ? 'fr-btn--sort-asc' : current === 'desc' ? 'fr-btn--sort-desc' : 'fr-btn--sort'}`}
          title={`Trier par « ${label} », ordre ${next}`}
        >
          Trier par « {label} », ordre {next}
        </button>
      </form>
    </th>
  );
};

export const ListView: FC<ListViewProps> = ({ csrf, ctx, tab, counts, list, notices, selectAll, bulk, templates }) => {
  const p = ctx.presentation;
  const displayed = p.columns.map((id) => ctx.columns.get(id)).filter((c): c is Column => !!c && c.displayable);
  const numberColumn = ctx.columns.get(NUMBER_COLUMN)!;
  const activeHere = [...p.filters.all, ...(p.filters.tabs[tab] ?? [])];
  const tabFilters = p.filters.tabs[tab] ?? [];
  const defaultSort = p.sort.column === NOTIFICATIONS_COLUMN;
  const caption = `Dossiers « ${TAB_LABELS[tab]} » : ${frNumber(list.total)} dossier${list.total > 1 ? 's' : ''}${activeHere.length ? ' correspondant aux filtres' : ''}`;
  return (
    <>
      <InstructorSearchBar />
      <ProcedureHeader
        procedureId={ctx.procedure.id}
        title={ctx.procedure.title}
        closed={ctx.procedure.state === 'close' || ctx.procedure.state === 'depubliee'}
        inTest={ctx.procedure.state === 'brouillon'}
        current="suivi"
        unseenRevision={ctx.unseenRevision}
      />
      <Notice kind="warning" messages={notices} />
      <BulkBanners csrf={csrf} procedureId={ctx.procedure.id} tab={tab} banners={bulk.banners} />
      <TabsNav ctx={ctx} tab={tab} counts={counts} />

      <div class="fr-grid-row fr-grid-row--middle fr-mb-2w" style="gap: 1rem">
        <a
          class="fr-btn fr-btn--secondary fr-btn--sm fr-icon-settings-5-line fr-btn--icon-left"
          href={`${procedureAction(ctx.procedure.id, 'colonnes')}?statut=${tab}`}
        >
          Personnaliser le tableau
        </a>
        <a
          class="fr-btn fr-btn--secondary fr-btn--sm fr-icon-add-line fr-btn--icon-left"
          href={`${procedureAction(ctx.procedure.id, 'filtres')}?statut=${tab}`}
        >
          Ajouter un filtre
        </a>
        <ExportMenu procedureId={ctx.procedure.id} tab={tab} csrf={csrf} templates={templates} />
        <form
          method="post"
          action={procedureAction(ctx.procedure.id, 'pagination')}
          data-controller="autosubmit"
          style="display: flex; align-items: flex-end; gap: .5rem"
        >
          <Csrf token={csrf} />
          <HiddenTab tab={tab} />
          <div class="fr-select-group fr-mb-0">
            <label class="fr-label" for="taille-page">
              Dossiers par page
            </label>
            <select class="fr-select" id="taille-page" name="pageSize" data-action="change->autosubmit#submit">
              {PAGE_SIZES.map((n) => (
                <option value={String(n)} selected={n === p.pageSize}>
                  {n}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="fr-btn fr-btn--tertiary fr-btn--sm" data-autosubmit-target="button">
            Appliquer
          </button>
        </form>
        {defaultSort ? null : (
          <form method="post" action={procedureAction(ctx.procedure.id, 'tri')}>
            <Csrf token={csrf} />
            <HiddenTab tab={tab} />
            <input type="hidden" name="column" value={NOTIFICATIONS_COLUMN} />
            <input type="hidden" name="order" value="desc" />
            <button type="submit" class="fr-btn fr-btn--tertiary fr-btn--sm">
              Revenir au tri par défaut (notifications d'abord)
            </button>
          </form>
        )}
      </div>

      <FilterBar csrf={csrf} ctx={ctx} tab={tab} active={tabFilters} />
      <ActiveFilters csrf={csrf} ctx={ctx} tab={tab} />
      {tab === 'supprimes' && <DeletedDossiersLink procedureId={ctx.procedure.id} />}

      {list.total === 0 ? (
        <div class="fr-callout fr-mb-3w">
          <p class="fr-callout__text">
            {activeHere.length
              ? 'Aucun dossier ne correspond aux filtres dans cet onglet.'
              : 'Aucun dossier dans cet onglet.'}
          </p>
        </div>
      ) : (
        <div data-controller="selection" data-selection-total-value={String(list.total)}>
          {/* The bulk actions submit this form: the checked dossier_ids, or tout=1 for every dossier of the tab with its filters. */}
          <form
            id="selection-dossiers"
            method="post"
            action={procedureAction(ctx.procedure.id, 'actions-de-masse')}
            enctype="multipart/form-data"
          >
            <Csrf token={csrf} />
            <HiddenTab tab={tab} />
            {selectAll ? (
              <input type="hidden" name="tout" value="1" data-selection-target="all" />
            ) : (
              <input type="hidden" name="tout" value="0" data-selection-target="all" />
            )}
            <BulkMenu tab={tab} labels={ctx.labels} selectAll={selectAll} total={list.total} />
          </form>
          <div class="fr-mb-1w" style="display: flex; gap: 1rem; align-items: center; flex-wrap: wrap">
            <p class="fr-text--sm fr-mb-0" aria-live="polite" data-selection-target="status">
              {selectAll
                ? list.total === 1
                  ? "Le dossier de l'onglet est sélectionné."
                  : `Les ${frNumber(list.total)} dossiers de l'onglet sont sélectionnés.`
                : 'Aucun dossier sélectionné.'}
            </p>
            {selectAll ? (
              <a class="fr-link fr-text--sm" href={listHref(ctx.procedure.id, { tab, page: list.page })}>
                Annuler la sélection
              </a>
            ) : (
              <a
                class="fr-link fr-text--sm"
                href={listHref(ctx.procedure.id, { tab, page: list.page, selection: true })}
                data-action="selection#selectEverything"
              >
                {list.total === 1
                  ? "Sélectionner le dossier de l'onglet"
                  : `Sélectionner les ${frNumber(list.total)} dossiers de l'onglet`}
              </a>
            )}
          </div>
          {/* The rows' « Suivre le dossier » / « Ne plus suivre » buttons submit these two forms with their
              dossier_id: one form of each for the page rather than one per row (five elements fewer per row). */}
          {tab === 'supprimes'
            ? null
            : (['suivre', 'ne-plus-suivre'] as const).map((action) => (
                <form id={`${action}-dossier`} method="post" action={procedureAction(ctx.procedure.id, action)}>
                  <Csrf token={csrf} />
                  <HiddenTab tab={tab} />
                  <input type="hidden" name="page" value={String(list.page)} />
                </form>
              ))}
          <Table modifiers="fr-table--sm fr-table--no-caption" id="table-dossiers" caption={caption}>
            <thead>
              <tr>
                <th scope="col" class="fr-cell--fixed">
                  <div class="fr-checkbox-group fr-checkbox-group--sm">
                    <input
                      type="checkbox"
                      id="selection-page"
                      form="selection-dossiers"
                      checked={selectAll}
                      data-action="selection#togglePage"
                      data-selection-target="pageBox"
                    />
                    <label class="fr-label" for="selection-page">
                      <span class="fr-sr-only">Tout sélectionner sur cette page</span>
                    </label>
                  </div>
                </th>
                <SortHeader csrf={csrf} ctx={ctx} tab={tab} column={numberColumn} label="Nº dossier" />
                {displayed.map((c) =>
                  c.sortable ? (
                    <SortHeader csrf={csrf} ctx={ctx} tab={tab} column={c} label={c.label} />
                  ) : (
                    <th scope="col">{c.label}</th>
                  ),
                )}
                <th scope="col">État</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) =>
                dossierRow(row, { csrf, procedureId: ctx.procedure.id, tab, displayed, selectAll }),
              )}
            </tbody>
          </Table>
          <p class="fr-text--sm">
            Page {list.page} sur {list.pageCount} · {frNumber(list.total)} dossier{list.total > 1 ? 's' : ''} au total
            {defaultSort ? " · tri : notifications d'abord, puis les plus récemment modifiés" : ''}
          </p>
          <Pagination
            page={list.page}
            pageCount={list.pageCount}
            href={(n) => listHref(ctx.procedure.id, { tab, page: n, selection: selectAll })}
          />
        </div>
      )}
    </>
  );
};
