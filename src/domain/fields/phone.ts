// Phone numbers, parsed and validated by libphonenumber-js with its full metadata (`/max`: it checks
// each country's number ranges, not only their lengths), so that a typo is caught at input.
import { type CountryCode, type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { fail, ok, textLikeModule } from './shared.ts';

export const PHONE_ERROR = 'Saisissez un numéro de téléphone valide';

/** The territories that share the French numbering plan (a 10-digit number dialled with a leading 0
 *  from anywhere in France): metropolitan France and the overseas départements, whose geographic and
 *  mobile ranges (0262, 0692, 0596…) the metadata would otherwise also read as metropolitan ones.
 *  Saint-Pierre-et-Miquelon (+508), New Caledonia (+687), Polynesia (+689), Wallis-et-Futuna (+681)
 *  have their own plans: they are typed in international form. */
const FRENCH_PLAN: CountryCode[] = ['FR', 'RE', 'YT', 'GP', 'BL', 'MF', 'MQ', 'GF'];

/** The overseas ranges of the French plan (national number without the 0): which territory to try.
 *  A guess from the first digits, then a check, rather than parsing the number for every territory. */
const OVERSEAS_RANGES: [RegExp, CountryCode[]][] = [
  [/^(?:26[23]|69[23])/, ['RE']],
  [/^(?:269|639)/, ['YT']],
  [/^(?:590|69[01])/, ['GP', 'BL', 'MF']],
  [/^(?:594|694)/, ['GF']],
  [/^(?:596|69[67])/, ['MQ']],
];

// Digits, an optional leading '+', and the separators people type (no letters: "06 12 34 56 78 a" is
// rejected rather than cut short).
const PHONE_CHARS = /^\+?[0-9\s.\-/()\u00a0]+$/;

function parsePhone(input: string): PhoneNumber | null {
  const text = input.trim();
  if (!PHONE_CHARS.test(text)) return null;
  const n = parsePhoneNumberFromString(text, 'FR');
  if (!n) return null;
  // A number of the French plan: '06 92…', or '+33 6 92…' (a Réunion number written with the
  // metropolitan code), is the overseas territory's when it is one of its geographic or mobile numbers.
  if (n.countryCallingCode === '33') {
    const territories = OVERSEAS_RANGES.find(([range]) => range.test(n.nationalNumber))?.[1] ?? [];
    for (const territory of territories) {
      const o = parsePhoneNumberFromString(`0${n.nationalNumber}`, territory);
      const type = o?.isValid() ? o.getType() : undefined;
      if (type === 'FIXED_LINE' || type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE') return o ?? null;
    }
  }
  return n.isValid() ? n : null;
}

/** The stored form of a phone number (E.164, e.g. '+33612345678', '+262692123456', '+442079460958'),
 *  or null when the input is not a valid number. Accepted: French national numbers (metropolitan and
 *  overseas) with spaces, dots or dashes; '+' or '00' then the country code, with or without the
 *  French trunk '(0)'. */
export function normalizePhone(input: string): string | null {
  return parsePhone(input)?.number ?? null;
}

const METROPOLITAN_E164 = /^\+33([1-79]\d{8})$/;

function shown(n: PhoneNumber): string {
  return n.country && FRENCH_PLAN.includes(n.country) ? n.formatNational() : n.formatInternational();
}

/** As shown: national form for the French numbering plan ('06 12 34 56 78', '0692 12 34 56'),
 *  international form otherwise ('+44 20 7946 0958'). Values stored before E.164 (such as
 *  '01 23 45 67 89') are read the same way; anything unreadable is shown as stored. */
export function formatPhone(stored: string): string {
  // Fast path for the common stored form, a metropolitan E.164 number ('+33612345678' → '06 12 34 56
  // 78', what libphonenumber prints; 08 numbers and overseas ranges are printed otherwise and go the
  // long way): exports show 100 000 of them, and parsing costs ~80 µs each.
  const m = METROPOLITAN_E164.exec(stored);
  if (m && !OVERSEAS_RANGES.some(([range]) => range.test(m[1]))) {
    const d = m[1]; // nine digits
    return `0${d[0]} ${d.slice(1, 3)} ${d.slice(3, 5)} ${d.slice(5, 7)} ${d.slice(7)}`;
  }
  const n = parsePhone(stored);
  return n ? shown(n) : stored;
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
  // found by its shown form, its digits as shown without separators, and its E.164 form
  searchText: (value) => {
    const n = parsePhone(value);
    if (!n) return value;
    const display = shown(n);
    return [...new Set([display, display.replace(/\D/g, ''), n.number])].join(' ');
  },
});
