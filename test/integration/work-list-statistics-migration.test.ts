// Migration 0030: the on-demand list objects may be extended statistics (method `stats`); going
// down drops those statistics and their records, and the registry takes indexes only again.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, test } from 'node:test';
import { down, up } from '../../src/platform/db/migrations/0030-work-list-statistics.ts';
import { createProcedure } from '../factories/index.ts';
import { closeTestApp, createTestApp, type TestApp } from '../helpers/app.ts';

let app: TestApp;
let procedureId: string;

before(async () => {
  app = await createTestApp();
  procedureId = (await createProcedure(app)).id;
});
after(() => closeTestApp(app));

const record = (name: string) =>
  sql`INSERT INTO work_list_indexes (index_name, procedure_id, column_id, method, state)
    VALUES (${name}, ${procedureId}, 'champ/x', 'stats', 'ready')`.execute(app.db);
const made = async (name: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_statistic_ext WHERE stxname = ${name}`.execute(app.db))
    .rows[0].n;

test('down drops the statistics and their records; up takes them again', async () => {
  await sql`CREATE STATISTICS wl_test_stats (mcv) ON procedure_id, ((champs ->> 'x')) FROM dossiers`.execute(app.db);
  await record('wl_test_stats');
  await down(app.db);
  assert.equal(await made('wl_test_stats'), 0);
  const left = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM work_list_indexes WHERE method = 'stats'`.execute(app.db);
  assert.equal(left.rows[0].n, 0);
  await assert.rejects(record('wl_test_again'), /work_list_indexes_method_check/);
  await up(app.db);
  await record('wl_test_again');
});
