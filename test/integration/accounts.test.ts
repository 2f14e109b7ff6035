// Invitation of an instructor by an administrator (docs/interface.md §1), through the pages, on a real database.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { Browser } from '../helpers/http.ts';
import { procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import { hashPassword } from '../../src/platform/crypto.ts';
import { drainJobs } from '../../src/jobs/index.ts';

let app: TestApp;
let f: Fixture;
const ADMIN_PASSWORD = 'mot-de-passe-admin-solide';

before(async () => {
  app = await createTestApp();
  f = await procedureFixture(app);
  await app.db
    .updateTable('users')
    .set({ password_hash: await hashPassword(ADMIN_PASSWORD) })
    .where('id', '=', f.admin.id)
    .execute();
});
after(async () => closeTestApp(app));

describe(`accounts on ${engine}`, () => {
  test('admin invites an instructor: e-mail link, password chosen, the new instructor sees the procedure', async () => {
    const admin = new Browser(app);
    await admin.signIn(f.admin.email, ADMIN_PASSWORD);
    const groups = await admin.visit(`/admin/procedures/${f.procedureId}/groupes`);
    assert.equal(groups.res.status, 200);
    assert.match(groups.html, /Groupe A/);
    const bad = await admin.post(`/admin/procedures/${f.procedureId}/groupes/${f.groupA}/instructeurs`, {
      email: 'pas-une-adresse',
    });
    assert.equal(bad.status, 422);
    const badHtml = await bad.text();
    assert.match(badHtml, /adresse électronique valide/);
    assert.match(badHtml, /value="pas-une-adresse"/, 'the form keeps what was typed');
    await admin.visit(`/admin/procedures/${f.procedureId}/groupes`);
    const ok = await admin.post(`/admin/procedures/${f.procedureId}/groupes/${f.groupA}/instructeurs`, {
      email: 'Nouvelle.Agente@Exemple.fr',
    });
    assert.equal(ok.status, 303);
    await drainJobs(app);
    const mail = await app.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('to_email', '=', 'nouvelle.agente@exemple.fr')
      .executeTakeFirstOrThrow();
    assert.match(mail.subject, /Invitation à instruire/);
    const token = mail.text.match(/\/invitation\/([A-Za-z0-9_-]+)/)![1];

    const agent = new Browser(app);
    await agent.get(`/invitation/${token}`);
    const mismatch = await agent.post(`/invitation/${token}`, {
      password: 'un-mot-de-passe-long',
      confirmation: 'un-autre-mot-de-passe',
    });
    assert.match(await mismatch.text(), /ne sont pas identiques/);
    await agent.get(`/invitation/${token}`);
    const set = await agent.post(`/invitation/${token}`, {
      password: 'un-mot-de-passe-long',
      confirmation: 'un-mot-de-passe-long',
    });
    assert.equal(set.status, 303);
    assert.equal(set.headers.get('location'), '/instructeur/procedures', 'signed in by the invitation');
    const login = await new Browser(app).signIn('nouvelle.agente@exemple.fr', 'un-mot-de-passe-long');
    assert.equal(login.status, 303);
    const members = await app.db
      .selectFrom('groupe_members')
      .innerJoin('users', 'users.id', 'groupe_members.user_id')
      .select('groupe_id')
      .where('users.email', '=', 'nouvelle.agente@exemple.fr')
      .execute();
    assert.deepEqual(
      members.map((m) => m.groupe_id),
      [f.groupA],
    );
  });

  test('an expired invitation is refused in French', async () => {
    const admin = new Browser(app);
    await admin.signIn(f.admin.email, ADMIN_PASSWORD);
    await admin.visit(`/admin/procedures/${f.procedureId}/groupes`);
    await admin.post(`/admin/procedures/${f.procedureId}/groupes/${f.groupB}/instructeurs`, {
      email: 'tardif@exemple.fr',
    });
    await drainJobs(app);
    const mail = await app.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('to_email', '=', 'tardif@exemple.fr')
      .executeTakeFirstOrThrow();
    const token = mail.text.match(/\/invitation\/([A-Za-z0-9_-]+)/)![1];
    app.clock.advanceDays(8);
    const agent = new Browser(app);
    await agent.get(`/invitation/${token}`);
    const res = await agent.post(`/invitation/${token}`, {
      password: 'un-mot-de-passe-long',
      confirmation: 'un-mot-de-passe-long',
    });
    assert.equal(res.status, 422);
    assert.match(await res.text(), /Ce lien a expiré/);
  });

  test('an instructor cannot reach the administration pages; an admin of another procedure gets 404', async () => {
    const other = await procedureFixture(app);
    await app.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(ADMIN_PASSWORD) })
      .where('id', '=', other.admin.id)
      .execute();
    const b = new Browser(app);
    await b.signIn(other.admin.email, ADMIN_PASSWORD);
    const res = await b.get(`/admin/procedures/${f.procedureId}/groupes`);
    assert.equal(res.res.status, 404);
    await b.get(`/admin/procedures/${other.procedureId}/groupes`);
    const forged = await b.post(`/admin/procedures/${f.procedureId}/groupes/${f.groupA}/instructeurs`, {
      email: 'intrus@exemple.fr',
    });
    assert.equal(forged.status, 404);
    const intrus = await app.db.selectFrom('users').select('id').where('email', '=', 'intrus@exemple.fr').execute();
    assert.equal(intrus.length, 0);
  });
});
