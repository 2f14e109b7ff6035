// « Gestion des instructeurs » (docs/domain.md §10): self-management when the administrators allowed it
// (add by e-mail with an invitation, remove — never the last one), otherwise the page says why; a
// group's contact information at the foot of the usager's e-mails; the administrators' list.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { drainJobs } from '../../src/jobs/index.ts';
import { notifyUsagerJob } from '../../src/jobs/notify-usager.ts';
import { closeTestApp, createTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import type { Browser } from '../helpers/http.ts';
import { browserAs, textOf } from './dossier-fixture.ts';

let app: TestApp;
let f: Fixture;
let a: Browser;
let base: string;

const members = async (groupeId: string) =>
  (
    await app.db
      .selectFrom('groupe_members')
      .innerJoin('users', 'users.id', 'groupe_members.user_id')
      .select('users.email')
      .where('groupe_id', '=', groupeId)
      .orderBy('users.email')
      .execute()
  ).map((m) => m.email);

before(async () => {
  app = await createTestApp();
  f = await procedureFixture(app);
  a = await browserAs(app, f.instructeurA);
  base = `/instructeur/procedures/${f.procedureId}/gestion`;
});
after(async () => closeTestApp(app));

describe(`gestion des instructeurs (${engine})`, () => {
  test('without self-management the page says why and links to the administrators', async () => {
    const list = await a.get(`${base}/instructeurs`);
    assert.equal(list.res.status, 200);
    assert.match(textOf(list.html), /n'ont pas activé l'auto-gestion des instructeurs/);
    // with routing (two groups), first the list of my groups: only mine
    assert.match(list.html, new RegExp(`href="${base}/instructeurs/${f.groupA}"`));
    assert.doesNotMatch(list.html, new RegExp(`/instructeurs/${f.groupB}"`));
    const page = await a.get(`${base}/instructeurs/${f.groupA}`);
    assert.doesNotMatch(page.html, /Ajouter l'instructeur/);
    const r = await a.post(`${base}/instructeurs/${f.groupA}/ajouter`, { email: 'nouvel.agent@exemple.fr' });
    assert.equal(r.status, 403);
    assert.deepEqual(await members(f.groupA), [f.instructeurA2.email, f.instructeurA.email].sort());
    const admins = await a.get(`${base}/administrateurs`);
    assert.match(admins.html, new RegExp(`mailto:${f.admin.email}`));
  });

  test('with self-management: add by e-mail with an invitation, remove, never the last one', async () => {
    await app.db
      .updateTable('procedures')
      .set({ instructeurs_self_management: true })
      .where('id', '=', f.procedureId)
      .execute();
    await a.get(`${base}/instructeurs/${f.groupA}`);
    const bad = await a.post(`${base}/instructeurs/${f.groupA}/ajouter`, { email: 'pas-une-adresse' });
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /value="pas-une-adresse"/);
    const r = await a.post(`${base}/instructeurs/${f.groupA}/ajouter`, { email: 'Nouvel.Agent@exemple.fr' });
    assert.equal(r.status, 303);
    assert.ok((await members(f.groupA)).includes('nouvel.agent@exemple.fr'));
    await drainJobs(app);
    const mail = await app.db
      .selectFrom('outbox_emails')
      .select('subject')
      .where('to_email', '=', 'nouvel.agent@exemple.fr')
      .executeTakeFirstOrThrow();
    assert.match(mail.subject, /Invitation à instruire la démarche/);

    // a group I am not in is not mine to manage
    const other = await a.post(`${base}/instructeurs/${f.groupB}/ajouter`, { email: 'x@exemple.fr' });
    assert.equal(other.status, 404);

    for (const email of ['nouvel.agent@exemple.fr', f.instructeurA2.email]) {
      const u = await app.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
      assert.equal((await a.post(`${base}/instructeurs/${f.groupA}/retirer`, { userId: u.id })).status, 303);
    }
    assert.deepEqual(await members(f.groupA), [f.instructeurA.email]);
    const last = await a.post(`${base}/instructeurs/${f.groupA}/retirer`, { userId: f.instructeurA.id });
    assert.equal(last.status, 422);
    assert.match(
      await last.text(),
      /Le dernier instructeur d&#39;un groupe ne peut pas être retiré|Le dernier instructeur d'un groupe ne peut pas être retiré/,
    );
    assert.deepEqual(await members(f.groupA), [f.instructeurA.email]);
  });

  test('contact information: checked, kept on error, shown at the foot of the usager’s e-mails', async () => {
    const url = `${base}/instructeurs/${f.groupA}/contact`;
    const typed = {
      service: 'Service des subventions',
      adresse: '1 place de la Mairie, 75001 Paris',
      email: 'mauvaise adresse',
      telephone: '01 23 45 67 89',
      horaires: 'Du lundi au vendredi, 9 h – 17 h',
    };
    const bad = await a.post(url, typed);
    assert.equal(bad.status, 422);
    const html = await bad.text();
    assert.match(html, /Saisissez une adresse électronique valide/);
    assert.match(html, /value="Service des subventions"/);
    assert.equal((await a.post(url, { ...typed, email: 'subventions@mairie.fr' })).status, 303);

    const id = await dossier(app, f, { state: 'en_instruction' });
    const handler = await notifyUsagerJob.handler();
    await handler(app, { dossierId: id, template: 'en_instruction' });
    const mail = await app.db
      .selectFrom('outbox_emails')
      .select(['text', 'html'])
      .where('to_email', '=', f.usager.email)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.match(
      mail.text,
      /Pour nous contacter :\nService des subventions\n1 place de la Mairie, 75001 Paris\nE-mail : subventions@mairie\.fr\nTéléphone : 01 23 45 67 89\nHoraires : Du lundi au vendredi/,
    );
    assert.match(mail.html, /Service des subventions/);
    // a dossier of another group: no contact of group A
    const other = await dossier(app, f, { state: 'en_instruction', groupe: f.groupB });
    await handler(app, { dossierId: other, template: 'en_instruction' });
    const m2 = await app.db
      .selectFrom('outbox_emails')
      .select('text')
      .where('to_email', '=', f.usager.email)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.doesNotMatch(m2.text, /Pour nous contacter/);
  });
});
