import { fail, ok, textLikeModule } from './shared.ts';

/** IBAN length per country (ISO 13616 registry). The French overseas departments and
 *  collectivities use 'FR' IBANs. */
export const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

export const IBAN_FORMAT_ERROR =
  'Saisissez un IBAN valide : le code du pays, 2 chiffres de contrôle puis le numéro de compte, par exemple FR76 3000 6000 0112 3456 7890 189';
export const IBAN_CHECK_ERROR = "Cet IBAN n'est pas valide (clé de contrôle)";

/** ISO 13616 / ISO 7064 mod 97-10 check of a compact upper-case IBAN. */
export function ibanChecksumOk(compact: string): boolean {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 && code <= 90 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

/** Validates an IBAN typed with or without spaces; returns the compact upper-case form or an error. */
export function checkIban(input: string): { value: string } | { error: string } {
  const compact = input.replace(/[\s\u00a0-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return { error: IBAN_FORMAT_ERROR };
  const country = compact.slice(0, 2);
  const length = IBAN_LENGTHS[country];
  if (length === undefined) return { error: `Le code pays « ${country} » de cet IBAN n'est pas reconnu` };
  if (compact.length !== length) {
    return { error: `Un IBAN ${country} doit comporter ${length} caractères (${compact.length} saisis)` };
  }
  if (!ibanChecksumOk(compact)) return { error: IBAN_CHECK_ERROR };
  return { value: compact };
}

/** 'FR7630006000011234567890189' → 'FR76 3000 6000 0112 3456 7890 189'. */
export function formatIban(compact: string): string {
  return compact.replace(/(.{4})(?=.)/g, '$1 ');
}

/** IBAN: spaces accepted; stored compact upper case; shown grouped by 4. */
export const iban = textLikeModule({
  type: 'iban',
  label: 'IBAN',
  invalid: IBAN_FORMAT_ERROR,
  normalize: (value) => {
    const checked = checkIban(value);
    return 'error' in checked ? fail(checked.error) : ok(checked.value);
  },
  display: formatIban,
  searchText: (value) => value,
});
