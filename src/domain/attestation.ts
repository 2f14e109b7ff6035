/**
 * The attestation's text (docs/domain.md §2, docs/interface.md §3C): the procedure's template (title, body, footer)
 * with its tags replaced. Pure: the decision date is given, the field values are given as text.
 *
 * Tags: --numéro du dossier--, --nom--, --prénom--, --libellé démarche--, --motivation--,
 * --date de décision--, and any field or annotation label as --<label>--.
 */

export interface AttestationTemplateText {
  title: string;
  body: string;
  footer: string;
}

export interface AttestationData {
  dossierId: string;
  nom: string | null;
  prenom: string | null;
  procedureTitle: string;
  motivation: string | null;
  decisionDate: Date;
  /** label → display text of every (visible) field and annotation */
  fields: { label: string; value: string }[];
}

export const ATTESTATION_TAGS = [
  'numéro du dossier',
  'nom',
  'prénom',
  'libellé démarche',
  'motivation',
  'date de décision',
] as const;

const DATE_FR = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** « 02/03/2026 » in Paris time. */
export function decisionDateText(d: Date): string {
  return DATE_FR.format(d);
}

function normalise(label: string): string {
  return label.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Replaces every --tag-- of `text`; an unknown tag becomes empty text. */
export function fillTags(text: string, d: AttestationData): string {
  const builtIn: Record<string, string> = {
    'numéro du dossier': d.dossierId,
    nom: d.nom ?? '',
    prénom: d.prenom ?? '',
    'libellé démarche': d.procedureTitle,
    motivation: d.motivation ?? '',
    'date de décision': decisionDateText(d.decisionDate),
  };
  const byLabel = new Map<string, string>();
  for (const f of d.fields) {
    const k = normalise(f.label);
    if (!byLabel.has(k)) byLabel.set(k, f.value);
  }
  return text.replace(/--([^\n]+?)--/g, (_m, raw: string) => {
    const key = normalise(raw);
    if (Object.hasOwn(builtIn, key)) return builtIn[key];
    return byLabel.get(key) ?? '';
  });
}

/** The three parts of the attestation with tags replaced; blank lines at the ends trimmed. */
export function attestationText(t: AttestationTemplateText, d: AttestationData): AttestationTemplateText {
  const clean = (s: string) =>
    fillTags(s ?? '', d)
      .replace(/\r\n?/g, '\n')
      .replace(/^\s+|\s+$/g, '');
  return { title: clean(t.title), body: clean(t.body), footer: clean(t.footer) };
}

/** The attestation a decided dossier carries (docs/domain.md §2.2): the acceptance's for an accepted
 *  one, the refusal's for a refused one, none otherwise — each from its own template. */
export function attestationKindOf(state: string): 'acceptation' | 'refus' | null {
  return state === 'accepte' ? 'acceptation' : state === 'refuse' ? 'refus' : null;
}
