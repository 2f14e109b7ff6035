// Usagers create their own account (docs/domain.md §2.10): an account created from « Créer un
// compte » is unconfirmed until its e-mail link is followed. Accounts created otherwise (invited
// instructors, the seed, existing rows) are confirmed: the default stamps them. The tokens table
// carries the confirmation link. Dossiers of companies keep the SIRET typed first. A dossier may be
// offered to another account, which accepts or refuses it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
  ALTER TABLE users ADD COLUMN confirmed_at timestamptz DEFAULT now();
  UPDATE users SET confirmed_at = created_at;
  ALTER TABLE tokens DROP CONSTRAINT tokens_kind_check;
  ALTER TABLE tokens ADD CONSTRAINT tokens_kind_check
    CHECK (kind IN ('password_reset', 'invitation', 'email_confirmation'));
  ALTER TABLE dossiers ADD COLUMN siret text;
  -- « Transférer le dossier »: one pending transfer per dossier, until the receiver answers
  CREATE TABLE dossier_transfers (
    dossier_id bigint PRIMARY KEY REFERENCES dossiers ON DELETE CASCADE,
    email text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX dossier_transfers_email_idx ON dossier_transfers (lower(email));
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
  DROP TABLE dossier_transfers;
  ALTER TABLE dossiers DROP COLUMN siret;
  DELETE FROM tokens WHERE kind = 'email_confirmation';
  ALTER TABLE tokens DROP CONSTRAINT tokens_kind_check;
  ALTER TABLE tokens ADD CONSTRAINT tokens_kind_check CHECK (kind IN ('password_reset', 'invitation'));
  ALTER TABLE users DROP COLUMN confirmed_at;
  `.execute(db);
}
