// An export run from a « modèle d'export » keeps the template as it was asked (docs/domain.md §9):
// its name, columns and zip layout, so that editing or deleting the template afterwards changes
// neither a pending export nor what « Mes téléchargements » says of it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE exports ADD COLUMN template jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE exports DROP COLUMN template`.execute(db);
}
