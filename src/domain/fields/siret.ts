import { fail, ok, textLikeModule } from './shared.ts';

export const SIRET_LENGTH_ERROR = 'Le SIRET doit comporter 14 chiffres';
export const SIRET_CHECK_ERROR = "Ce SIRET n'est pas valide (clé de contrôle)";

/** Luhn check of a string of digits. */
export function luhnOk(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** La Poste's head office keeps the Luhn key, unlike the other La Poste establishments. */
const LA_POSTE_SIEGE = '35600000000048';

/** SIRET key check: Luhn, except La Poste establishments (SIREN 356000000, head office apart)
 *  whose digits must sum to a multiple of 5. */
export function siretChecksumOk(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith('356000000') && siret !== LA_POSTE_SIEGE) {
    const sum = [...siret].reduce((acc, d) => acc + Number(d), 0);
    return sum % 5 === 0;
  }
  return luhnOk(siret);
}

/** SIRET: 14 digits (spaces and dots accepted), stored as digits; shown '732 829 320 00074'.
 *  Only the key is checked here; the establishment is looked up elsewhere. */
export const siret = textLikeModule({
  type: 'siret',
  label: 'SIRET',
  invalid: SIRET_LENGTH_ERROR,
  normalize: (value) => {
    const digits = value.replace(/[\s\u00a0.]/g, '');
    if (!/^\d{14}$/.test(digits)) return fail(SIRET_LENGTH_ERROR);
    return siretChecksumOk(digits) ? ok(digits) : fail(SIRET_CHECK_ERROR);
  },
  // '12345678900012' → '123 456 789 00012' (slices: exports show 100 000 of them)
  display: (value) =>
    /^\d{14}$/.test(value) ? `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6, 9)} ${value.slice(9)}` : value,
  searchText: (value) => value,
});
