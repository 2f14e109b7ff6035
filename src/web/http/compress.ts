// Response compression with node:zlib (brotli when the client accepts it, else gzip) for HTML, CSS,
// JS, JSON, CSV and other text. hono/compress covers gzip and deflate only. Pages and JSON are
// compressed in one piece (one buffer, one write with its Content-Length: the stream plumbing —
// web stream to Node stream to web stream, a chunked response — cost more CPU than the compression
// itself under load, docs/deployment.md), on the request's own thread up to SYNC_BYTES (a list page:
// 0.47 ms of CPU for brotli, against 0.65–0.84 ms handed to libuv's thread pool and back, whose two
// thread switches buy nothing when every core is busy — docs/deployment.md); other bodies as a
// stream, so a large CSV export is never held in memory. Files already compressed (precompressed
// static assets, downloads) keep their Content-Encoding.
import type { Context, MiddlewareHandler } from 'hono';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
/** Whole bodies up to this size are compressed synchronously (about 3 ms of CPU at most for brotli). */
export const SYNC_BYTES = 512 * 1024;
/** Bodies read whole before compressing: what a page or an API answer is (bounded by its code). */
const WHOLE = /^(?:text\/html|application\/json)\b/i;

const COMPRESSIBLE =
  /^(?:text\/(?!event-stream)|application\/(?:json|javascript|xml|[a-z.+-]*\+(?:json|xml))|image\/svg\+xml)/i;
/** Below this size compression saves less than it costs. */
const MIN_BYTES = 1024;

/** The encoding to use for an Accept-Encoding header: br, gzip, or none (q=0 refuses one). */
export function pickEncoding(accept: string | undefined): 'br' | 'gzip' | null {
  if (!accept) return null;
  const ok = new Set<string>();
  for (const part of accept.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    ok.add(name.trim());
  }
  if (ok.has('br')) return 'br';
  if (ok.has('gzip') || ok.has('*')) return 'gzip';
  return null;
}

// brotli quality 4 and gzip level 6: close to the best ratio on HTML for a few ms of CPU per page
const brotliOptions = (size: number | null) => ({
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
    ...(size !== null ? { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size } : {}),
  },
});

const GZIP = { level: 6 };

/** Vary: Accept-Encoding, once. */
function varyOnEncoding(headers: Headers): void {
  if (!/accept-encoding/i.test(headers.get('Vary') ?? '')) headers.append('Vary', 'Accept-Encoding');
}

/**
 * A whole body (a page, an API answer) as the response of `c`, compressed for the client's
 * Accept-Encoding when it is large enough, with its Content-Length: the page renderer gives its
 * bytes here directly, the middleware below the bodies of other responses.
 */
export async function sendWhole(
  c: Context,
  raw: Buffer,
  init: { status?: number; statusText?: string; headers: Headers },
): Promise<Response> {
  const headers = init.headers;
  varyOnEncoding(headers);
  const encoding = pickEncoding(c.req.header('Accept-Encoding'));
  let out: Buffer = raw;
  if (encoding && raw.length >= MIN_BYTES) {
    const sync = raw.length <= SYNC_BYTES;
    if (encoding === 'br')
      out = sync
        ? zlib.brotliCompressSync(raw, brotliOptions(raw.length))
        : await brotli(raw, brotliOptions(raw.length));
    else out = sync ? zlib.gzipSync(raw, GZIP) : await gzip(raw, GZIP);
    headers.set('Content-Encoding', encoding);
  }
  headers.set('Content-Length', String(out.length));
  // hono would merge the old response's headers into the new one and wrap its buffer in a
  // stream: unset it first, so that the buffer is written as it is
  c.res = undefined;
  // a Buffer is a Uint8Array, which the Node adapter writes in one piece (DOM typings omit it)
  c.res = new Response(out as unknown as BodyInit, { status: init.status, statusText: init.statusText, headers });
  return c.res;
}

export const compression: MiddlewareHandler = async (c, next) => {
  await next();
  const res = c.res;
  // headers first: reading `res.body` turns the Node adapter's light response (a buffer it writes
  // in one piece) into a web stream, which a page already compressed by `sendWhole` must not pay
  if (res.headers.has('Content-Encoding') || res.headers.has('Content-Range')) return;
  if (c.req.method === 'HEAD' || res.status === 204 || res.status === 304) return;
  const type = res.headers.get('Content-Type') ?? '';
  if (!COMPRESSIBLE.test(type)) return;
  const length = res.headers.get('Content-Length');
  if (length !== null && Number(length) < MIN_BYTES) return;
  if (/\bno-transform\b/i.test(res.headers.get('Cache-Control') ?? '')) return;
  varyOnEncoding(res.headers);
  const encoding = pickEncoding(c.req.header('Accept-Encoding'));
  if (!encoding || !res.body) return;
  if (WHOLE.test(type) && !/attachment/i.test(res.headers.get('Content-Disposition') ?? '')) {
    await sendWhole(c, Buffer.from(await res.arrayBuffer()), {
      status: res.status,
      statusText: res.statusText,
      headers: new Headers(res.headers),
    });
    return;
  }
  const compressor =
    encoding === 'br'
      ? zlib.createBrotliCompress(brotliOptions(length ? Number(length) : null))
      : zlib.createGzip(GZIP);
  const body = Readable.fromWeb(res.body as unknown as NodeReadableStream).pipe(compressor);
  // hono copies the previous response's headers onto the new one: fix them afterwards
  c.res = new Response(Readable.toWeb(body) as unknown as ReadableStream, res);
  c.res.headers.delete('Content-Length');
  c.res.headers.set('Content-Encoding', encoding);
};
