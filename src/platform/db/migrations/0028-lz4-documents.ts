// The large documents read on every list and dossier page — a dossier's champs, annotations and
// search vector, a revision's fields, an event's data — are compressed with lz4 where the server
// has it (PostgreSQL 14+ built with lz4; PGlite and other builds keep pglz). Reading a value out of
// a compressed document decompresses the whole of it: a list filter rechecking 1 364 dossiers' « adresse »
// paid ≈ 2.2 µs more per dossier with pglz (psql, 5 000 dossiers' champs: 40 ms pglz, 29 ms lz4,
// 11 ms without reading them). The load tool already wrote lz4, so `bench:list` measured what
// production, writing pglz, did not get (docs/deployment.md, « Sizing »). Only new
// values are written with lz4; existing ones are read as they are. A server built without lz4 cannot
// read lz4 values: a physical copy or a dump goes to a server built with it.
import { type Kysely, sql } from 'kysely';

export const LZ4_COLUMNS: readonly (readonly [string, string])[] = [
  ['dossiers', 'champs'],
  ['dossiers', 'annotations'],
  ['dossiers', 'search_terms'],
  ['procedure_revisions', 'fields'],
  ['procedure_revisions', 'annotations'],
  ['dossier_events', 'data'],
];

export async function serverHasLz4(db: Kysely<any>): Promise<boolean> {
  const r = await sql<{ lz4: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_settings
    WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) AS lz4`.execute(db);
  return Boolean(r.rows[0]?.lz4);
}

async function setCompression(db: Kysely<any>, method: 'lz4' | 'default'): Promise<void> {
  for (const [table, column] of LZ4_COLUMNS) {
    await sql`ALTER TABLE ${sql.table(table)} ALTER COLUMN ${sql.id(column)} SET COMPRESSION ${sql.raw(method)}`.execute(
      db,
    );
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  // a catalog change, but under an exclusive lock of each table: wait at most 10 s for it behind a
  // long reader (an export) rather than stall every request queued behind it (docs/deployment.md,
  // « Upgrading »)
  await sql`SET LOCAL lock_timeout = '10s'`.execute(db);
  if (await serverHasLz4(db)) await setCompression(db, 'lz4');
}

export async function down(db: Kysely<any>): Promise<void> {
  if (await serverHasLz4(db)) await setCompression(db, 'default');
}
