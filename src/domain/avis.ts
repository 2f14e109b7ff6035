/**
 * Avis externes (docs/domain.md §6): who may be asked, when a request, a reminder, a revocation or
 * an answer is allowed, and which avis an expert sees. Pure rules over plain facts.
 */
import type { DossierState } from './dossier-state.ts';
import { canReadAsExpert, type Access, type DossierRef } from './permissions.ts';

export const DEFAULT_AVIS_INTRODUCTION = 'Bonjour, merci de me donner votre avis sur ce dossier.';
/** A reminder (« Relancer ») at most once a day. */
export const REMIND_INTERVAL_MS = 24 * 3600 * 1000;
export const MAX_EXPERTS_PER_REQUEST = 20;
export const MAX_INTRODUCTION_LENGTH = 10_000;
export const MAX_QUESTION_LENGTH = 500;
export const MAX_ANSWER_LENGTH = 50_000;
export const MAX_AVIS_FILES = 10;

const EMAIL_RE = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** The e-mails typed in « Adresses électroniques des experts »: separated by commas, semicolons,
 *  spaces or lines; trimmed, lower-cased, each once. The invalid ones are returned as typed. */
export function parseExpertEmails(raw: string | readonly string[]): { emails: string[]; invalid: string[] } {
  const parts = (typeof raw === 'string' ? [raw] : raw).flatMap((s) => s.split(/[\s,;]+/));
  const emails: string[] = [];
  const invalid: string[] = [];
  for (const p of parts) {
    const e = p.trim().toLowerCase();
    if (!e) continue;
    if (e.length > 254 || !EMAIL_RE.test(e)) invalid.push(p.trim());
    else if (!emails.includes(e)) emails.push(e);
  }
  return { emails, invalid };
}

export interface ExpertSettings {
  /** procedures.allow_expert_review */
  allowExpertReview: boolean;
  /** only the administrator's list of experts may be asked */
  restricted: boolean;
  /** the administrator's list (lower-case e-mails) */
  listedEmails: readonly string[];
}

const TERMINE: readonly DossierState[] = ['accepte', 'refuse', 'sans_suite'];

export function isTermine(state: DossierState): boolean {
  return TERMINE.includes(state);
}

/** Why a request for avis is refused on this dossier, or null when it may be made. */
export function avisRequestRefusal(state: DossierState, settings: ExpertSettings): string | null {
  if (!settings.allowExpertReview) return "La démarche ne permet pas de demander l'avis d'un expert.";
  if (state === 'brouillon') return 'Un avis ne peut être demandé que sur un dossier déposé.';
  if (isTermine(state)) return "Le dossier est terminé : il n'est plus possible de demander un avis.";
  return null;
}

/** The e-mails that are not in the administrator's list when the procedure restricts the choice. */
export function emailsOutsideList(emails: readonly string[], settings: ExpertSettings): string[] {
  if (!settings.restricted) return [];
  return emails.filter((e) => !settings.listedEmails.includes(e));
}

export interface AvisFacts {
  answeredAt: Date | null;
  revokedAt: Date | null;
  remindedAt: Date | null;
  createdAt: Date;
}

/** « Relancer »: an avis still awaited, not reminded in the last 24 hours. */
export function canRemind(a: AvisFacts, now: Date): boolean {
  if (a.revokedAt || a.answeredAt) return false;
  return a.remindedAt === null || now.getTime() - a.remindedAt.getTime() >= REMIND_INTERVAL_MS;
}

/** When the next reminder becomes possible (null: now, or never). */
export function nextReminderAt(a: AvisFacts, now: Date): Date | null {
  if (a.revokedAt || a.answeredAt || canRemind(a, now) || !a.remindedAt) return null;
  return new Date(a.remindedAt.getTime() + REMIND_INTERVAL_MS);
}

/** « Révoquer »: any avis not revoked yet (answered ones are kept, marked revoked). */
export function canRevoke(a: Pick<AvisFacts, 'revokedAt'>): boolean {
  return a.revokedAt === null;
}

/** The expert's answer stays editable until the dossier is traité (and while the avis is not revoked). */
export function canAnswer(a: Pick<AvisFacts, 'revokedAt'>, state: DossierState): boolean {
  return a.revokedAt === null && state !== 'brouillon' && !isTermine(state);
}

export function answerRefusal(a: Pick<AvisFacts, 'revokedAt'>, state: DossierState): string | null {
  if (a.revokedAt) return 'Cette demande d’avis a été révoquée.';
  if (!canAnswer(a, state)) return "Le dossier est terminé : l'avis ne peut plus être modifié.";
  return null;
}

/** A yes/no question asked needs its answer. */
export function answerMissing(questionLabel: string | null, questionAnswer: boolean | null): boolean {
  return !!questionLabel && questionAnswer === null;
}

export interface VisibleAvis {
  expertId: string;
  claimantId: string | null;
  confidentiel: boolean;
  revokedAt: Date | null;
}

/**
 * What an expert sees of the dossier's avis: his own, the ones he asked for, and the others'
 * shared (non-confidential) avis. Revoked avis of others are not shown.
 */
export function expertSeesAvis(expertId: string, a: VisibleAvis): boolean {
  if (a.expertId === expertId) return a.revokedAt === null;
  if (a.revokedAt) return false;
  return a.claimantId === expertId || !a.confidentiel;
}

/** An expert invites another expert: the procedure allows it and his own avis is open. A request made
 *  from a confidential avis is confidential too. */
export function expertInviteRefusal(
  mayInvite: boolean,
  own: Pick<AvisFacts, 'revokedAt'> | null,
  state: DossierState,
): string | null {
  if (!mayInvite) return "La démarche ne permet pas aux experts d'inviter d'autres experts.";
  if (!own || own.revokedAt) return 'Cette demande d’avis a été révoquée.';
  if (!canAnswer(own, state)) return "Le dossier est terminé : il n'est plus possible de demander un avis.";
  return null;
}

/** The expert's tabs: « à donner » (not answered, dossier not terminé) and « donnés ». */
export type ExpertAvisTab = 'a-donner' | 'donnes';

export function expertTabOf(a: Pick<AvisFacts, 'answeredAt'>, state: DossierState): ExpertAvisTab | null {
  if (a.answeredAt) return 'donnes';
  return isTermine(state) ? null : 'a-donner';
}

/** An expert opens a dossier of one of his open avis, unless the administration hid it (corbeille, expiry). */
export function expertMayOpen(a: Access, d: DossierRef): boolean {
  return canReadAsExpert(a, d) && d.hidden_by_administration_at === null && d.hidden_by_expired_at === null;
}

/** An avis changed again within 30 minutes of its previous save is not e-mailed again. */
export const AVIS_EMAIL_QUIET_MS = 30 * 60 * 1000;

export function emailsAvisGiven(previousAnsweredAt: Date | null, now: Date): boolean {
  return previousAnsweredAt === null || now.getTime() - previousAnsweredAt.getTime() >= AVIS_EMAIL_QUIET_MS;
}
