/**
 * French wording of the dossier's event log (dossier_events.type), for every history shown outside
 * the « Demande » tab: « Personnes impliquées », « Réaffectation », « Rendez-vous », the dossier PDF.
 * Pure data and formatting of the event payloads (dates in Paris time).
 */
import { EVENT_LABELS } from './events.ts';
import { RDV_MODE_LABELS, type RdvMode } from './rendez-vous.ts';

/** The labels of events.ts, keyed by any stored type (an unknown one falls back to its words). */
export const HISTORY_LABELS: Readonly<Record<string, string>> = EVENT_LABELS;

export function historyLabel(type: string): string {
  return (Object.hasOwn(HISTORY_LABELS, type) ? HISTORY_LABELS[type] : undefined) ?? type.replace(/_/g, ' ');
}

const TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
const DATE = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** « 9 mars 2026 à 10:00 » (Paris time). */
export function frDateTimeParis(d: Date): string {
  return `${DATE.format(d)} à ${TIME.format(d)}`;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** The details of an event, in French ('' when it has none worth showing). */
export function historyDetails(type: string, data: Record<string, unknown>): string {
  const parts: string[] = [];
  const motivation = str(data.motivation);
  if (motivation) parts.push(`Motivation : ${motivation}`);
  switch (type) {
    case 'groupe_change':
      parts.push(`De « ${str(data.from_label) ?? '?'} » vers « ${str(data.to_label) ?? '?'} »`);
      break;
    case 'envoye_a_instructeur':
      if (Array.isArray(data.instructor_emails))
        parts.push(`À : ${data.instructor_emails.filter((x) => typeof x === 'string').join(', ')}`);
      break;
    case 'rendez_vous_propose':
    case 'rendez_vous_modifie':
    case 'rendez_vous_annule': {
      const at = str(data.starts_at);
      const mode = str(data.mode);
      if (at)
        parts.push(
          `${frDateTimeParis(new Date(at))}${typeof data.duration_minutes === 'number' ? ` (${data.duration_minutes} min)` : ''}`,
        );
      if (mode && mode in RDV_MODE_LABELS) parts.push(`${RDV_MODE_LABELS[mode as RdvMode]} : ${str(data.place) ?? ''}`);
      break;
    }
    case 'expiration_annoncee':
    case 'expire': {
      const at = str(data.expires_at);
      if (at) parts.push(`Date d'expiration : ${DATE.format(new Date(at))}`);
      break;
    }
    case 'conservation_prolongee':
      if (typeof data.conservation_extension_months === 'number')
        parts.push(`Prolongation totale : ${data.conservation_extension_months} mois`);
      break;
    case 'annotation_modifiee':
      if (Array.isArray(data.fields)) parts.push(data.fields.filter((x) => typeof x === 'string').join(', '));
      break;
  }
  return parts.join('\n');
}
