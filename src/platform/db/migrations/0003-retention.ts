// Retention: the nightly jobs (src/features/retention) scan for a handful of dossiers among
// a million. Each index below is partial on the static part of one job's WHERE clause, so it holds
// only the candidates and the scan touches nothing else.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // warn-expiring: expires_at within two weeks, not warned, not hidden, not en instruction.
  await sql`CREATE INDEX dossiers_retention_warn_idx ON dossiers (expires_at)
    WHERE expiry_notice_sent_at IS NULL AND hidden_by_expired_at IS NULL AND state <> 'en_instruction'`.execute(db);
  // hide-expired: warned two weeks ago, not hidden yet.
  await sql`CREATE INDEX dossiers_retention_hide_idx ON dossiers (expiry_notice_sent_at)
    WHERE expiry_notice_sent_at IS NOT NULL AND hidden_by_expired_at IS NULL AND state <> 'en_instruction'`.execute(db);
  // purge-hidden: hidden by expiry or put in the corbeille (the OR becomes a BitmapOr of these two).
  await sql`CREATE INDEX dossiers_retention_expired_idx ON dossiers (hidden_by_expired_at)
    WHERE hidden_by_expired_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX dossiers_retention_trashed_idx ON dossiers (hidden_by_user_at)
    WHERE hidden_by_user_at IS NOT NULL`.execute(db);
  // « Dossiers supprimés » of a procedure, newest first.
  await sql`CREATE INDEX deleted_dossiers_procedure_idx ON deleted_dossiers (procedure_id, deleted_at DESC, dossier_id DESC)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'deleted_dossiers_procedure_idx',
    'dossiers_retention_trashed_idx',
    'dossiers_retention_expired_idx',
    'dossiers_retention_hide_idx',
    'dossiers_retention_warn_idx',
  ]) {
    await sql`DROP INDEX IF EXISTS ${sql.id(name)}`.execute(db);
  }
}
