// The on-demand list objects of a procedure may also be extended statistics (`CREATE STATISTICS`):
// PostgreSQL keeps none of a partial index's expressions, so without them the planner takes any
// value of a filtered field for 0.5 % of the dossiers (docs/work-list.md, « Statistics of filtered
// fields »). Recorded in `work_list_indexes` like the indexes, with the method `stats`.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE work_list_indexes DROP CONSTRAINT work_list_indexes_method_check`.execute(db);
  await sql`ALTER TABLE work_list_indexes ADD CONSTRAINT work_list_indexes_method_check
    CHECK (method IN ('btree', 'trgm', 'stats'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const made = await sql<{
    index_name: string;
  }>`SELECT index_name FROM work_list_indexes WHERE method = 'stats'`.execute(db);
  for (const r of made.rows) await sql`DROP STATISTICS IF EXISTS ${sql.id(r.index_name)}`.execute(db);
  await sql`DELETE FROM work_list_indexes WHERE method = 'stats'`.execute(db);
  await sql`ALTER TABLE work_list_indexes DROP CONSTRAINT work_list_indexes_method_check`.execute(db);
  await sql`ALTER TABLE work_list_indexes ADD CONSTRAINT work_list_indexes_method_check
    CHECK (method IN ('btree', 'trgm'))`.execute(db);
}
