// Exports « Télécharger les dossiers » and export templates (docs/domain.md §9). An export row is
// one instructor's request: what (procedure, tab, snapshot of filters and sort, template), its
// state and progress, then its stored file (storage key, size) until it expires.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
  CREATE TABLE export_templates (
    id bigserial PRIMARY KEY,
    procedure_id bigint NOT NULL REFERENCES procedures ON DELETE CASCADE,
    author_id bigint REFERENCES users ON DELETE SET NULL,
    name text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('tabular', 'zip')),
    format text NOT NULL CHECK (format IN ('csv', 'xlsx', 'ods', 'zip')),
    columns jsonb NOT NULL DEFAULT '[]',   -- tabular: [{ "id": column id, "header": text }]
    zip jsonb,                             -- zip: folder pattern, parts, file name patterns
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX export_templates_procedure_idx ON export_templates (procedure_id, name);

  CREATE TABLE exports (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    procedure_id bigint NOT NULL REFERENCES procedures ON DELETE CASCADE,
    format text NOT NULL CHECK (format IN ('csv', 'xlsx', 'ods', 'zip')),
    tab text,                              -- NULL: every dossier of the instructor's groups
    presentation jsonb,                    -- the tab's filters and sort when requested
    template_id bigint REFERENCES export_templates ON DELETE SET NULL,
    request_key text NOT NULL,             -- identical requests share it (reuse within 5 minutes)
    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'generated', 'failed')),
    done integer NOT NULL DEFAULT 0,
    total integer NOT NULL DEFAULT 0,
    file_key text,
    size bigint,
    error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    generated_at timestamptz
  );
  CREATE INDEX exports_user_idx ON exports (user_id, created_at DESC);
  CREATE INDEX exports_request_idx ON exports (request_key, created_at DESC);
  CREATE INDEX exports_created_idx ON exports (created_at);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE exports; DROP TABLE export_templates;`.execute(db);
}
