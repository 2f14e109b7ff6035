// « Gestion de la démarche » (docs/domain.md §4.6): the durable marker of each recap sent, one row per
// instructor, kind and Paris day — a restarted worker finds it and never sends that recap twice.
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
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS instructeur_recaps`.execute(db);
}
