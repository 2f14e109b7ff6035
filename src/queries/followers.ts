// Who follows a dossier now (docs/domain.md §4): the instructors whose follow is not ended, in the
// order they started following. Read inside a command's transaction by the badge and re-routing rules.
import type { Executor } from '../platform/db/index.ts';

export async function activeFollowerIds(ex: Executor, dossierId: string): Promise<string[]> {
  const rows = await ex
    .selectFrom('follows')
    .select('user_id')
    .where('dossier_id', '=', dossierId)
    .where('unfollowed_at', 'is', null)
    .orderBy('created_at')
    .execute();
  return rows.map((f) => f.user_id);
}
