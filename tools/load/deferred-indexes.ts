// Secondary B-tree indexes built after a large load rather than entry by entry during it
// (PostgreSQL only; docs/load-seed.md « Secondary indexes built at the end »).
//
// COPY inserts each row's key into every index of its table: for the load's tables, about a fifth
// of PostgreSQL's CPU went to B-tree insertions (perf, 200 000 dossiers), random descents into
// indexes that outgrow the server's buffers. A B-tree built from the whole table sorts its keys once.
// The non-unique B-trees of the loaded tables are dropped before the first batch and built again
// when the batches are done, on two connections; unique indexes (primary keys, constraints) stay,
// the search index (GIN, merged in bulk during the load) too. Their definitions are kept in
// app_settings in the transaction that drops them, so that an interrupted load rebuilds them when
// it resumes (or `guichet seed` with the same volume, which finds nothing left to write).
import { sql } from 'kysely';
import type { Services } from '../../src/platform/services.ts';
import { executeRaw, type Executor } from '../../src/platform/db/index.ts';

/** app_settings key of the definitions of the indexes dropped for the load (JSON). */
export const DEFERRED_INDEXES_KEY = 'seed_load_deferred_indexes';

interface IndexDefinition {
  name: string;
  /** its table (the larger tables' indexes are built first) */
  table: string;
  definition: string;
}

/** The non-unique B-tree indexes of these tables, with their definitions. */
async function secondaryBtrees(ex: Executor, tables: readonly string[]): Promise<IndexDefinition[]> {
  const r = await executeRaw(
    ex,
    `SELECT i.relname AS name, t.relname AS table, pg_get_indexdef(x.indexrelid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_am am ON am.oid = i.relam
      WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1::text[])
        AND am.amname = 'btree' AND NOT x.indisunique AND NOT x.indisexclusion
      ORDER BY t.relname, i.relname`,
    [tables],
  );
  return r.rows as IndexDefinition[];
}

/**
 * Before the first batch: drop the tables' secondary B-trees, their definitions recorded in the same
 * transaction. A load resumed after an interruption finds the record and drops nothing more.
 */
export async function deferSecondaryIndexes(app: Services, tables: readonly string[]): Promise<number> {
  if (app.database.engine !== 'postgres') return 0;
  return app.db.transaction().execute(async (trx) => {
    const kept = await trx
      .selectFrom('app_settings')
      .select('value')
      .where('key', '=', DEFERRED_INDEXES_KEY)
      .executeTakeFirst();
    if (kept) return (JSON.parse(kept.value) as IndexDefinition[]).length;
    const indexes = await secondaryBtrees(trx, tables);
    if (indexes.length === 0) return 0;
    await trx
      .insertInto('app_settings')
      .values({ key: DEFERRED_INDEXES_KEY, value: JSON.stringify(indexes) })
      .execute();
    for (const ix of indexes) await sql`DROP INDEX ${sql.id(ix.name)}`.execute(trx);
    return indexes.length;
  });
}

/**
 * After the batches: build the recorded indexes still missing (two at a time, each sorting in
 * 256 MB), then forget the record. Nothing to do when no load deferred them.
 */
export async function buildDeferredIndexes(app: Services): Promise<number> {
  if (app.database.engine !== 'postgres') return 0;
  const kept = await app.db
    .selectFrom('app_settings')
    .select('value')
    .where('key', '=', DEFERRED_INDEXES_KEY)
    .executeTakeFirst();
  if (!kept) return 0;
  const indexes = JSON.parse(kept.value) as IndexDefinition[];
  // the ones still missing, those of the largest tables first (the two chains end closer together)
  const r = await executeRaw(
    app.db,
    `SELECT x.name FROM unnest($1::text[], $2::text[]) AS x(name, tbl)
      WHERE to_regclass(x.name) IS NULL
      ORDER BY pg_relation_size(to_regclass(x.tbl)) DESC NULLS LAST, x.name`,
    [indexes.map((ix) => ix.name), indexes.map((ix) => ix.table ?? null)],
  );
  const byName = new Map(indexes.map((ix) => [ix.name, ix]));
  const missing = r.rows.map((row) => byName.get(row.name as string)!);
  const queue = [...missing];
  const chain = async () => {
    for (let ix = queue.shift(); ix; ix = queue.shift()) {
      const definition = ix.definition;
      try {
        await app.db.transaction().execute(async (trx) => {
          await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(trx);
          await sql.raw(definition).execute(trx);
        });
      } catch (e) {
        queue.length = 0; // the other chain stops after its current build
        throw e;
      }
    }
  };
  // both chains end before the caller goes on, even when one fails (the record stays: a later run builds the rest)
  const ends = await Promise.allSettled([chain(), chain()]);
  for (const end of ends) if (end.status === 'rejected') throw end.reason;
  await app.db.deleteFrom('app_settings').where('key', '=', DEFERRED_INDEXES_KEY).execute();
  return missing.length;
}
