// COPY … FROM STDIN (FORMAT binary) for the load seed on PostgreSQL: what PostgreSQL does with the
// least work per row — no SQL to plan per statement, no text to parse for numbers, instants, arrays
// or search vectors (jsonb travels as its text, which PostgreSQL parses once). The rows come from the
// same RowBuffer as the INSERT … unnest path (flushRows), used where COPY is not (PGlite, the demo).
// Encoding runs where the rows are generated (a worker thread); sending, on the seed's connection.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ByteWriter } from './byte-writer.ts';
import { type RowBuffer, type SchemaColumns, TABLE_ORDER, TABLES, type TableSpec } from './shared.ts';

/** 2000-01-01T00:00:00Z in epoch milliseconds: PostgreSQL's binary instants count microseconds from it. */
const PG_EPOCH_MS = 946_684_800_000;
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** One table's rows in COPY's binary form, with the statement that takes them. */
export interface CopyPayload {
  sql: string;
  bytes: Uint8Array;
}

/** Bytes per row of each table in the last batch encoded here: the next buffer's size (no growing copies). */
const bytesPerRow = new Map<string, number>();

/** The buffered rows as COPY payloads, table by table in foreign-key order. */
export function encodeCopy(buffer: RowBuffer, schema: SchemaColumns): CopyPayload[] {
  const payloads: CopyPayload[] = [];
  // jsonb values kept as bytes in the buffer's arena (their offset there) are already in their binary form
  const arena = buffer.arena?.bytes();
  const jsonb = ENCODERS.jsonb;
  const arenaJsonb: Encoder = (out, v) =>
    typeof v === 'number' ? out.raw(arena!, v, v + 4 + arena!.readInt32BE(v)) : jsonb(out, v);
  for (const table of TABLE_ORDER) {
    const cols = buffer.columns.get(table);
    if (!cols || cols[0].length === 0) continue;
    const spec: TableSpec = TABLES[table];
    const present = schema.get(spec.table);
    const used = spec.columns.map((c, i) => [c, i] as const).filter(([c]) => !c.optional || present?.has(c.name));
    const encoders = used.map(([c]) => {
      const type = present?.get(c.name);
      const encode = type === 'jsonb' ? arenaJsonb : type ? ENCODERS[type] : undefined;
      if (!encode)
        throw new Error(`COPY binaire : type ${type ?? 'inconnu'} de ${spec.table}.${c.name} non pris en charge`);
      return encode;
    });
    const rows = cols[0].length;
    const out = new ByteWriter(Math.ceil(rows * (bytesPerRow.get(table) ?? 256) * 1.2) + 64);
    out.raw(SIGNATURE);
    out.int32(0);
    out.int32(0);
    for (let r = 0; r < rows; r++) {
      out.int16(used.length);
      for (let k = 0; k < used.length; k++) {
        const v = cols[used[k][1]][r];
        // NaN: a missing instant (RowBuffer)
        if (v === null || v === undefined || Number.isNaN(v)) out.int32(-1);
        else encoders[k](out, v);
      }
    }
    out.int16(-1);
    bytesPerRow.set(table, out.length / rows);
    payloads.push({
      sql: `COPY ${spec.table} (${used.map(([c]) => c.name).join(', ')}) FROM STDIN (FORMAT binary)`,
      bytes: out.bytes(),
    });
  }
  return payloads;
}

/** Sends the payloads on this connection (in its transaction), in order. */
export async function sendCopy(client: pg.PoolClient, payloads: CopyPayload[]): Promise<void> {
  for (const p of payloads) await pipeline(Readable.from([p.bytes]), client.query(copyFrom(p.sql)));
}

type Encoder = (out: ByteWriter, v: unknown) => void;

/** A length-prefixed UTF-8 text (the prefix patched once the bytes are written: no byte count beforehand). */
function utf8Field(out: ByteWriter, s: string, version?: number): void {
  const at = out.length;
  out.int32(0);
  if (version !== undefined) out.uint8(version);
  out.utf8(s);
  out.patchInt32(at, out.length - at - 4);
}

const text: Encoder = (out, v) => utf8Field(out, typeof v === 'string' ? v : String(v));
const int8: Encoder = (out, v) => {
  out.int32(8);
  out.int64(Number(v));
};
/** Instants: epoch milliseconds (the rows' form, see ts() in shared.ts), a Date or an ISO text. */
const timestamptz: Encoder = (out, v) => {
  const ms = typeof v === 'number' ? v : v instanceof Date ? v.getTime() : Date.parse(String(v));
  out.int32(8);
  out.int64(Math.round((ms - PG_EPOCH_MS) * 1000));
};
/** bigint[] from its literal ('{}', '{12,14}'): the one array column the seed writes. */
const int8Array: Encoder = (out, v) => {
  const items = Array.isArray(v)
    ? v.map(Number)
    : String(v)
        .replace(/[{}\s]/g, '')
        .split(',')
        .filter((x) => x !== '')
        .map(Number);
  out.int32(items.length === 0 ? 12 : 20 + 12 * items.length);
  out.int32(items.length === 0 ? 0 : 1);
  out.int32(0);
  out.int32(20);
  if (items.length === 0) return;
  out.int32(items.length);
  out.int32(1);
  for (const item of items) {
    out.int32(8);
    out.int64(item);
  }
};

/** By PostgreSQL type name (enums are written as text). */
const ENCODERS: Record<string, Encoder> = {
  text,
  varchar: text,
  bpchar: text,
  enum: text,
  int8,
  int4: (out, v) => {
    out.int32(4);
    out.int32(Number(v));
  },
  int2: (out, v) => {
    out.int32(2);
    out.int16(Number(v));
  },
  bool: (out, v) => {
    out.int32(1);
    out.uint8(v ? 1 : 0);
  },
  float8: (out, v) => {
    out.int32(8);
    out.float64(Number(v));
  },
  timestamptz,
  // version 1 of the binary form, then the JSON text
  jsonb: (out, v) => utf8Field(out, typeof v === 'string' ? v : JSON.stringify(v), 1),
  json: (out, v) => utf8Field(out, typeof v === 'string' ? v : JSON.stringify(v)),
  _int8: int8Array,
  // tsvectorsend's form, as SearchVectors gives it
  tsvector: (out, v) => {
    const bytes = v as Uint8Array;
    out.int32(bytes.length);
    out.raw(bytes);
  },
};
