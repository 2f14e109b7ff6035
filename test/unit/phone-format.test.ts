// formatPhone's fast path for metropolitan E.164 numbers prints exactly what libphonenumber prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { formatPhone } from '../../src/domain/fields/phone.ts';

const FRENCH_PLAN = ['FR', 'RE', 'YT', 'GP', 'BL', 'MF', 'MQ', 'GF'];

function reference(stored: string): string {
  const n = parsePhoneNumberFromString(stored, 'FR');
  if (!n?.isValid()) return stored;
  return n.country && FRENCH_PLAN.includes(n.country) ? n.formatNational() : n.formatInternational();
}

test('metropolitan numbers: the fast path agrees with libphonenumber', () => {
  const rows: [string, string][] = [
    ['+33612345678', '06 12 34 56 78'],
    ['+33123456789', '01 23 45 67 89'],
    ['+33987654321', '09 87 65 43 21'],
    ['+33746000000', '07 46 00 00 00'],
    ['+442079460958', '+44 20 7946 0958'],
    ['+262692123456', '0692 12 34 56'],
  ];
  for (const [stored, shown] of rows) {
    assert.equal(formatPhone(stored), shown, stored);
    assert.equal(formatPhone(stored), reference(stored), stored);
  }
  // a deterministic sweep of every first digit
  for (let i = 0; i < 3000; i++) {
    const stored = `+33${1 + (i % 9)}${String((i * 7_919_773) % 100_000_000).padStart(8, '0')}`;
    // overseas ranges of the French plan are read as their territory's (not this path)
    if (/^\+33(?:26[239]|639|59[046]|69)/.test(stored) || !parsePhoneNumberFromString(stored)?.isValid()) continue;
    assert.equal(formatPhone(stored), reference(stored), stored);
  }
});
