/**
 * The dossier state machine — docs/domain.md §2 and §5 (archive, trash, conservation).
 *
 * The machine is declared as data (`DOSSIER_MACHINE`: action → allowed from-states → to-state →
 * actors → event type), plus per-action guards on facts. `decide` and `availableActions` are
 * derived from it. Pure: no I/O, `now` is passed in.
 */
import { DomainError, forbidden, invalidInput, invalidTransition } from './errors.ts';
import type { NotificationKind } from './notifications.ts';
import { addMonthsUTC, canExtend, computeExpiresAt, extendConservation } from './retention.ts';
import type { DossierFacts, DossierState, ProcedureFacts } from './dossier-facts.ts';

// The states and facts live in dossier-facts.ts, below this module and retention.ts (which both use them).
export { DOSSIER_STATES, type DossierFacts, type DossierState, type ProcedureFacts } from './dossier-facts.ts';

// ---------------------------------------------------------------------------------------------
// States

export const TERMINE_STATES = ['accepte', 'refuse', 'sans_suite'] as const;
export type TermineState = (typeof TERMINE_STATES)[number];
export const EN_COURS_STATES = ['en_construction', 'en_instruction'] as const;
/** Every state except brouillon (a submitted dossier). */
export const SOUMIS_STATES = ['en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite'] as const;

export function isTermine(state: DossierState): state is TermineState {
  return (TERMINE_STATES as readonly string[]).includes(state);
}

export const STATE_LABELS: Record<DossierState, string> = {
  brouillon: 'Brouillon',
  en_construction: 'En construction',
  en_instruction: 'En instruction',
  accepte: 'Accepté',
  refuse: 'Refusé',
  sans_suite: 'Classé sans suite',
};

// ---------------------------------------------------------------------------------------------
// Actions, actors, events

/** In the order the UI offers them. */
export const DOSSIER_ACTIONS = [
  'deposer',
  'redeposer',
  'passer_en_instruction',
  'passer_en_instruction_automatiquement',
  'accepter_automatiquement',
  'repasser_en_construction',
  'demander_correction',
  'accepter',
  'refuser',
  'classer_sans_suite',
  'repasser_en_instruction',
  'archiver',
  'desarchiver',
  'supprimer',
  'restaurer',
  'prolonger_conservation',
] as const;
/**
 * `redeposer`: the usager re-submits edits while en_construction (resolves a pending correction).
 * `supprimer`: instructor puts a termine dossier in the corbeille.
 */
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

export const ACTION_LABELS: Record<DossierAction, string> = {
  deposer: 'Déposer le dossier',
  redeposer: 'Déposer les modifications',
  passer_en_instruction: 'Passer en instruction',
  passer_en_instruction_automatiquement: 'Passer en instruction automatiquement',
  accepter_automatiquement: 'Accepter automatiquement',
  repasser_en_construction: 'Repasser en construction',
  demander_correction: 'Demander une correction',
  accepter: 'Accepter',
  refuser: 'Refuser',
  classer_sans_suite: 'Classer sans suite',
  repasser_en_instruction: 'Repasser en instruction',
  archiver: 'Archiver le dossier',
  desarchiver: 'Désarchiver le dossier',
  supprimer: 'Mettre à la corbeille',
  restaurer: 'Restaurer',
  prolonger_conservation: "Prolonger la conservation d'un mois",
};

export const ACTOR_KINDS = ['usager', 'instructeur', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const DOSSIER_EVENT_TYPES = [
  'depose',
  'depose_correction_usager',
  'passe_en_instruction',
  'passe_en_instruction_automatiquement',
  'accepte_automatiquement',
  'repasse_en_construction',
  'correction_demandee',
  'accepte',
  'refuse',
  'classe_sans_suite',
  'repasse_en_instruction',
  'archive',
  'desarchive',
  'mis_a_la_corbeille',
  'restaure',
  'conservation_prolongee',
] as const;
export type DossierEventType = (typeof DOSSIER_EVENT_TYPES)[number];

/** The three instructor decisions. */
export const DECISION_ACTIONS = ['accepter', 'refuser', 'classer_sans_suite'] as const;
export const MOTIVATION_MAX_LENGTH = 5000;

// ---------------------------------------------------------------------------------------------
// The machine, as data

export interface TransitionSpec {
  /** States the action may start from. */
  readonly from: readonly DossierState[];
  /** Target state; 'same' = the state does not change (bookkeeping actions). */
  readonly to: DossierState | 'same';
  readonly actors: readonly ActorKind[];
  readonly event: DossierEventType;
}

const T = TERMINE_STATES;

export const DOSSIER_MACHINE: { readonly [A in DossierAction]: TransitionSpec } = {
  deposer: { from: ['brouillon'], to: 'en_construction', actors: ['usager'], event: 'depose' },
  redeposer: { from: ['en_construction'], to: 'same', actors: ['usager'], event: 'depose_correction_usager' },
  passer_en_instruction: {
    from: ['en_construction'],
    to: 'en_instruction',
    actors: ['instructeur'],
    event: 'passe_en_instruction',
  },
  passer_en_instruction_automatiquement: {
    from: ['en_construction'],
    to: 'en_instruction',
    actors: ['system'],
    event: 'passe_en_instruction_automatiquement',
  },
  accepter_automatiquement: {
    from: ['en_construction', 'en_instruction'],
    to: 'accepte',
    actors: ['system'],
    event: 'accepte_automatiquement',
  },
  repasser_en_construction: {
    from: ['en_instruction'],
    to: 'en_construction',
    actors: ['instructeur'],
    event: 'repasse_en_construction',
  },
  demander_correction: {
    from: ['en_construction', 'en_instruction'],
    to: 'en_construction',
    actors: ['instructeur'],
    event: 'correction_demandee',
  },
  accepter: { from: ['en_instruction'], to: 'accepte', actors: ['instructeur'], event: 'accepte' },
  refuser: { from: ['en_instruction'], to: 'refuse', actors: ['instructeur'], event: 'refuse' },
  classer_sans_suite: {
    from: ['en_instruction'],
    to: 'sans_suite',
    actors: ['instructeur'],
    event: 'classe_sans_suite',
  },
  repasser_en_instruction: {
    from: T,
    to: 'en_instruction',
    actors: ['instructeur'],
    event: 'repasse_en_instruction',
  },
  archiver: { from: T, to: 'same', actors: ['instructeur'], event: 'archive' },
  desarchiver: { from: T, to: 'same', actors: ['instructeur'], event: 'desarchive' },
  supprimer: { from: T, to: 'same', actors: ['instructeur'], event: 'mis_a_la_corbeille' },
  restaurer: { from: T, to: 'same', actors: ['instructeur'], event: 'restaure' },
  prolonger_conservation: {
    from: ['en_construction', ...T],
    to: 'same',
    actors: ['instructeur'],
    event: 'conservation_prolongee',
  },
};

export const ACTION_ACTORS: Record<DossierAction, ActorKind[]> = Object.fromEntries(
  DOSSIER_ACTIONS.map((a) => [a, [...DOSSIER_MACHINE[a].actors]]),
) as Record<DossierAction, ActorKind[]>;

// ---------------------------------------------------------------------------------------------
// Facts, input, effects, decision

/** The facts of a dossier row (a database row carries these columns under the same names, and more). */
export function dossierFactsOf(row: DossierFacts): DossierFacts {
  return {
    state: row.state,
    archived: row.archived,
    depose_at: row.depose_at,
    en_construction_at: row.en_construction_at,
    en_instruction_at: row.en_instruction_at,
    processed_at: row.processed_at,
    hidden_by_administration_at: row.hidden_by_administration_at,
    hidden_by_user_at: row.hidden_by_user_at,
    hidden_by_expired_at: row.hidden_by_expired_at,
    expires_at: row.expires_at,
    conservation_extension_months: row.conservation_extension_months,
    expiry_notice_sent_at: row.expiry_notice_sent_at,
    pending_correction: row.pending_correction,
    declarative_triggered_at: row.declarative_triggered_at,
    ...(row.user_id !== undefined ? { user_id: row.user_id } : {}),
    ...(row.is_test !== undefined ? { is_test: row.is_test } : {}),
  };
}

export type CorrectionReason = 'incorrect' | 'incomplete' | 'outdated';
export const CORRECTION_REASONS: readonly CorrectionReason[] = ['incorrect', 'incomplete', 'outdated'];

export interface ActionInput {
  motivation?: string | null;
  /** Default 'incorrect'. */
  correctionReason?: CorrectionReason;
  correctionMessage?: string;
  /** All visible mandatory private annotations are filled and valid; false blocks decisions. */
  annotationsComplete?: boolean;
}

export type MailTemplate =
  | 'en_construction'
  | 'en_instruction'
  | 'accepte'
  | 'refuse'
  | 'sans_suite'
  | 'repasser_en_instruction'
  | 'correction';

export type Effect =
  /** E-mail to the usager (and tiers beneficiary) with the procedure's template for this state. */
  | { kind: 'email_usager'; template: MailTemplate }
  /** Copy of the state e-mail written into the messagerie, sender = platform. */
  | { kind: 'system_message'; template: MailTemplate }
  /** "Nouveau dossier" e-mail to the group's instructors having `instant_email_new_dossier`. */
  | { kind: 'email_instructeurs'; template: 'nouveau_dossier' }
  /** The acting instructor follows the dossier (follow side effects included). */
  | { kind: 'actor_follows' }
  /** Generate the attestation PDF, if the procedure has an activated template of this kind. */
  | { kind: 'generate_attestation'; template: 'acceptation' | 'refus' }
  | { kind: 'delete_attestation' }
  /** The previous decision's justificatif file is removed (repasser en instruction). */
  | { kind: 'delete_justificatif' }
  /** Mark the pending correction resolved. */
  | { kind: 'resolve_correction' }
  /** Create the correction (a message + reason) in the messagerie. */
  | { kind: 'open_correction'; reason: CorrectionReason; message: string }
  /**
   * Create badge rows for `notifications.recipientsFor(notification, …)` over the dossier's group;
   * `exceptActor`: pass the acting instructor as `actorId` (excluded).
   */
  | { kind: 'create_notifications'; notification: NotificationKind; exceptActor: boolean }
  /** Delete this kind's rows for every instructor on the dossier. */
  | { kind: 'delete_notifications'; notification: NotificationKind }
  /** Declarative procedure: run passer_en_instruction_automatiquement / accepter_automatiquement now. */
  | { kind: 'run_declarative' }
  /** SVA/SVR procedure: compute the decision date and pass the dossier en instruction. */
  | { kind: 'run_sva_svr' };

/** Columns to write; only the changed ones. */
export type DossierPatch = Partial<DossierFacts>;

export interface DossierEvent {
  type: DossierEventType;
  motivation?: string | null;
  data?: Record<string, unknown>;
}

export type Decision =
  | {
      ok: true;
      action: DossierAction;
      from: DossierState;
      to: DossierState;
      patch: DossierPatch;
      event: DossierEvent;
      effects: Effect[];
    }
  | { ok: false; error: DomainError };

export interface DecideContext {
  dossier: DossierFacts;
  procedure: ProcedureFacts;
  actor: ActorKind;
  now: Date;
  input?: ActionInput;
}

// ---------------------------------------------------------------------------------------------
// Guards

const ACTOR_REFUSAL = "Vous n'avez pas le droit d'effectuer cette action sur ce dossier";

function wrongStateMessage(action: DossierAction, state: DossierState): string {
  if (state === 'brouillon' && action !== 'deposer') return "Ce dossier n'a pas encore été déposé";
  switch (action) {
    case 'deposer':
      return 'Ce dossier a déjà été déposé';
    case 'redeposer':
      return 'Seul un dossier en construction peut être modifié';
    case 'passer_en_instruction':
    case 'passer_en_instruction_automatiquement':
      return state === 'en_instruction' ? 'Ce dossier est déjà en instruction' : 'Ce dossier a déjà été traité';
    case 'accepter_automatiquement':
      return 'Ce dossier a déjà été traité';
    case 'repasser_en_construction':
      return state === 'en_construction'
        ? 'Ce dossier est déjà en construction'
        : 'Seul un dossier en instruction peut repasser en construction';
    case 'demander_correction':
      return 'Impossible de demander une correction sur un dossier traité';
    case 'accepter':
    case 'refuser':
    case 'classer_sans_suite':
      return isTermine(state)
        ? 'Ce dossier a déjà été traité'
        : "Le dossier doit être en instruction pour qu'une décision soit prise";
    case 'repasser_en_instruction':
      return state === 'en_instruction'
        ? 'Ce dossier est déjà en instruction'
        : 'Seul un dossier traité peut repasser en instruction';
    case 'archiver':
      return 'Seul un dossier traité peut être archivé';
    case 'desarchiver':
      return 'Seul un dossier traité peut être désarchivé';
    case 'supprimer':
      return 'Seul un dossier traité peut être mis à la corbeille';
    case 'restaurer':
      return "Ce dossier n'est pas dans la corbeille";
    case 'prolonger_conservation':
      return 'Seule la conservation des dossiers en construction ou traités peut être prolongée';
  }
}

/** Trash / hidden dossiers: only restaurer and prolonger_conservation may act on them. */
function trashRefusal(action: DossierAction, d: DossierFacts): string | null {
  if (d.hidden_by_user_at && (d.state === 'brouillon' || d.state === 'en_construction')) {
    return "Ce dossier a été supprimé par l'usager";
  }
  if (d.hidden_by_expired_at && action !== 'prolonger_conservation') {
    return 'Ce dossier a expiré : prolongez sa conservation pour le restaurer';
  }
  // « Restaurer et prolonger » is for expired dossiers; one only in the corbeille is restored first
  if (
    d.hidden_by_administration_at &&
    action !== 'restaurer' &&
    !(action === 'prolonger_conservation' && d.hidden_by_expired_at)
  ) {
    return action === 'supprimer'
      ? 'Ce dossier est déjà dans la corbeille'
      : "Ce dossier est dans la corbeille : restaurez-le d'abord";
  }
  return null;
}

/** A pending correction blocks the passage en instruction (manual or automatic) when the procedure enables it. */
function blockedByCorrection(d: DossierFacts, p: ProcedureFacts): boolean {
  return !!p.blocking_pending_correction && p.state === 'publiee' && d.pending_correction;
}

/** The usager deleted his account (docs/domain.md §2): nobody to re-instruct for or to write to. */
export function usagerDeleted(d: Pick<DossierFacts, 'state' | 'user_id'>): boolean {
  return d.state !== 'brouillon' && d.user_id === null;
}

/** Guards on facts beyond the from-state (procedure settings, flags). Return a French reason. */
const GUARDS: { [A in DossierAction]?: (d: DossierFacts, p: ProcedureFacts, now: Date) => string | null } = {
  // a test dossier is deposited while its démarche is en test (docs/domain.md §1.1)
  deposer: (d, p) =>
    p.state === 'publiee' || p.state === 'depubliee' || (p.state === 'brouillon' && d.is_test)
      ? null
      : "Cette démarche n'accepte plus de dépôt",
  passer_en_instruction: (d, p) =>
    blockedByCorrection(d, p) ? 'Un dossier en attente de correction ne peut pas passer en instruction' : null,
  passer_en_instruction_automatiquement: (d, p) => {
    const declarative = p.declarative === 'en_instruction' && !d.declarative_triggered_at && !blockedByCorrection(d, p);
    const svaSvr = p.sva_svr !== 'disabled' && !d.pending_correction;
    const closing = p.state === 'close' && !d.pending_correction;
    return declarative || svaSvr || closing ? null : 'Ce dossier ne peut pas passer automatiquement en instruction';
  },
  accepter_automatiquement: (d, p) => {
    const declarative = p.declarative === 'accepte' && !d.declarative_triggered_at && d.state === 'en_construction';
    const sva = p.sva_svr === 'sva' && !d.pending_correction;
    return declarative || sva ? null : 'Ce dossier ne peut pas être accepté automatiquement';
  },
  repasser_en_construction: (_d, p) =>
    p.sva_svr !== 'disabled'
      ? "Un dossier d'une démarche SVA/SVR ne peut pas repasser en construction : demandez une correction"
      : null,
  demander_correction: (d) =>
    d.pending_correction ? 'Une demande de correction est déjà en attente sur ce dossier' : null,
  repasser_en_instruction: (d) =>
    usagerDeleted(d) ? "Le compte de l'usager a été supprimé : ce dossier ne peut plus repasser en instruction" : null,
  archiver: (d) => (d.archived ? 'Ce dossier est déjà archivé' : null),
  desarchiver: (d) => (d.archived ? null : "Ce dossier n'est pas archivé"),
  restaurer: (d) => (d.hidden_by_administration_at ? null : "Ce dossier n'est pas dans la corbeille"),
  prolonger_conservation: (d, p, now) => {
    if (isTermine(d.state) && !p.expires_when_termine) return "Les dossiers traités de cette démarche n'expirent pas";
    return canExtend(d, now)
      ? null
      : "La conservation ne peut être prolongée qu'à l'approche de l'expiration du dossier";
  },
};

/** A refused action: the error's code and its French message (the error is built only by `decide`). */
type Refusal = { code: 'forbidden' | 'invalid_transition'; message: string };

/**
 * Actor, trash, from-state and fact guards; input (motivation, annotations) not checked. Returns the
 * refusal, not an error: the dossier page asks it of every action (`availableActions`,
 * `refusalReason`), and an Error captures a stack trace each time.
 */
function guard(action: DossierAction, ctx: Omit<DecideContext, 'input'>): Refusal | null {
  const spec = DOSSIER_MACHINE[action];
  const d = ctx.dossier;
  if (!spec.actors.includes(ctx.actor)) return { code: 'forbidden', message: ACTOR_REFUSAL };
  const trash = trashRefusal(action, d);
  if (trash) return { code: 'invalid_transition', message: trash };
  if (!spec.from.includes(d.state)) return { code: 'invalid_transition', message: wrongStateMessage(action, d.state) };
  const reason = GUARDS[action]?.(d, ctx.procedure, ctx.now) ?? null;
  return reason ? { code: 'invalid_transition', message: reason } : null;
}

// ---------------------------------------------------------------------------------------------
// Input validation

export function normalizeMotivation(m: string | null | undefined): string | null {
  const t = (m ?? '').trim();
  return t === '' ? null : t;
}

const NEEDS_COMPLETE_ANNOTATIONS: readonly DossierAction[] = [
  'accepter',
  'refuser',
  'classer_sans_suite',
  'accepter_automatiquement',
];

type Validated = { motivation: string | null; reason: CorrectionReason; message: string };

function validateInput(action: DossierAction, input: ActionInput): Validated | DomainError {
  if (NEEDS_COMPLETE_ANNOTATIONS.includes(action) && input.annotationsComplete === false) {
    return invalidTransition('Remplissez les annotations privées obligatoires avant de statuer');
  }
  const motivation = normalizeMotivation(input.motivation);
  if (action === 'refuser' && !motivation) {
    const msg = 'La motivation est obligatoire pour refuser un dossier';
    return invalidInput(msg, { motivation: msg });
  }
  if (action === 'classer_sans_suite' && !motivation) {
    const msg = 'La motivation est obligatoire pour classer un dossier sans suite';
    return invalidInput(msg, { motivation: msg });
  }
  if (motivation && motivation.length > MOTIVATION_MAX_LENGTH) {
    const msg = `La motivation ne doit pas dépasser ${MOTIVATION_MAX_LENGTH} caractères`;
    return invalidInput(msg, { motivation: msg });
  }
  const reason = input.correctionReason ?? 'incorrect';
  const message = (input.correctionMessage ?? '').trim();
  if (action === 'demander_correction') {
    if (!CORRECTION_REASONS.includes(reason)) {
      const msg = 'Motif de correction inconnu';
      return invalidInput(msg, { correctionReason: msg });
    }
    if (!message) {
      const msg = 'Le message de la demande de correction est obligatoire';
      return invalidInput(msg, { correctionMessage: msg });
    }
  }
  return { motivation, reason, message };
}

// ---------------------------------------------------------------------------------------------
// Patch helpers

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

function diff(before: DossierFacts, after: DossierFacts): DossierPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof DossierFacts)[]) {
    if (!sameValue(before[key], after[key])) patch[key] = after[key];
  }
  return patch as DossierPatch;
}

// ---------------------------------------------------------------------------------------------
// decide

/**
 * The single transition function: guards, then the patch (only changed columns), the event to
 * append and the side effects to enqueue. Never throws for a refused action: returns `{ ok: false }`.
 */
export function decide(action: DossierAction, ctx: DecideContext): Decision {
  const refusal = guard(action, ctx);
  if (refusal)
    return {
      ok: false,
      error: refusal.code === 'forbidden' ? forbidden(refusal.message) : invalidTransition(refusal.message),
    };
  const v = validateInput(action, ctx.input ?? {});
  if (v instanceof DomainError) return { ok: false, error: v };

  const { dossier: d, procedure: p, now } = ctx;
  const spec = DOSSIER_MACHINE[action];
  const from = d.state;
  const to: DossierState = spec.to === 'same' ? from : spec.to;
  const stateChanges = to !== from;

  const next: DossierFacts = { ...d, state: to };
  const effects: Effect[] = [];
  const event: DossierEvent = { type: spec.event };

  if (stateChanges) {
    // Any state transition resets the conservation extension and the expiry warning.
    next.conservation_extension_months = 0;
    next.expiry_notice_sent_at = null;
    // Leaving en_construction resolves a pending correction.
    if (from === 'en_construction' && d.pending_correction) {
      next.pending_correction = false;
      effects.push(
        { kind: 'resolve_correction' },
        { kind: 'delete_notifications', notification: 'attente_correction' },
      );
    }
  }

  switch (action) {
    case 'deposer': {
      next.depose_at = d.depose_at ?? now;
      next.en_construction_at = now;
      effects.push(
        { kind: 'system_message', template: 'en_construction' },
        { kind: 'email_usager', template: 'en_construction' },
        { kind: 'email_instructeurs', template: 'nouveau_dossier' },
      );
      if (!p.declarative && p.sva_svr === 'disabled') {
        effects.push({ kind: 'create_notifications', notification: 'dossier_depose', exceptActor: false });
      }
      if (p.declarative) effects.push({ kind: 'run_declarative' });
      else if (p.sva_svr !== 'disabled') effects.push({ kind: 'run_sva_svr' });
      break;
    }
    case 'redeposer': {
      event.data = { correction_resolved: d.pending_correction };
      if (d.pending_correction) {
        next.pending_correction = false;
        effects.push(
          { kind: 'resolve_correction' },
          { kind: 'delete_notifications', notification: 'attente_correction' },
        );
      }
      effects.push({ kind: 'create_notifications', notification: 'dossier_modifie', exceptActor: false });
      break;
    }
    case 'passer_en_instruction':
    case 'passer_en_instruction_automatiquement': {
      next.en_instruction_at = now;
      if (action === 'passer_en_instruction') effects.unshift({ kind: 'actor_follows' });
      if (
        action === 'passer_en_instruction_automatiquement' &&
        p.declarative === 'en_instruction' &&
        !d.declarative_triggered_at
      ) {
        next.declarative_triggered_at = now;
      }
      effects.push(
        { kind: 'delete_notifications', notification: 'dossier_depose' },
        { kind: 'system_message', template: 'en_instruction' },
        { kind: 'email_usager', template: 'en_instruction' },
      );
      break;
    }
    case 'accepter_automatiquement': {
      next.processed_at = now;
      next.en_instruction_at = d.en_instruction_at ?? now;
      if (p.declarative === 'accepte' && !d.declarative_triggered_at) next.declarative_triggered_at = now;
      effects.push(
        { kind: 'delete_notifications', notification: 'dossier_depose' },
        { kind: 'delete_notifications', notification: 'attente_avis' },
        { kind: 'system_message', template: 'accepte' },
        { kind: 'email_usager', template: 'accepte' },
        { kind: 'generate_attestation', template: 'acceptation' },
      );
      break;
    }
    case 'repasser_en_construction': {
      next.en_construction_at = now;
      // No e-mail to the usager, no system message (reference behaviour).
      break;
    }
    case 'demander_correction': {
      next.pending_correction = true;
      if (from === 'en_instruction') next.en_construction_at = now;
      event.data = { reason: v.reason, repasse_en_construction: from === 'en_instruction' };
      effects.push(
        { kind: 'open_correction', reason: v.reason, message: v.message },
        { kind: 'actor_follows' },
        { kind: 'create_notifications', notification: 'attente_correction', exceptActor: false },
        { kind: 'create_notifications', notification: 'message', exceptActor: true },
        { kind: 'email_usager', template: 'correction' },
      );
      break;
    }
    case 'accepter':
    case 'refuser':
    case 'classer_sans_suite': {
      next.processed_at = now;
      event.motivation = v.motivation;
      const template: MailTemplate = to === 'accepte' ? 'accepte' : to === 'refuse' ? 'refuse' : 'sans_suite';
      effects.push(
        { kind: 'delete_notifications', notification: 'attente_avis' },
        { kind: 'system_message', template },
        { kind: 'email_usager', template },
      );
      if (to === 'accepte') effects.push({ kind: 'generate_attestation', template: 'acceptation' });
      if (to === 'refuse') effects.push({ kind: 'generate_attestation', template: 'refus' });
      break;
    }
    case 'repasser_en_instruction': {
      next.en_instruction_at = now;
      // processed_at stays until a new decision: « Traité le » and the statistics (docs/domain.md §2)
      next.archived = false;
      next.hidden_by_user_at = null;
      // the decision is undone: its expiry notice, extension, motivation (in applyTransition) and
      // justificatif go with it (docs/domain.md §2)
      next.expiry_notice_sent_at = null;
      next.conservation_extension_months = 0;
      effects.push(
        { kind: 'delete_attestation' },
        { kind: 'delete_justificatif' },
        { kind: 'system_message', template: 'repasser_en_instruction' },
        { kind: 'email_usager', template: 'repasser_en_instruction' },
      );
      break;
    }
    case 'archiver':
      next.archived = true;
      break;
    case 'desarchiver':
      next.archived = false;
      break;
    case 'supprimer': {
      next.hidden_by_administration_at = now;
      // Hidden by the administration while already hidden by the usager: soon purged.
      if (d.hidden_by_user_at) {
        effects.push({ kind: 'create_notifications', notification: 'dossier_suppression', exceptActor: false });
      }
      break;
    }
    case 'restaurer': {
      next.hidden_by_administration_at = null;
      effects.push({ kind: 'delete_notifications', notification: 'dossier_suppression' });
      break;
    }
    case 'prolonger_conservation': {
      // never earlier than the current expiry (docs/domain.md §5)
      const extended = extendConservation(d, p, now);
      next.conservation_extension_months = extended.conservation_extension_months;
      next.expires_at = extended.expires_at;
      next.expiry_notice_sent_at = null;
      effects.push({ kind: 'delete_notifications', notification: 'dossier_expirant' });
      if (d.hidden_by_expired_at) {
        // « Restaurer et prolonger »: the dossier comes back from expiry and leaves the corbeille.
        next.hidden_by_expired_at = null;
        next.hidden_by_administration_at = null;
        effects.push({ kind: 'delete_notifications', notification: 'dossier_suppression' });
      }
      event.data = { conservation_extension_months: next.conservation_extension_months };
      break;
    }
  }

  if (stateChanges) next.expires_at = computeExpiresAt(next, p);
  if (stateChanges && action !== 'deposer') {
    effects.push({ kind: 'delete_notifications', notification: 'dossier_expirant' });
  }

  return { ok: true, action, from, to, patch: diff(d, next), event, effects };
}

/** Actions whose guards pass for this actor (input — motivation, annotations, message — ignored). */
export function availableActions(ctx: Omit<DecideContext, 'input'>): DossierAction[] {
  return DOSSIER_ACTIONS.filter((a) => guard(a, ctx) === null);
}

/** Why an action is refused (null when allowed), input ignored — for disabled buttons' titles. */
export function refusalReason(action: DossierAction, ctx: Omit<DecideContext, 'input'>): string | null {
  return guard(action, ctx)?.message ?? null;
}

export const DECISION_AGE_WARNING_MONTHS = 4;
export const DECISION_AGE_WARNING =
  "Ce dossier a été traité il y a plus de quatre mois : l'acceptation a pu créer des droits pour l'usager.";

/**
 * Warning shown before "Repasser en instruction" on an accepted dossier processed more than
 * four (calendar) months ago: the acceptance may have created rights for the usager.
 */
export function decisionAgeWarning(dossier: Pick<DossierFacts, 'state' | 'processed_at'>, now: Date): string | null {
  if (dossier.state !== 'accepte' || !dossier.processed_at) return null;
  return addMonthsUTC(dossier.processed_at, DECISION_AGE_WARNING_MONTHS).getTime() < now.getTime()
    ? DECISION_AGE_WARNING
    : null;
}
