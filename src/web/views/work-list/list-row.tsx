// One row of the dossier list (docs/interface.md §2B): selection box, number with its markers (test,
// badges, « en attente », labels), the displayed columns' values, state and the follow button — or,
// in the corbeille, the restore form. The rows are most of a list page's markup (50 rows ≈ 1 000
// elements), so they are written as hono's `html` tagged templates rather than JSX: the same
// escaping (every interpolated string is escaped, text and attributes alike), a few pieces per row
// instead of one JSX node per element and attribute, ≈ 0.7 ms less Node time per list page
// (docs/work-list.md, « Rendering the rows »). Same elements and attributes as the JSX it replaced.
import type { FC } from 'hono/jsx';
import { html } from 'hono/html';
import { BULK_ACTIONS, bulkApplies } from '../../../domain/bulk.ts';
import type { Tab } from '../../../domain/tabs.ts';
import type { Column } from '../../../queries/columns.ts';
import type { ListPage } from '../../../queries/dossier-list.ts';
import { Csrf } from '../form.tsx';
import { LabelBadge } from '../components/label-badge.tsx';
import { TestDossierBadge } from '../components/test-badge.tsx';
import { NotificationBadge, StateBadge } from './common.tsx';
import { dossierHref } from './links.ts';

type Row = ListPage['rows'][number];

export interface RowContext {
  csrf: string;
  procedureId: string;
  tab: Tab;
  displayed: Column[];
  /** « tout sélectionner » without JavaScript: every row not held is checked */
  selectAll: boolean;
}

const purgeFmt = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});

/**
 * A dossier of the corbeille is not opened: it is restored from the list (docs/domain.md §5) —
 * « Restaurer et prolonger » when it expired — and its purge date is shown.
 */
const CorbeilleActions: FC<{ csrf: string; row: Row }> = ({ csrf, row }) => (
  <form method="post" action={`/instructeur/dossiers/${row.id}/actions`}>
    <Csrf token={csrf} />
    <input type="hidden" name="action" value={row.expired ? 'prolonger_conservation' : 'restaurer'} />
    <button type="submit" class="fr-btn fr-btn--sm fr-btn--secondary">
      {row.expired ? 'Restaurer et prolonger' : 'Restaurer'}
      <span class="fr-sr-only"> le dossier nº {row.id}</span>
    </button>
    <p class="fr-text--xs fr-mb-0 fr-mt-1v">
      {row.purgeAt ? `Suppression définitive le ${purgeFmt.format(row.purgeAt)}` : "Conservé jusqu'à sa restauration"}
    </p>
  </form>
);

function selectionCell(row: Row, o: RowContext) {
  const held = row.heldByBulk;
  const checked = o.selectAll && !held ? html` checked=""` : '';
  const disabled = held ? html` disabled=""` : '';
  const hint = held ? html`<span class="fr-hint-text">fait partie d'une action de masse en cours</span>` : '';
  return html`<td class="fr-cell--fixed"><div class="fr-checkbox-group fr-checkbox-group--sm"><input type="checkbox" id="selection-${row.id}" name="dossier_ids" value="${row.id}" form="selection-dossiers"${checked}${disabled} data-selection-target="box" data-action="selection#update"/><label class="fr-label" for="selection-${row.id}"><span class="fr-sr-only">Sélectionner le dossier nº ${row.id}</span>${hint}</label></div></td>`;
}

function numberCell(row: Row, o: RowContext) {
  const number =
    o.tab === 'supprimes'
      ? `Nº ${row.id}`
      : html`<a class="fr-link" href="${dossierHref(o.procedureId, row.id, o.tab)}">Nº ${row.id}</a>`;
  const markers = [
    row.isTest ? TestDossierBadge({ small: true }) : null,
    ...row.badges.map((kind) => NotificationBadge({ kind })),
    row.pendingCorrection
      ? html`<p class="fr-badge fr-badge--sm fr-badge--warning fr-badge--no-icon">en attente</p>`
      : null,
    ...row.labels.map((l) => LabelBadge({ name: l.name, color: l.color })),
  ].filter((m) => m !== null);
  const list = markers.length
    ? html`<ul class="fr-badges-group fr-mt-1v">${markers.map((m) => html`<li>${m}</li>`)}</ul>`
    : '';
  return html`<th scope="row">${number}${list}</th>`;
}

function actionCell(row: Row, o: RowContext) {
  if (o.tab === 'supprimes') return html`<td>${<CorbeilleActions csrf={o.csrf} row={row} />}</td>`;
  // the button submits one of the page's two forms (« suivre » / « ne plus suivre ») with its dossier
  const [form, style, label] = row.followedByMe
    ? ['ne-plus-suivre-dossier', 'fr-btn--tertiary', 'Ne plus suivre']
    : ['suivre-dossier', 'fr-btn--secondary', 'Suivre le dossier'];
  return html`<td><button type="submit" form="${form}" name="dossier_id" value="${row.id}" class="fr-btn fr-btn--sm ${style}">${label}<span class="fr-sr-only"> nº ${row.id}</span></button></td>`;
}

/** A row of the list; its bulk actions (docs/domain.md §8) name what the selection menu may offer for it. */
export function dossierRow(row: Row, o: RowContext) {
  const actions = BULK_ACTIONS.filter((a) =>
    bulkApplies(a, {
      state: row.state,
      archived: row.archived,
      followedByMe: row.followedByMe,
      inCorbeille: o.tab === 'supprimes',
    }),
  ).join(' ');
  const values = o.displayed.map((c) => html`<td>${row.values[c.id]}</td>`);
  return html`<tr data-bulk-actions="${actions}">${selectionCell(row, o)}${numberCell(row, o)}${values}<td>${StateBadge({ state: row.state })}</td>${actionCell(row, o)}</tr>`;
}
