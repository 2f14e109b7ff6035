/**
 * Definitive deletion (purge) of a dossier — docs/domain.md §5, complementing retention.ts: the reason
 * written in its tombstone (`deleted_dossiers.reason`, shown in « Dossiers supprimés ») and the
 * batches the daily jobs work in. Pure.
 */
import type { DossierFacts } from './dossier-state.ts';

export const DELETION_REASONS = ['expired', 'user_request', 'instructeur_request', 'procedure_removed'] as const;
export type DeletionReason = (typeof DELETION_REASONS)[number];

export const DELETION_REASON_LABELS: Record<DeletionReason, string> = {
  expired: 'Délai de conservation expiré',
  user_request: "Supprimé par l'usager",
  instructeur_request: "Supprimé par l'administration",
  procedure_removed: 'Démarche supprimée',
};

export function deletionReasonLabel(reason: string): string {
  return (DELETION_REASONS as readonly string[]).includes(reason)
    ? DELETION_REASON_LABELS[reason as DeletionReason]
    : reason;
}

/**
 * The reason of a purge is the last hiding that made the dossier purgeable (as the reference keeps
 * `hidden_by_reason` of its latest hide): by expiry → 'expired'; by the usager → 'user_request';
 * by the administration (corbeille) → 'instructeur_request'. A termine dossier is purged by request
 * only when hidden by both: whichever came last gives the reason.
 */
export function purgeReason(
  d: Pick<DossierFacts, 'hidden_by_user_at' | 'hidden_by_administration_at' | 'hidden_by_expired_at'>,
): DeletionReason {
  const candidates: [DeletionReason, Date | null][] = [
    ['expired', d.hidden_by_expired_at],
    ['user_request', d.hidden_by_user_at],
    ['instructeur_request', d.hidden_by_administration_at],
  ];
  let best: [DeletionReason, number] | null = null;
  for (const [reason, at] of candidates) {
    if (at && (!best || at.getTime() > best[1])) best = [reason, at.getTime()];
  }
  return best ? best[0] : 'expired';
}

/** Dossiers handled per transaction by the retention jobs (bounded memory and lock time). */
export const RETENTION_BATCH_SIZE = 200;
/** Safety stop: batches per job run (a run that hits it resumes the next day, or on the next call). */
export const RETENTION_MAX_BATCHES = 500;
/** Tombstones per page of « Dossiers supprimés ». */
export const DELETED_DOSSIERS_PAGE_SIZE = 25;
