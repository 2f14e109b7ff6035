// A procedure's dossier list: tabs, pagination, sort, page size, follow / stop following a dossier.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { followDossier, unfollowDossier } from '../../../features/instruction/follow-dossier.ts';
import { repairPresentation } from '../../../features/presentations/repair-presentation.ts';
import { setPageSize } from '../../../features/presentations/set-page-size.ts';
import { sortList } from '../../../features/presentations/sort-list.ts';
import { hasFilters, listPage, scopeOf, type ListPage } from '../../../queries/dossier-list.ts';
import { loadListPageContext } from '../../../queries/list-context.ts';
import { tabCounts } from '../../../queries/tab-counts.ts';
import type { Env } from '../../context.ts';
import { field, readForm } from '../../http/form.ts';
import { actorOf } from '../../http/run-command.ts';
import { page } from '../../render.tsx';
import { resolveTemplate } from '../../../queries/export-templates.ts';
import { ListView } from '../../views/work-list/list.tsx';
import { backToList, pageParam, postedTab, tabParam } from './list-common.ts';

export const listRoutes = new Hono<Env>();

listRoutes.get('/procedures/:id', async (c) => {
  const app = c.get('app');
  const now = app.clock.now();
  const user = c.get('user')!;
  const ctx = await loadListPageContext(app.db, user.id, c.req.param('id'), now);
  const notices = [...ctx.notices];
  if (ctx.presentationChanged) {
    await repairPresentation(app, actorOf(c), { procedureId: ctx.procedure.id }).catch((e) =>
      app.logger.warn({ err: { message: (e as Error).message } }, 'présentation'),
    );
  }
  const t = tabParam(c.req.query('statut'), ctx);
  const pg = pageParam(c.req.query('page'));
  for (const n of [t.notice, pg.notice]) if (n) notices.push(n);
  const tab = t.tab;
  const s = scopeOf(ctx, now);
  const counts = await tabCounts(app.db, s);
  let presentation = ctx.presentation;
  let list: ListPage & { clamped: boolean };
  try {
    // without filters the total is the tab count; with filters the list query counts them
    list = await listPage(app.db, ctx, {
      tab,
      page: pg.page,
      now,
      presentation,
      total: hasFilters(presentation, tab) ? undefined : counts.counts[tab],
      tabTotal: counts.counts[tab],
    });
  } catch (e) {
    if (!hasFilters(presentation, tab)) throw e;
    // A filter the database refused (it should not happen: values are checked): show the tab unfiltered.
    app.logger.error(
      { err: { message: (e as Error).message }, procedure: ctx.procedure.id },
      'filtres de liste non appliqués',
    );
    notices.push(
      "Les filtres de cet onglet n'ont pas pu être appliqués : la liste est affichée sans filtre. Retirez-les ou modifiez-les.",
    );
    presentation = { ...presentation, filters: { all: [], tabs: {} } };
    list = await listPage(app.db, ctx, { tab, page: pg.page, now, presentation, total: counts.counts[tab] });
  }
  const templates = ctx.templates.map((t) => ({
    id: t.id,
    name: t.name,
    format: t.format,
    missing: resolveTemplate(t, ctx.catalogue).missing,
  }));
  if (list.clamped && !pg.notice)
    notices.push(`La page ${pg.page} n'existe pas : la page ${list.page} (la dernière) est affichée.`);
  return page(
    c,
    { title: `${ctx.procedure.title} — dossiers`, nav: 'procedures' },
    <ListView
      csrf={c.get('csrfToken')}
      ctx={{ ...ctx, presentation }}
      tab={tab}
      counts={counts}
      list={list}
      notices={notices}
      selectAll={c.req.query('selection') === 'tout'}
      bulk={{ banners: ctx.banners }}
      templates={templates}
    />,
  );
});

const SortForm = z.object({
  statut: postedTab(),
  column: field.text(),
  order: field.oneOf(['asc', 'desc', ''], ''),
});

listRoutes.post('/procedures/:id/tri', async (c) => {
  const id = c.req.param('id');
  const f = await readForm(c, SortForm);
  return backToList(
    c,
    id,
    f.statut,
    sortList,
    { procedureId: id, column: f.column, order: f.order || undefined },
    null,
    { index: true },
  );
});

const PageSizeForm = z.object({ statut: postedTab(), pageSize: field.text() });

listRoutes.post('/procedures/:id/pagination', async (c) => {
  const id = c.req.param('id');
  const f = await readForm(c, PageSizeForm);
  return backToList(c, id, f.statut, setPageSize, { procedureId: id, pageSize: Number(f.pageSize) }, null);
});

const FollowForm = z.object({ statut: postedTab(), dossier_id: field.text(), page: field.page() });

async function follow(c: Context<Env>, which: 'follow' | 'unfollow'): Promise<Response> {
  const id = c.req.param('id') ?? '';
  const f = await readForm(c, FollowForm);
  const dossierId = f.dossier_id;
  const message =
    which === 'follow' ? `Vous suivez le dossier nº ${dossierId}.` : `Vous ne suivez plus le dossier nº ${dossierId}.`;
  return backToList(c, id, f.statut, which === 'follow' ? followDossier : unfollowDossier, { dossierId }, message, {
    page: f.page,
  });
}
listRoutes.post('/procedures/:id/suivre', (c) => follow(c, 'follow'));
listRoutes.post('/procedures/:id/ne-plus-suivre', (c) => follow(c, 'unfollow'));
