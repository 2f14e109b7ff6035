// « Statistiques de la démarche » per week without reading the dossiers (docs/domain.md §11.2). The
// deposits and decisions per week read 26 weeks of dossiers twice — about 24 000 index entries each at
// a 100 000-dossier procedure, most of the page's time. A trigger on dossiers now keeps, per procedure
// and Paris day, the deposits and the decisions of each kind, as signed deltas like work_list_counts
// (migration 0004): writers append, never wait on a counter row; a reader sums at most 182 days' rows;
// the `procedure-daily-stats-compact` job folds the deltas of a day into one row.
//
//   procedure_daily_stats (procedure_id, day, deposes, accepte, refuse, sans_suite)
//     deposes: dossiers whose depose_at falls that day; accepte / refuse / sans_suite: dossiers decided
//     that day (processed_at) in that state, not hidden by the administration — the statistics' rules.
//
// And the optional attachment of « Contacter les usagers avec un dossier brouillon » (docs/domain.md
// §14): its bytes are stored once (file_storage_key), each brouillon's message has its own `files` row
// pointing at them (so the dossier's access rules apply); the e-mail names it (file_name).
import { sql, type Kysely } from 'kysely';

/** The contributions of a set of dossier rows, signed. */
export function dailyKeys(rows: string, sign: string): string {
  return `
    SELECT r.procedure_id, (r.depose_at AT TIME ZONE 'Europe/Paris')::date AS day,
           ${sign}::bigint AS deposes, 0::bigint AS accepte, 0::bigint AS refuse, 0::bigint AS sans_suite
    FROM ${rows} r WHERE r.depose_at IS NOT NULL
    UNION ALL
    SELECT r.procedure_id, (r.processed_at AT TIME ZONE 'Europe/Paris')::date, 0,
           CASE WHEN r.state = 'accepte' THEN ${sign}::bigint ELSE 0 END,
           CASE WHEN r.state = 'refuse' THEN ${sign}::bigint ELSE 0 END,
           CASE WHEN r.state = 'sans_suite' THEN ${sign}::bigint ELSE 0 END
    FROM ${rows} r
    WHERE r.processed_at IS NOT NULL AND r.hidden_by_administration_at IS NULL
      AND r.state IN ('accepte', 'refuse', 'sans_suite')`;
}

const SUMS = 'sum(deposes), sum(accepte), sum(refuse), sum(sans_suite)';
const MOVED = 'HAVING sum(deposes) <> 0 OR sum(accepte) <> 0 OR sum(refuse) <> 0 OR sum(sans_suite) <> 0';
const INSERT = 'INSERT INTO procedure_daily_stats (procedure_id, day, deposes, accepte, refuse, sans_suite)';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE procedure_daily_stats (
    procedure_id bigint NOT NULL,
    day date NOT NULL,
    deposes bigint NOT NULL,
    accepte bigint NOT NULL,
    refuse bigint NOT NULL,
    sans_suite bigint NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX procedure_daily_stats_idx ON procedure_daily_stats (procedure_id, day)
    INCLUDE (deposes, accepte, refuse, sans_suite)`.execute(db);
  await sql
    .raw(`
  CREATE FUNCTION procedure_daily_stats_delta() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      ${INSERT} SELECT procedure_id, day, ${SUMS} FROM (${dailyKeys('new_rows', '1')}) k GROUP BY 1, 2 ${MOVED};
    ELSIF TG_OP = 'DELETE' THEN
      ${INSERT} SELECT procedure_id, day, ${SUMS} FROM (${dailyKeys('old_rows', '-1')}) k GROUP BY 1, 2 ${MOVED};
    ELSE
      ${INSERT} SELECT procedure_id, day, ${SUMS}
      FROM (${dailyKeys('old_rows', '-1')} UNION ALL ${dailyKeys('new_rows', '1')}) k GROUP BY 1, 2 ${MOVED};
    END IF;
    RETURN NULL;
  END $$`)
    .execute(db);
  await sql`CREATE TRIGGER dossiers_daily_stats_insert AFTER INSERT ON dossiers
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION procedure_daily_stats_delta()`.execute(db);
  await sql`CREATE TRIGGER dossiers_daily_stats_update AFTER UPDATE ON dossiers
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION procedure_daily_stats_delta()`.execute(
    db,
  );
  await sql`CREATE TRIGGER dossiers_daily_stats_delete AFTER DELETE ON dossiers
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION procedure_daily_stats_delta()`.execute(db);
  await sql`CREATE FUNCTION procedure_daily_stats_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    TRUNCATE procedure_daily_stats;
    RETURN NULL;
  END $$`.execute(db);
  await sql`CREATE TRIGGER dossiers_daily_stats_truncate AFTER TRUNCATE ON dossiers
    FOR EACH STATEMENT EXECUTE FUNCTION procedure_daily_stats_truncate()`.execute(db);
  await sql
    .raw(`${INSERT} SELECT procedure_id, day, ${SUMS} FROM (${dailyKeys('dossiers', '1')}) k GROUP BY 1, 2 ${MOVED}`)
    .execute(db);
  await sql`ALTER TABLE brouillon_broadcasts ADD COLUMN file_name text, ADD COLUMN file_storage_key text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE brouillon_broadcasts DROP COLUMN IF EXISTS file_name, DROP COLUMN IF EXISTS file_storage_key`.execute(
    db,
  );
  for (const t of ['insert', 'update', 'delete', 'truncate']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`dossiers_daily_stats_${t}`)} ON dossiers`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS procedure_daily_stats_truncate()`.execute(db);
  await sql`DROP FUNCTION IF EXISTS procedure_daily_stats_delta()`.execute(db);
  await sql`DROP TABLE IF EXISTS procedure_daily_stats`.execute(db);
}
