/**
 * Every event of a dossier's log (dossier_events.type): its payload schema and its French label.
 * The machine's events (dossier-state.ts) and the ones the features record (suivi, messagerie,
 * rendez-vous, conservation, labels, annotations, attestation, réaffectation). Payload keys are
 * English snake_case. A type missing here is a compile error where it is recorded or labelled.
 */
import { z } from 'zod';
import { CORRECTION_REASONS, DOSSIER_STATES, type DossierEventType } from './dossier-state.ts';
import { RDV_MODES } from './rendez-vous.ts';

const state = z.enum(DOSSIER_STATES);
/** Every event of the machine: the state before and after, the decision's motivation if any. */
const transition = z.strictObject({ from: state, to: state, motivation: z.string().nullish() });

const slot = z.strictObject({
  starts_at: z.string(),
  duration_minutes: z.number().int(),
  mode: z.enum(RDV_MODES),
  place: z.string(),
});
const rendezVous = slot.extend({ rendez_vous_id: z.string(), sequence: z.number().int().nonnegative() });

const MACHINE_EVENT_SCHEMAS = {
  depose: transition,
  depose_correction_usager: transition.extend({ correction_resolved: z.boolean() }),
  passe_en_instruction: transition,
  passe_en_instruction_automatiquement: transition,
  accepte_automatiquement: transition,
  repasse_en_construction: transition,
  correction_demandee: transition.extend({
    reason: z.enum(CORRECTION_REASONS as [string, ...string[]]),
    repasse_en_construction: z.boolean(),
  }),
  accepte: transition,
  refuse: transition,
  classe_sans_suite: transition,
  repasse_en_instruction: transition,
  archive: transition,
  desarchive: transition,
  mis_a_la_corbeille: transition,
  restaure: transition,
  conservation_prolongee: transition.extend({ conservation_extension_months: z.number().int() }),
} satisfies Record<DossierEventType, z.ZodTypeAny>;

export const EVENT_SCHEMAS = {
  ...MACHINE_EVENT_SCHEMAS,
  suivi: z.strictObject({ instructor_email: z.string() }),
  plus_suivi: z.strictObject({ instructor_email: z.string() }),
  labels_modifies: z.strictObject({ added: z.array(z.string()), removed: z.array(z.string()) }),
  annotation_modifiee: z.strictObject({ fields: z.array(z.string()) }),
  attestation_generee: z.strictObject({ file_id: z.string() }),
  message_envoye: z.strictObject({
    message_id: z.string(),
    author: z.enum(['usager', 'instructeur', 'expert']),
    file_count: z.number().int().nonnegative(),
    awaiting_reply: z.boolean(),
  }),
  message_supprime: z.strictObject({ message_id: z.string(), correction_resolved: z.boolean() }),
  envoye_a_instructeur: z.strictObject({ instructor_emails: z.array(z.string()), instructor_ids: z.array(z.string()) }),
  groupe_change: z.strictObject({
    from: z.string(),
    to: z.string(),
    from_label: z.string(),
    to_label: z.string(),
    mode: z.enum(['manual', 'routing']),
  }),
  rendez_vous_propose: rendezVous,
  rendez_vous_modifie: rendezVous.extend({ before: slot }),
  rendez_vous_annule: rendezVous,
  expiration_annoncee: z.strictObject({ expires_at: z.string() }),
  expire: z.strictObject({ expires_at: z.string().nullable() }),
  avis_demande: z.strictObject({
    avis_id: z.string(),
    expert_email: z.string(),
    confidentiel: z.boolean(),
    question: z.boolean(),
    by: z.enum(['instructeur', 'expert']),
  }),
  avis_relance: z.strictObject({ avis_id: z.string(), expert_email: z.string() }),
  avis_revoque: z.strictObject({ avis_id: z.string(), expert_email: z.string() }),
  avis_donne: z.strictObject({ avis_id: z.string(), modified: z.boolean(), file_count: z.number().int() }),
  co_editeur_invite: z.strictObject({ email: z.string() }),
  co_editeur_retire: z.strictObject({ email: z.string() }),
  supprime_par_usager: z.strictObject({ state: z.string() }),
  transfert_demande: z.strictObject({ email: z.string() }),
  transfert_accepte: z.strictObject({ from: z.string(), to: z.string() }),
  transfert_refuse: z.strictObject({ email: z.string() }),
} as const;

export type EventType = keyof typeof EVENT_SCHEMAS;
export type EventPayload<T extends EventType> = z.input<(typeof EVENT_SCHEMAS)[T]>;
export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_SCHEMAS, type);
}

/** The French label of each event, as the histories show it. */
export const EVENT_LABELS: Record<EventType, string> = {
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
  avis_demande: 'Avis demandé à un expert',
  avis_relance: 'Expert relancé',
  avis_revoque: "Demande d'avis révoquée",
  avis_donne: 'Avis externe donné',
  co_editeur_invite: 'Personne invitée à modifier le dossier',
  co_editeur_retire: 'Personne retirée du dossier',
  supprime_par_usager: "Supprimé par l'usager",
  transfert_demande: 'Transfert du dossier proposé',
  transfert_accepte: 'Dossier transféré',
  transfert_refuse: 'Transfert du dossier refusé',
};

/** Check a payload against its type's schema (throws a ZodError); the parsed value is what is stored. */
export function parseEventPayload<T extends EventType>(type: T, data: unknown): z.output<(typeof EVENT_SCHEMAS)[T]> {
  const schema: z.ZodTypeAny | undefined = EVENT_SCHEMAS[type];
  if (!schema) throw new Error(`type d'événement inconnu : ${type}`);
  return schema.parse(data) as z.output<(typeof EVENT_SCHEMAS)[T]>;
}
