// Test dossiers (docs/domain.md §1.1, « Dossiers de test »): a dossier filed by an administrator or an
// instructor while the démarche is en test is marked as such for its whole life — the lists, the
// dossier pages and the e-mails say so — and the first publication deletes it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE dossiers ADD COLUMN is_test boolean NOT NULL DEFAULT false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE dossiers DROP COLUMN is_test`.execute(db);
}
