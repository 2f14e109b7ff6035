// Every foreign key of ours has an index leading with its column (docs/architecture.md §5, « Indexes of
// foreign keys »): without one, a read by that column or a deletion of the referenced row reads the
// whole referencing table. A new foreign key without its index fails here, on both engines.
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, test } from 'node:test';
import { closeTestApp, createTestApp, type TestApp } from '../helpers/app.ts';

let app: TestApp;
before(async () => {
  app = await createTestApp();
});
after(() => closeTestApp(app));

/** Foreign keys left without an index, each for a stated reason. */
const WITHOUT_INDEX = new Map([
  // a revision is never deleted, and dossiers are read by procedure, not by revision
  ['dossiers.revision_id', 'never deleted, never read by it'],
  // a group is never deleted; dossiers are read by group through the partial indexes of the lists
  // (dossiers_groupe_state_idx, the work-list indexes), and a plain one would cost every dossier write
  ['dossiers.groupe_id', 'never deleted, read through partial indexes'],
]);

// a partial index does not count: a foreign-key check looks up `col = $1` whatever the other columns
test('every foreign key in the public schema has a whole (not partial) index leading with its column', async () => {
  const { rows } = await sql<{ fk: string }>`
    SELECT c.conrelid::regclass::text || '.' || a.attname AS fk
    FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    JOIN pg_class t ON t.oid = c.conrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE c.contype = 'f' AND n.nspname = 'public'
      AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]
                        AND i.indpred IS NULL AND i.indisvalid)
    ORDER BY 1`.execute(app.db);
  assert.deepEqual(
    rows.map((r) => r.fk).filter((fk) => !WITHOUT_INDEX.has(fk)),
    [],
    'foreign keys without an index: add one in a migration',
  );
});
