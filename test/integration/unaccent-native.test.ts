// Migration 0029: f_unaccent is the unaccent extension's C entry point where the migrating role may
// create one, and folds exactly as the SQL wrapper it replaces (docs/work-list.md, « Text filters »):
// the indexes built on it stay valid.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sql } from 'kysely';
import { after, before, test } from 'node:test';
import { canUseNativeUnaccent } from '../../src/platform/db/migrations/0029-unaccent-native.ts';
import { closeTestApp, createTestApp, type TestApp } from '../helpers/app.ts';

let app: TestApp;
before(async () => {
  app = await createTestApp();
});
after(() => closeTestApp(app));

test('f_unaccent is the C function where the role may create it', async () => {
  const { rows } = await sql<{ lang: string; super: boolean }>`
    SELECT l.lanname AS lang, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS super
    FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.oid = 'f_unaccent(text)'::regprocedure`.execute(
    app.db,
  );
  assert.equal(rows[0]?.lang, (await canUseNativeUnaccent(app.db)) ? 'c' : 'sql');
  // the test servers (PGlite, CI's PostgreSQL) run as a superuser: the fast path is what they test
  if (rows[0]?.super) assert.equal(rows[0]?.lang, 'c');
});

test('f_unaccent folds as unaccent with the public dictionary', async () => {
  const fixed = ['Élodie', 'À Lïlle-sur-Mer', 'ŒUVRE cœur', 'Ça ß ﬁ', 'São Tomé', 'naïve façade', '', 'x'];
  const generated = fc.sample(
    fc.string({ unit: fc.constantFrom(..."aàâäeéèêëiîïoôöuùûüçœæAÀÉÈÇŒ ß-'’0123456789".split('')) }),
    { numRuns: 200, seed: 29 },
  );
  const values = [...fixed, ...generated];
  const { rows } = await sql<{ v: string; native: string; wrapper: string }>`
    SELECT v, f_unaccent(v) AS native, public.unaccent('public.unaccent'::regdictionary, v) AS wrapper
    FROM unnest(${values}::text[]) AS v`.execute(app.db);
  assert.equal(rows.length, values.length);
  for (const r of rows) assert.equal(r.native, r.wrapper, r.v);
  const nul = await sql<{ n: string | null }>`SELECT f_unaccent(NULL) AS n`.execute(app.db);
  assert.equal(nul.rows[0]?.n, null);
});
