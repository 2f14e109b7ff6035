// Migration 0026: a dossier past the brouillon always has its deposit date (the work list's « Déposé
// le » column relies on it). A row written without one before the migration gets its first known date
// instead of stopping the migration; afterwards the database refuses such a row.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, test } from 'node:test';
import { down, up } from '../../src/platform/db/migrations/0026-deposited-dossier-date.ts';
import { createDossier, createGroupe, createProcedure, createUser } from '../factories/index.ts';
import { closeTestApp, createTestApp, type TestApp } from '../helpers/app.ts';

let app: TestApp;
let deposited: string;
let brouillon: string;

before(async () => {
  app = await createTestApp();
  const procedure = await createProcedure(app);
  const groupeId = await createGroupe(app, procedure.id);
  const usager = await createUser(app);
  deposited = await createDossier(app, { procedure, groupeId, usager, state: 'en_construction' });
  brouillon = await createDossier(app, { procedure, groupeId, usager, state: 'brouillon' });
});
after(() => closeTestApp(app));

const dates = async (id: string) =>
  app.db
    .selectFrom('dossiers')
    .select(['depose_at', 'en_construction_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

test('a deposited dossier without a deposit date is refused', async () => {
  await assert.rejects(
    app.db.updateTable('dossiers').set({ depose_at: null }).where('id', '=', deposited).execute(),
    /dossiers_deposited_has_date/,
  );
  // a brouillon has none
  assert.equal((await dates(brouillon)).depose_at, null);
});

test('the migration gives such a row its first known date, then checks every row', async () => {
  await down(app.db);
  const before = await dates(deposited);
  await app.db.updateTable('dossiers').set({ depose_at: null }).where('id', '=', deposited).execute();
  await up(app.db);
  const after = await dates(deposited);
  assert.ok(after.depose_at);
  assert.equal(after.depose_at?.getTime(), (before.en_construction_at ?? before.depose_at)?.getTime());
  assert.equal((await dates(brouillon)).depose_at, null);
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_constraint
    WHERE conname = 'dossiers_deposited_has_date' AND convalidated`.execute(app.db);
  assert.equal(r.rows[0].n, 1);
});
