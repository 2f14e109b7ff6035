/**
 * What the usager may do on his submitted dossier (docs/domain.md §2): edit its fields and resubmit
 * while it is en construction (and not deleted); the correction request is answered that way.
 */
import type { DossierFacts } from './dossier-state.ts';
import { canReadAsUsager, type Access, type DossierRef, type Permission } from './permissions.ts';

export function canEditAsUsager(
  a: Access,
  d: DossierRef,
  facts: Pick<DossierFacts, 'state' | 'hidden_by_user_at' | 'hidden_by_administration_at' | 'hidden_by_expired_at'>,
): Permission {
  if (!canReadAsUsager(a, d)) return { ok: false, reason: "Vous n'avez pas accès à ce dossier" };
  if (facts.hidden_by_user_at || facts.hidden_by_administration_at || facts.hidden_by_expired_at) {
    return { ok: false, reason: 'Ce dossier a été supprimé : il ne peut plus être modifié' };
  }
  if (facts.state === 'en_instruction') {
    return { ok: false, reason: "Votre dossier est en cours d'instruction : il ne peut plus être modifié" };
  }
  if (facts.state !== 'en_construction') return { ok: false, reason: 'Ce dossier ne peut plus être modifié' };
  return { ok: true };
}
