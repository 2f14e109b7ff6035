import pg from 'pg';
const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
await c.connect();
const A = `WITH  cand AS MATERIALIZED ((SELECT d.id, d.updated_at, d.search_terms FROM dossiers d
      WHERE d.procedure_id = $1 AND d.groupe_id = ANY($3::bigint[]) AND d.state <> 'brouillon'
        AND d.search_terms @@ (to_tsquery('french', f_unaccent($2)))
      ORDER BY d.updated_at DESC, d.id DESC LIMIT 500)),
    w AS (SELECT id, search_terms FROM cand ORDER BY updated_at DESC, id DESC LIMIT 500),
    hits AS (SELECT w.id, ts_rank(w.search_terms, (to_tsquery('french', f_unaccent($2)))) AS rank FROM w ORDER BY rank DESC, w.id DESC LIMIT 25 OFFSET 0)
    SELECT t.total, d.id::text AS id, d.procedure_id::text AS procedure_id, p.title, d.state, d.user_email, d.nom, d.prenom, d.depose_at, d.archived
    FROM (SELECT count(*)::text AS total FROM cand) t
    LEFT JOIN (hits JOIN dossiers d ON d.id = hits.id JOIN procedures p ON p.id = d.procedure_id) ON true
    ORDER BY hits.rank DESC, hits.id DESC`;
const E = `WITH  cand AS MATERIALIZED ((SELECT d.id, d.updated_at, ts_rank(d.search_terms, (to_tsquery('french', f_unaccent($2)))) AS rank FROM dossiers d
      WHERE d.procedure_id = $1 AND d.groupe_id = ANY($3::bigint[]) AND d.state <> 'brouillon'
        AND d.search_terms @@ (to_tsquery('french', f_unaccent($2)))
      ORDER BY d.updated_at DESC, d.id DESC LIMIT 500)),
    w AS (SELECT id, rank FROM cand ORDER BY updated_at DESC, id DESC LIMIT 500),
    hits AS (SELECT w.id, w.rank FROM w ORDER BY w.rank DESC, w.id DESC LIMIT 25 OFFSET 0)
    SELECT t.total, d.id::text AS id, d.procedure_id::text AS procedure_id, p.title, d.state, d.user_email, d.nom, d.prenom, d.depose_at, d.archived
    FROM (SELECT count(*)::text AS total FROM cand) t
    LEFT JOIN (hits JOIN dossiers d ON d.id = hits.id JOIN procedures p ON p.id = d.procedure_id) ON true
    ORDER BY hits.rank DESC, hits.id DESC`;
const word = "'association':*";
const ts: number[][] = [[], []];
let ra = '', re = '';
for (let i = 0; i < 50; i++) {
  for (const [k, sql] of [A, E].entries()) {
    await c.query('BEGIN'); await c.query(`SELECT set_config('random_page_cost','1.1',true), set_config('enable_bitmapscan','off',true)`);
    const t = performance.now(); const r = await c.query(sql, ['1', word, ['1']]); const e = performance.now() - t;
    await c.query('COMMIT'); if (i >= 5) ts[k].push(e);
    if (i === 0) { if (k === 0) ra = JSON.stringify(r.rows); else re = JSON.stringify(r.rows); }
  }
}
const med = (x: number[]) => x.sort((a, b) => a - b)[x.length >> 1].toFixed(2);
console.log('same rows', ra === re, 'now', med(ts[0]), 'rank-in-branch', med(ts[1]));
await c.end();
