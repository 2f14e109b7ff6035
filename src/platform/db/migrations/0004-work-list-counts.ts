// Tab counts without reading every dossier. Counting the instructor's groups class by
// class read one index entry per dossier on each list page: 14–20 ms for the 56 000 dossiers of a
// group, the largest part of the page (docs/work-list.md). The totals per class are now kept by a
// trigger as they change, in a table of signed deltas:
//
//   work_list_counts (procedure_id, groupe_id, wl_class, follower_id, n)
//     follower_id = 0: n dossiers of the class; follower_id = u: n of them that instructor u follows
//
// Every statement that inserts, updates or deletes dossiers appends its net change (one row per key
// that moved; nothing when no key moved), so writers never wait for each other on a counter row;
// a reader sums the few rows of its groups; the `work-list-counts-compact` job folds the deltas of a
// key into one row. Brouillons are never counted (no tab shows them).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE work_list_counts (
    procedure_id bigint NOT NULL,
    groupe_id bigint NOT NULL,
    wl_class smallint NOT NULL,
    follower_id bigint NOT NULL,
    n bigint NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX work_list_counts_scope_idx ON work_list_counts (procedure_id, groupe_id, follower_id) INCLUDE (wl_class, n)`.execute(
    db,
  );

  // The keys of a set of dossier rows, each counted once for everyone (0) and once per active follower.
  const keys = (rows: string, sign: string) => `
    SELECT r.procedure_id, r.groupe_id, r.wl_class, f.id AS follower_id, ${sign}::bigint AS n
    FROM ${rows} r CROSS JOIN LATERAL unnest(array_prepend(0::bigint, r.follower_ids)) AS f(id)
    WHERE r.state <> 'brouillon'`;
  await sql
    .raw(`
  CREATE FUNCTION work_list_counts_delta() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO work_list_counts (procedure_id, groupe_id, wl_class, follower_id, n)
      SELECT procedure_id, groupe_id, wl_class, follower_id, sum(n) FROM (${keys('new_rows', '1')}) k GROUP BY 1, 2, 3, 4;
    ELSIF TG_OP = 'DELETE' THEN
      INSERT INTO work_list_counts (procedure_id, groupe_id, wl_class, follower_id, n)
      SELECT procedure_id, groupe_id, wl_class, follower_id, sum(n) FROM (${keys('old_rows', '-1')}) k GROUP BY 1, 2, 3, 4;
    ELSE
      INSERT INTO work_list_counts (procedure_id, groupe_id, wl_class, follower_id, n)
      SELECT procedure_id, groupe_id, wl_class, follower_id, sum(n)
      FROM (${keys('old_rows', '-1')} UNION ALL ${keys('new_rows', '1')}) k
      GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
    END IF;
    RETURN NULL;
  END $$`)
    .execute(db);
  await sql`CREATE TRIGGER dossiers_work_list_counts_insert AFTER INSERT ON dossiers
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION work_list_counts_delta()`.execute(db);
  await sql`CREATE TRIGGER dossiers_work_list_counts_update AFTER UPDATE ON dossiers
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION work_list_counts_delta()`.execute(
    db,
  );
  await sql`CREATE TRIGGER dossiers_work_list_counts_delete AFTER DELETE ON dossiers
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION work_list_counts_delta()`.execute(db);
  // TRUNCATE (an operator's) empties the totals with the dossiers.
  await sql`CREATE FUNCTION work_list_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    TRUNCATE work_list_counts;
    RETURN NULL;
  END $$`.execute(db);
  await sql`CREATE TRIGGER dossiers_work_list_counts_truncate AFTER TRUNCATE ON dossiers
    FOR EACH STATEMENT EXECUTE FUNCTION work_list_counts_truncate()`.execute(db);
  await sql
    .raw(`INSERT INTO work_list_counts (procedure_id, groupe_id, wl_class, follower_id, n)
    SELECT procedure_id, groupe_id, wl_class, follower_id, sum(n) FROM (${keys('dossiers', '1')}) k GROUP BY 1, 2, 3, 4`)
    .execute(db);

  // With the counts kept, what still reads the dossiers of a group is a tab's own classes (the page
  // segments, the red dots) and the expiring ones. The group index now has the class in its key, so
  // a tab reads only its classes (« suivis par moi »: 6 000 entries instead of 56 000); the few
  // dossiers expiring within 14 days (tab « expirants » and its count) are a range of the second one.
  // (expires_at as the third key of a single index was tried: scans of a whole group through it then
  // jump between visibility-map pages, entries no longer being in heap order.)
  await sql`CREATE INDEX dossiers_wl_class_idx ON dossiers (procedure_id, groupe_id, wl_class)
    INCLUDE (id, updated_at, expires_at, follower_ids) WHERE state <> 'brouillon'`.execute(db);
  await sql`CREATE INDEX dossiers_wl_expiring_idx ON dossiers (procedure_id, groupe_id, expires_at)
    INCLUDE (id, updated_at, wl_class, follower_ids) WHERE state <> 'brouillon' AND expires_at IS NOT NULL`.execute(db);
  await sql`DROP INDEX dossiers_wl_counts_idx`.execute(db);

  // follower_ids (migration 0002) lost a follower when two instructors followed the same dossier at
  // once: each trigger built the array from its own snapshot, the second overwrote the first. The
  // dossiers are now locked first (in id order), and the array is read after the lock, by a new
  // statement that sees what the other transaction committed.
  await sql.raw(refreshFollowersFunction({ lock: true })).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(refreshFollowersFunction({ lock: false })).execute(db); // 0002's version
  await sql`CREATE INDEX IF NOT EXISTS dossiers_wl_counts_idx ON dossiers (procedure_id, groupe_id)
    INCLUDE (id, updated_at, wl_class, expires_at, follower_ids) WHERE state <> 'brouillon'`.execute(db);
  await sql`DROP INDEX IF EXISTS dossiers_wl_expiring_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS dossiers_wl_class_idx`.execute(db);
  for (const t of ['insert', 'update', 'delete', 'truncate']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`dossiers_work_list_counts_${t}`)} ON dossiers`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS work_list_counts_truncate()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS work_list_counts_delta()`.execute(db);
  await sql`DROP TABLE IF EXISTS work_list_counts`.execute(db);
}

/** The follows trigger's function of migration 0002, with (this migration) or without the lock. */
function refreshFollowersFunction(opts: { lock: boolean }): string {
  return `
  CREATE OR REPLACE FUNCTION work_list_refresh_followers() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    ${opts.lock ? 'PERFORM 1 FROM dossiers WHERE id IN (SELECT DISTINCT dossier_id FROM changed_follows) ORDER BY id FOR NO KEY UPDATE;' : ''}
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
  END $$`;
}
