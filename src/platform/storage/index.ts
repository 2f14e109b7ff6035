// Files: bytes behind a Storage interface (local disk by default), metadata in the `files` table.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface Storage {
  put(key: string, bytes: Buffer): Promise<void>;
  /** Writes a stream under `key` (all or nothing) and returns its size in bytes. */
  putStream(key: string, source: Readable): Promise<number>;
  get(key: string): Promise<Buffer>;
  stream(key: string): Readable;
  delete(key: string): Promise<void>;
}

export class DiskStorage implements Storage {
  constructor(private root: string) {}
  private file(key: string): string {
    if (!/^[a-z0-9/_-]+$/i.test(key) || key.includes('..')) throw new Error('clé de stockage invalide');
    return path.join(this.root, key);
  }
  async put(key: string, bytes: Buffer): Promise<void> {
    const f = this.file(key);
    await fsp.mkdir(path.dirname(f), { recursive: true });
    const tmp = `${f}.tmp-${process.pid}`;
    await fsp.writeFile(tmp, bytes);
    await fsp.rename(tmp, f);
  }
  async putStream(key: string, source: Readable): Promise<number> {
    const f = this.file(key);
    await fsp.mkdir(path.dirname(f), { recursive: true });
    const tmp = `${f}.tmp-${process.pid}`;
    try {
      await pipeline(source, fs.createWriteStream(tmp));
      await fsp.rename(tmp, f);
    } catch (e) {
      await fsp.rm(tmp, { force: true });
      throw e;
    }
    return (await fsp.stat(f)).size;
  }
  async get(key: string): Promise<Buffer> {
    return fsp.readFile(this.file(key));
  }
  stream(key: string): Readable {
    return fs.createReadStream(this.file(key));
  }
  async delete(key: string): Promise<void> {
    await fsp.rm(this.file(key), { force: true });
  }
}

/** In-memory storage for tests. */
export class MemoryStorage implements Storage {
  files = new Map<string, Buffer>();
  async put(key: string, bytes: Buffer) {
    this.files.set(key, Buffer.from(bytes));
  }
  async putStream(key: string, source: Readable) {
    const chunks: Buffer[] = [];
    await pipeline(
      source,
      new Writable({
        write(chunk, _enc, cb) {
          chunks.push(Buffer.from(chunk));
          cb();
        },
      }),
    );
    const bytes = Buffer.concat(chunks);
    this.files.set(key, bytes);
    return bytes.length;
  }
  async get(key: string) {
    const b = this.files.get(key);
    if (!b) throw new Error(`fichier absent : ${key}`);
    return b;
  }
  stream(key: string) {
    return Readable.from([this.files.get(key) ?? Buffer.alloc(0)]);
  }
  async delete(key: string) {
    this.files.delete(key);
  }
}
