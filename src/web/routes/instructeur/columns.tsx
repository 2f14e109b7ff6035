// « Personnaliser le tableau »: the columns of a procedure's dossier list, chosen and ordered.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { moveItem } from '../../../domain/presentation.ts';
import type { Tab } from '../../../domain/tabs.ts';
import { saveColumns } from '../../../features/presentations/save-columns.ts';
import { loadListContext, type ListContext } from '../../../queries/list-context.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { field, readForm } from '../../http/form.ts';
import { runCommand } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { ColumnsPage } from '../../views/work-list/columns-page.tsx';
import { listHref } from '../../views/work-list/links.ts';
import { postedTab, tabParam } from './list-common.ts';

export const columnsRoutes = new Hono<Env>();

function renderColumns(c: Context<Env>, ctx: ListContext, tab: Tab, error?: string) {
  return page(
    c,
    { title: `Personnaliser le tableau — ${ctx.procedure.title}`, nav: 'procedures' },
    <ColumnsPage csrf={c.get('csrfToken')} ctx={ctx} tab={tab} error={error} />,
    error ? 422 : 200,
  );
}

columnsRoutes.get('/procedures/:id/colonnes', async (c) => {
  const ctx = await loadListContext(c.get('app').db, c.get('user')!.id, c.req.param('id'));
  return renderColumns(c, ctx, tabParam(c.req.query('statut'), ctx).tab);
});

const ColumnsForm = z.object({ statut: postedTab(), columns: field.texts() });

columnsRoutes.post('/procedures/:id/colonnes', async (c) => {
  const id = c.req.param('id');
  const f = await readForm(c, ColumnsForm);
  const ctx = await loadListContext(c.get('app').db, c.get('user')!.id, id);
  // keep the order of the columns already shown, append the new ones in catalogue order
  const kept = ctx.presentation.columns.filter((col) => f.columns.includes(col));
  const added = ctx.catalogue.map((col) => col.id).filter((col) => f.columns.includes(col) && !kept.includes(col));
  return runCommand(
    c,
    saveColumns,
    { procedureId: id, columns: [...kept, ...added] },
    {
      refused: (e) => renderColumns(c, ctx, f.statut, e.message),
      done: () =>
        redirectWithFlash(c, listHref(id, { tab: f.statut }), {
          kind: 'success',
          message: 'Le tableau a été enregistré.',
        }),
    },
  );
});

const MoveForm = z.object({
  statut: postedTab(),
  column: field.text(),
  direction: field.oneOf(['left', 'right', 'remove'], 'right'),
});

columnsRoutes.post('/procedures/:id/colonnes/deplacer', async (c) => {
  const id = c.req.param('id');
  const f = await readForm(c, MoveForm);
  const ctx = await loadListContext(c.get('app').db, c.get('user')!.id, id);
  const columns =
    f.direction === 'remove'
      ? ctx.presentation.columns.filter((x) => x !== f.column)
      : moveItem(ctx.presentation.columns, f.column, f.direction === 'left' ? -1 : 1);
  const back = `/instructeur/procedures/${id}/colonnes?statut=${f.statut}`;
  return runCommand(c, saveColumns, { procedureId: id, columns }, { back, done: () => c.redirect(back, 303) });
});
