// « Gestion de la démarche » (docs/domain.md §4.6): the durable marker of each recap sent, one row per
// instructor, kind and Paris day — a restarted worker finds it and never sends that recap twice; the
// contact information of a group (docs/domain.md §10), shown to usagers in their e-mails; the index the
// statistics read their decisions from (docs/domain.md §11.2): the decided dossiers of a procedure by
// decision date, with what the figures need, so that a 100 000-dossier procedure is read from the index;
// the last form revision each instructor looked at (docs/domain.md §11.3); the messages to the usagers
// holding a brouillon, one row per recipient (docs/domain.md §14).
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
  // « Contacter les usagers avec un dossier brouillon »: the message, and one row per usager (his
  // e-mail, once even with several brouillons) marked when his e-mail was handed to the mail queue
  await sql`
    CREATE TABLE brouillon_broadcasts (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      procedure_id bigint NOT NULL REFERENCES procedures ON DELETE CASCADE,
      author_id bigint REFERENCES users ON DELETE SET NULL,
      author_email text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX brouillon_broadcasts_procedure_idx ON brouillon_broadcasts (procedure_id, created_at DESC)`.execute(
    db,
  );
  await sql`
    CREATE TABLE brouillon_broadcast_recipients (
      broadcast_id bigint NOT NULL REFERENCES brouillon_broadcasts ON DELETE CASCADE,
      email text NOT NULL,
      dossier_ids bigint[] NOT NULL,
      sent_at timestamptz,
      PRIMARY KEY (broadcast_id, email)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS brouillon_broadcast_recipients`.execute(db);
  await sql`DROP TABLE IF EXISTS brouillon_broadcasts`.execute(db);
  await sql`ALTER TABLE instructeur_procedures DROP COLUMN IF EXISTS last_revision_seen_id`.execute(db);
  await sql`DROP INDEX IF EXISTS dossiers_stats_processed_idx`.execute(db);
  await sql`DROP TABLE IF EXISTS groupe_contacts`.execute(db);
  await sql`DROP TABLE IF EXISTS instructeur_recaps`.execute(db);
}
