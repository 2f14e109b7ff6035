/**
 * The dossier states and the facts the rules read of a dossier and of its procedure — docs/domain.md §2.
 * A lower module of dossier-state.ts (which re-exports them) so that retention.ts, which
 * dossier-state.ts uses, can read them without importing it back.
 */

export const DOSSIER_STATES = [
  'brouillon',
  'en_construction',
  'en_instruction',
  'accepte',
  'refuse',
  'sans_suite',
] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

export interface DossierFacts {
  state: DossierState;
  archived: boolean;
  depose_at: Date | null;
  en_construction_at: Date | null;
  en_instruction_at: Date | null;
  processed_at: Date | null;
  hidden_by_administration_at: Date | null;
  hidden_by_user_at: Date | null;
  hidden_by_expired_at: Date | null;
  expires_at: Date | null;
  conservation_extension_months: number;
  expiry_notice_sent_at: Date | null;
  /** A correction requested by an instructor is waiting for the usager (only while en_construction). */
  pending_correction: boolean;
  declarative_triggered_at: Date | null;
  /** The owner's account; null once the usager deleted his account (undefined: not loaded). */
  user_id?: string | null;
  /** A test dossier, filed while the démarche was en test (docs/domain.md §1.1; undefined: not loaded). */
  is_test?: boolean;
}

export interface ProcedureFacts {
  state: 'brouillon' | 'publiee' | 'close' | 'depubliee';
  declarative: 'en_instruction' | 'accepte' | null;
  sva_svr: 'disabled' | 'sva' | 'svr';
  retention_months: number;
  expires_when_termine: boolean;
  /** Reference feature flag `blocking_pending_correction`: when true (and procedure publiee), a pending correction blocks passer_en_instruction. Default false. */
  blocking_pending_correction?: boolean;
}
