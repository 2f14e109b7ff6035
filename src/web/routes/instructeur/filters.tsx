// The filters of a procedure's dossier list: « Ajouter un filtre » (its page), remove one, and the
// filter bar above the list (states, number, news, deposit dates).
import { Hono } from 'hono';
import { z } from 'zod';
import type { FilterScope } from '../../../domain/presentation.ts';
import { isTab, type Tab } from '../../../domain/tabs.ts';
import { addFilter } from '../../../features/presentations/add-filter.ts';
import { removeFilter } from '../../../features/presentations/remove-filter.ts';
import { saveFilterBar } from '../../../features/presentations/save-filter-bar.ts';
import { loadListContext } from '../../../queries/list-context.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { FiltersPage, type FilterFormState } from '../../views/work-list/filters-page.tsx';
import { listHref } from '../../views/work-list/links.ts';
import { backToList, indexPresentation, postedTab, tabParam } from './list-common.ts';

export const filtersRoutes = new Hono<Env>();

/** `all` (every tab) or one tab; the posted tab when missing or unknown. */
function scopeOf(raw: string, tab: Tab): FilterScope {
  return raw === 'all' ? 'all' : isTab(raw) ? raw : tab;
}

filtersRoutes.get('/procedures/:id/filtres', async (c) => {
  const ctx = await loadListContext(c.get('app').db, c.get('user')!.id, c.req.param('id'));
  const { tab } = tabParam(c.req.query('statut'), ctx);
  const wanted = c.req.query('colonne') ?? '';
  const column = ctx.columns.get(wanted);
  const usable = column?.filterable ? column : null;
  return page(
    c,
    { title: `Ajouter un filtre — ${ctx.procedure.title}`, nav: 'procedures' },
    <FiltersPage
      csrf={c.get('csrfToken')}
      ctx={ctx}
      tab={tab}
      column={usable}
      unknownColumn={wanted !== '' && !usable}
      state={{}}
    />,
  );
});

const AddForm = z.object({
  statut: postedTab(),
  op: field.text(),
  column: field.text(),
  scope: field.text(),
  values: field.texts(),
  value: field.text(),
  value_max: field.text(),
});

filtersRoutes.post('/procedures/:id/filtres', async (c) => {
  const app = c.get('app');
  const id = c.req.param('id');
  const f = await readForm(c, AddForm);
  const tab = f.statut;
  const scope = scopeOf(f.scope, tab);
  const values = f.values.length
    ? f.values
    : f.op === 'between'
      ? [f.value, f.value_max]
      : f.value
          .split(';')
          .map((v) => v.trim())
          .filter(Boolean);
  return runCommand(
    c,
    addFilter,
    { procedureId: id, scope, column: f.column, op: f.op, values },
    {
      // the form again, with what was chosen and the reason
      refused: async (e) => {
        const ctx = await loadListContext(app.db, c.get('user')!.id, id);
        const column = ctx.columns.get(f.column);
        const state: FilterFormState = { op: f.op, values, scope, error: e.message };
        return page(
          c,
          { title: `Ajouter un filtre — ${ctx.procedure.title}`, nav: 'procedures' },
          <FiltersPage
            csrf={c.get('csrfToken')}
            ctx={ctx}
            tab={tab}
            column={column?.filterable ? column : null}
            unknownColumn={!column?.filterable}
            state={state}
          />,
          422,
        );
      },
      done: async () => {
        await indexPresentation(c, id);
        return redirectWithFlash(c, listHref(id, { tab }), { kind: 'success', message: 'Le filtre a été ajouté.' });
      },
    },
  );
});

const RemoveForm = z.object({ statut: postedTab(), scope: field.text(), index: field.text(), column: field.text() });

filtersRoutes.post('/procedures/:id/filtres/retirer', async (c) => {
  const id = c.req.param('id');
  const f = await readForm(c, RemoveForm);
  return backToList(
    c,
    id,
    f.statut,
    removeFilter,
    {
      procedureId: id,
      scope: scopeOf(f.scope, f.statut),
      index: f.index === '' ? undefined : Number(f.index),
      column: f.column || undefined,
    },
    'Le filtre a été retiré.',
  );
});

const BarForm = z.object({
  statut: postedTab(),
  scope: field.text(),
  states: field.texts(),
  number: field.text(),
  notifications: field.choices(),
  deposeFrom: field.text(),
  deposeTo: field.text(),
});

filtersRoutes.post('/procedures/:id/filtres/barre', async (c) => {
  const id = c.req.param('id');
  const f = await readForm(c, BarForm);
  return backToList(
    c,
    id,
    f.statut,
    saveFilterBar,
    {
      procedureId: id,
      scope: scopeOf(f.scope, f.statut),
      states: f.states,
      number: f.number,
      notifications: f.notifications,
      deposeFrom: f.deposeFrom,
      deposeTo: f.deposeTo,
    },
    'Les filtres ont été appliqués.',
    { index: true },
  );
});
