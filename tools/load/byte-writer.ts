// The byte buffer of the seeds' binary encodings: search vectors (search-vectors.ts) and the load's
// COPY rows (tools/load/copy.ts).
/** A growing byte buffer (big-endian numbers, as PostgreSQL's binary formats want them). */
export class ByteWriter {
  private buf: Buffer;
  length = 0;
  constructor(capacity = 1 << 16) {
    // never from Node's shared pool: the bytes may be transferred to another thread
    this.buf = Buffer.allocUnsafeSlow(capacity);
  }
  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
  uint8(v: number): void {
    this.room(1);
    this.buf[this.length++] = v;
  }
  uint16(v: number): void {
    this.room(2);
    this.buf[this.length++] = v >>> 8;
    this.buf[this.length++] = v & 0xff;
  }
  int16(v: number): void {
    this.room(2);
    this.buf.writeInt16BE(v, this.length);
    this.length += 2;
  }
  int32(v: number): void {
    this.room(4);
    const b = this.buf;
    b[this.length++] = (v >>> 24) & 0xff;
    b[this.length++] = (v >>> 16) & 0xff;
    b[this.length++] = (v >>> 8) & 0xff;
    b[this.length++] = v & 0xff;
  }
  /** A whole number within ±2^53 as int8. */
  int64(v: number): void {
    this.room(8);
    const high = Math.floor(v / 4294967296);
    this.buf.writeInt32BE(high, this.length);
    this.buf.writeUInt32BE(v - high * 4294967296, this.length + 4);
    this.length += 8;
  }
  float64(v: number): void {
    this.room(8);
    this.buf.writeDoubleBE(v, this.length);
    this.length += 8;
  }
  /** bytes[from … to) */
  raw(bytes: Uint8Array, from = 0, to = bytes.length): void {
    const n = to - from;
    this.room(n);
    // a loop beats TypedArray#set below a few dozen bytes (lexemes, most values)
    if (n < 48) for (let i = 0; i < n; i++) this.buf[this.length + i] = bytes[from + i];
    else this.buf.set(bytes.subarray(from, to), this.length);
    this.length += n;
  }
  /** UTF-8 bytes of a string (room for the worst case, 3 bytes per UTF-16 unit: no byteLength pass). Returns the byte count. */
  utf8(s: string): number {
    this.room(s.length * 3);
    const n = this.buf.write(s, this.length, 'utf8');
    this.length += n;
    return n;
  }
  /** Overwrites an int32 written earlier (a length prefix). */
  patchInt32(at: number, v: number): void {
    this.buf.writeInt32BE(v, at);
  }
  /** What was written (a view, valid until the next write). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}
