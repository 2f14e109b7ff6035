// What administrators need to build, publish and run a procedure themselves (docs/domain.md §1.1):
// its public link (slug), the organisation's full contact, an automatic closing date, the text shown
// once it is closed, a logo (small, checked image kept in the row), the refusal attestation, and a version number on the settings and on the
// draft revision so that two administrators editing at once never overwrite each other silently.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
  ALTER TABLE procedures
    ADD COLUMN slug text,
    ADD COLUMN service_address text NOT NULL DEFAULT '',
    ADD COLUMN contact_phone text NOT NULL DEFAULT '',
    ADD COLUMN contact_hours text NOT NULL DEFAULT '',
    ADD COLUMN closes_at timestamptz,
    ADD COLUMN closing_message text NOT NULL DEFAULT '',
    ADD COLUMN logo bytea,
    ADD COLUMN logo_content_type text,
    ADD COLUMN refusal_attestation_template jsonb,
    ADD COLUMN cloned_from_id bigint REFERENCES procedures ON DELETE SET NULL,
    ADD COLUMN lock_version integer NOT NULL DEFAULT 0;
  CREATE UNIQUE INDEX procedures_slug_key ON procedures (lower(slug));
  CREATE INDEX procedures_closes_at_idx ON procedures (closes_at) WHERE state = 'publiee' AND closes_at IS NOT NULL;
  ALTER TABLE procedure_revisions ADD COLUMN lock_version integer NOT NULL DEFAULT 0;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
  ALTER TABLE procedure_revisions DROP COLUMN lock_version;
  DROP INDEX procedures_closes_at_idx;
  DROP INDEX procedures_slug_key;
  ALTER TABLE procedures
    DROP COLUMN slug, DROP COLUMN service_address, DROP COLUMN contact_phone, DROP COLUMN contact_hours,
    DROP COLUMN closes_at, DROP COLUMN closing_message, DROP COLUMN logo, DROP COLUMN logo_content_type,
    DROP COLUMN refusal_attestation_template, DROP COLUMN cloned_from_id, DROP COLUMN lock_version;
  `.execute(db);
}
