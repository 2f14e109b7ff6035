// Text that people type and others read as a name (file names, labels): nothing in it may reorder or
// hide what is shown.

/** Bidirectional controls (embeddings, overrides, isolates, LRM, RLM, ALM) and the C0 and C1 control
 *  characters, DEL included. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Line breaks and tabs separate words: they become a space before the rest is removed. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

/** A name without bidirectional or control characters, each run of line breaks turned into a space,
 *  trimmed.
 *  `facture\u202Efdp.js` would read as « facturesj.pdf »: it becomes `facturefdp.js`. */
export function cleanName(name: string): string {
  return name.replace(BREAKS, ' ').replace(INVISIBLE, '').trim();
}
