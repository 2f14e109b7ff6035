// The instructor's global search as the page runs it: bounded in time, with the planner told that
// pages are cheap to read at random, and how to read a common word (docs/interface.md §2A,
// docs/work-list.md « Global search: common words »).
import { sql } from 'kysely';
import { type Db, type Executor, PREPARED } from '../platform/db/index.ts';
import { foldWord, parseSearchQuery, searchDossiers, type SearchResult } from './search.ts';

/**
 * A word found in at least this share of the dossiers is read from the list index in recency order
 * (about 500 / share rows per procedure, tested one by one), never through the GIN index (every
 * match of the whole base, then sorted).
 */
export const COMMON_WORD_SHARE = 0.03;
/** How long the search index's lexeme statistics are kept by a process. */
const STATS_TTL_MS = 10 * 60_000;

interface LexemeStats {
  at: number;
  /** the most common lexemes of `dossiers.search_terms` with the share of dossiers holding each */
  lexemes: { lexeme: string; share: number }[];
}
const statsCache = new WeakMap<Db, LexemeStats>();

/** The most common lexemes of the search index, as ANALYZE last counted them (kept 10 minutes). */
async function lexemeStats(db: Db, now: number): Promise<LexemeStats['lexemes']> {
  const cached = statsCache.get(db);
  if (cached && now - cached.at < STATS_TTL_MS) return cached.lexemes;
  const r = await sql<{ e: string[] | null; f: number[] | null }>`
    SELECT s.most_common_elems::text::text[] AS e, s.most_common_elem_freqs AS f FROM pg_stats s
    WHERE s.schemaname = current_schema() AND s.tablename = 'dossiers' AND s.attname = 'search_terms'`.execute(db);
  const row = r.rows[0];
  const lexemes = (row?.e ?? []).map((lexeme, i) => ({ lexeme, share: Number(row?.f?.[i] ?? 0) }));
  statsCache.set(db, { at: now, lexemes });
  return lexemes;
}

/** One page of search results; a search that takes more than 10 s fails (the page says so in French). */
export async function searchDossiersBounded(db: Db, userId: string, q: string, page: number): Promise<SearchResult> {
  const parsed = parseSearchQuery(q);
  const words = parsed.kind === 'words' ? parsed.words : [];
  // The statistics' lexemes that may be a word's stem (same first three letters): PostgreSQL stems
  // the word and adds up the shares of the lexemes its prefix query matches (as the planner does).
  const heads = new Set(words.map((w) => foldWord(w).slice(0, 3)));
  const stats = words.length ? await lexemeStats(db, Date.now()) : [];
  const candidates = stats.filter((x) => heads.has(x.lexeme.slice(0, 3)));
  return db.transaction().execute(async (trx) => {
    const share = await setSearchPlan(trx, words, candidates);
    // a word rarer than any the statistics list: its matches first (see searchDossiers) — only when
    // there are statistics: on a base never analysed every word would look rare, common ones too
    const matchesFirst = stats.length > 0 && share === 0;
    return searchDossiers(trx, userId, q, page, { matchesFirst });
  });
}

/**
 * The search transaction's settings: a time limit; SSD costs (with the default random_page_cost, 4,
 * the planner reads every match of a frequent word instead of the most recent ones in order); and
 * for a word in 3 % or more of the dossiers, no bitmap scan: the planner's estimates of the two
 * plans are close, but reading a word's every match in the base (130 000 for « culture » at
 * 1 000 000 dossiers) took 0.8–1.9 s where the recency walk takes a few milliseconds. PostgreSQL
 * stems each word and adds up the shares of the candidate lexemes its prefix query matches; a query
 * of several words takes the rarest. Returns that share (0: rarer than any word the statistics list).
 */
export async function setSearchPlan(
  trx: Executor,
  words: readonly string[],
  candidates: readonly { lexeme: string; share: number }[],
): Promise<number> {
  const r = await sql<{ share: number }>`${PREPARED}WITH s AS (SELECT coalesce((
      SELECT min(share) FROM (
        SELECT x.w, min(coalesce((
          SELECT sum(c.f) FROM unnest(${candidates.map((c) => c.lexeme)}::text[], ${candidates.map((c) => c.share)}::float8[]) AS c(e, f)
          WHERE left(c.e, length(x.l)) = x.l), 0)) AS share
        FROM (SELECT w, unnest(tsvector_to_array(to_tsvector('french', f_unaccent(w)))) AS l FROM unnest(${words}::text[]) AS w) x
        GROUP BY x.w) per_word), 0)::float8 AS share)
    SELECT set_config('statement_timeout', '10s', true), set_config('random_page_cost', '1.1', true),
      set_config('enable_bitmapscan', CASE WHEN s.share >= ${COMMON_WORD_SHARE} THEN 'off' ELSE 'on' END, true), s.share
    FROM s`.execute(trx);
  return Number(r.rows[0]?.share ?? 0);
}
