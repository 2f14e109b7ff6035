// A dossier past the brouillon has a deposit date: the deposit sets it and nothing clears it
// (docs/domain.md §1). Written down as a constraint, the work list may rely on it: its « Déposé le »
// column has no « empty » part in lists, which never show brouillons, so a sort on it walks one index
// range instead of two — the second, for dossiers without a date, found none after reading the whole
// procedure (« suivis » sorted by deposit date: 180 ms a page under bench:load, docs/work-list.md).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // a row written otherwise than by the deposit (an import, a hand edit) would stop the migration, and
  // the application with it: such a dossier takes its first known date past the brouillon
  await sql`UPDATE dossiers SET depose_at = coalesce(en_construction_at, en_instruction_at, processed_at, created_at)
    WHERE state <> 'brouillon' AND depose_at IS NULL`.execute(db);
  // NOT VALID then VALIDATE: the check of the existing rows does not block writes to the table
  await sql`ALTER TABLE dossiers ADD CONSTRAINT dossiers_deposited_has_date
    CHECK (state = 'brouillon' OR depose_at IS NOT NULL) NOT VALID`.execute(db);
  await sql`ALTER TABLE dossiers VALIDATE CONSTRAINT dossiers_deposited_has_date`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE dossiers DROP CONSTRAINT dossiers_deposited_has_date`.execute(db);
}
