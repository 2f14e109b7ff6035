// The instructor's work list: what its queries need to stay instant at 100 000 dossiers
// in one procedure. Every object here has a query that needs it; docs/work-list.md has the
// measurements. PostgreSQL 15 features only.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // 1. Active followers, denormalised on the dossier and kept by statement-level triggers on
  //    `follows` (one UPDATE per statement, bulk inserts included). The tabs "à suivre" (no active
  //    follower) and "suivis par moi" (I follow) then read one column of the dossier instead of an
  //    anti-join on follows, which cost a hash of the whole follows table per count.
  await sql`ALTER TABLE dossiers ADD COLUMN follower_ids bigint[] NOT NULL DEFAULT '{}'`.execute(db);
  await sql`
  CREATE FUNCTION work_list_refresh_followers() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE dossiers d SET follower_ids = s.ids
    FROM (
      SELECT c.dossier_id,
             coalesce(array_agg(f.user_id ORDER BY f.user_id) FILTER (WHERE f.user_id IS NOT NULL), '{}') AS ids
      FROM (SELECT DISTINCT dossier_id FROM changed_follows) c
      LEFT JOIN follows f ON f.dossier_id = c.dossier_id AND f.unfollowed_at IS NULL
      GROUP BY c.dossier_id
    ) s
    WHERE d.id = s.dossier_id AND d.follower_ids IS DISTINCT FROM s.ids;
    RETURN NULL;
  END $$`.execute(db);
  await sql`CREATE TRIGGER follows_work_list_insert AFTER INSERT ON follows
    REFERENCING NEW TABLE AS changed_follows FOR EACH STATEMENT EXECUTE FUNCTION work_list_refresh_followers()`.execute(
    db,
  );
  await sql`CREATE TRIGGER follows_work_list_update AFTER UPDATE ON follows
    REFERENCING NEW TABLE AS changed_follows FOR EACH STATEMENT EXECUTE FUNCTION work_list_refresh_followers()`.execute(
    db,
  );
  await sql`CREATE TRIGGER follows_work_list_delete AFTER DELETE ON follows
    REFERENCING OLD TABLE AS changed_follows FOR EACH STATEMENT EXECUTE FUNCTION work_list_refresh_followers()`.execute(
    db,
  );
  await sql`UPDATE dossiers d SET follower_ids = s.ids
    FROM (SELECT dossier_id, array_agg(user_id ORDER BY user_id) AS ids FROM follows WHERE unfollowed_at IS NULL GROUP BY dossier_id) s
    WHERE d.id = s.dossier_id`.execute(db);

  // 2. The tab class: every fact the tab rules read (state, archived, the three hidden dates,
  //    "has an active follower") packed in one small integer, computed by PostgreSQL on every write
  //    (src/queries/tab-classes.ts decodes it and asks the domain's tabsOf which classes make a tab).
  //    A tab is then `wl_class = ANY(codes)`: estimated from the column statistics, carried by narrow
  //    covering indexes, counted by one GROUP BY.
  await sql`ALTER TABLE dossiers ADD COLUMN wl_class smallint GENERATED ALWAYS AS ((
      (CASE state WHEN 'en_construction' THEN 1 WHEN 'en_instruction' THEN 2 WHEN 'accepte' THEN 3
                  WHEN 'refuse' THEN 4 WHEN 'sans_suite' THEN 5 ELSE 0 END) * 32
      + (CASE WHEN archived THEN 16 ELSE 0 END)
      + (CASE WHEN hidden_by_administration_at IS NOT NULL THEN 8 ELSE 0 END)
      + (CASE WHEN hidden_by_user_at IS NOT NULL THEN 4 ELSE 0 END)
      + (CASE WHEN hidden_by_expired_at IS NOT NULL THEN 2 ELSE 0 END)
      + (CASE WHEN cardinality(follower_ids) > 0 THEN 1 ELSE 0 END))::smallint) STORED`.execute(db);

  // 3. Typed keys of JSONB champ values, immutable so that expression indexes can use them.
  //    Numbers sort as numbers; anything that is not a JSON number gives NULL (never an error).
  await sql`CREATE FUNCTION f_jnum(jsonb) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN jsonb_typeof($1) = 'number' THEN ($1)::numeric END $$`.execute(db);
  await sql`CREATE FUNCTION f_jbool(jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN jsonb_typeof($1) = 'boolean' THEN ($1)::boolean END $$`.execute(db);
  // Display text of composite values: a list of choices ("a, b"), a linked pair ("primary / secondary").
  await sql`CREATE FUNCTION f_jtext(jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE jsonb_typeof($1)
      WHEN 'string' THEN $1 #>> '{}'
      WHEN 'number' THEN $1 #>> '{}'
      WHEN 'array' THEN nullif((SELECT string_agg(CASE jsonb_typeof(x) WHEN 'string' THEN x #>> '{}' ELSE coalesce(x ->> 'name', '') END, ', ') FROM jsonb_array_elements($1) x), '')
      WHEN 'object' THEN nullif(concat_ws(' / ', nullif($1 ->> 'primary', ''), nullif($1 ->> 'secondary', '')), '')
    END $$`.execute(db);

  // 4. Tab facts: every column the tab rules read, carried by the list indexes so that a tab is
  //    filtered on index tuples (index-only scans) and the wide dossier row is read for the
  //    displayed page only.
  const facts = sql`wl_class, expires_at, follower_ids`;
  //    Default order of every tab (notifications first, then most recently updated).
  await sql`CREATE INDEX dossiers_wl_updated_idx ON dossiers (procedure_id, updated_at DESC, id DESC)
    INCLUDE (groupe_id, ${facts}) WHERE state <> 'brouillon'`.execute(db);
  //    The seven tab counts in one index-only scan of the instructor's groups; also the dossiers
  //    of a tab joined with my badges.
  await sql`CREATE INDEX dossiers_wl_counts_idx ON dossiers (procedure_id, groupe_id)
    INCLUDE (id, updated_at, ${facts}) WHERE state <> 'brouillon'`.execute(db);
  //    The deposit date of the filter bar.
  await sql`CREATE INDEX dossiers_wl_depose_idx ON dossiers (procedure_id, depose_at, id)
    INCLUDE (groupe_id, ${facts}) WHERE state <> 'brouillon'`.execute(db);
  //    Planner statistics: a group belongs to one procedure (their selectivities must not be
  //    multiplied), and "followed by me" needs the frequency of each instructor in follower_ids.
  await sql`CREATE STATISTICS dossiers_wl_scope_stats (dependencies, mcv) ON procedure_id, groupe_id FROM dossiers`.execute(
    db,
  );
  await sql`ALTER TABLE dossiers ALTER COLUMN follower_ids SET STATISTICS 1000`.execute(db);
  // 5. My badges: the notifications of one instructor, read without visiting the table.
  await sql`CREATE INDEX notifications_wl_user_idx ON notifications (user_id, dossier_id) INCLUDE (kind, display_at)`.execute(
    db,
  );

  // 6. Per-procedure expression indexes created when an instructor first sorts or filters on a
  //    column (src/queries/column-indexes.ts); this registry says which exist.
  await sql`CREATE TABLE work_list_indexes (
    index_name text PRIMARY KEY,
    procedure_id bigint NOT NULL REFERENCES procedures ON DELETE CASCADE,
    column_id text NOT NULL,
    method text NOT NULL CHECK (method IN ('btree', 'trgm')),
    state text NOT NULL DEFAULT 'building' CHECK (state IN ('building', 'ready', 'failed')),
    created_at timestamptz NOT NULL DEFAULT now(),
    ready_at timestamptz,
    error text
  )`.execute(db);
  await sql`CREATE INDEX work_list_indexes_procedure_idx ON work_list_indexes (procedure_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const r = await sql<{ index_name: string }>`SELECT index_name FROM work_list_indexes`.execute(db);
  for (const row of r.rows) await sql`DROP INDEX IF EXISTS ${sql.id(row.index_name)}`.execute(db);
  await sql`DROP TABLE IF EXISTS work_list_indexes`.execute(db);
  await sql`DROP INDEX IF EXISTS notifications_wl_user_idx`.execute(db);
  await sql`DROP STATISTICS IF EXISTS dossiers_wl_scope_stats`.execute(db);
  await sql`DROP INDEX IF EXISTS dossiers_wl_counts_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS dossiers_wl_depose_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS dossiers_wl_updated_idx`.execute(db);
  await sql`DROP FUNCTION IF EXISTS f_jtext(jsonb)`.execute(db);
  await sql`DROP FUNCTION IF EXISTS f_jbool(jsonb)`.execute(db);
  await sql`DROP FUNCTION IF EXISTS f_jnum(jsonb)`.execute(db);
  await sql`DROP TRIGGER IF EXISTS follows_work_list_delete ON follows`.execute(db);
  await sql`DROP TRIGGER IF EXISTS follows_work_list_update ON follows`.execute(db);
  await sql`DROP TRIGGER IF EXISTS follows_work_list_insert ON follows`.execute(db);
  await sql`DROP FUNCTION IF EXISTS work_list_refresh_followers()`.execute(db);
  await sql`ALTER TABLE dossiers DROP COLUMN IF EXISTS wl_class`.execute(db);
  await sql`ALTER TABLE dossiers DROP COLUMN IF EXISTS follower_ids`.execute(db);
}
