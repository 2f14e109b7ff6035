// A dossier past the brouillon has a deposit date: the deposit sets it and nothing clears it
// (docs/domain.md §1). Written down as a constraint, the work list may rely on it: its « Déposé le »
// column has no « empty » part in lists, which never show brouillons, so a sort on it walks one index
// range instead of two — the second, for dossiers without a date, found none after reading the whole
// procedure (« suivis » sorted by deposit date: 180 ms a page under bench:load, docs/work-list.md).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // NOT VALID then VALIDATE: the check of the existing rows does not block writes to the table
  await sql`ALTER TABLE dossiers ADD CONSTRAINT dossiers_deposited_has_date
    CHECK (state = 'brouillon' OR depose_at IS NOT NULL) NOT VALID`.execute(db);
  await sql`ALTER TABLE dossiers VALIDATE CONSTRAINT dossiers_deposited_has_date`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE dossiers DROP CONSTRAINT dossiers_deposited_has_date`.execute(db);
}
