// The load seed's search vectors, assembled in Node instead of computed by to_tsvector in
// PostgreSQL, which was more than a quarter of the database's work while seeding (the parser,
// unaccent and the French stemmer on ~90 words per dossier: ≈ 100 µs of CPU per dossier).
//
// For the generated texts, to_tsvector('french', f_unaccent(text)) is the union of the vectors of
// the text's space-separated pieces, each shifted by the positions that the pieces before it took:
// unaccent maps characters one by one, and the default parser makes no token across a space but a
// tag or comment (a part with « < » sends its text to PostgreSQL whole). The parser reads the start
// of a text differently (« ~/x » there is a path, after a space « /x »): a text's first part is
// computed alone, every other after a word and a space, whose lexeme is then dropped.
// So a vector is assembled from the vectors of the text's parts (the identity, then one part per
// champ: searchPartsOfDossier), which PostgreSQL computes once (one statement for all the parts a
// batch sees for the first time) and this cache keeps. Parts with digits (amounts, dates, phone
// numbers, SIRET, IBAN…) are nearly all unique: they are kept as templates — each run of digits
// replaced by one repeated digit — whose lexemes get the real digits back (the parser classifies
// digits by kind, never by value); a part with more than 9 runs goes chunk by chunk. E-mail
// addresses are kept by shape (letters but e/E and digits replaced): one lexeme, the address in
// lower case, when the shape is one e-mail token.
//
// This is for the generator's texts only, and tests check the vectors against to_tsvector of the
// whole text on both engines (search-vectors.test.ts on chosen edge cases, seed.test.ts on every
// seeded dossier). What cannot be assembled (a shape that is not one e-mail token, more positions
// than a tsvector holds) is computed whole by PostgreSQL. The application's writers keep
// to_tsvector (src/features/work-list/refresh-search-terms.ts).
import type { Executor } from '../../src/platform/db/index.ts';
import { executeRaw } from '../../src/platform/db/index.ts';
import { ByteWriter } from './byte-writer.ts';

/** What one part (or template) gives: its lexemes — interned ids, or for templates parts (text, or the index of a digit run to put back) — with their positions in the part, and how many positions it takes. */
interface Piece {
  span: number;
  /** per lexeme: its code (an interned id, or -1 - the index of its template), its position count, its positions; one array to read (no pointer to chase per lexeme) */
  data: Int32Array;
  templates: (string | number)[][];
}

/** A token the French configuration keeps as is and no generated part contains: it tells a part's span. */
const MARKER = '987654321';
/** Computed after this word and a space, as every part but a text's first is read (its lexeme is then dropped). */
const PREFIX = 'qqqqqz';
/** Key prefixes: a text's first part (read at the start), an e-mail shape, a chunk kept as it is. */
const START = '\u0002';
const EMAIL_SHAPE = '\u0001';
const RAW = '\u0000';
const DIGITS = /[0-9]/;
/** A part that may be an e-mail address: ASCII, one word with an @ (pieceOf checks its shape). */
const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+$/;
const RUNS = /[0-9]+/g;
const SHAPE = new Uint8Array(256);

/** An ASCII e-mail address with its letters but e/E as a/A and its digits as 1 (one pass, no regex). */
function emailShape(part: string): string {
  const n = part.length;
  const out = n <= SHAPE.length ? SHAPE : new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = part.charCodeAt(i);
    out[i] =
      c >= 97 && c <= 122
        ? c === 101
          ? c
          : 97
        : c >= 65 && c <= 90
          ? c === 69
            ? c
            : 65
          : c >= 48 && c <= 57
            ? 49
            : c;
  }
  return String.fromCharCode.apply(null, out.subarray(0, n) as unknown as number[]);
}
/** tsvector limits: a position is at most 16383 and to_tsvector keeps at most 255 per lexeme (beyond, left to PostgreSQL). */
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 255;
/** Positions (and so lexemes) of one text assembled in the scratch arrays; beyond, PostgreSQL does it whole. */
const MAX_CELLS = 1 << 16;

/**
 * Search vectors of generated texts, in tsvector's binary form (what `COPY … (FORMAT binary)` and
 * tsvectorrecv take; tsvectorLiteral gives the text form). Lexemes are interned: a text is assembled
 * in scratch arrays reused from one text to the next, without a Map or an array per lexeme.
 */
export class SearchVectors {
  private readonly pieces = new Map<string, Piece | null>();
  private readonly intern = new Map<string, number>();
  // the interned lexemes' UTF-8 bytes, one after the other
  private readonly arena = new ByteWriter();
  private lexemeStart = new Int32Array(1024);
  private lexemeEnd = new Int32Array(1024);
  // scratch, per lexeme id: the serial of the text that last used it and its slot there
  private stamp = new Int32Array(1024);
  private slotOf = new Int32Array(1024);
  private serial = 0;
  // scratch, per slot of the current text: lexeme (id, or -1 - index in strings), positions as linked lists
  private readonly slotLexeme = new Int32Array(MAX_CELLS);
  private readonly slotHead = new Int32Array(MAX_CELLS);
  private readonly slotTail = new Int32Array(MAX_CELLS);
  private readonly slotCount = new Int32Array(MAX_CELLS);
  private readonly posValue = new Int32Array(MAX_CELLS);
  private readonly posNext = new Int32Array(MAX_CELLS);
  private strings: string[] = [];
  private stringSlots: number[] = [];

  constructor(private readonly maxEntries = 200_000) {}

  /**
   * The vectors of these texts, each given in parts (the text is the parts joined by spaces:
   * identity, then one part per champ: searchPartsOfDossier), computing in one statement what the
   * cache lacks; the rare text that cannot be assembled is computed whole by PostgreSQL.
   */
  async vectors(ex: Executor, texts: readonly (readonly string[])[]): Promise<Buffer[]> {
    // each text's parts as flat lists: the cached piece (or the key to compute) and the digit runs
    const refs: (Piece | null | string)[] = [];
    const runsOf: (string[] | null)[] = [];
    const ends: number[] = [];
    const missing = new Set<string>();
    const add = (key: string, runs: string[] | null) => {
      const piece = this.pieces.get(key);
      if (piece === undefined) missing.add(key);
      refs.push(piece === undefined ? key : piece);
      runsOf.push(runs);
    };
    for (const parts of texts) {
      const first = refs.length;
      for (const part of parts) {
        // the parser reads a part at the start of a text differently from one after a space (« ~/x »):
        // the first part has its own key
        const at = refs.length === first ? START : '';
        if (part.includes('<')) {
          // a tag or a comment may run across spaces: the whole text goes to PostgreSQL
          refs.push(null);
          runsOf.push(null);
          continue;
        }
        if (part.includes('@') && EMAIL.test(part)) {
          // an e-mail address: one lexeme, itself in lower case, whatever its letters (see pieceOf);
          // e and E stay (after digits they make a number: « 1e5 »)
          add(`${at}${EMAIL_SHAPE}${emailShape(part)}`, [part.toLowerCase()]);
          continue;
        }
        const runs = digitRuns(part);
        if (runs === null) add(at + part, null);
        else if (runs.length <= 9) add(at + template(part, runs), runs);
        // too many digit runs for one template: chunk by chunk (a chunk with more, as it is)
        else
          for (const chunk of part.split(' ')) {
            if (chunk === '') continue;
            const lead = refs.length === first ? START : '';
            const r = digitRuns(chunk);
            if (r === null) add(lead + chunk, null);
            else if (r.length <= 9) add(lead + template(chunk, r), r);
            else add(`${lead}${RAW}${chunk}`, null);
          }
      }
      ends.push(refs.length);
    }
    const fresh = await this.computePieces(ex, [...missing]);
    for (const [key, piece] of fresh) if (this.pieces.size < this.maxEntries) this.pieces.set(key, piece);
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i];
      if (typeof ref === 'string') refs[i] = fresh.get(ref) ?? null;
    }
    const out = new ByteWriter(texts.length * 1024);
    const bounds: number[] = [];
    const whole: number[] = [];
    for (let t = 0; t < texts.length; t++) {
      const start = out.length;
      if (!this.assemble(refs as (Piece | null)[], runsOf, t === 0 ? 0 : ends[t - 1], ends[t], out)) {
        out.length = start;
        whole.push(t);
      }
      bounds.push(start, out.length);
    }
    const bytes = out.bytes();
    const result = texts.map((_t, i) => bytes.subarray(bounds[2 * i], bounds[2 * i + 1]));
    if (whole.length > 0) {
      const r = await executeRaw(
        ex,
        `SELECT k.i::int AS i, tsvectorsend(to_tsvector('french', f_unaccent(k.c))) AS v
        FROM unnest($1::text[]) WITH ORDINALITY AS k(c, i)`,
        [whole.map((t) => texts[t].join(' '))],
      );
      for (const row of r.rows) result[whole[row.i - 1]] = row.v as Buffer;
    }
    return result;
  }

  /** Writes the binary form of a text's vector (its parts: refs[from … to)); false when it needs PostgreSQL whole (a part it cannot template, tsvector limits). */
  private assemble(
    refs: (Piece | null)[],
    runsOf: (string[] | null)[],
    from: number,
    to: number,
    out: ByteWriter,
  ): boolean {
    this.serial = (this.serial + 1) | 0;
    this.strings.length = 0;
    this.stringSlots.length = 0;
    const { stamp, slotOf, slotLexeme, slotHead, slotTail, slotCount, posValue, posNext, serial } = this;
    let slots = 0;
    let cells = 0;
    let base = 0;
    for (let k = from; k < to; k++) {
      const piece = refs[k];
      if (piece === null || base + piece.span > MAX_POSITION) return false;
      const data = piece.data;
      for (let d = 0; d < data.length; ) {
        const code = data[d];
        const count = data[d + 1];
        let slot = -1;
        let id = code;
        let text = '';
        if (code < 0) {
          // a lexeme built from a template (digits put back) or an e-mail: the same lexeme may come
          // interned from another part, or built from another template of this text
          const lx = piece.templates[-1 - code];
          const runs = runsOf[k]!;
          text = lx.length === 1 ? (typeof lx[0] === 'number' ? runs[lx[0]] : lx[0]) : '';
          if (lx.length > 1)
            for (let p = 0; p < lx.length; p++) text += typeof lx[p] === 'number' ? runs[lx[p] as number] : lx[p];
          id = this.intern.get(text) ?? -1;
        }
        if (id >= 0) {
          if (stamp[id] === serial) {
            slot = slotOf[id];
          } else {
            slot = slots++;
            stamp[id] = serial;
            slotOf[id] = slot;
            slotLexeme[slot] = id;
            slotHead[slot] = -1;
            slotCount[slot] = 0;
          }
        } else {
          // not interned: found among the text's few others by a scan
          const strings = this.strings;
          for (let i = 0; i < strings.length; i++) {
            if (strings[i] === text) {
              slot = this.stringSlots[i];
              break;
            }
          }
          if (slot < 0) {
            slot = slots++;
            slotLexeme[slot] = -1 - strings.length;
            strings.push(text);
            this.stringSlots.push(slot);
            slotHead[slot] = -1;
            slotCount[slot] = 0;
          }
        }
        if (cells + count > MAX_CELLS) return false;
        for (let q = d + 2; q < d + 2 + count; q++) {
          const cell = cells++;
          posValue[cell] = base + data[q];
          posNext[cell] = -1;
          if (slotHead[slot] < 0) slotHead[slot] = cell;
          else posNext[slotTail[slot]] = cell;
          slotTail[slot] = cell;
        }
        if ((slotCount[slot] += count) > MAX_POSITIONS_PER_LEXEME) return false;
        d += 2 + count;
      }
      base += piece.span;
    }
    // tsvectorrecv: entry count, then each lexeme (NUL-terminated), its position count and positions (weight D: 0)
    out.int32(slots);
    const arena = this.arena.bytes();
    for (let slot = 0; slot < slots; slot++) {
      const lexeme = slotLexeme[slot];
      if (lexeme >= 0) out.raw(arena, this.lexemeStart[lexeme], this.lexemeEnd[lexeme]);
      else out.utf8(this.strings[-1 - lexeme]);
      out.uint8(0);
      out.uint16(slotCount[slot]);
      for (let cell = slotHead[slot]; cell >= 0; cell = posNext[cell]) out.uint16(posValue[cell]);
    }
    return true;
  }

  private internId(lexeme: string): number {
    let id = this.intern.get(lexeme);
    if (id === undefined) {
      id = this.intern.size;
      this.intern.set(lexeme, id);
      if (id >= this.stamp.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        this.stamp = grow(this.stamp);
        this.slotOf = grow(this.slotOf);
        this.lexemeStart = grow(this.lexemeStart);
        this.lexemeEnd = grow(this.lexemeEnd);
      }
      this.lexemeStart[id] = this.arena.length;
      this.arena.utf8(lexeme);
      this.lexemeEnd[id] = this.arena.length;
    }
    return id;
  }

  /** The pieces of these keys (templates computed as they are), from to_tsvector of each followed by the marker. */
  private async computePieces(ex: Executor, keys: string[]): Promise<Map<string, Piece | null>> {
    const out = new Map<string, Piece | null>();
    if (keys.length === 0) return out;
    const parsed = keys.map((key) => {
      const atStart = key.startsWith(START);
      const rest = atStart ? key.slice(1) : key;
      const kind = rest.startsWith(EMAIL_SHAPE) ? 'email' : rest.startsWith(RAW) ? 'raw' : 'plain';
      return { atStart, kind, text: kind === 'plain' ? rest : rest.slice(1) } as const;
    });
    const r = await executeRaw(
      ex,
      `SELECT k.i::int AS i, t.lexeme, t.positions::int[] AS positions
      FROM unnest($1::text[], $2::boolean[]) WITH ORDINALITY AS k(c, s, i),
        unnest(to_tsvector('french', f_unaccent(CASE WHEN k.s THEN '' ELSE '${PREFIX} ' END || k.c || ' ${MARKER}'))) AS t`,
      [parsed.map((p) => p.text), parsed.map((p) => p.atStart)],
    );
    const rows = new Map<number, { lexeme: string; positions: number[] }[]>();
    for (const row of r.rows) {
      let positions: number[] = row.positions;
      // after the prefix: drop its position (1) and count from the part's first word
      if (!parsed[row.i - 1].atStart) positions = positions.filter((p) => p !== 1).map((p) => p - 1);
      if (positions.length === 0) continue;
      const list = rows.get(row.i) ?? [];
      list.push({ lexeme: row.lexeme, positions });
      rows.set(row.i, list);
    }
    for (let k = 0; k < keys.length; k++)
      out.set(keys[k], this.pieceOf(parsed[k].text, parsed[k].kind, rows.get(k + 1) ?? []));
    return out;
  }

  private pieceOf(
    text: string,
    kind: 'plain' | 'email' | 'raw',
    rows: { lexeme: string; positions: number[] }[],
  ): Piece | null {
    const marker = rows.find((x) => x.lexeme === MARKER);
    if (!marker) return null;
    const span = marker.positions[marker.positions.length - 1] - 1;
    if (kind === 'email') {
      // an e-mail's shape: the parser classifies characters (but e/E, kept), never reads them, so
      // when the shape is one token kept whole in lower case (an e-mail, simple dictionary), so is every
      // address of that shape; otherwise the text goes to PostgreSQL whole
      const own = rows.filter((x) => x.lexeme !== MARKER);
      const whole =
        own.length === 1 &&
        own[0].lexeme === text.toLowerCase() &&
        own[0].positions.length === 1 &&
        own[0].positions[0] === 1 &&
        span === 1;
      return whole ? { span: 1, data: Int32Array.from([-1, 1, 1]), templates: [[0]] } : null;
    }
    const raw = kind === 'raw';
    // run lengths of the template, by run index
    const lengths = raw ? [] : (text.match(RUNS) ?? []).map((run) => run.length);
    const data: number[] = [];
    const templates: (string | number)[][] = [];
    for (const { lexeme, positions } of rows) {
      const own = lexeme === MARKER ? positions.slice(0, -1) : positions;
      if (own.length === 0) continue;
      if (!DIGITS.test(lexeme)) {
        data.push(this.internId(lexeme));
      } else if (raw) {
        // interned lexemes never have digits: those go the way of the templates' (see assemble)
        data.push(-1 - templates.length);
        templates.push([lexeme]);
      } else {
        const parts: (string | number)[] = [];
        let last = 0;
        for (const m of lexeme.matchAll(RUNS)) {
          const index = Number(m[0][0]) - 1;
          // a run of the lexeme must be one whole run of the template, or the digits cannot be put back
          if (index < 0 || m[0] !== m[0][0].repeat(m[0].length) || lengths[index] !== m[0].length) return null;
          if (m.index > last) parts.push(lexeme.slice(last, m.index));
          parts.push(index);
          last = m.index + m[0].length;
        }
        if (last < lexeme.length) parts.push(lexeme.slice(last));
        data.push(-1 - templates.length);
        templates.push(parts);
      }
      data.push(own.length, ...own);
    }
    const piece: Piece = { span, data: Int32Array.from(data), templates };
    return piece;
  }
}

/** The runs of digits of a part, null without any. */
function digitRuns(part: string): string[] | null {
  // most parts have no digit: the regular expression scans faster than a loop over char codes
  if (!DIGITS.test(part)) return null;
  let runs: string[] | null = null;
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    let end = i + 1;
    while (end < part.length && part.charCodeAt(end) >= 48 && part.charCodeAt(end) <= 57) end++;
    (runs ??= []).push(part.slice(i, end));
    i = end - 1;
  }
  return runs;
}

/** A part's template: run k (1 to 9) written as the digit k repeated — its cache key. */
function template(part: string, runs: string[]): string {
  let key = '';
  let from = 0;
  for (let k = 0; k < runs.length; k++) {
    const at = part.indexOf(runs[k], from);
    key += part.slice(from, at) + String(k + 1).repeat(runs[k].length);
    from = at + runs[k].length;
  }
  return key + part.slice(from);
}

/** The text form (tsvector input syntax) of a vector in binary form: for INSERT … unnest($n::tsvector[]) and for tests. */
export function tsvectorLiteral(binary: Uint8Array): string {
  const b = Buffer.from(binary.buffer, binary.byteOffset, binary.byteLength);
  const entries = b.readInt32BE(0);
  const parts: string[] = [];
  let at = 4;
  for (let e = 0; e < entries; e++) {
    const end = b.indexOf(0, at);
    const lexeme = b.toString('utf8', at, end);
    const count = b.readUInt16BE(end + 1);
    at = end + 3;
    const positions: number[] = [];
    for (let k = 0; k < count; k++, at += 2) positions.push(b.readUInt16BE(at) & 0x3fff);
    parts.push(`'${lexeme.replace(/['\\]/g, '$&$&')}'${count > 0 ? `:${positions.join(',')}` : ''}`);
  }
  return parts.join(' ');
}
