import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { Browser } from '../helpers/http.ts';
import { hashPassword } from '../../src/platform/crypto.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { defineCommand } from '../../src/features/command.ts';
import { z } from 'zod';
import { sendEmailJob } from '../../src/jobs/send-email.ts';

let app: TestApp;
const PASSWORD = 'un-mot-de-passe-solide';

before(async () => {
  app = await createTestApp();
  const u = await app.db
    .insertInto('users')
    .values({ email: 'agent@exemple.fr', password_hash: await hashPassword(PASSWORD) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db.insertInto('instructeurs').values({ user_id: u.id }).execute();
});
after(async () => closeTestApp(app));

describe(`foundation on ${engine}`, () => {
  test('login page is DSFR and carries a CSRF token', async () => {
    const b = new Browser(app);
    const { res, html } = await b.get('/connexion');
    assert.equal(res.status, 200);
    assert.match(html, /<!DOCTYPE html>/);
    assert.match(html, /fr-header/);
    assert.ok(b.csrf(html).length >= 43);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  });

  test('a POST without the CSRF token is refused and nothing happens', async () => {
    const b = new Browser(app);
    await b.get('/connexion');
    const res = await b.request('POST', '/connexion', { email: 'agent@exemple.fr', password: PASSWORD });
    assert.equal(res.status, 403);
    assert.equal(b.cookies.has('guichet_session'), false);
  });

  test('a forged CSRF token is refused', async () => {
    const b = new Browser(app);
    await b.get('/connexion');
    const res = await b.request('POST', '/connexion', {
      _csrf: 'x'.repeat(43),
      email: 'agent@exemple.fr',
      password: PASSWORD,
    });
    assert.equal(res.status, 403);
    assert.match(await res.text(), /Rechargez la page/);
  });

  test('wrong password: French message, e-mail kept, no session', async () => {
    const b = new Browser(app);
    await b.get('/connexion');
    const res = await b.post('/connexion', { email: 'agent@exemple.fr', password: 'mauvais-mot-de-passe' });
    assert.equal(res.status, 422);
    const html = await res.text();
    assert.match(html, /Adresse électronique ou mot de passe incorrect/);
    assert.match(html, /value="agent@exemple.fr"/);
    assert.equal(b.cookies.has('guichet_session'), false);
  });

  test('good password opens an HttpOnly SameSite session, logout closes it', async () => {
    const b = new Browser(app);
    await b.get('/connexion');
    const res = await b.post('/connexion', { email: 'Agent@Exemple.fr', password: PASSWORD });
    assert.equal(res.status, 303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('guichet_session='))!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    const sessions = await app.db.selectFrom('sessions').selectAll().execute();
    assert.ok(sessions.length >= 1);
    // the cookie holds a secret whose hash is stored, never the secret itself
    assert.ok(!sessions.some((s) => s.id === b.cookies.get('guichet_session')));
    const home = await b.visit('/');
    assert.equal(home.url, '/instructeur/procedures');
    await b.post('/deconnexion');
    const after = await b.visit('/instructeur/procedures');
    assert.equal(after.url.startsWith('/connexion'), true);
  });

  test('login is rate-limited per account', async () => {
    const b = new Browser(app);
    await b.get('/connexion');
    for (let i = 0; i < 10; i++)
      await b.post('/connexion', { email: 'cible@exemple.fr', password: 'nimporte-quoi-123' });
    const res = await b.post('/connexion', { email: 'cible@exemple.fr', password: 'nimporte-quoi-123' });
    assert.match(await res.text(), /Trop de tentatives/);
    app.clock.advance(16 * 60_000);
    const later = await b.post('/connexion', { email: 'cible@exemple.fr', password: 'nimporte-quoi-123' });
    assert.match(await later.text(), /mot de passe incorrect/);
  });

  test('password reset: e-mail link, short password refused with the form kept, token single use', async () => {
    const b = new Browser(app);
    await b.get('/mot-de-passe/oublie');
    const res = await b.post('/mot-de-passe/oublie', { email: 'agent@exemple.fr' });
    assert.equal(res.status, 303);
    await drainJobs(app);
    const mail = await app.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('to_email', '=', 'agent@exemple.fr')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const link = mail.text.match(/\/mot-de-passe\/nouveau\/([A-Za-z0-9_-]+)/)!;
    assert.ok(link, 'reset link in e-mail');
    const url = `/mot-de-passe/nouveau/${link[1]}`;
    await b.get(url);
    const short = await b.post(url, { password: 'court', confirmation: 'court' });
    assert.equal(short.status, 422);
    assert.match(await short.text(), /au moins 12 caractères/);
    await b.get(url);
    const ok = await b.post(url, { password: 'nouveau-mot-de-passe-long', confirmation: 'nouveau-mot-de-passe-long' });
    assert.equal(ok.status, 303);
    await b.get(url);
    const again = await b.post(url, { password: 'encore-un-autre-mdp', confirmation: 'encore-un-autre-mdp' });
    assert.match(await again.text(), /déjà été utilisé/);
    const login = await new Browser(app).signIn('agent@exemple.fr', 'nouveau-mot-de-passe-long');
    assert.equal(login.status, 303);
  });

  test('unknown e-mail for reset: same answer, no e-mail', async () => {
    const before = await app.db
      .selectFrom('outbox_emails')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const b = new Browser(app);
    await b.get('/mot-de-passe/oublie');
    const res = await b.post('/mot-de-passe/oublie', { email: 'inconnu@exemple.fr' });
    assert.equal(res.status, 303);
    await drainJobs(app);
    const afterCount = await app.db
      .selectFrom('outbox_emails')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(afterCount.n, before.n);
  });

  test('a command that fails rolls back its writes and its jobs', async () => {
    const boom = defineCommand({
      name: 'boom',
      authorize: () => {},
      input: z.object({ email: z.string().email() }),
      async run(ctx, { email }) {
        await ctx.trx.insertInto('users').values({ email }).execute();
        await ctx.enqueue(sendEmailJob, { to: email, subject: 's', html: 'h', text: 't' });
        throw new Error('échec volontaire');
      },
    });
    await assert.rejects(boom(app, { userId: null, email: 'x' }, { email: 'rollback@exemple.fr' }), /échec volontaire/);
    const u = await app.db.selectFrom('users').select('id').where('email', '=', 'rollback@exemple.fr').execute();
    assert.equal(u.length, 0);
    const jobs = await drainJobs(app);
    const mails = await app.db
      .selectFrom('outbox_emails')
      .select('id')
      .where('to_email', '=', 'rollback@exemple.fr')
      .execute();
    assert.equal(mails.length, 0, `no e-mail for a rolled back command (ran ${jobs} jobs)`);
  });

  test('a committed command delivers its job', async () => {
    const ok = defineCommand({
      name: 'ok',
      authorize: () => {},
      input: z.object({ email: z.string().email() }),
      async run(ctx, { email }) {
        await ctx.enqueue(sendEmailJob, { to: email, subject: 'Bonjour', html: '<p>h</p>', text: 't' });
      },
    });
    await ok(app, { userId: null, email: 'x' }, { email: 'commit@exemple.fr' });
    await drainJobs(app);
    const mails = await app.db
      .selectFrom('outbox_emails')
      .select('subject')
      .where('to_email', '=', 'commit@exemple.fr')
      .execute();
    assert.deepEqual(
      mails.map((m) => m.subject),
      ['Bonjour'],
    );
  });

  test('invalid input is a French error with field names, not a crash', async () => {
    const cmd = defineCommand({
      name: 'v',
      authorize: () => {},
      input: z.object({ n: z.number({ error: 'Saisissez un nombre.' }) }),
      run: async () => 1,
    });
    await assert.rejects(
      cmd(app, { userId: null, email: 'x' }, { n: 'abc' as any }),
      (e: any) => e.code === 'invalid_input' && e.fields.n === 'Saisissez un nombre.',
    );
  });

  test('unknown page: French 404 inside the layout', async () => {
    const { res, html } = await new Browser(app).get('/nulle-part');
    assert.equal(res.status, 404);
    assert.match(html, /Page introuvable/);
  });
});

test('an upload larger than the limit is refused while it is read, with a French page', async () => {
  const small = await createTestApp({ env: { UPLOAD_MAX_BYTES: '1000' } });
  try {
    const b = new Browser(small);
    await b.get('/connexion');
    const fd = new FormData();
    fd.append('email', 'x@exemple.fr');
    fd.append('piece', new Blob([Buffer.alloc(1_200_000, 1)]), 'gros.pdf');
    const res = await b.postMultipart('/connexion', fd);
    assert.equal(res.status, 413);
    assert.match(
      await res.text(),
      /Fichier trop volumineux[\s\S]*10 fichiers de 1000 octets au plus\)\. Rien n&#39;a été enregistré/,
    );
  } finally {
    await closeTestApp(small);
  }
});
