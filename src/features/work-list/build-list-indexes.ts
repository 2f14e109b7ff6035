// Builds the list indexes (and statistics) a presentation needs (src/queries/column-indexes.ts says
// which), for the build-list-indexes job. Not a defineCommand: CREATE INDEX CONCURRENTLY cannot run
// inside a transaction, so each index is claimed in `work_list_indexes`, built, then marked ready or
// failed, each step on its own. Other processes see the claim and leave the index alone.
import { sql } from 'kysely';
import type { Services } from '../../platform/services.ts';
import {
  effectiveState,
  type IndexSpec,
  MAX_INDEXES_PER_PROCEDURE,
  MAX_VALUE_INDEXES_PER_PROCEDURE,
  type RecordedIndex,
  recordedIndexes,
  STALE_BUILD_MS,
  VALUE_INFIX,
  listObjectsInUse,
  STATS_INFIX,
} from '../../queries/column-indexes.ts';
import type { Column } from '../../queries/columns.ts';

/**
 * Builds the missing indexes (CONCURRENTLY on PostgreSQL). Never throws: a failure is recorded
 * and logged, the list keeps working without the index. Returns the names built now. With the
 * procedure's columns, what no saved presentation of the procedure asks for any more is dropped:
 * statistics always, one-value indexes when the options or texts of `specs` need their places.
 */
export async function buildListIndexes(
  app: Services,
  procedureId: string,
  specs: IndexSpec[],
  columns?: ReadonlyMap<string, Column>,
): Promise<string[]> {
  if (specs.length === 0) return [];
  const built: string[] = [];
  try {
    let known = await recordedIndexes(app.db, procedureId);
    const now = Date.now();
    const states = () => new Map(known.map((k) => [k.index_name, effectiveState(k, now)]));
    let have = states();
    const missing = (spec: IndexSpec) => have.get(spec.name) !== 'ready' && have.get(spec.name) !== 'building';
    // an option's indexes are built together or not at all (the list walks an option only on all of them)
    const missingOfOption = new Map<string, number>();
    for (const spec of specs)
      if (spec.option && missing(spec)) missingOfOption.set(spec.option, (missingOfOption.get(spec.option) ?? 0) + 1);
    const valueIndexes = (list: typeof known) =>
      list.filter((k) => k.state !== 'failed' && k.index_name.includes(VALUE_INFIX)).length;
    const needed = [...missingOfOption.values()].reduce((a, b) => a + b, 0);
    if (columns) {
      // what no saved presentation of the procedure asks for any more: one-value indexes when a new
      // option or text needs their places; statistics always (each one is computed by every ANALYZE
      // of the table and read by the planner for every statement on it)
      const wanted = new Set(specs.map((x) => x.name));
      const needRoom = needed > MAX_VALUE_INDEXES_PER_PROCEDURE - valueIndexes(known);
      const strayStats = known.some((k) => k.index_name.includes(STATS_INFIX) && !wanted.has(k.index_name));
      if (needRoom || strayStats) {
        const keep = new Set([...(await listObjectsInUse(app.db, procedureId, columns)), ...wanted]);
        const unused = known.filter(
          (k) =>
            k.state !== 'building' &&
            !keep.has(k.index_name) &&
            (k.index_name.includes(STATS_INFIX) || (needRoom && k.index_name.includes(VALUE_INFIX))),
        );
        if (await dropUnused(app, procedureId, unused)) {
          known = await recordedIndexes(app.db, procedureId);
          have = states();
        }
      }
    }
    // statistics have no write cost: they take none of the places
    const kept = known.filter((k) => k.state !== 'failed' && !k.index_name.includes(STATS_INFIX));
    let room = MAX_INDEXES_PER_PROCEDURE - kept.length;
    let valueRoom = MAX_VALUE_INDEXES_PER_PROCEDURE - valueIndexes(known);
    const reserved = new Set<string>();
    let analyse = false;
    // sort and filter indexes first: a one-option index is a bonus
    for (const spec of [...specs].sort((a, b) => Number(!!a.oneValue) - Number(!!b.oneValue))) {
      if (!missing(spec)) continue;
      if (room <= 0 && spec.method !== 'stats') continue;
      if (spec.oneValue) {
        const option = spec.option ?? spec.name;
        if (!reserved.has(option)) {
          const need = missingOfOption.get(option) ?? 1;
          if (valueRoom < need || room < need) continue;
          valueRoom -= need;
          reserved.add(option);
        }
      }
      if (spec.method !== 'stats') room--;
      const claimed = await sql`
        INSERT INTO work_list_indexes (index_name, procedure_id, column_id, method, state)
        VALUES (${spec.name}, ${procedureId}, ${spec.columnId}, ${spec.method}, 'building')
        ON CONFLICT (index_name) DO UPDATE SET state = 'building', error = NULL, created_at = now()
          WHERE work_list_indexes.state = 'failed'
             OR (work_list_indexes.state = 'building' AND work_list_indexes.created_at < now() - make_interval(secs => ${STALE_BUILD_MS / 1000}))
        RETURNING index_name`.execute(app.db);
      if (claimed.rows.length === 0) continue; // another process builds it
      try {
        if (spec.method === 'stats') {
          await sql`CREATE STATISTICS IF NOT EXISTS ${spec.body}`.execute(app.db);
          analyse = true;
        } else if (app.database.engine === 'postgres') {
          await sql`DROP INDEX CONCURRENTLY IF EXISTS ${sql.id(spec.name)}`.execute(app.db); // an invalid leftover
          await sql`CREATE INDEX CONCURRENTLY IF NOT EXISTS ${spec.body}`.execute(app.db);
        } else {
          await sql`CREATE INDEX IF NOT EXISTS ${spec.body}`.execute(app.db);
        }
        // still ours: a drop that ran meanwhile (dropUnused) set it back to failed, and that stands
        await sql`UPDATE work_list_indexes SET state = 'ready', ready_at = now()
          WHERE index_name = ${spec.name} AND state = 'building'`.execute(app.db);
        built.push(spec.name);
      } catch (e) {
        app.logger.warn({ err: { message: (e as Error).message }, index: spec.name }, 'index de liste non créé');
        await sql`UPDATE work_list_indexes SET state = 'failed', error = ${(e as Error).message.slice(0, 500)} WHERE index_name = ${spec.name}`
          .execute(app.db)
          .catch(() => undefined);
      }
    }
    // new statistics are empty until the table is analysed, which autovacuum does after a tenth of
    // it changed (days, on a big base): analysed now, on the columns that statistics read (the
    // procedure's multi-column statistics included: 0.8 s on 1 000 000 dossiers, where the whole
    // table's 18 s go mostly to the expression indexes' keys)
    if (analyse)
      await sql`ANALYZE dossiers (procedure_id, groupe_id, champs, annotations)`
        .execute(app.db)
        .catch((e) =>
          app.logger.warn({ err: { message: (e as Error).message } }, 'statistiques de liste non calculées'),
        );
  } catch (e) {
    app.logger.warn({ err: { message: (e as Error).message } }, 'index de liste : registre indisponible');
  }
  return built;
}

/**
 * Drops the recorded indexes and statistics `unused` (built or failed; never one being built). Their
 * records go first: a list never walks an option whose records are not all `ready`. A build of
 * the same object claimed meanwhile (an instructor saved that filter again) may finish before or
 * after the drop: its record is set back to `failed` once the drop is done (and a build records
 * `ready` only over its own `building`), so that the next use builds it again — never a `ready`
 * record without its object. A drop that fails leaves a `failed` record, dropped again next time.
 * Returns how many were dropped.
 */
async function dropUnused(app: Services, procedureId: string, unused: readonly RecordedIndex[]): Promise<number> {
  if (unused.length === 0) return 0;
  const released = await sql<{ index_name: string; method: string; column_id: string }>`
    DELETE FROM work_list_indexes WHERE procedure_id = ${procedureId} AND state IN ('ready', 'failed')
      AND index_name = ANY(${unused.map((k) => k.index_name)}::text[])
    RETURNING index_name, method, column_id`.execute(app.db);
  const names = released.rows.map((r) => r.index_name);
  for (const r of released.rows) {
    const name = sql.id(r.index_name);
    try {
      if (r.method === 'stats') await sql`DROP STATISTICS IF EXISTS ${name}`.execute(app.db);
      else if (app.database.engine === 'postgres') await sql`DROP INDEX CONCURRENTLY IF EXISTS ${name}`.execute(app.db);
      else await sql`DROP INDEX IF EXISTS ${name}`.execute(app.db);
    } catch (e) {
      app.logger.warn({ err: { message: (e as Error).message }, index: r.index_name }, 'index de liste non supprimé');
      await sql`INSERT INTO work_list_indexes (index_name, procedure_id, column_id, method, state, error)
        VALUES (${r.index_name}, ${procedureId}, ${r.column_id}, ${r.method}, 'failed', 'non supprimé')
        ON CONFLICT (index_name) DO NOTHING`
        .execute(app.db)
        .catch(() => undefined);
    }
  }
  await sql`UPDATE work_list_indexes SET state = 'failed', error = 'supprimé pendant sa création'
    WHERE index_name = ANY(${names}::text[]) AND state <> 'failed'`.execute(app.db);
  app.logger.info({ procedureId, dropped: names.length }, 'index de liste inutilisés supprimés');
  return names.length;
}
