// `f_unaccent` — the immutable accent folding that text filters, their trigram indexes and the search
// vectors use — was a SQL wrapper around `unaccent(regdictionary, text)`. PostgreSQL cannot inline
// it (an IMMUTABLE function whose body calls a STABLE one is run as a function call), so each use
// paid the SQL-function executor, ≈ 1 µs: a « contient » filter rechecking 1 358 dossiers spent 4.6 ms
// where the extension's own C entry point spends 3.4 (docs/work-list.md, « Text filters »). Where
// the migrating role may create a C-language function (a superuser) and the `unaccent` dictionary
// lives in the function's schema, `f_unaccent` becomes that C entry point: its one-argument form
// folds with the dictionary named `unaccent` of the function's own schema — the dictionary the
// wrapper named — so every value, hence every index built on it, stays the same. Elsewhere the
// wrapper stays (same results, slower).
import { type Kysely, sql } from 'kysely';

/** Whether f_unaccent can be the extension's C function here (superuser; dictionary beside it). */
export async function canUseNativeUnaccent(db: Kysely<any>): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`SELECT
      (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
      AND EXISTS (SELECT 1 FROM pg_proc p JOIN pg_ts_dict t ON t.dictnamespace = p.pronamespace
                   WHERE p.oid = 'f_unaccent(text)'::regprocedure AND t.dictname = 'unaccent') AS ok`.execute(db);
  return Boolean(r.rows[0]?.ok);
}

export async function up(db: Kysely<any>): Promise<void> {
  if (!(await canUseNativeUnaccent(db))) return;
  await sql`CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text LANGUAGE c IMMUTABLE PARALLEL SAFE STRICT
    AS '$libdir/unaccent', 'unaccent_dict'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`.execute(db);
}
