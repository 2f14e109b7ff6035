// One-time form tokens (docs/architecture.md, « Forms that create things »): a form that creates
// something carries a random token generated when it is shown; the command that creates the thing
// claims the token in its own transaction and stores its result, so the same form sent twice
// creates one thing, and the second answer replays the first's result. The key includes the user
// and the command: a token is never a way to read someone else's result. Rows are swept after
// two days (job form-submissions-sweep).
// Edit drafts: the values a usager typed in « Modifier le dossier » when he adds or removes a row of a
// repeated block: kept under a random id that the answer's redirect names, so that the form comes
// back as typed after the redirect (Turbo accepts only redirects as form answers); swept with the
// tokens.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE form_submissions (
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    command text NOT NULL,
    token text NOT NULL,
    result jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, command, token)
  )`.execute(db);
  await sql`CREATE INDEX form_submissions_created_idx ON form_submissions (created_at)`.execute(db);
  await sql`CREATE TABLE edit_drafts (
    id text PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    dossier_id bigint NOT NULL REFERENCES dossiers ON DELETE CASCADE,
    lock_version integer,
    values jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  await sql`CREATE INDEX edit_drafts_created_idx ON edit_drafts (created_at)`.execute(db);
  await sql`CREATE INDEX edit_drafts_dossier_idx ON edit_drafts (dossier_id)`.execute(db);
  // the periodic declarative retry (src/queries/declarative.ts): en construction dossiers never
  // triggered, per procedure (only the declarative procedures' are read)
  await sql`CREATE INDEX dossiers_declarative_pending_idx ON dossiers (procedure_id, id)
    WHERE state = 'en_construction' AND declarative_triggered_at IS NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS dossiers_declarative_pending_idx`.execute(db);
  await sql`DROP TABLE IF EXISTS edit_drafts`.execute(db);
  await sql`DROP TABLE IF EXISTS form_submissions`.execute(db);
}
