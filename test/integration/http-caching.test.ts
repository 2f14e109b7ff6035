// HTTP delivery: compressed responses (brotli, gzip), fingerprinted static files cached as immutable,
// pages never stored, ETag revalidation of the files without a hashed name.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { Browser } from '../helpers/http.ts';
import { BUILD_DIR } from '../../src/web/assets.ts';
import { pickEncoding } from '../../src/web/http/compress.ts';

let app: TestApp;
let b: Browser;
const manifest = () => JSON.parse(fs.readFileSync(path.join(BUILD_DIR, 'manifest.json'), 'utf8'));

before(async () => {
  // the assets are built by `npm install`; build them when this checkout never ran it
  if (!fs.existsSync(path.join(BUILD_DIR, 'manifest.json')))
    execFileSync(process.execPath, [path.join(BUILD_DIR, '../../scripts/build-client.mjs')]);
  app = await createTestApp();
  b = new Browser(app);
});
after(async () => closeTestApp(app));

describe(`HTTP compression and caching on ${engine}`, () => {
  test('the encoding follows Accept-Encoding (brotli first, q=0 refuses)', () => {
    assert.equal(pickEncoding('gzip, deflate, br'), 'br');
    assert.equal(pickEncoding('gzip'), 'gzip');
    assert.equal(pickEncoding('br;q=0, gzip'), 'gzip');
    assert.equal(pickEncoding('identity'), null);
    assert.equal(pickEncoding(undefined), null);
    assert.equal(pickEncoding('*'), 'gzip');
  });

  test('a page is sent compressed with brotli or gzip, never stored, and reads the same', async () => {
    const plain = await b.request('GET', '/connexion');
    assert.equal(plain.status, 200);
    assert.equal(plain.headers.get('content-encoding'), null);
    const html = await plain.text();
    assert.match(plain.headers.get('cache-control') ?? '', /no-store/);
    for (const [accept, enc, decode] of [
      ['gzip, deflate, br', 'br', zlib.brotliDecompressSync],
      ['gzip', 'gzip', zlib.gunzipSync],
    ] as const) {
      const res = await b.request('GET', '/connexion', undefined, { 'accept-encoding': accept });
      assert.equal(res.headers.get('content-encoding'), enc);
      assert.match(res.headers.get('vary') ?? '', /accept-encoding/i);
      assert.match(res.headers.get('cache-control') ?? '', /no-store/);
      const body = Buffer.from(await res.arrayBuffer());
      assert.equal(res.headers.get('content-length'), String(body.length), 'a page is sent in one piece');
      assert.ok(body.length < html.length / 2, `${enc}: ${body.length} of ${html.length}`);
      // same page but for the CSRF token of the new session
      const text = decode(body).toString('utf8');
      assert.match(text, /^<!DOCTYPE html>/);
      assert.equal(
        text.replace(/content="[^"]+"|value="[^"]+"/g, ''),
        html.replace(/content="[^"]+"|value="[^"]+"/g, ''),
      );
    }
  });

  test('the layout names the fingerprinted files, served immutable and precompressed', async () => {
    const m = manifest();
    const { html } = await b.get('/connexion');
    for (const name of ['dsfr.css', 'icons.css', 'app.css', 'dsfr.js', 'client.js']) {
      assert.ok(html.includes(`/assets/${m[name]}`), name);
      const res = await b.request('GET', `/assets/${m[name]}`, undefined, { 'accept-encoding': 'br, gzip' });
      assert.equal(res.status, 200, name);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      const body = Buffer.from(await res.arrayBuffer());
      if (body.length > 0 && res.headers.get('content-encoding') === 'br') {
        const raw = fs.readFileSync(path.join(BUILD_DIR, m[name]));
        assert.ok(zlib.brotliDecompressSync(body).equals(raw), name);
      }
    }
    const css = await b.request('GET', `/assets/${m['dsfr.css']}`, undefined, { 'accept-encoding': 'br' });
    assert.equal(css.headers.get('content-encoding'), 'br');
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);
  });

  test('only the icons the pages use; fonts and icons from the versioned DSFR directory', async () => {
    const m = manifest();
    const icons = fs.readFileSync(path.join(BUILD_DIR, m['icons.css']), 'utf8');
    assert.ok(icons.includes('.fr-icon-filter-line'));
    assert.ok(!icons.includes('.fr-icon-ancient-gate-fill'), 'an icon no page uses');
    const dsfr = fs.readFileSync(path.join(BUILD_DIR, m['dsfr.css']), 'utf8');
    const font = dsfr.match(/url\((\/dsfr\/[0-9.]+\/fonts\/Marianne-Regular\.woff2)\)/);
    assert.ok(font, 'font URL made absolute and versioned');
    assert.ok(!/font-style:italic;font-weight/.test(dsfr), 'no italic face: the upright one is slanted');
    const res = await b.request('GET', font[1], undefined, { 'accept-encoding': 'br' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(res.headers.get('content-encoding'), null, 'woff2 is already compressed');
    const icon = icons.match(/url\((\/dsfr\/[0-9.]+\/icons\/[^)]+\.svg)\)/);
    assert.ok(icon);
    assert.equal((await b.request('GET', icon[1])).status, 200);
  });

  test('static files carry the security headers of a subresource, pages the whole set', async () => {
    const m = manifest();
    const pageRes = await b.request('GET', '/connexion');
    for (const h of ['x-frame-options', 'strict-transport-security', 'referrer-policy', 'cross-origin-opener-policy'])
      assert.ok(pageRes.headers.get(h), `page: ${h}`);
    assert.match(pageRes.headers.get('content-security-policy') ?? '', /frame-ancestors 'self'/);
    for (const file of [`/assets/${m['dsfr.css']}`, '/dsfr/favicon/favicon.svg']) {
      const res = await b.request('GET', file);
      assert.equal(res.status, 200, file);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', file);
      assert.equal(res.headers.get('cross-origin-resource-policy'), 'same-origin', file);
      // an SVG opened on its own runs nothing
      assert.match(res.headers.get('content-security-policy') ?? '', /^default-src 'none'/, file);
      for (const h of ['x-frame-options', 'strict-transport-security', 'referrer-policy', 'cross-origin-opener-policy'])
        assert.equal(res.headers.get(h), null, `${file}: ${h}`);
    }
    // a missing file is answered by a page, with its headers
    const missing = await b.request('GET', '/assets/nothing-here.js');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.match(missing.headers.get('content-security-policy') ?? '', /frame-ancestors 'self'/);
  });

  test('files without a hashed name are revalidated with an ETag (304)', async () => {
    const first = await b.request('GET', '/dsfr/favicon/favicon.svg');
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('cache-control'), 'public, max-age=0, must-revalidate');
    const tag = first.headers.get('etag');
    assert.ok(tag);
    const again = await b.request('GET', '/dsfr/favicon/favicon.svg', undefined, { 'if-none-match': tag });
    assert.equal(again.status, 304);
    const asset = await b.request('GET', '/assets/client.js');
    assert.equal(asset.status, 200);
    const tag2 = asset.headers.get('etag');
    assert.ok(tag2);
    assert.equal((await b.request('GET', '/assets/client.js', undefined, { 'if-none-match': tag2 })).status, 304);
  });
});
