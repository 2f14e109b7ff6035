// Upkeep of `dossier_badges` (migration 0024), the per-(dossier, instructor) summary of displayed
// badges that triggers on notifications and dossiers keep: for the writers that bypass the triggers
// (the load seed writes with session_replication_role = replica) — docs/work-list.md.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';

/** Recomputes the whole summary from the notifications, in one statement; returns its row count. */
export async function rebuildBadgeSummary(ex: Executor): Promise<number> {
  const r = await sql<{ n: string }>`SELECT dossier_badges_rebuild() AS n`.execute(ex);
  return Number(r.rows[0]?.n ?? 0);
}
