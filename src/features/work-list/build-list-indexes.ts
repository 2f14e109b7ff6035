// Builds the list indexes a presentation needs (src/queries/column-indexes.ts says which), for the
// build-list-indexes job. Not a defineCommand: CREATE INDEX CONCURRENTLY cannot run inside a
// transaction, so each index is claimed in `work_list_indexes`, built, then marked ready or failed,
// each step on its own. Other processes see the claim and leave the index alone.
import { sql } from 'kysely';
import type { Services } from '../../platform/services.ts';
import {
  effectiveState,
  type IndexSpec,
  MAX_INDEXES_PER_PROCEDURE,
  MAX_VALUE_INDEXES_PER_PROCEDURE,
  recordedIndexes,
  STALE_BUILD_MS,
  VALUE_INFIX,
} from '../../queries/column-indexes.ts';

/**
 * Builds the missing indexes (CONCURRENTLY on PostgreSQL). Never throws: a failure is recorded
 * and logged, the list keeps working without the index. Returns the names built now.
 */
export async function buildListIndexes(app: Services, procedureId: string, specs: IndexSpec[]): Promise<string[]> {
  if (specs.length === 0) return [];
  const built: string[] = [];
  try {
    const known = await recordedIndexes(app.db, procedureId);
    const now = Date.now();
    const have = new Map(known.map((k) => [k.index_name, effectiveState(k, now)]));
    const kept = known.filter((k) => k.state !== 'failed');
    let room = MAX_INDEXES_PER_PROCEDURE - kept.length;
    let valueRoom = MAX_VALUE_INDEXES_PER_PROCEDURE - kept.filter((k) => k.index_name.includes(VALUE_INFIX)).length;
    const missing = (spec: IndexSpec) => have.get(spec.name) !== 'ready' && have.get(spec.name) !== 'building';
    // an option's indexes are built together or not at all (the list walks an option only on all of them)
    const missingOfOption = new Map<string, number>();
    for (const spec of specs)
      if (spec.option && missing(spec)) missingOfOption.set(spec.option, (missingOfOption.get(spec.option) ?? 0) + 1);
    const reserved = new Set<string>();
    // sort and filter indexes first: a one-option index is a bonus
    for (const spec of [...specs].sort((a, b) => Number(!!a.oneValue) - Number(!!b.oneValue))) {
      if (!missing(spec)) continue;
      if (room <= 0) break;
      if (spec.oneValue) {
        const option = spec.option ?? spec.name;
        if (!reserved.has(option)) {
          const need = missingOfOption.get(option) ?? 1;
          if (valueRoom < need || room < need) continue;
          valueRoom -= need;
          reserved.add(option);
        }
      }
      room--;
      const claimed = await sql`
        INSERT INTO work_list_indexes (index_name, procedure_id, column_id, method, state)
        VALUES (${spec.name}, ${procedureId}, ${spec.columnId}, ${spec.method}, 'building')
        ON CONFLICT (index_name) DO UPDATE SET state = 'building', error = NULL, created_at = now()
          WHERE work_list_indexes.state = 'failed'
             OR (work_list_indexes.state = 'building' AND work_list_indexes.created_at < now() - make_interval(secs => ${STALE_BUILD_MS / 1000}))
        RETURNING index_name`.execute(app.db);
      if (claimed.rows.length === 0) continue; // another process builds it
      try {
        if (app.database.engine === 'postgres') {
          await sql`DROP INDEX CONCURRENTLY IF EXISTS ${sql.id(spec.name)}`.execute(app.db); // an invalid leftover
          await sql`CREATE INDEX CONCURRENTLY IF NOT EXISTS ${spec.body}`.execute(app.db);
        } else {
          await sql`CREATE INDEX IF NOT EXISTS ${spec.body}`.execute(app.db);
        }
        await sql`UPDATE work_list_indexes SET state = 'ready', ready_at = now() WHERE index_name = ${spec.name}`.execute(
          app.db,
        );
        built.push(spec.name);
      } catch (e) {
        app.logger.warn({ err: { message: (e as Error).message }, index: spec.name }, 'index de liste non créé');
        await sql`UPDATE work_list_indexes SET state = 'failed', error = ${(e as Error).message.slice(0, 500)} WHERE index_name = ${spec.name}`
          .execute(app.db)
          .catch(() => undefined);
      }
    }
  } catch (e) {
    app.logger.warn({ err: { message: (e as Error).message } }, 'index de liste : registre indisponible');
  }
  return built;
}
