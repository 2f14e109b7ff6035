// The instructor's global search (docs/interface.md §2A): a dossier number opens the dossier, words
// search the dossiers of my groups.
import { Hono } from 'hono';
import { searchDossiersBounded } from '../../../queries/instructeur-search.ts';
import { lookupDossierNumberPrepared, parseSearchQuery, type SearchResult } from '../../../queries/search.ts';
import type { Env } from '../../context.ts';
import { page } from '../../render.tsx';
import { dossierHref } from '../../views/work-list/links.ts';
import { SearchPage } from '../../views/work-list/search-page.tsx';
import { pageParam } from './list-common.ts';

export const searchRoutes = new Hono<Env>();

searchRoutes.get('/recherche', async (c) => {
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
      result = await searchDossiersBounded(app.db, c.get('user')!.id, q, pg.page);
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
