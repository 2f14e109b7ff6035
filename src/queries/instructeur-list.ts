// Reads of the instructor's work-list page that are not the list itself.
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';

/** How many dossiers the procedure has, counted up to `limit` only (a big procedure costs no more). */
export async function countDossiersUpTo(db: Executor, procedureId: string, limit: number): Promise<number> {
  const r = await sql<{
    n: string;
  }>`SELECT count(*) AS n FROM (SELECT 1 FROM dossiers WHERE procedure_id = ${procedureId} LIMIT ${limit}) x`.execute(
    db,
  );
  return Number(r.rows[0]?.n ?? 0);
}
