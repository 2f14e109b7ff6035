// My displayed badges per dossier, kept (docs/work-list.md "Badge summary"). The red dots and the
// first segment of the « badges first » default order joined all of an instructor's notifications
// to the whole group's index (56 000 entries for 2 700 news) on every list page. They now read
//
//   dossier_badges (dossier_id, user_id, from_at, until_at, importance, news,
//                   procedure_id, groupe_id, wl_class, updated_at, mine, expires_at)
//
// one row per (dossier, instructor) and *step* of what his badges on the dossier display: between
// from_at (included) and until_at (excluded, NULL: for ever) the most important displayed badge has
// `importance` (0 = most important, the domain's NOTIFICATION_KINDS order) and `news` says whether
// a "news" badge (domain NEWS_NOTIFICATIONS) is displayed. A badge with a future display_at (a
// deposit not taken for 7 days, an expiry within 14 days) starts a new step at its display_at when
// it changes either: the reader picks the step holding its own clock (`from_at <= now < until_at`),
// so nothing has to run when a display_at passes, and tests with a moved clock read the same rule.
// Almost every (dossier, instructor) has a single step. procedure_id, groupe_id, wl_class,
// updated_at, mine (the instructor follows the dossier) and expires_at are copied from the dossier
// — what the scope and the tab rules read — so that the red dots are a count per class of one
// index and the first segment of the default order (without filters) a range of another, stopped
// after the page, without reading the dossiers.
//
// Kept by statement-level triggers: on notifications (insert, update, delete) the pairs touched are
// recomputed; on dossiers, a change of what the display rule reads (state brouillon, archived,
// hidden) recomputes the dossier's pairs, a change of the copied columns updates them in place.
// The kinds, their importance, the news kinds and the display rule are generated below from the
// domain (src/domain/notifications.ts `isDisplayed`, src/domain/tabs.ts): if they change, a new
// migration re-creates `dossier_badges_refresh` from the same builder.
import { sql, type Kysely } from 'kysely';
import { isDisplayed, NOTIFICATION_KINDS } from '../../../domain/notifications.ts';
import { NEWS_NOTIFICATIONS } from '../../../domain/tabs.ts';

function textArray(values: readonly string[]): string {
  return values.length
    ? `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]::text[]`
    : `'{}'::text[]`;
}

/** The kinds displayed on a dossier `d` (domain `isDisplayed`, for each archived / hidden case). */
function displayedKindsSql(d: string): string {
  const t = new Date(0);
  const kinds = (archived: boolean, hidden: boolean) =>
    textArray(NOTIFICATION_KINDS.filter((k) => isDisplayed(k, { archived, hidden, displayAt: t }, t)));
  // hidden = hidden by the administration or by expiry (domain isHiddenForNotifications)
  const hidden = `(${d}.hidden_by_administration_at IS NOT NULL OR ${d}.hidden_by_expired_at IS NOT NULL)`;
  return `CASE WHEN ${hidden} AND ${d}.archived THEN ${kinds(true, true)}
    WHEN ${hidden} THEN ${kinds(false, true)}
    WHEN ${d}.archived THEN ${kinds(true, false)}
    ELSE ${kinds(false, false)} END`;
}

/** The facts of a dossier row the summary's steps depend on (besides its notifications). */
export function badgeFactsSql(d: string): string {
  return `(${d}.state = 'brouillon', ${d}.archived, ${d}.hidden_by_administration_at IS NOT NULL OR ${d}.hidden_by_expired_at IS NOT NULL)`;
}

/**
 * The steps of the (user_id, dossier_id) pairs of relation `pairs` (distinct), as rows of
 * dossier_badges: the cumulative minimum importance and "has news" at each distinct display_at of
 * the displayed kinds, kept where either changes.
 */
function stepsSql(pairs: string): string {
  return `
    WITH n AS (
      SELECT n.user_id, n.dossier_id, n.display_at,
             array_position(${textArray(NOTIFICATION_KINDS)}, n.kind) - 1 AS imp,
             n.kind = ANY(${textArray(NEWS_NOTIFICATIONS)}) AS news
      FROM ${pairs} p
      JOIN notifications n ON n.dossier_id = p.dossier_id AND n.user_id = p.user_id
      JOIN dossiers d ON d.id = n.dossier_id
      WHERE d.state <> 'brouillon' AND n.kind = ANY(${displayedKindsSql('d')})
    ), t AS (
      SELECT user_id, dossier_id, display_at AS from_at,
             min(min(imp)) OVER w AS importance, bool_or(bool_or(news)) OVER w AS news
      FROM n GROUP BY user_id, dossier_id, display_at
      WINDOW w AS (PARTITION BY user_id, dossier_id ORDER BY display_at)
    ), c AS (
      SELECT t.*, lag(importance) OVER w AS prev_importance, lag(news) OVER w AS prev_news
      FROM t WINDOW w AS (PARTITION BY user_id, dossier_id ORDER BY from_at)
    ), s AS (
      SELECT user_id, dossier_id, from_at, importance, news,
             lead(from_at) OVER (PARTITION BY user_id, dossier_id ORDER BY from_at) AS until_at
      FROM c WHERE prev_importance IS NULL OR prev_importance <> importance OR prev_news <> news
    )
    SELECT s.dossier_id, s.user_id, s.from_at, s.until_at, s.importance, s.news,
           d.procedure_id, d.groupe_id, d.wl_class, d.updated_at, d.follower_ids @> ARRAY[s.user_id] AS mine, d.expires_at
    FROM s JOIN dossiers d ON d.id = s.dossier_id`;
}

const COLUMNS =
  'dossier_id, user_id, from_at, until_at, importance, news, procedure_id, groupe_id, wl_class, updated_at, mine, expires_at';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE dossier_badges (
    dossier_id bigint NOT NULL,
    user_id bigint NOT NULL,
    from_at timestamptz NOT NULL,
    until_at timestamptz,
    importance integer NOT NULL,
    news boolean NOT NULL,
    procedure_id bigint NOT NULL,
    groupe_id bigint NOT NULL,
    wl_class smallint NOT NULL,
    updated_at timestamptz NOT NULL,
    mine boolean NOT NULL,
    expires_at timestamptz,
    PRIMARY KEY (dossier_id, user_id, from_at)
  )`.execute(db);
  // the first segment of the default order: my badges of a procedure, most important first, then
  // most recently updated — the page is the first rows of the range (group, class and step checked
  // on the entry)
  await sql`CREATE INDEX dossier_badges_order_idx ON dossier_badges
    (user_id, procedure_id, importance, updated_at DESC, dossier_id DESC)
    INCLUDE (groupe_id, wl_class, mine, expires_at, from_at, until_at)`.execute(db);
  // the red dots: my dossiers with news of a procedure's groups, counted per class
  await sql`CREATE INDEX dossier_badges_news_idx ON dossier_badges (user_id, procedure_id, groupe_id, wl_class)
    INCLUDE (from_at, until_at, mine) WHERE news`.execute(db);

  // Recomputes the steps of the given pairs. The dossiers are locked first (in id order) so that two
  // transactions writing badges of the same dossier do not each compute from their own snapshot;
  // the statements after the lock see what the other committed.
  await sql
    .raw(`
  CREATE FUNCTION dossier_badges_refresh(p_users bigint[], p_dossiers bigint[]) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM 1 FROM dossiers WHERE id IN (SELECT unnest(p_dossiers)) ORDER BY id FOR NO KEY UPDATE;
    DELETE FROM dossier_badges b USING unnest(p_users, p_dossiers) AS p(user_id, dossier_id)
    WHERE b.dossier_id = p.dossier_id AND b.user_id = p.user_id;
    INSERT INTO dossier_badges (${COLUMNS})
    ${stepsSql('(SELECT DISTINCT u AS user_id, d AS dossier_id FROM unnest(p_users, p_dossiers) AS x(u, d))')};
  END $$`)
    .execute(db);
  // Every step recomputed (back-fill, and the load seed when it wrote without triggers).
  await sql
    .raw(`
  CREATE FUNCTION dossier_badges_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
  DECLARE n bigint;
  BEGIN
    LOCK TABLE dossier_badges IN EXCLUSIVE MODE;
    DELETE FROM dossier_badges;
    INSERT INTO dossier_badges (${COLUMNS})
    ${stepsSql('(SELECT DISTINCT user_id, dossier_id FROM notifications)')};
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
  END $$`)
    .execute(db);

  await sql
    .raw(`
  CREATE FUNCTION dossier_badges_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      PERFORM dossier_badges_refresh(array_agg(user_id), array_agg(dossier_id))
      FROM (SELECT DISTINCT user_id, dossier_id FROM new_rows ORDER BY dossier_id) p HAVING count(*) > 0;
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM dossier_badges_refresh(array_agg(user_id), array_agg(dossier_id))
      FROM (SELECT DISTINCT user_id, dossier_id FROM old_rows ORDER BY dossier_id) p HAVING count(*) > 0;
    ELSE
      PERFORM dossier_badges_refresh(array_agg(user_id), array_agg(dossier_id))
      FROM (SELECT user_id, dossier_id FROM old_rows UNION SELECT user_id, dossier_id FROM new_rows ORDER BY dossier_id) p
      HAVING count(*) > 0;
    END IF;
    RETURN NULL;
  END $$`)
    .execute(db);
  await sql`CREATE TRIGGER notifications_dossier_badges_insert AFTER INSERT ON notifications
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dossier_badges_notifications()`.execute(db);
  await sql`CREATE TRIGGER notifications_dossier_badges_update AFTER UPDATE ON notifications
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dossier_badges_notifications()`.execute(
    db,
  );
  await sql`CREATE TRIGGER notifications_dossier_badges_delete AFTER DELETE ON notifications
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dossier_badges_notifications()`.execute(db);
  await sql`CREATE FUNCTION dossier_badges_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    TRUNCATE dossier_badges;
    RETURN NULL;
  END $$`.execute(db);
  await sql`CREATE TRIGGER notifications_dossier_badges_truncate AFTER TRUNCATE ON notifications
    FOR EACH STATEMENT EXECUTE FUNCTION dossier_badges_truncate()`.execute(db);

  // A dossier's change: what the display rule reads → its pairs recomputed; else the copied columns
  // updated in place (nothing when none moved — most dossier updates change updated_at only).
  await sql
    .raw(`
  CREATE FUNCTION dossier_badges_dossiers() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM dossier_badges_refresh(array_agg(n.user_id), array_agg(n.dossier_id))
    FROM (
      SELECT DISTINCT x.user_id, x.dossier_id FROM new_rows nr JOIN old_rows o ON o.id = nr.id
      JOIN notifications x ON x.dossier_id = nr.id
      WHERE ${badgeFactsSql('nr')} IS DISTINCT FROM ${badgeFactsSql('o')}
      ORDER BY x.dossier_id
    ) n HAVING count(*) > 0;
    UPDATE dossier_badges b
    SET procedure_id = nr.procedure_id, groupe_id = nr.groupe_id, wl_class = nr.wl_class, updated_at = nr.updated_at,
        mine = nr.follower_ids @> ARRAY[b.user_id], expires_at = nr.expires_at
    FROM new_rows nr JOIN old_rows o ON o.id = nr.id
    WHERE b.dossier_id = nr.id
      AND ${badgeFactsSql('nr')} IS NOT DISTINCT FROM ${badgeFactsSql('o')}
      AND (nr.procedure_id, nr.groupe_id, nr.wl_class, nr.updated_at, nr.follower_ids, nr.expires_at)
          IS DISTINCT FROM (o.procedure_id, o.groupe_id, o.wl_class, o.updated_at, o.follower_ids, o.expires_at)
      AND (b.procedure_id, b.groupe_id, b.wl_class, b.updated_at, b.mine, b.expires_at)
          IS DISTINCT FROM (nr.procedure_id, nr.groupe_id, nr.wl_class, nr.updated_at, nr.follower_ids @> ARRAY[b.user_id], nr.expires_at);
    RETURN NULL;
  END $$`)
    .execute(db);
  await sql`CREATE TRIGGER dossiers_dossier_badges_update AFTER UPDATE ON dossiers
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dossier_badges_dossiers()`.execute(
    db,
  );

  await sql`SELECT dossier_badges_rebuild()`.execute(db);
  // statistics for the planner now; the visibility map (index-only scans without heap visits) comes
  // with the first (auto)vacuum — VACUUM cannot run in the migration's transaction
  await sql`ANALYZE dossier_badges`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS dossiers_dossier_badges_update ON dossiers`.execute(db);
  for (const t of ['insert', 'update', 'delete', 'truncate']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`notifications_dossier_badges_${t}`)} ON notifications`.execute(db);
  }
  for (const f of [
    'dossier_badges_dossiers()',
    'dossier_badges_truncate()',
    'dossier_badges_notifications()',
    'dossier_badges_rebuild()',
    'dossier_badges_refresh(bigint[], bigint[])',
  ]) {
    await sql.raw(`DROP FUNCTION IF EXISTS ${f}`).execute(db);
  }
  await sql`DROP TABLE IF EXISTS dossier_badges`.execute(db);
}
