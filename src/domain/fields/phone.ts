import { fail, ok, textLikeModule } from './shared.ts';

export const PHONE_ERROR = 'Saisissez un numéro de téléphone valide';

/** Normalises a phone number, or returns null when it is not one.
 *  Stored form (chosen so that the same number is always stored the same way):
 *  - French national numbers (10 digits, 0 then 1–9), with spaces, dots or dashes:
 *    grouped by two, '01 23 45 67 89';
 *  - French numbers in international form (+33, 0033, +33 (0)…): '+33 1 23 45 67 89';
 *  - other international numbers ('+' or '00', then 8 to 15 digits): '+' then the digits with the
 *    separators typed (spaces, dots, dashes, slashes, parentheses) turned into single spaces,
 *    e.g. '+1 (202) 555-0143' → '+1 202 555 0143'. */
export function normalizePhone(input: string): string | null {
  if (!/^[+0-9][0-9\s.\-/()\u00a0]*$/.test(input)) return null;
  const digits = input.replace(/\D/g, '');
  const international = input.startsWith('+') || (input.startsWith('00') && !/^00\d{8}$/.test(digits));
  if (!international) {
    if (!/^0[1-9]\d{8}$/.test(digits)) return null;
    return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
  }
  let rest = input.startsWith('+') ? input.slice(1) : input.replace(/^\s*00/, '');
  // French number in international form, optionally with the national trunk '(0)'.
  rest = rest.replace(/^(\s*33[\s.-]*)\(0\)/, '$1');
  const intlDigits = rest.replace(/\D/g, '');
  if (/^33/.test(intlDigits)) {
    const national = intlDigits.slice(2);
    if (!/^[1-9]\d{8}$/.test(national)) return null;
    return `+33 ${national[0]} ${national.slice(1).replace(/(\d{2})(?=\d)/g, '$1 ')}`;
  }
  if (intlDigits.length < 8 || intlDigits.length > 15 || intlDigits.startsWith('0')) return null;
  const grouped = rest.replace(/[\s.\-/()\u00a0]+/g, ' ').trim();
  return `+${grouped}`;
}

/** Phone number (see normalizePhone for what is accepted and stored). */
export const phone = textLikeModule({
  type: 'phone',
  label: 'Téléphone',
  invalid: PHONE_ERROR,
  normalize: (value) => {
    const normalised = normalizePhone(value);
    return normalised === null ? fail(PHONE_ERROR) : ok(normalised);
  },
  searchText: (value) => `${value} ${value.replace(/\D/g, '')}`,
});
