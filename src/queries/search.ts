// Global search of the instructor (docs/interface.md §2A, docs/domain.md §3 "Global search"): a dossier number opens
// the dossier when I may see it; words search the dossiers of my groups with PostgreSQL full-text
// search over `dossiers.search_terms` (GIN index): French stemming, accent- and case-insensitive
// (f_unaccent on both sides), every word a prefix, all words required, ranked by ts_rank.
import { type RawBuilder, sql } from 'kysely';
import { executeRaw, PREPARED, queryPrepared, type Database, type Executor } from '../platform/db/index.ts';
import type { DossierState } from '../domain/dossier-state.ts';
import { canInstruct, instructorGroupsFilter, type Access } from '../domain/permissions.ts';

export const SEARCH_PAGE_SIZE = 25;
/**
 * Ranking is computed over the most recently updated matches only: each procedure's matches are
 * read in recency order from its list index and stop at this many (a common word then costs a few
 * hundred rows, not tens of thousands); a rare word uses the GIN index. Beyond it the total is
 * shown as "plus de 500".
 */
export const SEARCH_RANK_WINDOW = 500;
const MAX_WORDS = 10;
const MAX_QUERY_LENGTH = 200;

export type ParsedQuery =
  | { kind: 'empty' }
  | { kind: 'number'; id: string }
  | {
      kind: 'words';
      /** every word, as typed (e-mail addresses lower-cased) */
      words: string[];
      /** the words read by PostgreSQL's French configuration, each a prefix ('' when there are none) */
      tsquery: string;
      /** the dotted words (see DOTTED_WORD), folded, each searched whole */
      dotted: string[];
    };

/**
 * An e-mail address, kept whole: PostgreSQL's text parser indexes « usager@demo.guichet.fr » as one
 * lexeme, which its parts (usager, demo, guichet, fr) would never match. Only letters, digits and
 * `. _ % + -` around one `@`: nothing of tsquery's syntax (quotes, backslashes, operators) gets in.
 */
const EMAIL_WORD = /[\p{L}\p{N}._%+-]*[\p{L}\p{N}]@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/**
 * A dotted word: letters and digits joined by `.`, `_`, `+` or `-`, with a letter and at least one
 * `.`, `_` or `+` (« marie.hamon.1015 », an address's beginning). Searched whole: as PostgreSQL reads
 * the same text in a champ (« marie.hamon » then « 1015 », a host name, a file name) or as the
 * beginning of an indexed e-mail address. Cut at its dots, its parts would be required anywhere in
 * the dossier: common first names and numbers, matched by thousands of dossiers, and rarely the
 * applicant whose address it is. Only letters, digits and `._+-`: nothing of tsquery's syntax.
 */
const DOTTED_WORD = /[\p{L}\p{N}]+(?:[._+-][\p{L}\p{N}]+)+/gu;
const isDotted = (w: string) => /[._+]/.test(w) && /\p{L}/u.test(w);

/** A word as the index's lexemes are: lower case, without accents. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Words of a query: e-mail addresses, dotted words, else letters and digits only (no tsquery syntax can get through), at most 10. */
export function parseSearchQuery(raw: string): ParsedQuery {
  const q = (raw ?? '').slice(0, MAX_QUERY_LENGTH).trim();
  if (q === '') return { kind: 'empty' };
  const compact = q.replace(/^n[°ºo]\s*/i, '').replace(/[\s\u00a0]/g, '');
  if (/^[0-9]{1,18}$/.test(compact)) return { kind: 'number', id: String(BigInt(compact)) };
  const text = q.normalize('NFC');
  const emails = (text.match(EMAIL_WORD) ?? []).map((e) => e.toLowerCase());
  const rest = text.replace(EMAIL_WORD, ' ');
  const tokens = (rest.match(DOTTED_WORD) ?? []).filter(isDotted);
  const plain = rest.replace(DOTTED_WORD, (t) => (isDotted(t) ? ' ' : t)).match(/[\p{L}\p{N}]+/gu) ?? [];
  const words = [...emails, ...tokens, ...plain].slice(0, MAX_WORDS);
  if (words.length === 0) return { kind: 'empty' };
  const dotted = words.filter((w) => tokens.includes(w));
  return {
    kind: 'words',
    words,
    tsquery: words
      .filter((w) => !tokens.includes(w))
      .map((w) => `'${w}':*`)
      .join(' & '),
    dotted: dotted.map(foldWord),
  };
}

/** The tsquery of a parsed query (SQL): every word required, each a prefix. */
export function searchTsquerySql(parsed: Extract<ParsedQuery, { kind: 'words' }>): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (parsed.tsquery) parts.push(sql`to_tsquery('french', f_unaccent(${parsed.tsquery}))`);
  for (const w of parsed.dotted)
    parts.push(sql`(to_tsquery('french', f_unaccent(${`'${w}':*`})) || ${`'${w}':*`}::tsquery)`);
  return sql`(${sql.join(parts, sql` && `)})`;
}

export interface SearchHit {
  id: string;
  procedureId: string;
  procedureTitle: string;
  state: DossierState;
  userEmail: string;
  nom: string | null;
  prenom: string | null;
  deposeAt: Date | null;
  archived: boolean;
}

export interface SearchResult {
  hits: SearchHit[];
  /** matches found (at most the rank window) */
  total: number;
  /** more matches than the window: refine the words */
  more?: boolean;
  page: number;
  pageCount: number;
  /** the number searched is a dossier I may see */
  directId: string | null;
}

/** Groups of every procedure the user instructs (domain permission function). */
export async function instructorAccess(ex: Executor, userId: string): Promise<Access> {
  const r = await sql<{ g: string; p: string }>`${PREPARED}
    SELECT gm.groupe_id::text AS g, g.procedure_id::text AS p
    FROM groupe_members gm JOIN groupes_instructeurs g ON g.id = gm.groupe_id WHERE gm.user_id = ${userId}`.execute(ex);
  return {
    userId,
    instructorGroupIds: r.rows.map((x) => x.g),
    adminProcedureIds: [],
    groupProcedureIds: Object.fromEntries(r.rows.map((x) => [x.g, x.p])),
  };
}

/** My memberships and the dossier of that number, if any: one statement ($1 user, $2 number). */
const LOOKUP_SQL = `
  SELECT (SELECT json_agg(json_build_object('g', gm.groupe_id::text, 'p', g.procedure_id::text))
            FROM groupe_members gm JOIN groupes_instructeurs g ON g.id = gm.groupe_id WHERE gm.user_id = $1) AS memberships,
         d.id::text AS id, d.procedure_id::text AS procedure_id, d.groupe_id::text AS groupe_id, d.state,
         d.hidden_by_administration_at, d.hidden_by_user_at, d.hidden_by_expired_at
  FROM (SELECT 1) one LEFT JOIN dossiers d ON d.id = $2`;
interface LookupRow {
  memberships: { g: string; p: string }[] | null;
  id: string | null;
  procedure_id: string;
  groupe_id: string;
  state: DossierState;
  hidden_by_administration_at: Date | string | null;
  hidden_by_user_at: Date | string | null;
  hidden_by_expired_at: Date | string | null;
}

function dateOrNull(v: Date | string | null): Date | null {
  return v === null ? null : new Date(v);
}

/** Decided by the domain's `canInstruct`; never reveals that another dossier exists. */
function lookupDecision(userId: string, row: LookupRow | undefined): { id: string; procedureId: string } | null {
  if (!row?.id) return null;
  const m = row.memberships ?? [];
  const access: Access = {
    userId,
    instructorGroupIds: m.map((x) => x.g),
    adminProcedureIds: [],
    groupProcedureIds: Object.fromEntries(m.map((x) => [x.g, x.p])),
  };
  return canInstruct(access, {
    id: row.id,
    procedureId: row.procedure_id,
    groupeId: row.groupe_id,
    ownerId: null,
    state: row.state,
    hidden_by_administration_at: dateOrNull(row.hidden_by_administration_at),
    hidden_by_user_at: dateOrNull(row.hidden_by_user_at),
    hidden_by_expired_at: dateOrNull(row.hidden_by_expired_at),
  })
    ? { id: row.id, procedureId: row.procedure_id }
    : null;
}

const DOSSIER_NUMBER = /^[0-9]{1,18}$/;

/** A dossier number typed in the search bar, if I instruct that dossier — one statement. */
export async function lookupDossierNumber(
  ex: Executor,
  userId: string,
  id: string,
): Promise<{ id: string; procedureId: string } | null> {
  if (!DOSSIER_NUMBER.test(id)) return null;
  return lookupDecision(userId, (await executeRaw(ex, LOOKUP_SQL, [userId, id])).rows[0]);
}

/** The same outside a transaction, prepared (queryPrepared): the search bar's direct opening of a dossier. */
export async function lookupDossierNumberPrepared(
  database: Database,
  userId: string,
  id: string,
): Promise<{ id: string; procedureId: string } | null> {
  if (!DOSSIER_NUMBER.test(id)) return null;
  return lookupDecision(
    userId,
    (await queryPrepared(database, 'guichet_lookup_number_v2', LOOKUP_SQL, [userId, id]))[0],
  );
}

/**
 * `matchesFirst`: read the word's matches in the whole base first (GIN index), then keep those of
 * my groups — for words too rare for the index statistics (an address, a rare name: a few thousand
 * dossiers at most). Otherwise the planner may combine the GIN index with my groups' index, and
 * for a group of 90 000 dossiers reading that index costs more than the whole search (70 ms against
 * 3 ms for « marie.hamon.1015 », docs/work-list.md « Global search: rare words »).
 */
export async function searchDossiers(
  ex: Executor,
  userId: string,
  rawQuery: string,
  page: number,
  opts: { matchesFirst?: boolean } = {},
): Promise<SearchResult> {
  const empty: SearchResult = { hits: [], total: 0, page: 1, pageCount: 1, directId: null };
  const parsed = parseSearchQuery(rawQuery);
  if (parsed.kind === 'empty') return empty;
  const access = await instructorAccess(ex, userId);
  const groupIds = instructorGroupsFilter(access);
  if (groupIds.length === 0) return empty;
  if (parsed.kind === 'number') {
    const found = await lookupDossierNumber(ex, userId, parsed.id);
    if (found) {
      const hits = await hitsByIds(ex, [found.id]);
      return { hits, total: hits.length, page: 1, pageCount: 1, directId: found.id };
    }
    // not a number I may see: search it as a word (it may be a postal code, an amount, …)
  }
  const tsquery = searchTsquerySql(
    parsed.kind === 'words' ? parsed : { kind: 'words', words: [parsed.id], tsquery: `'${parsed.id}':*`, dotted: [] },
  );
  const wanted = Number.isSafeInteger(page) && page > 0 ? page : 1;
  // One branch per procedure of my groups: its matches in recency order (index on procedure,
  // updated_at), at most the window; the query text is inlined in each branch so that the planner
  // estimates the word's frequency (tsvector statistics) and picks the GIN index for rare words.
  // Each branch ranks its rows after its limit and keeps only (id, updated_at, rank): carrying the
  // search terms (≈ 1.2 kB a dossier) into the window's sort cost more than the walk's matching
  // (docs/work-list.md, « Global search: ranking in the branches »).
  const byProcedure = new Map<string, string[]>();
  for (const g of groupIds) {
    const p = access.groupProcedureIds?.[g];
    if (p) byProcedure.set(p, [...(byProcedure.get(p) ?? []), g]);
  }
  const match = sql`d.search_terms @@ ${tsquery}`;
  const matchesFirst = opts.matchesFirst === true;
  const branches = [...byProcedure].map(
    ([procedureId, groups]) => sql`(SELECT x.id, x.updated_at, ts_rank(x.search_terms, ${tsquery}) AS rank FROM (
      SELECT d.id, d.updated_at, d.search_terms FROM ${matchesFirst ? sql`m d` : sql`dossiers d`}
      WHERE d.procedure_id = ${procedureId} AND d.groupe_id = ANY(${groups}::bigint[]) AND d.state <> 'brouillon'
        AND ${matchesFirst ? sql`true` : match}
      ORDER BY d.updated_at DESC, d.id DESC LIMIT ${SEARCH_RANK_WINDOW}) x)`,
  );
  const matches = matchesFirst
    ? sql`m AS MATERIALIZED (SELECT d.id, d.updated_at, d.search_terms, d.procedure_id, d.groupe_id, d.state
        FROM dossiers d WHERE ${match}),`
    : sql``;
  type Row = {
    id: string;
    total: string;
    procedure_id: string;
    title: string;
    state: DossierState;
    user_email: string;
    nom: string | null;
    prenom: string | null;
    depose_at: Date | null;
    archived: boolean;
  };
  const r = await sql<Row>`
    WITH ${matches} cand AS MATERIALIZED (${sql.join(branches, sql` UNION ALL `)}),
    w AS (SELECT id, rank FROM cand ORDER BY updated_at DESC, id DESC LIMIT ${SEARCH_RANK_WINDOW}),
    hits AS (
      SELECT w.id, w.rank FROM w
      ORDER BY w.rank DESC, w.id DESC
      LIMIT ${SEARCH_PAGE_SIZE} OFFSET ${(Math.min(wanted, 10_000) - 1) * SEARCH_PAGE_SIZE}
    )
    SELECT t.total, d.id::text AS id, d.procedure_id::text AS procedure_id, p.title, d.state, d.user_email, d.nom, d.prenom, d.depose_at, d.archived
    FROM (SELECT count(*)::text AS total FROM cand) t
    LEFT JOIN (hits JOIN dossiers d ON d.id = hits.id JOIN procedures p ON p.id = d.procedure_id) ON true
    ORDER BY hits.rank DESC, hits.id DESC`.execute(ex);
  const found = Number(r.rows[0]?.total ?? 0);
  const ranked = Math.min(found, SEARCH_RANK_WINDOW);
  const pageCount = Math.max(1, Math.ceil(ranked / SEARCH_PAGE_SIZE));
  const rows = r.rows.filter((x) => x.id !== null);
  if (rows.length === 0 && wanted > 1) {
    // past the last page: show the last one
    if (found === 0) return empty;
    return searchDossiers(ex, userId, rawQuery, pageCount, opts);
  }
  const hits: SearchHit[] = rows.map((x) => ({
    id: x.id,
    procedureId: x.procedure_id,
    procedureTitle: x.title,
    state: x.state,
    userEmail: x.user_email,
    nom: x.nom,
    prenom: x.prenom,
    deposeAt: x.depose_at,
    archived: x.archived,
  }));
  return {
    hits,
    total: rows.length ? ranked : 0,
    more: found > SEARCH_RANK_WINDOW,
    page: Math.min(wanted, pageCount),
    pageCount,
    directId: null,
  };
}

async function hitsByIds(ex: Executor, ids: string[]): Promise<SearchHit[]> {
  if (ids.length === 0) return [];
  const r = await sql<{
    id: string;
    procedure_id: string;
    title: string;
    state: DossierState;
    user_email: string;
    nom: string | null;
    prenom: string | null;
    depose_at: Date | null;
    archived: boolean;
    ord: string;
  }>`
    SELECT d.id::text AS id, d.procedure_id::text AS procedure_id, p.title, d.state, d.user_email, d.nom, d.prenom, d.depose_at, d.archived, x.ord
    FROM unnest(${ids}::bigint[]) WITH ORDINALITY AS x(id, ord)
    JOIN dossiers d ON d.id = x.id JOIN procedures p ON p.id = d.procedure_id
    ORDER BY x.ord`.execute(ex);
  return r.rows.map((x) => ({
    id: x.id,
    procedureId: x.procedure_id,
    procedureTitle: x.title,
    state: x.state,
    userEmail: x.user_email,
    nom: x.nom,
    prenom: x.prenom,
    deposeAt: x.depose_at,
    archived: x.archived,
  }));
}
