// Phone numbers for the load seed without libphonenumber: the same numbers as the demo seed's
// `randomPhone` (src/seed/data.ts) for the same draws, and the same search text as the phone field's
// (src/domain/fields/phone.ts). Both parse each number with libphonenumber's full metadata (≈ 8 µs a
// parse, twice per number): 15–19 % of the load's generator (docs/load-seed.md, ninth session).
//
// A drawn number is '+33' then a first digit among 1–7, 9 and eight digits. Whether it is valid
// (normalizePhone gives it back unchanged) depends only on its first five national digits: every
// number pattern of the French plan's metadata (FR and the overseas territories it tries: RE, YT, GP,
// BL, MF, GF, MQ) is a prefix of at most five digits followed by `\d{4}` or more. The rules below are
// those patterns, for nine-digit numbers; test/unit/load-phones.test.ts checks them against
// normalizePhone and the phone field's search text for every five-digit prefix.
import { PHONE_FIRST_DIGITS, type Rng } from '../../src/seed/data.ts';

/** randomPhone(rng): the same draws from rng, the same number. */
export function loadPhone(rng: Rng): string {
  const first = rng.weighted(PHONE_FIRST_DIGITS);
  let rest = '';
  for (let i = 0; i < 8; i++) rest += String(rng.int(0, 9));
  return validFrenchNational(first + rest) ? `+33${first}${rest}` : `+3361${rest.slice(1)}`;
}

/**
 * Whether '+33' + national (nine digits, the first among 1–7 and 9) is what normalizePhone gives back:
 * a valid number of the metropolitan plan, and not a fixed or mobile number of an overseas territory
 * that shares the plan (normalizePhone would give it the territory's code).
 */
export function validFrenchNational(national: string): boolean {
  const d = (i: number) => national.charCodeAt(i) - 48;
  const d2 = d(1);
  switch (d(0)) {
    case 1:
    case 3:
    case 9:
      return true;
    case 2: {
      if (d2 !== 6) return true;
      const d3 = d(2);
      if (d3 === 2) return false;
      // 263: Réunion's fixed lines 2630, 2631[0-6]; 269: Mayotte's 2690[0-467], 26915, 2695[0-4], 2696, 26970, 26980
      if (d3 === 3) {
        const d4 = d(3);
        return !(d4 === 0 || (d4 === 1 && d(4) <= 6));
      }
      if (d3 === 9) {
        const d4 = d(3);
        const d5 = d(4);
        if (d4 === 0) return !(d5 <= 4 || d5 === 6 || d5 === 7);
        if (d4 === 1) return d5 !== 5;
        if (d4 === 5) return d5 > 4;
        if (d4 === 6) return false;
        if (d4 === 7 || d4 === 8) return d5 !== 0;
        return true;
      }
      return true;
    }
    case 4:
      return d2 !== 0;
    case 5: {
      if (d2 !== 9) return true;
      const d3 = d(2);
      if (d3 === 0 || d3 === 4) return false;
      // 596: Martinique's fixed lines 596[03-7], 5961[05], 5962[7-9], 5968[0-39], 5969[04-9]
      if (d3 === 6) {
        const d4 = d(3);
        const d5 = d(4);
        if (d4 === 0 || (d4 >= 3 && d4 <= 7)) return false;
        if (d4 === 1) return !(d5 === 0 || d5 === 5);
        if (d4 === 2) return d5 < 7;
        if (d4 === 8) return d5 === 4 || d5 === 5 || d5 === 6 || d5 === 7 || d5 === 8;
        return !(d5 === 0 || d5 >= 4);
      }
      return true;
    }
    case 6:
      if (d2 === 3) return d(2) !== 9;
      if (d2 === 9) {
        const d3 = d(2);
        return d3 === 5 || d3 === 8 || d3 === 9;
      }
      return true;
    case 7:
      return d2 >= 3;
    default:
      return false;
  }
}

const DRAWN = /^\+33[1-79][0-9]{8}$/;

/**
 * The phone field's search text of a value loadPhone gives (its national form, the same digits
 * without spaces, the E.164 form), or null for any other value (the field's own searchText then).
 */
export function loadPhoneSearchText(value: string): string | null {
  if (!DRAWN.test(value)) return null;
  const n = value.slice(3);
  if (!validFrenchNational(n)) return null;
  return `0${n[0]} ${n.slice(1, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7)} 0${n} ${value}`;
}
