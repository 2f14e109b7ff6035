// Shared by the avis commands: the « en attente d'avis » badge lives while an avis is awaited.
import type { Trx } from '../../platform/db/index.ts';
import { deleteNotifications } from '../notifications/notify.ts';

/** « En attente d'avis » ends when no avis of the dossier is awaited any more. */
export async function clearAwaitingAvisIfNone(trx: Trx, dossierId: string) {
  const pending = await trx
    .selectFrom('avis')
    .select('id')
    .where('dossier_id', '=', dossierId)
    .where('answered_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!pending) await deleteNotifications(trx, dossierId, ['attente_avis']);
}
