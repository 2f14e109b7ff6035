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

/**
 * « Supprimer le dossier » (docs/domain.md §2.9): the owner (not a co-editor) withdraws his dossier
 * en construction, or removes a traité one from his list; never en instruction. The dossier is
 * hidden by the usager (§5.5: purged later); a brouillon is deleted outright instead.
 */
export function canWithdraw(
  a: Access,
  d: DossierRef,
  facts: Pick<DossierFacts, 'state' | 'hidden_by_user_at'>,
): Permission {
  if (!canReadAsUsager(a, d)) return { ok: false, reason: "Vous n'avez pas accès à ce dossier" };
  if (d.ownerId !== a.userId) return { ok: false, reason: 'Seul le propriétaire du dossier peut le supprimer' };
  if (facts.hidden_by_user_at) return { ok: false, reason: 'Ce dossier a déjà été supprimé' };
  if (facts.state === 'en_instruction')
    return { ok: false, reason: "Votre dossier est en cours d'instruction : il ne peut pas être supprimé" };
  if (facts.state === 'brouillon') return { ok: false, reason: "Ce dossier n'a pas encore été déposé" };
  return { ok: true };
}
