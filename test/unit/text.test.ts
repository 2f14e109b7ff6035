import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanName } from '../../src/domain/text.ts';

// Names are shown to other people (file names, labels): no character may reorder or hide what they read.
const cases: [string, string, string][] = [
  ['right-to-left override hides an extension', 'facture\u202Efdp.js', 'facturefdp.js'],
  ['every embedding and override', 'a\u202Ab\u202Bc\u202Cd\u202De\u202Ef', 'abcdef'],
  ['isolates', '\u2066a\u2067b\u2068c\u2069d', 'abcd'],
  ['marks LRM, RLM, ALM', 'a\u200Eb\u200Fc\u061Cd', 'abcd'],
  ['C0 controls', 'a\u0000b\u0007c\u001Bd', 'abcd'],
  ['DEL and C1 controls (NEL is a line break)', 'a\u007Fb\u0080c\u0085d\u009Fe', 'abc de'],
  ['line breaks and tabs become one space', 'budget\r\n2026\tfinal', 'budget 2026 final'],
  ['line and paragraph separators become a space', 'a\u2028b\u2029c', 'a b c'],
  ['spaces around are trimmed', '  relevé.pdf \u202E', 'relevé.pdf'],
  ['accents, arabic and emoji are kept', 'Relevé عربي 👩‍💻.pdf', 'Relevé عربي 👩‍💻.pdf'],
  ['nothing left', '\u202E\u0000', ''],
];
for (const [name, input, expected] of cases) {
  test(`cleanName: ${name}`, () => assert.equal(cleanName(input), expected));
}
