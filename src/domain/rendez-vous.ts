/**
 * Rendez-vous proposed by an instructor to the usager (docs/interface.md §3, « La prise de rendez-vous »):
 * input validation with French messages, the Paris wall-clock ↔ UTC conversion of the slot, and
 * when a dossier may receive (or lose) a rendez-vous. Pure: `now` is passed in.
 */
import type { DossierState } from './dossier-state.ts';

export const RDV_MODES = ['sur_place', 'telephone', 'visio'] as const;
export type RdvMode = (typeof RDV_MODES)[number];

export const RDV_MODE_LABELS: Record<RdvMode, string> = {
  sur_place: 'Sur place',
  telephone: 'Par téléphone',
  visio: 'En visioconférence',
};

/** What the free text of a rendez-vous is, per mode. */
export const RDV_PLACE_LABELS: Record<RdvMode, string> = {
  sur_place: 'Adresse',
  telephone: 'Téléphone',
  visio: 'Lien de la visioconférence',
};

export const RDV_MIN_DURATION_MINUTES = 5;
export const RDV_MAX_DURATION_MINUTES = 480;
export const RDV_PLACE_MAX_LENGTH = 500;
/** A slot may be proposed at most this many months ahead. */
export const RDV_MAX_MONTHS_AHEAD = 12;
/** Slots are typed and shown in French local time. */
export const RDV_TIME_ZONE = 'Europe/Paris';

export interface RendezVousInput {
  /** 'YYYY-MM-DD' (Paris) */
  date: string;
  /** 'HH:MM' (Paris) */
  time: string;
  /** minutes, as typed */
  duration: string | number;
  mode: string;
  /** address, phone number or video link (with instructions) */
  place: string;
}

export interface RendezVousSlot {
  startsAt: Date;
  durationMinutes: number;
  mode: RdvMode;
  place: string;
}

export type RendezVousValidation = { ok: true; value: RendezVousSlot } | { ok: false; errors: Record<string, string> };

const PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: RDV_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function parisParts(t: number): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const p: Record<string, number> = {};
  for (const x of PARTS.formatToParts(new Date(t))) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return { y: p.year, mo: p.month, d: p.day, h: p.hour === 24 ? 0 : p.hour, mi: p.minute, s: p.second };
}

/** Offset of Paris from UTC at instant t, in ms (3 600 000 in winter, 7 200 000 in summer). */
function parisOffset(t: number): number {
  const p = parisParts(t);
  const wall = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s);
  return wall - Math.floor(t / 1000) * 1000;
}

/**
 * The UTC instant of a Paris wall-clock date and time, or null when the text is not a real date or
 * time ('2026-02-30', '25:00'). A time skipped by the spring change (02:30 on the last Sunday of
 * March) maps to the instant one hour later; a time that happens twice (02:30 on the last Sunday of
 * October) maps to its second occurrence (winter time).
 */
export function parisLocalToUtc(date: string, time: string): Date | null {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const tm = /^(\d{2}):(\d{2})$/.exec(time.trim());
  if (!dm || !tm) return null;
  const [y, mo, d, h, mi] = [Number(dm[1]), Number(dm[2]), Number(dm[3]), Number(tm[1]), Number(tm[2])];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  // two passes: the offset at the guessed instant, then at the corrected one
  let t = wall - parisOffset(wall);
  t = wall - parisOffset(t);
  return new Date(t);
}

/** Paris wall-clock 'YYYY-MM-DD' and 'HH:MM' of an instant (for form values). */
export function utcToParisLocal(at: Date): { date: string; time: string } {
  const p = parisParts(at.getTime());
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${p.y}-${two(p.mo)}-${two(p.d)}`, time: `${two(p.h)}:${two(p.mi)}` };
}

export function rendezVousEnd(slot: Pick<RendezVousSlot, 'startsAt' | 'durationMinutes'>): Date {
  return new Date(slot.startsAt.getTime() + slot.durationMinutes * 60_000);
}

function addMonths(d: Date, months: number): Date {
  const r = new Date(d);
  r.setUTCMonth(r.getUTCMonth() + months);
  return r;
}

/** Validates what the instructor typed; errors are keyed by form field name. */
export function validateRendezVous(input: RendezVousInput, now: Date): RendezVousValidation {
  const errors: Record<string, string> = {};
  const date = (input.date ?? '').trim();
  const time = (input.time ?? '').trim();
  let startsAt: Date | null = null;
  if (!date) errors.date = 'Indiquez la date du rendez-vous.';
  if (!time) errors.time = "Indiquez l'heure du rendez-vous.";
  if (date && time) {
    startsAt = parisLocalToUtc(date, time);
    if (!startsAt) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !parisLocalToUtc(date, '12:00'))
        errors.date = "La date du rendez-vous n'est pas valide (format attendu : JJ/MM/AAAA).";
      else errors.time = "L'heure du rendez-vous n'est pas valide (format attendu : HH:MM).";
    } else if (startsAt.getTime() <= now.getTime()) {
      errors.date = 'La date du rendez-vous est déjà passée : choisissez une date et une heure à venir.';
    } else if (startsAt.getTime() > addMonths(now, RDV_MAX_MONTHS_AHEAD).getTime()) {
      errors.date = `Le rendez-vous doit avoir lieu dans les ${RDV_MAX_MONTHS_AHEAD} prochains mois.`;
    }
  }
  const rawDuration = String(input.duration ?? '').trim();
  const duration = /^\d{1,4}$/.test(rawDuration) ? Number(rawDuration) : Number.NaN;
  if (!rawDuration) errors.duration = 'Indiquez la durée du rendez-vous, en minutes.';
  else if (!Number.isInteger(duration)) errors.duration = 'La durée doit être un nombre entier de minutes.';
  else if (duration < RDV_MIN_DURATION_MINUTES || duration > RDV_MAX_DURATION_MINUTES) {
    errors.duration = `La durée doit être comprise entre ${RDV_MIN_DURATION_MINUTES} et ${RDV_MAX_DURATION_MINUTES} minutes.`;
  }
  const mode = (RDV_MODES as readonly string[]).includes(input.mode) ? (input.mode as RdvMode) : null;
  if (!mode) errors.mode = 'Choisissez le type de rendez-vous : sur place, par téléphone ou en visioconférence.';
  const place = (input.place ?? '').trim().replace(/\r\n/g, '\n');
  if (!place) {
    errors.place =
      mode === 'telephone'
        ? 'Indiquez le numéro de téléphone (ou qui appelle qui).'
        : mode === 'visio'
          ? 'Indiquez le lien de la visioconférence.'
          : "Indiquez l'adresse du rendez-vous.";
  } else if (place.length > RDV_PLACE_MAX_LENGTH) {
    errors.place = `Ce texte ne doit pas dépasser ${RDV_PLACE_MAX_LENGTH} caractères.`;
  } else if (mode === 'visio' && !/https:\/\/[^\s]+/i.test(place)) {
    errors.place = 'Indiquez un lien de visioconférence commençant par https://.';
  }
  if (Object.keys(errors).length || !startsAt || !mode) return { ok: false, errors };
  return { ok: true, value: { startsAt, durationMinutes: duration, mode, place } };
}

export interface RendezVousDossierFacts {
  state: DossierState;
  archived: boolean;
  hidden_by_administration_at: Date | null;
  hidden_by_user_at: Date | null;
  hidden_by_expired_at: Date | null;
}

/** Why no rendez-vous may be proposed or changed on this dossier now (null: allowed). */
export function rendezVousRefusal(d: RendezVousDossierFacts, rdvEnabled: boolean): string | null {
  if (!rdvEnabled) return "La prise de rendez-vous n'est pas activée sur cette démarche.";
  if (d.state === 'brouillon') return "Ce dossier n'a pas encore été déposé.";
  if (d.hidden_by_administration_at || d.hidden_by_expired_at || d.hidden_by_user_at)
    return 'Ce dossier est supprimé : aucun rendez-vous ne peut être proposé.';
  if (d.archived) return 'Ce dossier est archivé : aucun rendez-vous ne peut être proposé.';
  return null;
}

/** Why this rendez-vous cannot be changed or cancelled (null: allowed). */
export function rendezVousChangeRefusal(
  rdv: { cancelled_at: Date | null; starts_at: Date },
  now: Date,
  change: 'modifier' | 'annuler',
): string | null {
  if (rdv.cancelled_at) return 'Ce rendez-vous a déjà été annulé.';
  if (change === 'annuler' && rdv.starts_at.getTime() <= now.getTime())
    return 'Ce rendez-vous a déjà eu lieu : il ne peut plus être annulé.';
  return null;
}

/**
 * The rendez-vous still to come on a decided dossier (docs/domain.md §2.2): a decision does not
 * cancel them — a meeting may be about the decision itself — but the instructor is told on the
 * dossier page and offered « Annuler le rendez-vous ». Empty before a decision.
 */
export function rendezVousLeftAfterDecision<R extends { startsAt: Date; cancelledAt: Date | null }>(
  state: DossierState,
  rendezVous: readonly R[],
  now: Date,
): R[] {
  if (state !== 'accepte' && state !== 'refuse' && state !== 'sans_suite') return [];
  return rendezVous.filter((r) => !r.cancelledAt && r.startsAt.getTime() > now.getTime());
}
