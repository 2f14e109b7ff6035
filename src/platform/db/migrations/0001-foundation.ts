// Foundation schema: accounts, procedures and their revisions, groups, dossiers and everything the
// instructor works with. PostgreSQL 15 features only (CI's server is 15; PGlite is newer).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db);
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  // unaccent() is only STABLE; this wrapper is what indexes and filters use.
  await sql`CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`.execute(db);
  // French order for text sorts (PGlite's default collation is "C"; "unicode" exists only from PG 16).
  await sql`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'fr') THEN
        CREATE COLLATION fr (provider = icu, locale = 'fr-FR');
      END IF;
    END $$`.execute(db);

  await sql`
  CREATE TABLE users (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL,
    password_hash text,
    first_name text,
    last_name text,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_sign_in_at timestamptz
  );
  CREATE UNIQUE INDEX users_email_key ON users (lower(email));

  CREATE TABLE administrateurs (user_id bigint PRIMARY KEY REFERENCES users ON DELETE CASCADE);
  CREATE TABLE instructeurs (user_id bigint PRIMARY KEY REFERENCES users ON DELETE CASCADE);
  CREATE TABLE experts (user_id bigint PRIMARY KEY REFERENCES users ON DELETE CASCADE);

  CREATE TABLE sessions (
    id text PRIMARY KEY,                 -- sha256 of the cookie value
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
  );
  CREATE INDEX sessions_user_idx ON sessions (user_id);

  CREATE TABLE tokens (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('password_reset', 'invitation')),
    token_hash text NOT NULL UNIQUE,     -- sha256 of the secret sent by e-mail
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    data jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz
  );

  CREATE TABLE login_attempts (
    key text NOT NULL,                   -- sha256 of the e-mail or of the IP: no personal data
    attempted_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX login_attempts_key_idx ON login_attempts (key, attempted_at);

  CREATE TABLE procedures (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title text NOT NULL,
    description text NOT NULL DEFAULT '',
    service_name text NOT NULL DEFAULT '',
    contact_email text,
    state text NOT NULL DEFAULT 'brouillon' CHECK (state IN ('brouillon', 'publiee', 'close', 'depubliee')),
    declarative text CHECK (declarative IN ('en_instruction', 'accepte')),
    sva_svr text NOT NULL DEFAULT 'disabled' CHECK (sva_svr IN ('disabled', 'sva', 'svr')),
    retention_months integer NOT NULL DEFAULT 12 CHECK (retention_months BETWEEN 1 AND 60),
    expires_when_termine boolean NOT NULL DEFAULT true,
    for_individual boolean NOT NULL DEFAULT true,
    allow_expert_review boolean NOT NULL DEFAULT true,
    allow_expert_messaging boolean NOT NULL DEFAULT true,
    instructeurs_self_management boolean NOT NULL DEFAULT false,
    rdv_enabled boolean NOT NULL DEFAULT false,
    attestation_template jsonb,          -- { title, body, footer, activated }
    mail_templates jsonb NOT NULL DEFAULT '{}',
    published_revision_id bigint,
    draft_revision_id bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz,
    closed_at timestamptz
  );

  CREATE TABLE procedure_administrateurs (
    procedure_id bigint NOT NULL REFERENCES procedures ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES administrateurs ON DELETE CASCADE,
    PRIMARY KEY (procedure_id, user_id)
  );

  CREATE TABLE procedure_revisions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    procedure_id bigint NOT NULL REFERENCES procedures ON DELETE CASCADE,
    fields jsonb NOT NULL DEFAULT '[]',        -- FieldDef[] (public form)
    annotations jsonb NOT NULL DEFAULT '[]',   -- FieldDef[] (annotations privées)
    created_at timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
  );
  CREATE INDEX procedure_revisions_procedure_idx ON procedure_revisions (procedure_id);

  CREATE TABLE groupes_instructeurs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    procedure_id bigint NOT NULL REFERENCES procedures ON DELETE CASCADE,
    label text NOT NULL,
    is_default boolean NOT NULL DEFAULT false,
    closed boolean NOT NULL DEFAULT false,
    routing_rule jsonb,
    UNIQUE (procedure_id, label)
  );

  CREATE TABLE groupe_members (
    groupe_id bigint NOT NULL REFERENCES groupes_instructeurs ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES instructeurs ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (groupe_id, user_id)
  );
  CREATE INDEX groupe_members_user_idx ON groupe_members (user_id);

  -- One row per (instructor, procedure): dashboard order and preferences.
  CREATE TABLE instructeur_procedures (
    user_id bigint NOT NULL REFERENCES instructeurs ON DELETE CASCADE,
    procedure_id bigint NOT NULL REFERENCES procedures ON DELETE CASCADE,
    position integer,
    notification_prefs jsonb NOT NULL DEFAULT '{}',
    email_prefs jsonb NOT NULL DEFAULT '{}',
    PRIMARY KEY (user_id, procedure_id)
  );

  CREATE TABLE labels (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    procedure_id bigint NOT NULL REFERENCES procedures ON DELETE CASCADE,
    name text NOT NULL CHECK (char_length(name) <= 30),
    color text NOT NULL,
    position integer NOT NULL DEFAULT 0
  );

  CREATE TABLE dossiers (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,   -- the dossier number
    procedure_id bigint NOT NULL REFERENCES procedures,
    revision_id bigint NOT NULL REFERENCES procedure_revisions,
    groupe_id bigint NOT NULL REFERENCES groupes_instructeurs,
    user_id bigint REFERENCES users ON DELETE SET NULL,
    user_email text NOT NULL,
    state text NOT NULL DEFAULT 'brouillon'
      CHECK (state IN ('brouillon', 'en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite')),
    civilite text,
    nom text,
    prenom text,
    champs jsonb NOT NULL DEFAULT '{}',
    annotations jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    depose_at timestamptz,
    en_construction_at timestamptz,
    en_instruction_at timestamptz,
    processed_at timestamptz,
    last_champ_updated_at timestamptz,
    last_annotation_updated_at timestamptz,
    last_message_at timestamptz,
    motivation text,
    archived boolean NOT NULL DEFAULT false,
    archived_at timestamptz,
    hidden_by_user_at timestamptz,
    hidden_by_administration_at timestamptz,
    hidden_by_expired_at timestamptz,
    expires_at timestamptz,
    expiry_notice_sent_at timestamptz,
    conservation_extension_months integer NOT NULL DEFAULT 0,
    declarative_triggered_at timestamptz,
    pending_correction boolean NOT NULL DEFAULT false,
    forced_groupe boolean NOT NULL DEFAULT false,
    lock_version integer NOT NULL DEFAULT 0,
    search_terms tsvector              -- public fields + identity + annotations (instructors' search)
  );
  CREATE INDEX dossiers_groupe_state_idx ON dossiers (groupe_id, state) WHERE state <> 'brouillon';
  CREATE INDEX dossiers_procedure_idx ON dossiers (procedure_id);
  CREATE INDEX dossiers_user_idx ON dossiers (user_id);
  CREATE INDEX dossiers_search_idx ON dossiers USING gin (search_terms);

  CREATE TABLE dossier_co_editors (
    dossier_id bigint NOT NULL REFERENCES dossiers ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    PRIMARY KEY (dossier_id, user_id)
  );

  -- Append-only history of every dossier: the memory of the system.
  CREATE TABLE dossier_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dossier_id bigint NOT NULL REFERENCES dossiers ON DELETE CASCADE,
    type text NOT NULL,
    actor_id bigint,
    actor_email text,
    data jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX dossier_events_dossier_idx ON dossier_events (dossier_id, id);

  CREATE TABLE follows (
    dossier_id bigint NOT NULL REFERENCES dossiers ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES instructeurs ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    unfollowed_at timestamptz,
    demande_seen_at timestamptz NOT NULL DEFAULT now(),
    annotations_seen_at timestamptz NOT NULL DEFAULT now(),
    avis_seen_at timestamptz NOT NULL DEFAULT now(),
    messagerie_seen_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dossier_id, user_id)
  );
  CREATE INDEX follows_active_user_idx ON follows (user_id, dossier_id) WHERE unfollowed_at IS NULL;

  CREATE TABLE files (
    id text PRIMARY KEY,                 -- random, unguessable
    dossier_id bigint REFERENCES dossiers ON DELETE CASCADE,
    origin text NOT NULL CHECK (origin IN ('champ', 'annotation', 'message', 'avis', 'justificatif', 'attestation', 'export')),
    origin_ref text,                     -- field stable id, message id, avis id …
    name text NOT NULL,
    content_type text NOT NULL,
    size bigint NOT NULL,
    sha256 text NOT NULL,
    storage_key text NOT NULL,
    uploaded_by bigint REFERENCES users ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX files_dossier_idx ON files (dossier_id);

  CREATE TABLE messages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dossier_id bigint NOT NULL REFERENCES dossiers ON DELETE CASCADE,
    author_kind text NOT NULL CHECK (author_kind IN ('usager', 'instructeur', 'expert', 'system')),
    author_id bigint REFERENCES users ON DELETE SET NULL,
    author_email text NOT NULL,
    body text NOT NULL,
    file_ids text[] NOT NULL DEFAULT '{}',
    awaiting_response boolean NOT NULL DEFAULT false,
    responded_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    seen_by_recipient_at timestamptz,
    discarded_at timestamptz
  );
  CREATE INDEX messages_dossier_idx ON messages (dossier_id, created_at);

  CREATE TABLE corrections (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dossier_id bigint NOT NULL REFERENCES dossiers ON DELETE CASCADE,
    message_id bigint REFERENCES messages ON DELETE SET NULL,
    reason text NOT NULL DEFAULT 'incorrect' CHECK (reason IN ('incorrect', 'incomplete', 'outdated')),
    created_at timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz
  );
  CREATE INDEX corrections_dossier_idx ON corrections (dossier_id);

  CREATE TABLE avis (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dossier_id bigint NOT NULL REFERENCES dossiers ON DELETE CASCADE,
    expert_id bigint NOT NULL REFERENCES experts ON DELETE CASCADE,
    claimant_id bigint REFERENCES users ON DELETE SET NULL,
    introduction text NOT NULL DEFAULT '',
    question_label text,
    question_answer boolean,
    answer text,
    confidentiel boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    answered_at timestamptz,
    revoked_at timestamptz
  );
  CREATE INDEX avis_dossier_idx ON avis (dossier_id);
  CREATE INDEX avis_expert_idx ON avis (expert_id);

  CREATE TABLE dossier_labels (
    dossier_id bigint NOT NULL REFERENCES dossiers ON DELETE CASCADE,
    label_id bigint NOT NULL REFERENCES labels ON DELETE CASCADE,
    PRIMARY KEY (dossier_id, label_id)
  );

  -- Badges, per instructor (docs/domain.md §4): the table is the truth.
  CREATE TABLE notifications (
    dossier_id bigint NOT NULL REFERENCES dossiers ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES instructeurs ON DELETE CASCADE,
    kind text NOT NULL,
    display_at timestamptz NOT NULL DEFAULT now(),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dossier_id, kind, user_id)
  );
  CREATE INDEX notifications_user_idx ON notifications (user_id, dossier_id);

  CREATE TABLE attestations (
    dossier_id bigint PRIMARY KEY REFERENCES dossiers ON DELETE CASCADE,
    file_id text NOT NULL REFERENCES files ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now()
  );

  -- Saved work-list presentation per instructor and procedure.
  CREATE TABLE presentations (
    user_id bigint NOT NULL REFERENCES instructeurs ON DELETE CASCADE,
    procedure_id bigint NOT NULL REFERENCES procedures ON DELETE CASCADE,
    columns jsonb NOT NULL DEFAULT '[]',
    sort jsonb,
    filters jsonb NOT NULL DEFAULT '{}',
    page_size integer NOT NULL DEFAULT 50,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, procedure_id)
  );

  CREATE TABLE rendez_vous (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dossier_id bigint NOT NULL REFERENCES dossiers ON DELETE CASCADE,
    starts_at timestamptz NOT NULL,
    duration_minutes integer NOT NULL,
    mode text NOT NULL CHECK (mode IN ('sur_place', 'telephone', 'visio')),
    place text NOT NULL DEFAULT '',
    created_by bigint REFERENCES users ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    cancelled_at timestamptz
  );
  CREATE INDEX rendez_vous_dossier_idx ON rendez_vous (dossier_id);

  -- Tombstones of purged dossiers ("dossiers supprimés").
  CREATE TABLE deleted_dossiers (
    dossier_id bigint PRIMARY KEY,
    procedure_id bigint NOT NULL REFERENCES procedures ON DELETE CASCADE,
    groupe_id bigint,
    state text NOT NULL,
    depose_at timestamptz,
    deleted_at timestamptz NOT NULL DEFAULT now(),
    reason text NOT NULL
  );

  -- E-mails: every message is written here by the mail job; sent_at is set when SMTP accepted it.
  -- Without SMTP this table is the development inbox (/letter_opener).
  CREATE TABLE outbox_emails (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    to_email text NOT NULL,
    subject text NOT NULL,
    html text NOT NULL,
    text text NOT NULL,
    attachments jsonb NOT NULL DEFAULT '[]',
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz
  );

  CREATE TABLE app_settings (
    key text PRIMARY KEY,
    value text NOT NULL
  );
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'app_settings',
    'outbox_emails',
    'deleted_dossiers',
    'rendez_vous',
    'presentations',
    'attestations',
    'notifications',
    'dossier_labels',
    'avis',
    'corrections',
    'messages',
    'files',
    'follows',
    'dossier_events',
    'dossier_co_editors',
    'dossiers',
    'labels',
    'instructeur_procedures',
    'groupe_members',
    'groupes_instructeurs',
    'procedure_revisions',
    'procedure_administrateurs',
    'procedures',
    'login_attempts',
    'tokens',
    'sessions',
    'experts',
    'instructeurs',
    'administrateurs',
    'users',
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)} CASCADE`.execute(db);
  }
}
