// Who files the dossier (docs/domain.md §2.8): a person (civilité, nom, prénom) on a démarche for
// individuals, a company (its SIRET, format and Luhn key) otherwise. A brouillon keeps what was
// typed as long as it is well-formed; the deposit needs it complete.
import { SIRET_CHECK_ERROR, SIRET_LENGTH_ERROR, siretChecksumOk } from './fields/siret.ts';

export interface IdentityInput {
  civilite?: string;
  nom?: string;
  prenom?: string;
  siret?: string;
}

export interface Identity {
  civilite: 'Mme' | 'M.' | null;
  nom: string | null;
  prenom: string | null;
  siret: string | null;
}

export const IDENTITY_KEYS = ['civilite', 'nom', 'prenom', 'siret'] as const;
const NAME_MAX = 100;

/** The identity typed, checked; `complete` asks for every part (the deposit). */
export function parseIdentity(
  forIndividual: boolean,
  raw: IdentityInput,
  opts: { complete: boolean },
): { identity: Identity; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const identity: Identity = { civilite: null, nom: null, prenom: null, siret: null };
  if (forIndividual) {
    const civ = (raw.civilite ?? '').trim();
    if (civ === 'Mme' || civ === 'M.') identity.civilite = civ;
    else if (civ) errors.civilite = 'Choisissez « Madame » ou « Monsieur »';
    else if (opts.complete) errors.civilite = 'Indiquez votre civilité';
    for (const [key, label] of [
      ['nom', 'votre nom'],
      ['prenom', 'votre prénom'],
    ] as const) {
      const v = (raw[key] ?? '').trim().replace(/\s+/g, ' ');
      if (v.length > NAME_MAX) errors[key] = `${NAME_MAX} caractères au plus`;
      else if (v) identity[key] = v;
      else if (opts.complete) errors[key] = `Indiquez ${label}`;
    }
  } else {
    const digits = (raw.siret ?? '').replace(/[\s\u00a0.]/g, '');
    if (!digits) {
      if (opts.complete) errors.siret = 'Indiquez le SIRET de votre entreprise';
    } else if (!/^\d{14}$/.test(digits)) errors.siret = SIRET_LENGTH_ERROR;
    else if (!siretChecksumOk(digits)) errors.siret = SIRET_CHECK_ERROR;
    else identity.siret = digits;
  }
  return { identity, errors };
}
