// Dossiers of declarative procedures whose automatic step did not happen at deposit (docs/domain.md
// §2.6: a mandatory private annotation empty, a blocking pending correction): still en
// construction, never triggered, visible. Read by the periodic retry, in id order by pages.
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';

export async function blockedDeclarativeDossiers(ex: Executor, afterId: string, limit: number): Promise<string[]> {
  const r = await sql<{ id: string }>`
    SELECT d.id::text AS id
      FROM dossiers d
     WHERE d.procedure_id IN (SELECT p.id FROM procedures p WHERE p.declarative IS NOT NULL)
       AND d.state = 'en_construction' AND d.declarative_triggered_at IS NULL AND d.depose_at IS NOT NULL
       AND d.hidden_by_user_at IS NULL AND d.hidden_by_administration_at IS NULL AND d.hidden_by_expired_at IS NULL
       AND d.id > ${afterId}::bigint
     ORDER BY d.id
     LIMIT ${limit}`.execute(ex);
  return r.rows.map((x) => x.id);
}
