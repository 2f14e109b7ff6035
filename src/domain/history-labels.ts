/**
 * French wording of the dossier's event log (dossier_events.type), for every history shown outside
 * the « Demande » tab: « Personnes impliquées », « Réaffectation », « Rendez-vous », the dossier PDF.
 * Pure data and formatting of the event payloads (dates in Paris time).
 */
import { RDV_MODE_LABELS, type RdvMode } from './rendez-vous.ts';

export const HISTORY_LABELS: Record<string, string> = {
  depose: 'Dossier déposé',
  depose_correction_usager: "Modifications déposées par l'usager",
  passe_en_instruction: 'Passé en instruction',
  passe_en_instruction_automatiquement: 'Passé automatiquement en instruction',
  accepte_automatiquement: 'Accepté automatiquement',
  repasse_en_construction: 'Repassé en construction',
  correction_demandee: 'Correction demandée',
  accepte: 'Accepté',
  refuse: 'Refusé',
  classe_sans_suite: 'Classé sans suite',
  repasse_en_instruction: 'Repassé en instruction',
  archive: 'Archivé',
  desarchive: 'Désarchivé',
  mis_a_la_corbeille: 'Mis à la corbeille',
  restaure: 'Restauré',
  conservation_prolongee: "Conservation prolongée d'un mois",
  suivi: 'Suivi du dossier',
  plus_suivi: 'Fin du suivi du dossier',
  labels_modifies: 'Labels modifiés',
  annotation_modifiee: 'Annotation privée modifiée',
  attestation_generee: 'Attestation produite',
  message_envoye: 'Message envoyé',
  message_supprime: 'Message supprimé',
  envoye_a_instructeur: 'Dossier envoyé à un instructeur',
  groupe_change: "Changement de groupe d'instructeurs",
  rendez_vous_propose: 'Rendez-vous proposé',
  rendez_vous_modifie: 'Rendez-vous modifié',
  rendez_vous_annule: 'Rendez-vous annulé',
  expiration_annoncee: 'Expiration prochaine annoncée',
  expire: 'Délai de conservation expiré (dossier mis à la corbeille)',
};

export function historyLabel(type: string): string {
  return HISTORY_LABELS[type] ?? type.replace(/_/g, ' ');
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
      if (Array.isArray(data.instructeurs))
        parts.push(`À : ${data.instructeurs.filter((x) => typeof x === 'string').join(', ')}`);
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
      if (Array.isArray(data.champs)) parts.push(data.champs.filter((x) => typeof x === 'string').join(', '));
      break;
  }
  return parts.join('\n');
}
