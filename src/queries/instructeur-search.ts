// The instructor's global search as the page runs it: bounded in time, with the planner told that
// pages are cheap to read at random (docs/interface.md §2A).
import { sql } from 'kysely';
import type { Db } from '../platform/db/index.ts';
import { searchDossiers, type SearchResult } from './search.ts';

/** One page of search results; a search that takes more than 10 s fails (the page says so in French). */
export function searchDossiersBounded(db: Db, userId: string, q: string, page: number): Promise<SearchResult> {
  return db.transaction().execute(async (trx) => {
    // A time limit, and SSD costs: with the default random_page_cost (4) the planner reads every
    // match of a common word instead of the most recent ones in order.
    await sql`SELECT set_config('statement_timeout', '10s', true), set_config('random_page_cost', '1.1', true)`.execute(
      trx,
    );
    return searchDossiers(trx, userId, q, page);
  });
}
