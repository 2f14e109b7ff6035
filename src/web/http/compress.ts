// Response compression with node:zlib (brotli when the client accepts it, else gzip) for HTML, CSS,
// JS, JSON, CSV and other text. hono/compress covers gzip and deflate only. Compressed as a stream,
// so a large CSV export is never held in memory; files already compressed (precompressed static
// assets, downloads) keep their Content-Encoding.
import type { MiddlewareHandler } from 'hono';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import zlib from 'node:zlib';

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

export const compression: MiddlewareHandler = async (c, next) => {
  await next();
  const res = c.res;
  if (c.req.method === 'HEAD' || !res.body || res.status === 204 || res.status === 304) return;
  if (res.headers.has('Content-Encoding') || res.headers.has('Content-Range')) return;
  const type = res.headers.get('Content-Type') ?? '';
  if (!COMPRESSIBLE.test(type)) return;
  const length = res.headers.get('Content-Length');
  if (length !== null && Number(length) < MIN_BYTES) return;
  if (/\bno-transform\b/i.test(res.headers.get('Cache-Control') ?? '')) return;
  if (!/accept-encoding/i.test(res.headers.get('Vary') ?? '')) res.headers.append('Vary', 'Accept-Encoding');
  const encoding = pickEncoding(c.req.header('Accept-Encoding'));
  if (!encoding) return;
  // brotli quality 4 and gzip level 6: close to the best ratio on HTML for a few ms of CPU per page
  const compressor =
    encoding === 'br'
      ? zlib.createBrotliCompress({
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 4,
            ...(length ? { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: Number(length) } : {}),
          },
        })
      : zlib.createGzip({ level: 6 });
  const body = Readable.fromWeb(res.body as unknown as NodeReadableStream).pipe(compressor);
  // hono copies the previous response's headers onto the new one: fix them afterwards
  c.res = new Response(Readable.toWeb(body) as unknown as ReadableStream, res);
  c.res.headers.delete('Content-Length');
  c.res.headers.set('Content-Encoding', encoding);
};
