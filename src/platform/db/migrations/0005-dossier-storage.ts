// Dossier rows stored in one piece (load and read speed). A dossier's field values
// (JSONB, ~2.3 kB of text, ~1.6 kB compressed) and its search vector (~1.1 kB) made most rows
// larger than the default 2 kB TOAST target, so PostgreSQL moved the compressed values to the TOAST
// table: two more heap and index insertions per dossier written, and a TOAST lookup whenever a page
// shows a field column or the dossier page reads its fields. With a 4 kB target the compressed
// row stays in the table; larger dossiers are still toasted.
// Measured (guichet seed --dossiers 50000, same server, alternating runs): 3 454 → 3 749 and
// 3 613 → 3 935 dossiers/s; about 3.3 kB per row either way (heap + TOAST 65 MB for 20 000 rows,
// heap alone 192 MB for 55 000).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE dossiers SET (toast_tuple_target = 4080)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE dossiers RESET (toast_tuple_target)`.execute(db);
}
