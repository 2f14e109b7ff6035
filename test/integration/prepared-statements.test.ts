// Statements marked PREPARED (src/platform/db/index.ts) run as named prepared statements on the
// connection that runs them, in or out of a transaction, and give what the same statement gives
// unprepared (both engines).
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { type Executor, PREPARED } from '../../src/platform/db/index.ts';
import { closeTestApp, createTestApp, engine, type TestApp } from '../helpers/app.ts';

let app: TestApp;
before(async () => {
  app = await createTestApp();
});
after(async () => closeTestApp(app));

const marked = (ex: Executor, n: number) =>
  sql<{ n: number; word: string }>`${PREPARED}SELECT ${n}::int + 1 AS n, 'prêt' AS word`.execute(ex);
const plain = (ex: Executor, n: number) =>
  sql<{ n: number; word: string }>`SELECT ${n}::int + 1 AS n, 'prêt' AS word`.execute(ex);
const preparedHere = async (ex: Executor) =>
  (
    await sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements
      WHERE statement LIKE '%AS word%'`.execute(ex)
  ).rows;

describe(`prepared statements on ${engine}`, () => {
  test('a marked statement is prepared once on its connection, with each run’s values', async () => {
    await app.db.transaction().execute(async (trx) => {
      for (const n of [1, 41, -3]) {
        assert.deepEqual((await marked(trx, n)).rows, [{ n: n + 1, word: 'prêt' }]);
        assert.deepEqual((await marked(trx, n)).rows, (await plain(trx, n)).rows);
      }
      const rows = await preparedHere(trx);
      // one prepared statement for the three runs, named after its text; the plain one is not prepared
      assert.equal(rows.length, 1, JSON.stringify(rows));
      assert.match(rows[0].name, /^guichet_[0-9a-f]{20}$/);
      assert.ok(rows[0].statement.startsWith('/* prepared */ SELECT'));
    });
  });

  test('an error in a marked statement is the statement’s error, and the connection goes on', async () => {
    await assert.rejects(sql`${PREPARED}SELECT 1 / ${0}::int AS x`.execute(app.db), /division by zero/);
    assert.deepEqual((await marked(app.db, 9)).rows, [{ n: 10, word: 'prêt' }]);
  });
});
