// The banners of the list page (docs/interface.md §4): the instructor's bulk operations on the
// procedure that are running, or finished and not dismissed, with their progress and the dossiers
// they could not act on (and why). One statement.
import { sql } from 'kysely';
import type { BulkAction } from '../domain/bulk.ts';
import { PREPARED, type Executor } from '../platform/db/index.ts';

/** How many failed dossiers a banner lists (the rest are counted). */
export const BANNER_FAILURES = 50;
/** A finished operation's banner stays this long unless dismissed (docs/domain.md §8). */
export const FINISHED_BANNER_HOURS = 4;

export interface BulkBanner {
  id: string;
  action: BulkAction;
  running: boolean;
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  failures: { dossierId: string; reason: string }[];
}

/** A banner as `bannersJsonSql` reads it. */
export type BannerRow = {
  id: string;
  action: BulkAction;
  state: string;
  total: number;
  succeeded: number;
  failed: number;
  failures: { dossierId: string; reason: string }[];
};

/**
 * The instructor's banners on the procedure as one JSON array, for a statement that reads them with
 * other things (the list page's context reads them in its one statement): at most five operations,
 * running or finished within FINISHED_BANNER_HOURS and not dismissed, newest first.
 */
export function bannersJsonSql(userId: string, procedureId: string, now: Date) {
  const since = new Date(now.getTime() - FINISHED_BANNER_HOURS * 3600_000);
  return sql<BannerRow[]>`(SELECT coalesce(json_agg(b ORDER BY b.created_at DESC, b.id DESC), '[]') FROM (
        SELECT o.id::text AS id, o.action, o.state, o.total, o.succeeded, o.failed, o.created_at,
          (SELECT coalesce(json_agg(json_build_object('dossierId', f.dossier_id::text, 'reason', f.reason) ORDER BY f.dossier_id), '[]')
             FROM (SELECT i.dossier_id, i.reason FROM bulk_operation_items i
                    WHERE i.operation_id = o.id AND i.status = 'failed'
                    ORDER BY i.dossier_id LIMIT ${BANNER_FAILURES}) f) AS failures
        FROM bulk_operations o
        WHERE o.procedure_id = ${procedureId} AND o.instructeur_id = ${userId} AND o.dismissed_at IS NULL
          AND (o.state <> 'done' OR o.finished_at >= ${since})
        ORDER BY o.created_at DESC, o.id DESC
        LIMIT 5) b)`;
}

/** The banners read by `bannersJsonSql`. */
export function bannersOf(rows: BannerRow[] | null | undefined): BulkBanner[] {
  return (rows ?? []).map((o) => ({
    id: o.id,
    action: o.action,
    running: o.state !== 'done',
    total: o.total,
    processed: o.succeeded + o.failed,
    succeeded: o.succeeded,
    failed: o.failed,
    failures: o.failures,
  }));
}

/** The instructor's banners on the procedure (the frame the page reloads while an operation runs). */
export async function bulkBanners(ex: Executor, userId: string, procedureId: string, now: Date): Promise<BulkBanner[]> {
  if (!/^[0-9]{1,18}$/.test(procedureId)) return [];
  const r = await sql<{ banners: BannerRow[] }>`${PREPARED}
    SELECT ${bannersJsonSql(userId, procedureId, now)} AS banners`.execute(ex);
  return bannersOf(r.rows[0]?.banners);
}

/** SQL of a boolean: a running operation holds this dossier (its box is disabled on the list). */
export function heldByBulkSql(dossierId: ReturnType<typeof sql.ref>) {
  return sql<boolean>`EXISTS (SELECT 1 FROM bulk_operation_items i WHERE i.dossier_id = ${dossierId} AND i.status = 'pending')`;
}

/** Operations not finished (a starting worker resumes them). */
export async function unfinishedBulkOperations(ex: Executor): Promise<string[]> {
  const r = await sql<{
    id: string;
  }>`SELECT id::text AS id FROM bulk_operations WHERE state <> 'done' ORDER BY id`.execute(ex);
  return r.rows.map((x) => x.id);
}
