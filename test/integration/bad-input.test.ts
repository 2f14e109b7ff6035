// Hostile or malformed input on routes: a French refusal or a 404, never a 500 (found in review).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import { Browser } from '../helpers/http.ts';
import { browserAs } from './dossier-fixture.ts';

let app: TestApp;
let f: Fixture;
let a: Browser;
let id: string;
before(async () => {
  app = await createTestApp();
  f = await procedureFixture(app);
  id = await dossier(app, f, { state: 'en_construction' });
  a = await browserAs(app, f.instructeurA);
  await a.get('/instructeur/procedures');
});
after(async () => closeTestApp(app));

describe(`bad input on routes (${engine})`, () => {
  const cases: [string, string, string, Record<string, string>, number][] = [
    [
      'procedure id with a line break (header injection)',
      'POST',
      '/instructeur/procedures/1%0D%0A/tri',
      { colonne: 'numero' },
      404,
    ],
    [
      'procedure id with a line break, follow',
      'POST',
      '/instructeur/procedures/1%0D%0AX/suivre',
      { dossier: '1' },
      404,
    ],
    ['procedure id not a number', 'GET', '/instructeur/procedures/abc', {}, 404],
    ['procedure id too long', 'GET', `/instructeur/procedures/${'9'.repeat(30)}`, {}, 404],
    ['action slug of Object.prototype', 'GET', '/instructeur/dossiers/ID/actions/constructor', {}, 404],
    ['action named after Object.prototype', 'POST', '/instructeur/dossiers/ID/actions', { action: 'constructor' }, 422],
  ];
  for (const [name, method, url, body, status] of cases) {
    test(name, async () => {
      const u = url.replace('ID', id);
      const r = method === 'GET' ? await a.request('GET', u) : await a.post(u, body);
      const final = r.status === 303 ? (await a.request('GET', r.headers.get('location')!)).status : r.status;
      assert.notEqual(r.status, 500);
      if (status === 422)
        assert.ok(r.status === 303 && final === 200, `refused with a message (${r.status} → ${final})`);
      else assert.equal(r.status, status);
    });
  }

  test('a CSRF token of the right length in multi-byte characters is refused, not a crash', async () => {
    const anon = new Browser(app);
    await anon.get('/connexion');
    const r = await anon.request('POST', '/connexion', { _csrf: 'é'.repeat(43), email: 'x@exemple.fr', password: 'y' });
    assert.equal(r.status, 403);
  });
});
