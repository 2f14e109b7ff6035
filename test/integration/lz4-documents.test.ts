// Migration 0028: where the server has lz4, the documents read on every page are compressed with it
// (docs/deployment.md, « Sizing »); where it has not (PGlite), nothing changes.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, test } from 'node:test';
import { LZ4_COLUMNS, serverHasLz4 } from '../../src/platform/db/migrations/0028-lz4-documents.ts';
import { createDossier, createGroupe, createProcedure, createUser } from '../factories/index.ts';
import { closeTestApp, createTestApp, type TestApp } from '../helpers/app.ts';

let app: TestApp;
before(async () => {
  app = await createTestApp();
});
after(() => closeTestApp(app));

test('the large documents use lz4 when the server has it, the default otherwise', async () => {
  const lz4 = await serverHasLz4(app.db);
  const { rows } = await sql<{ col: string; method: string }>`
    SELECT a.attrelid::regclass::text || '.' || a.attname AS col, a.attcompression::text AS method
    FROM pg_attribute a
    WHERE (a.attrelid::regclass::text, a.attname::text) IN (${sql.join(LZ4_COLUMNS.map(([t, c]) => sql`(${t}, ${c})`))})
    ORDER BY 1`.execute(app.db);
  assert.equal(rows.length, LZ4_COLUMNS.length);
  for (const r of rows) assert.equal(r.method, lz4 ? 'l' : '', `${r.col}: ${r.method}`);
});

test('a large document written to a dossier is stored with lz4 when the server has it', async (t) => {
  if (!(await serverHasLz4(app.db))) return t.skip('this server has no lz4');
  const procedure = await createProcedure(app);
  const groupeId = await createGroupe(app, procedure.id);
  const id = await createDossier(app, { procedure, groupeId, usager: await createUser(app), state: 'en_construction' });
  // compressible and over the 2 kB at which PostgreSQL starts compressing a row's values
  const champs = { c01: { value: Array.from({ length: 400 }, (_, i) => `adresse ${i % 7}`).join(' ') } };
  await app.db
    .updateTable('dossiers')
    .set({ champs: JSON.stringify(champs) })
    .where('id', '=', id)
    .execute();
  const { rows } = await sql<{ method: string | null }>`
    SELECT pg_column_compression(champs) AS method FROM dossiers WHERE id = ${id}`.execute(app.db);
  assert.equal(rows[0]?.method, 'lz4');
});
