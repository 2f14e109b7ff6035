// A follow's « seen » dates no longer lock its dossier. The statement trigger that keeps
// `dossiers.follower_ids` (migrations 0002 and 0004) fired on every UPDATE of `follows` — among
// them the « seen » dates written each time an instructor opens a tab of a dossier he follows — and
// locked the dossier row to recompute a follower set that had not changed. Opening a tab then took
// the follow row and, after it, the dossier row, where the commands take the dossier first: under
// load, « deadlock detected » between two requests on one dossier (docs/deployment.md). The UPDATE
// trigger now compares the active (dossier, instructor) pairs before and after the statement and
// refreshes only the dossiers whose set changed (docs/architecture.md, « follows »); INSERT and
// DELETE keep the function of migration 0004.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE OR REPLACE FUNCTION work_list_refresh_followers_update() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    changed bigint[];
  BEGIN
    SELECT array_agg(DISTINCT x.dossier_id ORDER BY x.dossier_id) INTO changed FROM (
      (SELECT dossier_id, user_id FROM old_follows WHERE unfollowed_at IS NULL
       EXCEPT ALL SELECT dossier_id, user_id FROM new_follows WHERE unfollowed_at IS NULL)
      UNION ALL
      (SELECT dossier_id, user_id FROM new_follows WHERE unfollowed_at IS NULL
       EXCEPT ALL SELECT dossier_id, user_id FROM old_follows WHERE unfollowed_at IS NULL)
    ) x;
    IF changed IS NULL THEN
      RETURN NULL;
    END IF;
    PERFORM 1 FROM dossiers WHERE id = ANY(changed) ORDER BY id FOR NO KEY UPDATE;
    UPDATE dossiers d SET follower_ids = s.ids
    FROM (
      SELECT c.dossier_id,
             coalesce(array_agg(f.user_id ORDER BY f.user_id) FILTER (WHERE f.user_id IS NOT NULL), '{}') AS ids
      FROM unnest(changed) AS c(dossier_id)
      LEFT JOIN follows f ON f.dossier_id = c.dossier_id AND f.unfollowed_at IS NULL
      GROUP BY c.dossier_id
    ) s
    WHERE d.id = s.dossier_id AND d.follower_ids IS DISTINCT FROM s.ids;
    RETURN NULL;
  END $$`.execute(db);
  await sql`DROP TRIGGER follows_work_list_update ON follows`.execute(db);
  await sql`CREATE TRIGGER follows_work_list_update AFTER UPDATE ON follows
    REFERENCING OLD TABLE AS old_follows NEW TABLE AS new_follows
    FOR EACH STATEMENT EXECUTE FUNCTION work_list_refresh_followers_update()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER follows_work_list_update ON follows`.execute(db);
  await sql`CREATE TRIGGER follows_work_list_update AFTER UPDATE ON follows
    REFERENCING NEW TABLE AS changed_follows FOR EACH STATEMENT EXECUTE FUNCTION work_list_refresh_followers()`.execute(
    db,
  );
  await sql`DROP FUNCTION work_list_refresh_followers_update()`.execute(db);
}
