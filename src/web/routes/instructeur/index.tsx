// The instructor's pages: procedures dashboard, dossier list of a procedure (tabs, columns,
// filters, sort, pagination, follow), its customisation pages, and the global search.
// Reads go through src/queries, writes through the commands of src/features; user input never
// reaches SQL except as parameters, and bad input gets a French message, never a 500.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { sql } from 'kysely';
import { DomainError, notFound } from '../../../domain/errors.ts';
import { moveItem, type FilterScope } from '../../../domain/presentation.ts';
import { DEFAULT_TAB, isTab, visibleTabs, type Tab } from '../../../domain/tabs.ts';
import { followDossier, unfollowDossier } from '../../../features/instruction/follow-dossier.ts';
import type { Actor } from '../../../features/command.ts';
import { addFilter } from '../../../features/presentations/add-filter.ts';
import { removeFilter } from '../../../features/presentations/remove-filter.ts';
import { repairPresentation } from '../../../features/presentations/repair-presentation.ts';
import { saveColumns } from '../../../features/presentations/save-columns.ts';
import { saveFilterBar } from '../../../features/presentations/save-filter-bar.ts';
import { setPageSize } from '../../../features/presentations/set-page-size.ts';
import { sortList } from '../../../features/presentations/sort-list.ts';
import { reorderProcedures } from '../../../features/procedures/reorder-procedures.ts';
import { requestListIndexes } from '../../../features/work-list/request-list-indexes.ts';
import { hasFilters, listPage, scopeOf, type ListPage } from '../../../queries/dossier-list.ts';
import { loadListContext, type ListContext } from '../../../queries/list-context.ts';
import {
  DASHBOARD_TABS,
  matchesProcedure,
  proceduresDashboard,
  type DashboardTab,
} from '../../../queries/procedures-dashboard.ts';
import {
  lookupDossierNumberPrepared,
  parseSearchQuery,
  searchDossiers,
  type SearchResult,
} from '../../../queries/search.ts';
import { tabCounts } from '../../../queries/tab-counts.ts';
import type { Env } from '../../context.ts';
import { redirectWithFlash } from '../../flash.ts';
import { form, str, strs } from '../../form-data.ts';
import { requireRole } from '../../middleware.ts';
import { page } from '../../render.tsx';
import { ColumnsPage } from '../../views/work-list/columns-page.tsx';
import { DashboardView } from '../../views/work-list/dashboard.tsx';
import { FiltersPage, type FilterFormState } from '../../views/work-list/filters-page.tsx';
import { dossierHref, listHref, proceduresHref } from '../../views/work-list/links.ts';
import { ListView } from '../../views/work-list/list.tsx';
import { SearchPage } from '../../views/work-list/search-page.tsx';
// ── The dossier page is mounted here. ──
import { dossierRoutes } from './dossier.tsx';

export const instructeurRoutes = new Hono<Env>();
instructeurRoutes.use('*', requireRole('instructeur'));
// A procedure id is a number: anything else is a page that does not exist (and never reaches a
// Location header or a query).
// (`ordre` and `acces` are the dashboard's own pages under /procedures/.)
const DASHBOARD_PAGES = ['ordre', 'acces'];
const procedureIdGuard: MiddlewareHandler<Env> = async (c, next) => {
  const id = c.req.param('id') ?? '';
  if (!DASHBOARD_PAGES.includes(id) && !/^[0-9]{1,18}$/.test(id)) throw notFound('Démarche introuvable.');
  return next();
};
instructeurRoutes.use('/procedures/:id', procedureIdGuard);
instructeurRoutes.use('/procedures/:id/*', procedureIdGuard);

type C = Context<Env>;

function actorOf(c: C): Actor {
  const u = c.get('user')!;
  return { userId: u.id, email: u.email };
}

function tabParam(raw: string | undefined, ctx?: ListContext): { tab: Tab; notice: string | null } {
  if (raw === undefined || raw === '') return { tab: DEFAULT_TAB, notice: null };
  if (!isTab(raw) || (ctx && !visibleTabs({ expires_when_termine: ctx.procedure.expiresWhenTermine }).includes(raw))) {
    return { tab: DEFAULT_TAB, notice: "L'onglet demandé n'existe pas : les dossiers « à suivre » sont affichés." };
  }
  return { tab: raw, notice: null };
}

function pageParam(raw: string | undefined): { page: number; notice: string | null } {
  if (raw === undefined || raw === '') return { page: 1, notice: null };
  if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) < 1)
    return { page: 1, notice: "Le numéro de page demandé n'est pas valide : la première page est affichée." };
  return { page: Number(raw), notice: null };
}

/** Asks for the indexes the saved presentation uses (built by a job; the list works meanwhile, only slower). */
async function indexPresentation(c: C, procedureId: string): Promise<void> {
  const app = c.get('app');
  try {
    await requestListIndexes(app, actorOf(c), { procedureId });
  } catch (e) {
    app.logger.warn({ err: { message: (e as Error).message } }, 'index de liste');
  }
}

/** Runs a presentation command and comes back to the list (French message on bad input). */
async function backToList(
  c: C,
  procedureId: string,
  tab: Tab,
  run: () => Promise<unknown>,
  ok: string | null,
  opts: { index?: boolean; page?: number } = {},
): Promise<Response> {
  try {
    await run();
  } catch (e) {
    if (e instanceof DomainError && e.code !== 'not_found' && e.code !== 'forbidden') {
      return redirectWithFlash(c, listHref(procedureId, { tab, page: opts.page }), {
        kind: 'error',
        message: e.message,
      });
    }
    throw e;
  }
  if (opts.index) await indexPresentation(c, procedureId);
  const url = listHref(procedureId, { tab, page: opts.page });
  return ok ? redirectWithFlash(c, url, { kind: 'success', message: ok }) : c.redirect(url, 303);
}

async function postedTab(c: C): Promise<Tab> {
  const f = await form(c);
  const t = str(f, 'statut');
  return isTab(t) ? t : DEFAULT_TAB;
}

// ---------------------------------------------------------------------------------------------
// Procedures dashboard

async function renderDashboard(c: C, acces: string | null): Promise<Response> {
  const app = c.get('app');
  const statut = c.req.query('statut') ?? 'en-cours';
  const tab: DashboardTab = (DASHBOARD_TABS as readonly string[]).includes(statut)
    ? (statut as DashboardTab)
    : 'en-cours';
  const dashboard = await proceduresDashboard(app.db, c.get('user')!.id, app.clock.now());
  const q = (acces ?? '').slice(0, 200);
  const matches = acces === null ? null : dashboard.procedures.filter((p) => matchesProcedure(p, q));
  if (matches && matches.length === 1 && q.trim() !== '') return c.redirect(listHref(matches[0].id), 303);
  return page(
    c,
    { title: 'Démarches', nav: 'procedures' },
    <DashboardView
      csrf={c.get('csrfToken')}
      dashboard={dashboard}
      tab={tab}
      reorder={c.req.query('ordre') === '1'}
      acces={q}
      matches={matches}
    />,
  );
}

instructeurRoutes.get('/procedures', (c) => renderDashboard(c, null));
instructeurRoutes.get('/procedures/acces', (c) => renderDashboard(c, c.req.query('q') ?? ''));

instructeurRoutes.post('/procedures/ordre', async (c) => {
  const app = c.get('app');
  const json = (c.req.header('content-type') ?? '').includes('application/json');
  try {
    if (json) {
      const body = (await c.req.json().catch(() => null)) as { order?: unknown } | null;
      const order = Array.isArray(body?.order) ? body.order.map(String) : [];
      await reorderProcedures(app, actorOf(c), { order });
      return c.json({ ok: true, message: 'Ordre des démarches enregistré.' });
    }
    const f = await form(c);
    const direction = str(f, 'direction') === 'down' ? 'down' : 'up';
    await reorderProcedures(app, actorOf(c), { procedureId: str(f, 'procedure_id'), direction });
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    if (json) return c.json({ ok: false, message: e.message }, 422);
    return redirectWithFlash(c, proceduresHref({ ordre: true }), { kind: 'error', message: e.message });
  }
  return redirectWithFlash(c, proceduresHref({ ordre: true }), {
    kind: 'success',
    message: 'Ordre des démarches enregistré.',
  });
});

// ---------------------------------------------------------------------------------------------
// Dossier list

instructeurRoutes.get('/procedures/:id', async (c) => {
  const app = c.get('app');
  const now = app.clock.now();
  const user = c.get('user')!;
  const ctx = await loadListContext(app.db, user.id, c.req.param('id'));
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
  if (list.clamped && !pg.notice)
    notices.push(`La page ${pg.page} n'existe pas : la page ${list.page} (la dernière) est affichée.`);
  return page(
    c,
    { title: `${ctx.procedure.title} — dossiers`, nav: 'procedures', fluid: true },
    <ListView
      csrf={c.get('csrfToken')}
      ctx={{ ...ctx, presentation }}
      tab={tab}
      counts={counts}
      list={list}
      notices={notices}
      selectAll={c.req.query('selection') === 'tout'}
    />,
  );
});

instructeurRoutes.post('/procedures/:id/tri', async (c) => {
  const id = c.req.param('id');
  const f = await form(c);
  const tab = await postedTab(c);
  const order = str(f, 'order');
  return backToList(
    c,
    id,
    tab,
    () =>
      sortList(c.get('app'), actorOf(c), {
        procedureId: id,
        column: str(f, 'column'),
        order: order === 'asc' || order === 'desc' ? order : undefined,
      }),
    null,
    { index: true },
  );
});

instructeurRoutes.post('/procedures/:id/pagination', async (c) => {
  const id = c.req.param('id');
  const f = await form(c);
  return backToList(
    c,
    id,
    await postedTab(c),
    () => setPageSize(c.get('app'), actorOf(c), { procedureId: id, pageSize: Number(str(f, 'pageSize')) }),
    null,
  );
});

async function follow(c: C, which: 'follow' | 'unfollow'): Promise<Response> {
  const id = c.req.param('id') ?? '';
  const f = await form(c);
  const tab = await postedTab(c);
  const dossierId = str(f, 'dossier_id');
  const p = Number(str(f, 'page'));
  const pageNo = Number.isSafeInteger(p) && p > 0 ? p : 1;
  const message =
    which === 'follow' ? `Vous suivez le dossier nº ${dossierId}.` : `Vous ne suivez plus le dossier nº ${dossierId}.`;
  return backToList(
    c,
    id,
    tab,
    () => (which === 'follow' ? followDossier : unfollowDossier)(c.get('app'), actorOf(c), { dossierId }),
    message,
    { page: pageNo },
  );
}
instructeurRoutes.post('/procedures/:id/suivre', (c) => follow(c, 'follow'));
instructeurRoutes.post('/procedures/:id/ne-plus-suivre', (c) => follow(c, 'unfollow'));

// ---------------------------------------------------------------------------------------------
// Columns

instructeurRoutes.get('/procedures/:id/colonnes', async (c) => {
  const ctx = await loadListContext(c.get('app').db, c.get('user')!.id, c.req.param('id'));
  const { tab } = tabParam(c.req.query('statut'), ctx);
  return page(
    c,
    { title: `Personnaliser le tableau — ${ctx.procedure.title}`, nav: 'procedures' },
    <ColumnsPage csrf={c.get('csrfToken')} ctx={ctx} tab={tab} />,
  );
});

instructeurRoutes.post('/procedures/:id/colonnes', async (c) => {
  const app = c.get('app');
  const id = c.req.param('id');
  const f = await form(c);
  const tab = await postedTab(c);
  const ctx = await loadListContext(app.db, c.get('user')!.id, id);
  const chosen = strs(f, 'columns');
  // keep the order of the columns already shown, append the new ones in catalogue order
  const kept = ctx.presentation.columns.filter((col) => chosen.includes(col));
  const added = ctx.catalogue.map((col) => col.id).filter((col) => chosen.includes(col) && !kept.includes(col));
  try {
    await saveColumns(app, actorOf(c), { procedureId: id, columns: [...kept, ...added] });
  } catch (e) {
    if (!(e instanceof DomainError) || e.code === 'not_found') throw e;
    return page(
      c,
      { title: `Personnaliser le tableau — ${ctx.procedure.title}`, nav: 'procedures' },
      <ColumnsPage csrf={c.get('csrfToken')} ctx={ctx} tab={tab} error={e.message} />,
      422,
    );
  }
  return redirectWithFlash(c, listHref(id, { tab }), { kind: 'success', message: 'Le tableau a été enregistré.' });
});

instructeurRoutes.post('/procedures/:id/colonnes/deplacer', async (c) => {
  const app = c.get('app');
  const id = c.req.param('id');
  const f = await form(c);
  const tab = await postedTab(c);
  const ctx = await loadListContext(app.db, c.get('user')!.id, id);
  const column = str(f, 'column');
  const direction = str(f, 'direction');
  const columns =
    direction === 'remove'
      ? ctx.presentation.columns.filter((x) => x !== column)
      : moveItem(ctx.presentation.columns, column, direction === 'left' ? -1 : 1);
  try {
    await saveColumns(app, actorOf(c), { procedureId: id, columns });
  } catch (e) {
    if (!(e instanceof DomainError) || e.code === 'not_found') throw e;
    return redirectWithFlash(c, `/instructeur/procedures/${id}/colonnes?statut=${tab}`, {
      kind: 'error',
      message: e.message,
    });
  }
  return c.redirect(`/instructeur/procedures/${id}/colonnes?statut=${tab}`, 303);
});

// ---------------------------------------------------------------------------------------------
// Filters

instructeurRoutes.get('/procedures/:id/filtres', async (c) => {
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

instructeurRoutes.post('/procedures/:id/filtres', async (c) => {
  const app = c.get('app');
  const id = c.req.param('id');
  const f = await form(c);
  const tab = await postedTab(c);
  const op = str(f, 'op');
  const columnId = str(f, 'column');
  const scopeRaw = str(f, 'scope');
  const scope: FilterScope = scopeRaw === 'all' ? 'all' : isTab(scopeRaw) ? scopeRaw : tab;
  const checked = strs(f, 'values');
  const value = str(f, 'value');
  const values = checked.length
    ? checked
    : op === 'between'
      ? [value, str(f, 'value_max')]
      : value
          .split(';')
          .map((v) => v.trim())
          .filter(Boolean);
  try {
    await addFilter(app, actorOf(c), { procedureId: id, scope, column: columnId, op, values });
  } catch (e) {
    if (!(e instanceof DomainError) || e.code === 'not_found' || e.code === 'forbidden') throw e;
    const ctx = await loadListContext(app.db, c.get('user')!.id, id);
    const column = ctx.columns.get(columnId);
    const state: FilterFormState = { op, values, scope, error: e.message };
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
  }
  await indexPresentation(c, id);
  return redirectWithFlash(c, listHref(id, { tab }), { kind: 'success', message: 'Le filtre a été ajouté.' });
});

instructeurRoutes.post('/procedures/:id/filtres/retirer', async (c) => {
  const id = c.req.param('id');
  const f = await form(c);
  const tab = await postedTab(c);
  const scopeRaw = str(f, 'scope');
  const scope: FilterScope = scopeRaw === 'all' ? 'all' : isTab(scopeRaw) ? scopeRaw : tab;
  const index = str(f, 'index');
  return backToList(
    c,
    id,
    tab,
    () =>
      removeFilter(c.get('app'), actorOf(c), {
        procedureId: id,
        scope,
        index: index === '' ? undefined : Number(index),
        column: str(f, 'column') || undefined,
      }),
    'Le filtre a été retiré.',
  );
});

instructeurRoutes.post('/procedures/:id/filtres/barre', async (c) => {
  const id = c.req.param('id');
  const f = await form(c);
  const tab = await postedTab(c);
  const scopeRaw = str(f, 'scope');
  const scope: FilterScope = scopeRaw === 'all' ? 'all' : isTab(scopeRaw) ? scopeRaw : tab;
  return backToList(
    c,
    id,
    tab,
    () =>
      saveFilterBar(c.get('app'), actorOf(c), {
        procedureId: id,
        scope,
        states: strs(f, 'states'),
        number: str(f, 'number'),
        notifications: strs(f, 'notifications').filter(Boolean),
        deposeFrom: str(f, 'deposeFrom'),
        deposeTo: str(f, 'deposeTo'),
      }),
    'Les filtres ont été appliqués.',
    { index: true },
  );
});

// ---------------------------------------------------------------------------------------------
// Global search

instructeurRoutes.get('/recherche', async (c) => {
  const app = c.get('app');
  const q = (c.req.query('q') ?? '').slice(0, 200);
  const pg = pageParam(c.req.query('page'));
  const empty: SearchResult = { hits: [], total: 0, page: 1, pageCount: 1, directId: null };
  let result = empty;
  let error: string | null = pg.notice;
  const parsed = parseSearchQuery(q);
  if (parsed.kind === 'number') {
    // a dossier number I instruct opens it directly (one statement)
    const found = await lookupDossierNumberPrepared(app.database, c.get('user')!.id, parsed.id);
    if (found) return c.redirect(dossierHref(found.procedureId, found.id), 303);
  }
  if (parsed.kind !== 'empty') {
    try {
      result = await app.db.transaction().execute(async (trx) => {
        // A time limit (French message below), and SSD costs: with the default random_page_cost (4)
        // the planner reads every match of a common word instead of the most recent ones in order.
        await sql`SELECT set_config('statement_timeout', '10s', true), set_config('random_page_cost', '1.1', true)`.execute(
          trx,
        );
        return searchDossiers(trx, c.get('user')!.id, q, pg.page);
      });
    } catch (e) {
      app.logger.warn({ err: { message: (e as Error).message } }, 'recherche');
      error = "La recherche n'a pas pu aboutir. Précisez vos mots-clés et réessayez.";
    }
  }
  if (result.directId && result.hits[0])
    return c.redirect(dossierHref(result.hits[0].procedureId, result.directId), 303);
  return page(
    c,
    { title: q ? `Recherche « ${q} »` : 'Recherche', nav: 'procedures' },
    <SearchPage q={q} result={result} error={error} />,
  );
});

// ── Dossier page routes, mounted last so that the list routes above take precedence. ──
instructeurRoutes.route('/', dossierRoutes);
