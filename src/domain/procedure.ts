// The rules of a procedure as its administrators run it (docs/domain.md §1.1): its public link, its
// settings, its life (en test → publiée → close / dépubliée → réactivée) and what it still lacks
// before it can be published.
import { invalidInput, invalidTransition } from './errors.ts';

export type ProcedureState = 'brouillon' | 'publiee' | 'close' | 'depubliee';
export type ProcedureAction = 'publier' | 'publier_modifications' | 'clore' | 'depublier' | 'reactiver';

export const PROCEDURE_STATE_LABELS: Record<ProcedureState, string> = {
  brouillon: 'En test',
  publiee: 'Publiée',
  close: 'Close',
  depubliee: 'Dépubliée',
};

export const PROCEDURE_ACTION_LABELS: Record<ProcedureAction, string> = {
  publier: 'Publier',
  publier_modifications: 'Publier les modifications',
  clore: 'Clore',
  depublier: 'Dépublier',
  reactiver: 'Réactiver',
};

/** From which states each action may run, and the state it leads to. */
const TRANSITIONS: Record<
  ProcedureAction,
  { from: readonly ProcedureState[]; to: (s: ProcedureState) => ProcedureState }
> = {
  publier: { from: ['brouillon'], to: () => 'publiee' },
  // the published form changes, the procedure stays as it is (a closed one stays closed)
  publier_modifications: { from: ['publiee', 'close', 'depubliee'], to: (s) => s },
  clore: { from: ['publiee', 'depubliee'], to: () => 'close' },
  depublier: { from: ['publiee'], to: () => 'depubliee' },
  reactiver: { from: ['close', 'depubliee'], to: () => 'publiee' },
};

/** The actions offered in a state, in the order of the page. */
export function procedureActions(state: ProcedureState): ProcedureAction[] {
  return (Object.keys(TRANSITIONS) as ProcedureAction[]).filter((a) => TRANSITIONS[a].from.includes(state));
}

/** The state after `action`, or a French refusal. */
export function nextProcedureState(state: ProcedureState, action: ProcedureAction): ProcedureState {
  const t = TRANSITIONS[action];
  if (!t.from.includes(state))
    throw invalidTransition(
      `« ${PROCEDURE_ACTION_LABELS[action]} » n'est pas possible pour une démarche ${PROCEDURE_STATE_LABELS[state].toLowerCase()}.`,
    );
  return t.to(state);
}

/** New dossiers may be started (the public link works) only on a published procedure; while en test,
 *  only its administrators and instructors may file test dossiers. */
export function acceptsNewDossiers(state: ProcedureState): boolean {
  return state === 'publiee';
}

/** Starting a dossier from the public link (docs/domain.md §1.1, « Dossiers de test »): a published
 *  procedure takes real dossiers from anyone; one en test takes test dossiers from its staff (its
 *  administrators and instructors) only; a closed or unpublished one takes none. */
export type DossierStart = { ok: true; test: boolean } | { ok: false };

export function dossierStartOf(state: ProcedureState, staff: boolean): DossierStart {
  if (acceptsNewDossiers(state)) return { ok: true, test: false };
  if (state === 'brouillon' && staff) return { ok: true, test: true };
  return { ok: false };
}

/** The subject of an e-mail about a test dossier says so first (docs/domain.md §1.1). */
export function testMailSubject(subject: string, isTest: boolean): string {
  return isTest ? `[Dossier de test] ${subject}` : subject;
}

/** The scheduled closing: a published procedure whose closing date has passed. */
export function shouldAutoClose(p: { state: ProcedureState; closes_at: Date | null }, now: Date): boolean {
  return p.state === 'publiee' && p.closes_at !== null && p.closes_at.getTime() <= now.getTime();
}

// ---------------------------------------------------------------------------------------------
// The public link

export const SLUG_MAX = 80;
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A slug proposed from a title: lower case, no accents, words joined by hyphens. */
export function slugify(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
}

/** French error for a slug typed by an administrator, null when it is well formed. */
export function slugError(slug: string): string | null {
  if (slug === '') return 'Indiquez le lien public de la démarche.';
  if (slug.length > SLUG_MAX) return `Le lien public ne doit pas dépasser ${SLUG_MAX} caractères.`;
  if (!SLUG_PATTERN.test(slug))
    return 'Le lien public ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets (pas au début ni à la fin).';
  return null;
}

/** The slug may change until the procedure has been published once (links already given out keep working). */
export function canEditSlug(p: { published_at: Date | null }): boolean {
  return p.published_at === null;
}

// ---------------------------------------------------------------------------------------------
// Settings

export const RETENTION_MIN = 1;
export const RETENTION_MAX = 60;
export const RETENTION_DEFAULT = 12;

export type DeclarativeMode = 'none' | 'en_instruction' | 'accepte';

export interface ProcedureSettings {
  title: string;
  description: string;
  service_name: string;
  service_address: string;
  contact_email: string;
  contact_phone: string;
  contact_hours: string;
  for_individual: boolean;
  slug: string;
  /** 'YYYY-MM-DD' or '' */
  closes_on: string;
  retention_months: number;
  declarative: DeclarativeMode;
  rdv_enabled: boolean;
  allow_expert_review: boolean;
  allow_expert_messaging: boolean;
  instructeurs_self_management: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 .()-]{6,20}$/;

/** French errors keyed by setting name; {} when the settings are valid. `today` is 'YYYY-MM-DD'. */
export function settingsErrors(s: ProcedureSettings, today: string): Record<string, string> {
  const e: Record<string, string> = {};
  if (s.title.trim() === '') e.title = 'Indiquez le titre de la démarche.';
  else if (s.title.length > 200) e.title = 'Le titre ne doit pas dépasser 200 caractères.';
  if (s.description.trim() === '') e.description = 'Indiquez la description de la démarche.';
  else if (s.description.length > 5000) e.description = 'La description ne doit pas dépasser 5 000 caractères.';
  if (s.service_name.trim() === '') e.service_name = "Indiquez le nom de l'organisme.";
  if (s.contact_email.trim() !== '' && !EMAIL.test(s.contact_email.trim()))
    e.contact_email = "L'adresse électronique de contact n'est pas valide (exemple : contact@exemple.fr).";
  if (s.contact_phone.trim() !== '' && !PHONE.test(s.contact_phone.trim()))
    e.contact_phone = "Le numéro de téléphone n'est pas valide (exemple : 01 23 45 67 89).";
  const slug = slugError(s.slug);
  if (slug) e.slug = slug;
  if (s.closes_on !== '') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s.closes_on) || Number.isNaN(Date.parse(s.closes_on)))
      e.closes_on = 'La date de clôture doit être une date (jj/mm/aaaa).';
    else if (s.closes_on <= today) e.closes_on = 'La date de clôture doit être dans le futur.';
  }
  if (!Number.isInteger(s.retention_months) || s.retention_months < RETENTION_MIN || s.retention_months > RETENTION_MAX)
    e.retention_months = `La durée de conservation doit être un nombre de mois entre ${RETENTION_MIN} et ${RETENTION_MAX}.`;
  return e;
}

// ---------------------------------------------------------------------------------------------
// Logo

export const LOGO_MAX_BYTES = 500 * 1024;

/** The image type of a logo read from its first bytes (PNG, JPEG, WebP), null otherwise: the name
 *  and the browser's declared type are not trusted. */
export function logoContentType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | 'image/webp' | null {
  const b = bytes;
  if (
    b.length >= 8 &&
    b[0] === 0x89 &&
    b[1] === 0x50 &&
    b[2] === 0x4e &&
    b[3] === 0x47 &&
    b[4] === 0x0d &&
    b[5] === 0x0a
  )
    return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (
    b.length >= 12 &&
    String.fromCharCode(b[0], b[1], b[2], b[3]) === 'RIFF' &&
    String.fromCharCode(b[8], b[9], b[10], b[11]) === 'WEBP'
  )
    return 'image/webp';
  return null;
}

/** The French refusal of an uploaded logo, null when it is accepted. */
export function logoError(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'Choisissez une image.';
  if (bytes.length > LOGO_MAX_BYTES) return 'Le logo ne doit pas dépasser 500 Ko.';
  if (!logoContentType(bytes)) return 'Le logo doit être une image PNG, JPEG ou WebP.';
  return null;
}

export function assertLogo(bytes: Uint8Array): void {
  const error = logoError(bytes);
  if (error) throw invalidInput(error, { logo: error });
}

// ---------------------------------------------------------------------------------------------
// What is missing before publishing

export interface PublicationFacts {
  /** the draft's public fields (fillable or not) */
  fieldCount: number;
  /** French errors of the draft form and annotations (procedure-builder's formErrors) */
  formErrors: string[];
  /** instructors (accepted or invited) of the open groups */
  instructeurCount: number;
  slug: string | null;
  description: string;
  service_name: string;
  declarative: 'en_instruction' | 'accepte' | null;
  /** an acceptance attestation is activated */
  attestationActivated: boolean;
  /** French errors of the activated attestation templates */
  attestationErrors: string[];
}

/** What still stops the publication, in French, in the order of the dashboard ([] = ready). */
export function publicationBlockers(f: PublicationFacts): string[] {
  const out: string[] = [];
  if (!f.description.trim() || !f.service_name.trim())
    out.push('Complétez la description de la démarche et son organisme.');
  if (!f.slug) out.push('Choisissez le lien public de la démarche.');
  if (f.fieldCount === 0) out.push('Ajoutez au moins un champ au formulaire.');
  for (const e of f.formErrors) out.push(e);
  if (f.instructeurCount === 0) out.push('Ajoutez au moins un instructeur.');
  if (f.attestationActivated) for (const e of f.attestationErrors) out.push(`Attestation : ${e}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tags of templates (attestations, e-mails)

/** The built-in tags every template may use, besides any field label. */
export const TEMPLATE_TAGS = [
  'numéro du dossier',
  'nom',
  'prénom',
  'libellé démarche',
  'motivation',
  'date de décision',
];

function tagKey(s: string): string {
  return s.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** French errors for the --tags-- of `text` that are neither built in nor a field label. */
export function templateTagErrors(text: string, fieldLabels: readonly string[]): string[] {
  return unknownTags(text, [...TEMPLATE_TAGS, ...fieldLabels]);
}

function unknownTags(text: string, allowed: readonly string[]): string[] {
  const known = new Set(allowed.map(tagKey));
  const errors: string[] = [];
  for (const m of text.matchAll(/--([^-\n][^\n]*?)--/g)) {
    if (!known.has(tagKey(m[1]))) errors.push(`la balise « --${m[1]}-- » n'existe pas`);
  }
  return [...new Set(errors)];
}

/** The dossiers moved to a newly published revision: those not decided yet. */
export const OPEN_DOSSIER_STATES = ['brouillon', 'en_construction', 'en_instruction'] as const;

/** The tags of the state e-mails (docs/domain.md §14). */
export const MAIL_TAGS = ['numéro du dossier', 'libellé démarche', 'motivation', 'lien dossier'];

/** French errors for the --tags-- of an e-mail template that do not exist. */
export function mailTagErrors(text: string): string[] {
  return unknownTags(text, MAIL_TAGS);
}

export type AttestationKind = 'acceptation' | 'refus';

export interface AttestationTemplateInput {
  title: string;
  body: string;
  footer: string;
  activated: boolean;
}

/** French errors per part of an attestation template ({} when it can be saved). */
export function attestationTemplateErrors(
  t: AttestationTemplateInput,
  fieldLabels: readonly string[],
): Record<string, string> {
  const e: Record<string, string> = {};
  if (t.activated && t.title.trim() === '') e.title = "Indiquez le titre de l'attestation.";
  if (t.activated && t.body.trim() === '') e.body = "Indiquez le corps de l'attestation.";
  if (t.title.length > 500) e.title = 'Le titre ne doit pas dépasser 500 caractères.';
  if (t.body.length > 20_000) e.body = 'Le corps ne doit pas dépasser 20 000 caractères.';
  if (t.footer.length > 1000) e.footer = 'Le pied de page ne doit pas dépasser 1 000 caractères.';
  for (const k of ['title', 'body', 'footer'] as const) {
    if (e[k]) continue;
    const tags = templateTagErrors(t[k], fieldLabels);
    if (tags.length) e[k] = `${tags.join(' ; ')}.`.replace(/^l/, 'L');
  }
  return e;
}
