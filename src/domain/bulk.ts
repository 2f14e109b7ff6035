/**
 * Bulk operations — « Instruction en masse » (docs/domain.md §8): which actions a tab offers, what
 * the instructor must give (motivation, label, message), the French reason recorded for a dossier
 * the operation could not act on, and the rule that a dossier inside a running operation refuses
 * single actions.
 */
import { DOSSIER_MACHINE, type DossierAction, type DossierState } from './dossier-state.ts';
import { type DomainError, invalidInput, invalidTransition } from './errors.ts';
import type { Tab } from './tabs.ts';

export const BULK_ACTIONS = [
  'suivre',
  'ne_plus_suivre',
  'passer_en_instruction',
  'repasser_en_construction',
  'accepter',
  'refuser',
  'classer_sans_suite',
  'envoyer_message',
  'demander_avis',
  'poser_label',
  'retirer_label',
  'archiver',
  'desarchiver',
  'supprimer',
  'restaurer',
  'prolonger_conservation',
] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export function isBulkAction(s: string): s is BulkAction {
  return (BULK_ACTIONS as readonly string[]).includes(s);
}

/** The button of each action (the seed's wording). */
export const BULK_ACTION_LABELS: Record<BulkAction, string> = {
  suivre: 'Suivre les dossiers',
  ne_plus_suivre: 'Ne plus suivre les dossiers',
  passer_en_instruction: 'Passer en instruction',
  repasser_en_construction: 'Repasser en construction',
  accepter: 'Accepter les dossiers',
  refuser: 'Refuser les dossiers',
  classer_sans_suite: 'Classer sans suite les dossiers',
  envoyer_message: 'Envoyer un message aux usagers',
  demander_avis: 'Demander un avis',
  poser_label: 'Poser un label',
  retirer_label: 'Retirer un label',
  archiver: 'Archiver les dossiers',
  desarchiver: 'Désarchiver les dossiers',
  supprimer: 'Mettre les dossiers à la corbeille',
  restaurer: 'Restaurer les dossiers',
  prolonger_conservation: 'Prolonger la conservation',
};

/** What the banner says the operation did (« … : 1 200 / 10 000 dossiers »). */
export const BULK_ACTION_DONE: Record<BulkAction, string> = {
  suivre: 'Suivi des dossiers',
  ne_plus_suivre: 'Arrêt du suivi des dossiers',
  passer_en_instruction: 'Passage en instruction',
  repasser_en_construction: 'Retour en construction',
  accepter: 'Acceptation des dossiers',
  refuser: 'Refus des dossiers',
  classer_sans_suite: 'Classement sans suite des dossiers',
  envoyer_message: 'Envoi du message aux usagers',
  demander_avis: "Demande d'avis",
  poser_label: 'Pose du label',
  retirer_label: 'Retrait du label',
  archiver: 'Archivage des dossiers',
  desarchiver: 'Désarchivage des dossiers',
  supprimer: 'Mise à la corbeille des dossiers',
  restaurer: 'Restauration des dossiers',
  prolonger_conservation: 'Prolongation de la conservation',
};

/** The dossier machine's action behind a bulk action (null: following, messages, labels). */
export const BULK_TRANSITIONS: Record<BulkAction, DossierAction | null> = {
  suivre: null,
  ne_plus_suivre: null,
  passer_en_instruction: 'passer_en_instruction',
  repasser_en_construction: 'repasser_en_construction',
  accepter: 'accepter',
  refuser: 'refuser',
  classer_sans_suite: 'classer_sans_suite',
  envoyer_message: null,
  demander_avis: null,
  poser_label: null,
  retirer_label: null,
  archiver: 'archiver',
  desarchiver: 'desarchiver',
  supprimer: 'supprimer',
  restaurer: 'restaurer',
  prolonger_conservation: 'prolonger_conservation',
};

/** The menu of each tab, in the order shown (docs/domain.md §8). */
export const BULK_MENUS: Record<Tab, readonly BulkAction[]> = {
  'a-suivre': ['suivre', 'passer_en_instruction', 'envoyer_message', 'demander_avis', 'poser_label', 'retirer_label'],
  suivis: [
    'passer_en_instruction',
    'accepter',
    'refuser',
    'classer_sans_suite',
    'repasser_en_construction',
    'ne_plus_suivre',
    'envoyer_message',
    'demander_avis',
    'poser_label',
    'retirer_label',
  ],
  traites: ['archiver', 'supprimer', 'envoyer_message', 'poser_label', 'retirer_label'],
  tous: ['envoyer_message', 'poser_label', 'retirer_label'],
  expirant: ['prolonger_conservation'],
  archives: ['desarchiver', 'supprimer'],
  supprimes: ['restaurer'],
};

/** The decisions share one motivation (required to refuse or classer sans suite) and one justificatif. */
export const BULK_DECISIONS: readonly BulkAction[] = ['accepter', 'refuser', 'classer_sans_suite'];

/** The facts of a listed row that tell whether an action can apply to it (to offer only those). */
export interface BulkRowFacts {
  state: DossierState;
  archived: boolean;
  followedByMe: boolean;
  inCorbeille: boolean;
}

/** Whether `action` may apply to a row as listed (the real check is made when the operation runs). */
export function bulkApplies(action: BulkAction, row: BulkRowFacts): boolean {
  if (action === 'restaurer') return row.inCorbeille;
  if (row.inCorbeille) return action === 'prolonger_conservation';
  switch (action) {
    case 'suivre':
      return (row.state === 'en_construction' || row.state === 'en_instruction') && !row.followedByMe;
    case 'ne_plus_suivre':
      return row.followedByMe;
    case 'envoyer_message':
      return !row.archived;
    case 'demander_avis':
      return row.state === 'en_construction' || row.state === 'en_instruction';
    case 'poser_label':
    case 'retirer_label':
      return true;
    case 'archiver':
      return DOSSIER_MACHINE.archiver.from.includes(row.state) && !row.archived;
    case 'desarchiver':
      return row.archived;
    default: {
      const t = BULK_TRANSITIONS[action];
      return t !== null && DOSSIER_MACHINE[t].from.includes(row.state);
    }
  }
}

export interface BulkParams {
  motivation?: string | null;
  labelId?: string | null;
  message?: string | null;
  /** demander_avis: the experts' e-mails as typed, the optional yes/no question, confidentiel */
  experts?: string | null;
  question?: string | null;
  confidentiel?: boolean;
  /** a decision's justificatif, or the file joined to the avis request: stored once when the
   *  operation is created, referenced by every dossier (docs/domain.md §8) */
  justificatif?: BulkFile | null;
  avisFile?: BulkFile | null;
}

/** Bytes stored once for a bulk operation and what each dossier's `files` row repeats of them. */
export interface BulkFile {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
}

/** What the instructor must give for the action (checked before the operation is created). */
export function validateBulkParams(action: BulkAction, p: BulkParams): DomainError | null {
  const motivation = (p.motivation ?? '').trim();
  if ((action === 'refuser' || action === 'classer_sans_suite') && !motivation) {
    const msg =
      action === 'refuser'
        ? 'La motivation est obligatoire pour refuser des dossiers'
        : 'La motivation est obligatoire pour classer des dossiers sans suite';
    return invalidInput(msg, { motivation: msg });
  }
  if ((action === 'poser_label' || action === 'retirer_label') && !p.labelId) {
    const msg = 'Choisissez un label.';
    return invalidInput(msg, { label: msg });
  }
  if (action === 'demander_avis' && !(p.experts ?? '').trim()) {
    const msg = "Saisissez l'adresse électronique d'au moins un expert.";
    return invalidInput(msg, { experts: msg });
  }
  if (action === 'envoyer_message' && !(p.message ?? '').trim()) {
    const msg = 'Le message ne peut pas être vide.';
    return invalidInput(msg, { message: msg });
  }
  return null;
}

export const BULK_NOTHING_SELECTED = 'Sélectionnez au moins un dossier.';
export const BULK_NOT_IN_TAB = "le dossier n'est plus dans cet onglet ou ne vous est pas accessible";
export const BULK_ALREADY_RUNNING = 'le dossier fait partie d’une autre action de masse en cours';
export const BULK_STATE_CHANGED = 'le dossier a changé d’état';
export const BULK_CORRECTION_PENDING = 'une correction est en attente';

/** The dossier's facts before the operation acted on it, to explain a refusal. */
export interface BulkItemFacts {
  state: DossierState;
  pendingCorrection: boolean;
}

/**
 * The reason recorded for a dossier the operation could not act on: the short forms of the list
 * (« le dossier a changé d'état », « une correction est en attente »), else the refusal's own message.
 */
export function bulkFailureReason(action: BulkAction, facts: BulkItemFacts | null, error: DomainError): string {
  if (!facts) return BULK_NOT_IN_TAB;
  const t = BULK_TRANSITIONS[action];
  if (t && !DOSSIER_MACHINE[t].from.includes(facts.state)) return BULK_STATE_CHANGED;
  if (t === 'passer_en_instruction' && facts.pendingCorrection && error.code === 'invalid_transition')
    return BULK_CORRECTION_PENDING;
  const m = error.message.trim();
  return m ? m.charAt(0).toLowerCase() + m.slice(1) : BULK_STATE_CHANGED;
}

export const IN_BULK_OPERATION_MESSAGE =
  'Ce dossier fait partie d’une action de masse en cours : attendez qu’elle soit terminée pour agir sur lui.';

/**
 * A dossier inside a running bulk operation refuses every single instructor action (its row box
 * is disabled); only that operation itself acts on it.
 */
export function assertNotInBulkOperation(runningOperationId: string | null, actingFor: string | undefined): void {
  if (runningOperationId !== null && runningOperationId !== actingFor)
    throw invalidTransition(IN_BULK_OPERATION_MESSAGE);
}

/** Share of the work done, for the banner (« 1 200 / 10 000 »). */
export function bulkProgress(op: { total: number; succeeded: number; failed: number }): {
  processed: number;
  total: number;
} {
  return { processed: op.succeeded + op.failed, total: op.total };
}
