// No planner statistics on the dossiers' whole field values (load speed; every ANALYZE).
// ANALYZE sampled `champs` and `annotations` (JSONB documents of ~2.3 kB) and sorted them to find
// common values and a histogram: 90 % of the time of ANALYZE dossiers (20 000 dossiers: 4.3 s,
// 0.6 s without), and autovacuum's auto-analyze pays it as the table grows. No query compares whole
// documents: lists sort and filter on expressions of one field, whose statistics come from their own
// expression indexes (src/queries/column-indexes.ts) or are defaults without one. The search
// vector keeps its statistics (the search estimates word frequencies from them).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE dossiers ALTER COLUMN champs SET STATISTICS 0, ALTER COLUMN annotations SET STATISTICS 0`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE dossiers ALTER COLUMN champs SET STATISTICS -1, ALTER COLUMN annotations SET STATISTICS -1`.execute(
    db,
  );
}
