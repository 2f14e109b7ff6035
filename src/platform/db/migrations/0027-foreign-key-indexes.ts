// Every foreign key gets an index on its column (docs/architecture.md §5, « Indexes of foreign keys »).
// Without one, each read by that column and each deletion of the referenced row read the whole
// referencing table: the « Messagerie » tab looked up each message's correction request in all of
// `corrections` (100 messages: 27 ms of a 40 ms page at 1 000 000 dossiers), deleting a file read all
// of `avis` and `attestations`, deleting an account all of `files` and `messages` (≈ 270 ms at that
// size, growing with the base). `test/integration/foreign-key-indexes.test.ts` keeps it so.
// Plain indexes, not partial ones: a foreign-key check looks up `col = $1` whatever the other columns
// (`follows_active_user_idx`, partial on the active follows, does not serve it).
// Built in the migrations' transaction, they hold back writes to their tables while they build: 3 s for
// all of them at 1 000 000 dossiers (docs/deployment.md, « Upgrading »).
import { type Kysely, sql } from 'kysely';

/** [table, column]: the foreign keys that had no whole index leading with their column. */
export const FOREIGN_KEYS: readonly (readonly [string, string])[] = [
  ['corrections', 'message_id'],
  ['avis', 'introduction_file_id'],
  ['avis', 'claimant_id'],
  ['attestations', 'file_id'],
  ['files', 'uploaded_by'],
  ['messages', 'author_id'],
  ['dossier_labels', 'label_id'],
  ['rendez_vous', 'created_by'],
  ['labels', 'procedure_id'],
  ['instructeur_procedures', 'procedure_id'],
  ['procedures', 'cloned_from_id'],
  ['procedure_administrateurs', 'user_id'],
  ['dossier_co_editors', 'user_id'],
  ['presentations', 'procedure_id'],
  ['edit_drafts', 'user_id'],
  ['bulk_operations', 'instructeur_id'],
  ['export_templates', 'author_id'],
  ['exports', 'procedure_id'],
  ['exports', 'template_id'],
  ['brouillon_broadcasts', 'author_id'],
  ['tokens', 'user_id'],
  ['follows', 'user_id'],
  ['bulk_operations', 'procedure_id'],
];

export async function up(db: Kysely<any>): Promise<void> {
  // wait at most 10 s for a table behind a long reader (an export) rather than stall every request
  // queued behind this migration: the start fails and is run again
  await sql`SET LOCAL lock_timeout = '10s'`.execute(db);
  for (const [table, column] of FOREIGN_KEYS) {
    await sql`CREATE INDEX IF NOT EXISTS ${sql.id(`${table}_${column}_fk_idx`)} ON ${sql.table(table)} (${sql.id(column)})`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, column] of FOREIGN_KEYS)
    await sql`DROP INDEX IF EXISTS ${sql.id(`${table}_${column}_fk_idx`)}`.execute(db);
}
