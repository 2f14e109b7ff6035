// Bulk operations (docs/domain.md §8): the durable record of one « action de masse » and one row
// per dossier it covers, whose status changes in the same transaction as the dossier itself, so a
// worker killed midway resumes without acting twice. A dossier is in at most one running operation
// (the partial unique index). E-mails carry an optional de-duplication key so that a job retried
// after a crash does not write a second one.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
  CREATE TABLE bulk_operations (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    procedure_id bigint NOT NULL REFERENCES procedures(id) ON DELETE CASCADE,
    instructeur_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    action text NOT NULL,
    params jsonb NOT NULL DEFAULT '{}',
    selection jsonb NOT NULL,
    state text NOT NULL DEFAULT 'resolving' CHECK (state IN ('resolving', 'running', 'done')),
    total integer NOT NULL DEFAULT 0,
    succeeded integer NOT NULL DEFAULT 0,
    failed integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    finished_at timestamptz,
    dismissed_at timestamptz
  );
  CREATE INDEX bulk_operations_banner_idx ON bulk_operations (procedure_id, instructeur_id, created_at DESC)
    WHERE dismissed_at IS NULL;

  CREATE TABLE bulk_operation_items (
    operation_id bigint NOT NULL REFERENCES bulk_operations(id) ON DELETE CASCADE,
    dossier_id bigint NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    reason text,
    processed_at timestamptz,
    PRIMARY KEY (operation_id, dossier_id)
  );
  CREATE UNIQUE INDEX bulk_operation_items_running_idx ON bulk_operation_items (dossier_id) WHERE status = 'pending';
  CREATE INDEX bulk_operation_items_failed_idx ON bulk_operation_items (operation_id) WHERE status = 'failed';

  ALTER TABLE outbox_emails ADD COLUMN dedupe_key text;
  CREATE UNIQUE INDEX outbox_emails_dedupe_idx ON outbox_emails (dedupe_key) WHERE dedupe_key IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
  DROP INDEX outbox_emails_dedupe_idx;
  ALTER TABLE outbox_emails DROP COLUMN dedupe_key;
  DROP TABLE bulk_operation_items;
  DROP TABLE bulk_operations;
  `.execute(db);
}
