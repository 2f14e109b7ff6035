// A worker thread of the load on PostgreSQL (tools/load/load.ts): generates batches, assembles their
// search vectors (its own connection computes what its cache lacks) and encodes them for COPY; the
// bytes go back to the seed's thread, which sends them. Generation is most of the load's work in
// Node: on its own thread it runs beside the sending and beside the other workers.
import { parentPort, workerData } from 'node:worker_threads';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from '../../src/platform/db/schema.ts';
import { encodeCopy } from './copy.ts';
import { type BatchIds, BatchGenerator, type LoadSetup } from './load-batch.ts';
import { SearchVectors } from './search-vectors.ts';
import { resolveSearchVectors, type SchemaColumns } from './shared.ts';

export interface WorkerInit {
  setup: LoadSetup;
  databaseUrl: string;
  schema: SchemaColumns;
}
export type WorkerRequest = { start: number; ids: BatchIds } | { close: true };
export type WorkerReply =
  | { payloads: { sql: string; buffer: ArrayBuffer; offset: number; length: number }[] }
  | { error: string };

const port = parentPort;
if (port) {
  const init = workerData as WorkerInit;
  const pool = new pg.Pool({ connectionString: init.databaseUrl, max: 1 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const generator = new BatchGenerator(init.setup);
  const vectors = new SearchVectors();
  port.on('message', async (request: WorkerRequest) => {
    if ('close' in request) {
      await db.destroy();
      port.close();
      return;
    }
    try {
      const buf = generator.generate(request.start, request.ids);
      await resolveSearchVectors(db, buf, vectors);
      const payloads = encodeCopy(buf, init.schema).map((p) => ({
        sql: p.sql,
        buffer: p.bytes.buffer as ArrayBuffer,
        offset: p.bytes.byteOffset,
        length: p.bytes.byteLength,
      }));
      port.postMessage(
        { payloads } satisfies WorkerReply,
        payloads.map((p) => p.buffer),
      );
    } catch (e) {
      port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies WorkerReply);
    }
  });
}
