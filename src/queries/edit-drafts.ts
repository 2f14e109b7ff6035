// The values a usager typed in « Modifier le dossier » before a row change of a repeated block
// (src/features/dossiers/keep-edit-draft.ts): only his own, for that dossier; null when unknown or swept.
import type { Db } from '../platform/db/index.ts';

export async function loadEditDraft(
  db: Db,
  q: { id: string; userId: string; dossierId: string },
): Promise<{ values: Record<string, unknown>; lockVersion: number | null } | null> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(q.id)) return null;
  const r = await db
    .selectFrom('edit_drafts')
    .select(['values', 'lock_version'])
    .where('id', '=', q.id)
    .where('user_id', '=', q.userId)
    .where('dossier_id', '=', q.dossierId)
    .executeTakeFirst();
  return r ? { values: r.values, lockVersion: r.lock_version } : null;
}
