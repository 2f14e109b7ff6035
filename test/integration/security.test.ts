// Defects found by a security probe, each driven through the real web app: the development inbox,
// login timing, names with bidirectional controls, bodies read before the CSRF check, open redirects,
// password-reset links, rate limits, session rotation and the download's own CSP.
import { test, before, after, describe, mock } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { Browser } from '../helpers/http.ts';
import { dossier, procedureFixture, user, type Fixture } from '../helpers/fixtures.ts';
import { browserAs, fileOf, follow, pdf } from './dossier-fixture.ts';
import { hashPassword, passwords, sha256 } from '../../src/platform/crypto.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { requestPasswordReset } from '../../src/features/accounts/request-password-reset.ts';

let app: TestApp;
let f: Fixture;
const PASSWORD = 'mot-de-passe-tres-solide';
let seq = 0;

before(async () => {
  app = await createTestApp();
  f = await procedureFixture(app);
});
after(async () => closeTestApp(app));

/** A user who can sign in with PASSWORD. */
async function account(roles: ('instructeur' | 'administrateur')[] = []) {
  const u = await user(app, `compte${++seq}@exemple.fr`, roles);
  await app.db
    .updateTable('users')
    .set({ password_hash: await hashPassword(PASSWORD) })
    .where('id', '=', u.id)
    .execute();
  return u;
}

/** A request body that counts how many bytes the server pulled from it. */
function countingBody(total: number, chunk = 64 * 1024) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(ctrl) {
        if (pulled >= total) return ctrl.close();
        const n = Math.min(chunk, total - pulled);
        pulled += n;
        ctrl.enqueue(new Uint8Array(n).fill(0x61));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}

function rawPost(b: Browser, url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string>) {
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return b.web.request(`http://guichet.test${url}`, {
    method: 'POST',
    body,
    duplex: 'half',
    headers: { cookie, host: 'guichet.test', ...headers },
    redirect: 'manual',
  } as RequestInit);
}

async function resetLinks(email: string): Promise<string[]> {
  await drainJobs(app);
  const mails = await app.db
    .selectFrom('outbox_emails')
    .select('text')
    .where('to_email', '=', email)
    .orderBy('id')
    .execute();
  return mails.flatMap((m) => m.text.match(/\/mot-de-passe\/nouveau\/[A-Za-z0-9_-]+/g) ?? []);
}

async function askReset(email: string): Promise<Response> {
  const b = new Browser(app);
  await b.get('/mot-de-passe/oublie');
  return b.post('/mot-de-passe/oublie', { email });
}

async function setPassword(link: string, password: string): Promise<Response> {
  const b = new Browser(app);
  await b.get(link);
  return b.post(link, { password, confirmation: password });
}

describe(`security on ${engine}`, () => {
  describe('development inbox', () => {
    test('only a signed-in administrator reads it', async () => {
      const anon = await new Browser(app).get('/letter_opener');
      assert.equal(anon.res.status, 303);
      assert.match(anon.res.headers.get('location')!, /^\/connexion\?redirect=%2Fletter_opener$/);
      assert.equal((await new Browser(app).get('/letter_opener/1')).res.status, 303);
      const instructeur = await (await browserAs(app, f.instructeurA)).get('/letter_opener');
      assert.equal(instructeur.res.status, 403);
      const admin = await (await browserAs(app, f.admin)).get('/letter_opener');
      assert.equal(admin.res.status, 200);
      assert.match(admin.html, /Boîte de réception de développement/);
    });

    const configs: Record<string, string>[] = [{ SMTP_URL: 'smtp://localhost:2525' }, { NODE_ENV: 'production' }];
    for (const env of configs) {
      test(`absent with ${Object.keys(env)[0]}`, async () => {
        const other = await createTestApp({ env });
        try {
          const admin = await browserAs(other, await user(other, 'admin@exemple.fr', ['administrateur']));
          assert.equal((await admin.get('/letter_opener')).res.status, 404);
          assert.equal((await new Browser(other).get('/letter_opener')).res.status, 404);
        } finally {
          await closeTestApp(other);
        }
      });
    }
  });

  test('login with an unknown address verifies a dummy hash, like a known one', async () => {
    const known = await account();
    const invited = await user(app, `invite${++seq}@exemple.fr`); // no password yet
    const spy = mock.method(passwords, 'verifyUnknown');
    try {
      const b = new Browser(app);
      await b.signIn('personne@exemple.fr', 'un-mot-de-passe');
      assert.equal(spy.mock.callCount(), 1, 'unknown address');
      await b.signIn(invited.email, 'un-mot-de-passe');
      assert.equal(spy.mock.callCount(), 2, 'account without a password');
      await b.signIn(known.email, 'pas-le-bon-mot-de-passe');
      assert.equal(spy.mock.callCount(), 2, 'known account: its own hash');
    } finally {
      spy.mock.restore();
    }
    assert.match(await passwords.dummyHash(), /^\$argon2id\$/);
    assert.equal(await passwords.dummyHash(), await passwords.dummyHash(), 'computed once');
  });

  test('an uploaded file name loses its bidirectional and control characters', async () => {
    const id = await dossier(app, f);
    const bi = await browserAs(app, f.instructeurA);
    await bi.get(`/instructeur/dossiers/${id}/messagerie`);
    const fd = new FormData();
    fd.append('body', 'Voici la facture.');
    fd.append('files', fileOf(pdf(), 'facture\u202Efdp.js'));
    fd.append('files', fileOf(pdf(), '\u2067relev\u00e9\u2069\u0007.pdf'));
    const r = await bi.postMultipart(`/instructeur/dossiers/${id}/messagerie`, fd);
    assert.equal(r.status, 303);
    const names = await app.db
      .selectFrom('files')
      .select('name')
      .where('dossier_id', '=', id)
      .orderBy('name')
      .execute();
    assert.deepEqual(
      names.map((n) => n.name),
      ['facturefdp.js', 'relevé.pdf'],
    );
    assert.doesNotMatch((await follow(bi, r)).html, /[\u202A-\u202E\u2066-\u2069]/);
  });

  describe('request bodies', () => {
    test('a 2 MB form to a page without upload is refused (413) without being read', async () => {
      const anon = new Browser(app);
      await anon.get('/connexion');
      const body = countingBody(2 * 1024 * 1024);
      const r = await rawPost(anon, '/connexion', body.stream, { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(r.status, 413);
      assert.match(await r.text(), /Requête trop volumineuse/);
      assert.ok(body.pulled() <= 1024 * 1024 + 64 * 1024, `${body.pulled()} bytes read`);
    });

    test('the same with a declared length: refused before any byte is read', async () => {
      const bi = await browserAs(app, f.instructeurA);
      const { html } = await bi.get('/instructeur/procedures');
      const body = countingBody(2 * 1024 * 1024);
      const r = await rawPost(bi, `/instructeur/procedures/${f.procedureId}/tri`, body.stream, {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(2 * 1024 * 1024),
        'x-csrf-token': bi.csrf(html),
      });
      assert.equal(r.status, 413);
      assert.equal(body.pulled(), 0);
    });

    test('an anonymous multipart body gets no upload allowance', async () => {
      const anon = new Browser(app);
      await anon.get('/connexion');
      const body = countingBody(3 * 1024 * 1024);
      const r = await rawPost(anon, '/connexion', body.stream, {
        'content-type': 'multipart/form-data; boundary=xyz',
      });
      assert.equal(r.status, 413);
      assert.ok(body.pulled() <= 1024 * 1024 + 64 * 1024, `${body.pulled()} bytes read`);
    });

    test('a cross-origin POST is refused before its body is read', async () => {
      const anon = new Browser(app);
      await anon.get('/connexion');
      const body = countingBody(512 * 1024);
      const r = await rawPost(anon, '/connexion', body.stream, {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      });
      assert.equal(r.status, 403);
      assert.equal(body.pulled(), 0);
    });
  });

  describe('redirect after login', () => {
    const cases: [string, string][] = [
      ['/instructeur/procedures', '/instructeur/procedures'],
      ['/', '/'],
      ['/dossiers?onglet=a#x', '/dossiers?onglet=a#x'],
      ['/\\evil.example', '/'],
      ['//evil.example', '/'],
      ['https://evil.example', '/'],
      ['/\t/evil.example', '/'],
      ['/\n/evil.example', '/'],
      ['/a\r\nSet-Cookie: x=1', '/'],
      ['/a\u0085b', '/'],
      ['', '/'],
      ['evil', '/'],
      ['/démarche €', '/d%C3%A9marche%20%E2%82%AC'],
    ];
    for (const [target, location] of cases) {
      test(`redirect=${JSON.stringify(target)} → ${location}`, async () => {
        const u = await account();
        const b = new Browser(app);
        await b.get('/connexion');
        const r = await b.post('/connexion', { email: u.email, password: PASSWORD, redirect: target });
        assert.equal(r.status, 303);
        assert.equal(r.headers.get('location'), location);
      });
    }
  });

  describe('accounts', () => {
    test('a newer reset link makes the older ones unusable, and using one ends the others', async () => {
      app.clock.advance(2 * 3600_000);
      const u = await account();
      await askReset(u.email);
      const [first] = await resetLinks(u.email);
      await askReset(u.email);
      const second = (await resetLinks(u.email)).find((l) => l !== first)!;
      assert.ok(first && second);
      let r = await setPassword(first, 'premier-nouveau-mot');
      assert.equal(r.status, 422, 'the older link died when the newer one was issued');
      assert.match(await r.text(), /Ce lien a expiré/);
      r = await setPassword(second, 'second-nouveau-mot');
      assert.equal(r.status, 303);

      // Using a link also ends any other outstanding link that could set the password (an invitation).
      const v = await user(app, `invite-reset${++seq}@exemple.fr`);
      await app.db
        .insertInto('tokens')
        .values({
          kind: 'invitation',
          token_hash: sha256('invitation-secrete-0123'),
          user_id: v.id,
          expires_at: new Date(app.clock.now().getTime() + 86_400_000),
        })
        .execute();
      await askReset(v.email);
      const [link] = await resetLinks(v.email);
      assert.equal((await setPassword(link, 'un-mot-de-passe-long')).status, 303);
      assert.equal((await setPassword('/invitation/invitation-secrete-0123', 'un-autre-mot-long')).status, 422);
    });

    test('a password reset lifts the lockout, as the message says', async () => {
      app.clock.advance(2 * 3600_000);
      const u = await account();
      const b = new Browser(app);
      for (let i = 0; i < 10; i++) await b.signIn(u.email, 'mauvais-mot-de-passe');
      let r = await b.signIn(u.email, PASSWORD);
      assert.match(await r.text(), /Trop de tentatives de connexion/);
      await askReset(u.email);
      const [link] = await resetLinks(u.email);
      assert.equal((await setPassword(link, 'nouveau-mot-de-passe')).status, 303);
      r = await b.signIn(u.email, 'nouveau-mot-de-passe');
      assert.equal(r.status, 303);
    });

    test('password-reset requests are limited per address, with the same answer for an unknown one', async () => {
      app.clock.advance(2 * 3600_000);
      const u = await account();
      for (const email of [u.email, 'inconnu@exemple.fr']) {
        for (let i = 0; i < 3; i++) {
          const r = await askReset(email);
          assert.equal(r.status, 303, `${email} #${i + 1}`);
        }
        const r = await askReset(email);
        assert.equal(r.status, 422);
        assert.match(await r.text(), /Trop de demandes de réinitialisation pour cette adresse/);
      }
      assert.equal((await resetLinks(u.email)).length, 3);
      app.clock.advance(3600_000 + 1000);
      assert.equal((await askReset(u.email)).status, 303, 'allowed again an hour later');
      assert.equal((await resetLinks(u.email)).length, 4);
    });

    test('password-reset requests are limited per client address', async () => {
      app.clock.advance(2 * 3600_000);
      const actor = { userId: null, email: 'anonyme' };
      for (let i = 0; i < 10; i++)
        await requestPasswordReset(app, actor, { email: `x${i}@exemple.fr`, ip: '203.0.113.7' });
      await assert.rejects(
        requestPasswordReset(app, actor, { email: 'x-last@exemple.fr', ip: '203.0.113.7' }),
        /Trop de demandes/,
      );
      await requestPasswordReset(app, actor, { email: 'x-last@exemple.fr', ip: '203.0.113.8' });
    });

    test('signing in again replaces the session: the old one is deleted', async () => {
      const u = await account();
      const b = new Browser(app);
      await b.signIn(u.email, PASSWORD);
      const old = b.cookies.get('guichet_session')!;
      await b.get('/mot-de-passe/oublie'); // a form of the signed-in session
      const r = await b.post('/connexion', { email: u.email, password: PASSWORD });
      assert.equal(r.status, 303);
      const current = b.cookies.get('guichet_session')!;
      assert.notEqual(current, old);
      const stale = new Browser(app);
      stale.cookies.set('guichet_session', old);
      const staleRes = (await stale.get('/instructeur/procedures')).res;
      assert.match(staleRes.headers.get('location') ?? '', /^\/connexion/, 'the old session no longer signs in');
      const fresh = new Browser(app);
      fresh.cookies.set('guichet_session', current);
      assert.equal((await fresh.get('/instructeur/procedures')).res.status, 403, 'signed in, not an instructor');
      assert.equal((await app.db.selectFrom('sessions').select('id').where('user_id', '=', u.id).execute()).length, 1);
    });

    test('a download keeps its own sandbox CSP', async () => {
      const id = await dossier(app, f);
      const bi = await browserAs(app, f.instructeurA);
      await bi.get(`/instructeur/dossiers/${id}/messagerie`);
      const fd = new FormData();
      fd.append('body', 'Pièce jointe.');
      fd.append('files', fileOf(pdf(), 'piece.pdf'));
      assert.equal((await bi.postMultipart(`/instructeur/dossiers/${id}/messagerie`, fd)).status, 303);
      const file = await app.db.selectFrom('files').select('id').where('dossier_id', '=', id).executeTakeFirstOrThrow();
      const r = await bi.request('GET', `/fichiers/${file.id}`);
      assert.equal(r.status, 200);
      const csp = r.headers.get('content-security-policy') ?? '';
      assert.match(csp, /sandbox/);
      assert.match(csp, /default-src 'none'/);
      const pageCsp = (await bi.request('GET', `/instructeur/dossiers/${id}`)).headers.get('content-security-policy');
      assert.match(pageCsp ?? '', /default-src 'self'/, 'pages keep the site-wide policy');
    });
  });
});
