// Whole bodies (pages, JSON) are compressed in one piece: on the request's thread up to SYNC_BYTES,
// in libuv's pool above. Both paths give the same bytes back, with their Content-Length.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { Hono } from 'hono';
import { SYNC_BYTES, sendWhole } from '../../src/web/http/compress.ts';

const app = new Hono();
app.get('/body/:size', (c) => {
  const size = Number(c.req.param('size'));
  // text that compresses but not to nothing: numbered lines
  let s = '';
  for (let i = 0; s.length < size; i++) s += `<li>dossier ${i}: ${(i * 7919) % 10007}</li>\n`;
  return sendWhole(c, Buffer.from(s.slice(0, size), 'utf8'), {
    headers: new Headers({ 'Content-Type': 'text/html; charset=UTF-8' }),
  });
});

const cases = [
  { size: 512, encoding: 'br', compressed: false },
  { size: 90_000, encoding: 'br', compressed: true },
  { size: 90_000, encoding: 'gzip', compressed: true },
  { size: SYNC_BYTES, encoding: 'br', compressed: true },
  { size: SYNC_BYTES + 1, encoding: 'br', compressed: true },
  { size: SYNC_BYTES + 1, encoding: 'gzip', compressed: true },
] as const;

for (const { size, encoding, compressed } of cases) {
  test(`${size} bytes asked in ${encoding}: ${compressed ? 'compressed' : 'sent as is'}, the same bytes back`, async () => {
    const res = await app.request(`/body/${size}`, { headers: { 'Accept-Encoding': encoding } });
    const body = Buffer.from(await res.arrayBuffer());
    assert.equal(res.headers.get('Content-Length'), String(body.length));
    assert.match(res.headers.get('Vary') ?? '', /Accept-Encoding/);
    if (!compressed) {
      assert.equal(res.headers.get('Content-Encoding'), null);
      assert.equal(body.length, size);
      return;
    }
    assert.equal(res.headers.get('Content-Encoding'), encoding);
    const plain = encoding === 'br' ? zlib.brotliDecompressSync(body) : zlib.gunzipSync(body);
    assert.equal(plain.length, size);
    assert.ok(body.length < size / 2, `${body.length} bytes compressed for ${size}`);
    assert.match(plain.toString('utf8', 0, 40), /^<li>dossier 0: 0<\/li>/);
  });
}
