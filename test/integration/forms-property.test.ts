// Property: no form of Guichet answers a 5xx, whatever is typed into it. The test signs in as each
// demo role (and as nobody), crawls the pages that role reaches from its home, collects every POST
// form with its field names, then sends each form random strings (control characters and NUL
// included), bytes, numbers and hostile constants with fast-check; it also sends GET pages random
// query values and malformed multipart bodies. Bad input must get a French page (4xx or a redirect),
// never a server error.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { DEMO_ACCOUNTS, seedDemo } from '../../src/seed/demo.ts';
import { closeTestApp, createTestApp, engine, type TestApp } from '../helpers/app.ts';
import { Browser } from '../helpers/http.ts';

let app: TestApp;

before(async () => {
  app = await createTestApp();
  await seedDemo(app);
});
after(async () => closeTestApp(app));

/** Pages never crawled: signing out would end the session; downloads and the inbox are not forms. */
const SKIP =
  /^\/(deconnexion|fichiers\/|letter_opener|dsfr\/|build\/|assets\/)|\.(pdf|ics|css|js|svg|png|woff2?)(\?|$)/;
const MAX_PAGES = Number(process.env.FORMS_PROPERTY_PAGES ?? 40);
const RUNS = Number(process.env.FORMS_PROPERTY_RUNS ?? 6);

interface FormSpec {
  action: string;
  multipart: boolean;
  fields: Map<string, string>; // name → value found in the page (hidden inputs, selected options)
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

function formsOf(html: string, pageUrl: string): FormSpec[] {
  const forms: FormSpec[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = m[1];
    if (!/method="post"/i.test(attrs)) continue;
    const action = decode(attrs.match(/action="([^"]*)"/)?.[1] ?? pageUrl);
    if (!action.startsWith('/') || SKIP.test(action)) continue;
    const fields = new Map<string, string>();
    for (const f of m[2].matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
      const name = f[2].match(/\bname="([^"]+)"/)?.[1];
      if (!name || name === '_csrf') continue;
      fields.set(decode(name), decode(f[2].match(/\bvalue="([^"]*)"/)?.[1] ?? ''));
    }
    forms.push({ action, multipart: /multipart\/form-data/i.test(attrs), fields });
  }
  return forms;
}

function linksOf(html: string): string[] {
  return [...html.matchAll(/href="(\/[^"#]*)"/g)].map((m) => decode(m[1])).filter((u) => !SKIP.test(u));
}

/** Breadth-first crawl of what one browser reaches, collecting its forms (one per action + fields). */
async function crawl(b: Browser, start: string[]): Promise<{ pages: string[]; forms: FormSpec[] }> {
  const seen = new Set<string>();
  const queue = [...start];
  const forms = new Map<string, FormSpec>();
  const pages: string[] = [];
  while (queue.length && pages.length < MAX_PAGES) {
    const url = queue.shift()!;
    // one page per path shape (numbers folded), so the crawl spreads over kinds of pages
    const shape = url.replace(/\d+/g, 'N');
    if (seen.has(shape)) continue;
    seen.add(shape);
    const { res, html, url: landed } = await b.visit(url);
    assert.ok(res.status < 500, `GET ${url} → ${res.status}`);
    if (res.status !== 200 || !(res.headers.get('content-type') ?? '').includes('text/html')) continue;
    pages.push(landed);
    for (const f of formsOf(html, landed)) {
      const key = `${f.action.replace(/\d+/g, 'N')} ${[...f.fields.keys()].sort().join(',')}`;
      if (!forms.has(key)) forms.set(key, f);
    }
    queue.push(...linksOf(html));
  }
  return { pages, forms: [...forms.values()] };
}

const HOSTILE = [
  '\u0000',
  'a\u0000b',
  '\r\nLocation: https://evil.example',
  '/\\evil.example',
  '//evil.example',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999999',
  'NaN',
  '',
  ' ',
  '<script>alert(1)</script>',
  "'; DROP TABLE dossiers; --",
  '\u202Efdp.js',
  'é'.repeat(5000),
  '2026-02-30',
  '{"a":1}',
];
const value = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt().map(String),
);

async function ensureSignedIn(b: Browser, account: { email: string; password: string } | null): Promise<void> {
  if (!account) return;
  const { res } = await b.get('/');
  if (res.status === 303 && (res.headers.get('location') ?? '').includes('/connexion')) {
    const r = await b.signIn(account.email, account.password);
    assert.equal(r.status, 303, `signed in again as ${account.email}`);
  }
}

async function send(b: Browser, form: FormSpec, fields: Record<string, string>): Promise<Response> {
  if (form.multipart) {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    return b.postMultipart(form.action, fd);
  }
  return b.post(form.action, fields);
}

const ROLES: { role: string; account: { email: string; password: string } | null; start: string[] }[] = [
  { role: 'anonyme', account: null, start: ['/', '/connexion', '/mot-de-passe/oublie'] },
  ...['usager', 'instructeur', 'administrateur'].map((role) => {
    const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
    return { role, account: { email: a.email, password: a.password }, start: ['/'] };
  }),
];

describe(`every form, random input, never a 5xx (${engine})`, () => {
  for (const { role, account, start } of ROLES) {
    test(`${role}: forms and query strings`, async (t) => {
      const b = new Browser(app);
      if (account) assert.equal((await b.signIn(account.email, account.password)).status, 303);
      const { pages, forms } = await crawl(b, start);
      assert.ok(pages.length > 0, 'some pages were reached');
      if (role !== 'anonyme') assert.ok(forms.length > 0, 'some forms were found');
      for (const form of forms) {
        await fc.assert(
          fc.asyncProperty(
            fc.record(
              Object.fromEntries(
                [...form.fields].map(([name, found]) => [name, fc.oneof(fc.constant(found), value)] as const),
              ),
            ),
            async (fields) => {
              await ensureSignedIn(b, account);
              await b.get(pages[0]); // a fresh CSRF token
              const res = await send(b, form, fields as Record<string, string>);
              assert.ok(res.status < 500, `POST ${form.action} → ${res.status}`);
            },
          ),
          {
            numRuns: RUNS,
            // always tried first: every field with a NUL byte, then every field oversized
            examples: [
              [Object.fromEntries([...form.fields].map(([name, found]) => [name, `${found}\u0000x`]))],
              [Object.fromEntries([...form.fields].map(([name]) => [name, '9'.repeat(400)]))],
            ],
          },
        );
      }
      t.diagnostic(`${pages.length} pages, ${forms.length} forms`);
      // random query values on the pages reached
      for (const url of pages.slice(0, 15)) {
        await fc.assert(
          fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 30 }), value, async (k, v) => {
            await ensureSignedIn(b, account);
            const sep = url.includes('?') ? '&' : '?';
            const params = new URLSearchParams({ [k || 'q']: v, statut: v, page: v, q: v });
            const { res } = await b.get(`${url}${sep}${params}`);
            assert.ok(res.status < 500, `GET ${url}?… → ${res.status}`);
          }),
          { numRuns: 3 },
        );
      }
      // malformed multipart bodies on the forms
      await ensureSignedIn(b, account);
      for (const form of forms.slice(0, 20)) {
        await b.get(pages[0]);
        const res = await b.request('POST', form.action, undefined, {
          'content-type': 'multipart/form-data; boundary=XYZ',
        });
        assert.ok(res.status < 500, `malformed multipart (empty) ${form.action} → ${res.status}`);
        const broken = await b.web.request(`http://guichet.test${form.action}`, {
          method: 'POST',
          headers: {
            host: 'guichet.test',
            cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            'content-type': 'multipart/form-data; boundary=XYZ',
          },
          body: '--XYZ\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nx\r\n--XYZ\r\nContent-Dispo',
          redirect: 'manual',
        });
        assert.ok(broken.status < 500, `malformed multipart (truncated) ${form.action} → ${broken.status}`);
      }
    });
  }
});
