// « Gestion de la démarche » (docs/domain.md §4.6): the durable marker of each recap sent, one row per
// instructor, kind and Paris day — a restarted worker finds it and never sends that recap twice; the
// contact information of a group (docs/domain.md §10), shown to usagers in their e-mails; the index the
// statistics read their decisions from (docs/domain.md §11.2): the decided dossiers of a procedure by
// decision date, with what the figures need, so that a 100 000-dossier procedure is read from the index;
// the last form revision each instructor looked at (docs/domain.md §11.3).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE instructeur_recaps (
      user_id bigint NOT NULL REFERENCES instructeurs ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('daily', 'weekly')),
      day date NOT NULL,
      planned_at timestamptz NOT NULL,
      -- sent, nothing_new (nothing to say that day), late (its day had passed when the worker ran it)
      outcome text CHECK (outcome IN ('sent', 'nothing_new', 'late')),
      done_at timestamptz,
      PRIMARY KEY (user_id, kind, day)
    )`.execute(db);
  await sql`
    CREATE TABLE groupe_contacts (
      groupe_id bigint PRIMARY KEY REFERENCES groupes_instructeurs ON DELETE CASCADE,
      service text NOT NULL,
      adresse text NOT NULL,
      email text NOT NULL,
      telephone text NOT NULL,
      horaires text NOT NULL,
      updated_at timestamptz NOT NULL
    )`.execute(db);
  await sql`
    CREATE INDEX dossiers_stats_processed_idx ON dossiers (procedure_id, processed_at) INCLUDE (depose_at, state)
    WHERE processed_at IS NOT NULL AND hidden_by_administration_at IS NULL`.execute(db);
  // the last published revision the instructor looked at in « Historique des modifications du formulaire »
  await sql`ALTER TABLE instructeur_procedures ADD COLUMN last_revision_seen_id bigint`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE instructeur_procedures DROP COLUMN IF EXISTS last_revision_seen_id`.execute(db);
  await sql`DROP INDEX IF EXISTS dossiers_stats_processed_idx`.execute(db);
  await sql`DROP TABLE IF EXISTS groupe_contacts`.execute(db);
  await sql`DROP TABLE IF EXISTS instructeur_recaps`.execute(db);
}
