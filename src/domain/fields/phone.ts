// Phone numbers, parsed and validated by libphonenumber-js with its full metadata (`/max`: it checks
// each country's number ranges, not only their lengths), so that a typo is caught at input.
import { type CountryCode, type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { fail, ok, textLikeModule } from './shared.ts';

export const PHONE_ERROR = 'Saisissez un numéro de téléphone valide';

/** The territories that share the French numbering plan (a 10-digit number dialled with a leading 0
 *  from anywhere in France): the overseas départements first, since their geographic and mobile
 *  ranges (0262, 0692, 0596…) would otherwise be read as metropolitan ones, then metropolitan France
 *  (which also keeps the national service numbers, 08 and 09). Saint-Pierre-et-Miquelon
 *  (+508), New Caledonia (+687), Polynesia (+689), Wallis-et-Futuna (+681) have their own plans:
 *  they are typed in international form. */
const OVERSEAS: CountryCode[] = ['RE', 'YT', 'GP', 'BL', 'MF', 'MQ', 'GF'];
const FRENCH_PLAN: CountryCode[] = [...OVERSEAS, 'FR'];

// Digits, an optional leading '+', and the separators people type (no letters: "06 12 34 56 78 a" is
// rejected rather than cut short).
const PHONE_CHARS = /^\+?[0-9\s.\-/()\u00a0]+$/;

function parsePhone(input: string): PhoneNumber | null {
  const text = input.trim();
  if (!PHONE_CHARS.test(text)) return null;
  if (text.startsWith('+') || text.startsWith('00')) {
    const n = parsePhoneNumberFromString(text, 'FR');
    if (!n) return null;
    // '+33 6 92…' is a Réunion number written with the metropolitan code: read as '06 92…' would be
    if (n.countryCallingCode === '33') return parseNational(`0${n.nationalNumber}`);
    return n.isValid() ? n : null;
  }
  return parseNational(text);
}

function parseNational(text: string): PhoneNumber | null {
  for (const country of OVERSEAS) {
    const n = parsePhoneNumberFromString(text, country);
    const type = n?.isValid() ? n.getType() : undefined;
    if (type === 'FIXED_LINE' || type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE') return n ?? null;
  }
  const n = parsePhoneNumberFromString(text, 'FR');
  return n?.isValid() ? n : null;
}

/** The stored form of a phone number (E.164, e.g. '+33612345678', '+262692123456', '+442079460958'),
 *  or null when the input is not a valid number. Accepted: French national numbers (metropolitan and
 *  overseas) with spaces, dots or dashes; '+' or '00' then the country code, with or without the
 *  French trunk '(0)'. */
export function normalizePhone(input: string): string | null {
  return parsePhone(input)?.number ?? null;
}

/** As shown: national form for the French numbering plan ('06 12 34 56 78', '0692 12 34 56'),
 *  international form otherwise ('+44 20 7946 0958'). Values stored before E.164 (such as
 *  '01 23 45 67 89') are read the same way; anything unreadable is shown as stored. */
export function formatPhone(stored: string): string {
  const n = parsePhone(stored);
  if (!n) return stored;
  return n.country && FRENCH_PLAN.includes(n.country) ? n.formatNational() : n.formatInternational();
}

/** Phone number (see normalizePhone for what is accepted, formatPhone for how it is shown). */
export const phone = textLikeModule({
  type: 'phone',
  label: 'Téléphone',
  invalid: PHONE_ERROR,
  normalize: (value) => {
    const normalised = normalizePhone(value);
    return normalised === null ? fail(PHONE_ERROR) : ok(normalised);
  },
  display: (value) => formatPhone(value),
  // found by its shown form, its digits as typed without separators, and its E.164 form
  searchText: (value) => {
    const shown = formatPhone(value);
    const parts = [shown, shown.replace(/\D/g, ''), normalizePhone(value) ?? value];
    return [...new Set(parts.filter(Boolean))].join(' ');
  },
});
