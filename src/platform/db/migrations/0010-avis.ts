// Avis externes asked and given (docs/domain.md §6): the administrator's expert settings of a
// procedure (a list of experts to choose from, whether experts may invite other experts), and on
// each avis the last reminder and the file attached to the request.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
  ALTER TABLE procedures
    ADD COLUMN experts_restricted boolean NOT NULL DEFAULT false,
    ADD COLUMN experts_may_invite boolean NOT NULL DEFAULT false;

  CREATE TABLE procedure_experts (
    procedure_id bigint NOT NULL REFERENCES procedures ON DELETE CASCADE,
    email text NOT NULL CHECK (email = lower(email)),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (procedure_id, email)
  );

  ALTER TABLE avis
    ADD COLUMN reminded_at timestamptz,
    ADD COLUMN introduction_file_id text REFERENCES files ON DELETE SET NULL;
  CREATE INDEX avis_pending_idx ON avis (dossier_id) WHERE answered_at IS NULL AND revoked_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
  DROP INDEX IF EXISTS avis_pending_idx;
  ALTER TABLE avis DROP COLUMN IF EXISTS introduction_file_id, DROP COLUMN IF EXISTS reminded_at;
  DROP TABLE IF EXISTS procedure_experts;
  ALTER TABLE procedures DROP COLUMN IF EXISTS experts_may_invite, DROP COLUMN IF EXISTS experts_restricted;
  `.execute(db);
}
