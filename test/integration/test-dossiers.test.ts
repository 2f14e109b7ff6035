// Test dossiers (docs/domain.md §1.1, « Dossiers de test »), through the real pages: while a démarche is
// en test its administrators and instructors start, save and deposit dossiers from the public link on
// the draft form; those dossiers are marked « Dossier de test » in the instructor's list and dossier
// page, in « Mes dossiers » and on the usager's pages, and in the e-mail subjects; anyone else is
// refused; the first publication deletes them (with their stored files), a later one deletes nothing.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { Browser } from '../helpers/http.ts';
import { createUser, type TestUser } from '../factories/index.ts';
import { browserAs } from './dossier-fixture.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { createProcedure } from '../../src/features/procedures/create-procedure.ts';
import { updateProcedure } from '../../src/features/procedures/update-procedure.ts';
import { addField } from '../../src/features/procedures/add-field.ts';
import { publishProcedure } from '../../src/features/procedures/publish-procedure.ts';
import { inviteInstructeur } from '../../src/features/accounts/invite-instructeur.ts';

let app: TestApp;
let admin: TestUser;
let instructeur: TestUser;
let procedureId: string;
const SLUG = 'aide-aux-tests';
const path = `/commencer/${SLUG}`;

before(async () => {
  app = await createTestApp();
  admin = await createUser(app, { roles: ['administrateur'] });
  instructeur = await createUser(app, { roles: ['instructeur'] });
  const { id } = await createProcedure(app, admin, { title: 'Aide aux tests' });
  procedureId = id;
  await updateProcedure(app, admin, {
    procedureId: id,
    title: 'Aide aux tests',
    description: 'Une démarche pour essayer.',
    service_name: 'Mairie de Test',
    service_address: '1 place de la Mairie',
    contact_email: 'contact@mairie.test',
    contact_phone: '01 23 45 67 89',
    contact_hours: '9 h – 17 h',
    for_individual: true,
    slug: SLUG,
    closes_on: '',
    retention_months: 12,
    declarative: 'none',
    rdv_enabled: false,
    allow_expert_review: true,
    allow_expert_messaging: true,
    instructeurs_self_management: false,
  });
  await addField(app, admin, {
    procedureId: id,
    list: 'fields',
    field: { type: 'text', label: 'Nom du projet', description: '', mandatory: true, choices: '', conditions: [] },
  });
  const g = await app.db
    .selectFrom('groupes_instructeurs')
    .select('id')
    .where('procedure_id', '=', id)
    .executeTakeFirstOrThrow();
  await inviteInstructeur(app, admin, { email: instructeur.email, groupeId: g.id });
});
after(async () => closeTestApp(app));

/** Starts a dossier from the public link and deposits it; returns its number. */
async function fileTestDossier(b: Browser, nom: string): Promise<string> {
  await b.get(path);
  const start = await b.post(path);
  assert.equal(start.status, 303, 'the staff may start a dossier while en test');
  const brouillon = start.headers.get('location')!;
  const id = brouillon.match(/\/dossiers\/(\d+)\/brouillon/)![1]!;
  const form = await b.get(brouillon);
  assert.match(form.html, /Dossier de test/);
  assert.match(form.html, /Nom du projet/, 'the draft form is the one filled');
  const champ = form.html.match(/name="(champ_[A-Za-z0-9_-]+)"/)![1]!;
  const ok = await b.post(brouillon, {
    _submit: 'deposer',
    lockVersion: '0',
    civilite: 'Mme',
    nom,
    prenom: 'Léa',
    [champ]: 'Essai',
  });
  if (ok.status !== 303)
    console.log(
      (await ok.text())
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .slice(0, 3000),
    );
  assert.equal(ok.status, 303, `deposit: ${ok.status}`);
  return id;
}

describe(`test dossiers (${engine})`, () => {
  test('anyone else is refused while en test: the page says so, starting is refused', async () => {
    const anonymous = await new Browser(app).get(path);
    assert.equal(anonymous.res.status, 200);
    assert.match(anonymous.html, /n&#39;est pas ouverte|n'est pas ouverte/);
    assert.match(anonymous.html, /connectez-vous<\/a> pour déposer un dossier de\s+test/);
    const usager = await browserAs(app, await createUser(app));
    const page = await usager.get(path);
    assert.doesNotMatch(page.html, /Commencer la démarche<\/button>/);
    const refused = await usager.post(path);
    assert.equal(refused.status, 422);
    const n = await app.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('procedure_id', '=', procedureId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 0);
  });

  test('the administrator and the instructor file test dossiers, marked everywhere; the first publication deletes them', async () => {
    const adminB = await browserAs(app, admin);
    const dashboard = await adminB.get(`/admin/procedures/${procedureId}`);
    assert.match(dashboard.html, new RegExp(`href="${path}"[^>]*>\\s*Tester la démarche`));
    const page = await adminB.get(path);
    assert.match(page.html, /Cette démarche est en test/);
    const fromAdmin = await fileTestDossier(adminB, 'Admin');
    const instrB = await browserAs(app, instructeur);
    // the instructor asked for an e-mail at each deposit
    await app.db
      .insertInto('instructeur_procedures')
      .values({
        user_id: instructeur.id,
        procedure_id: procedureId,
        email_prefs: JSON.stringify({ instant_email_new_dossier: true }),
      })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'procedure_id'])
          .doUpdateSet({ email_prefs: JSON.stringify({ instant_email_new_dossier: true }) }),
      )
      .execute();
    const fromInstructeur = await fileTestDossier(instrB, 'Instructeur');
    const rows = await app.db
      .selectFrom('dossiers')
      .select(['id', 'is_test', 'state', 'revision_id'])
      .where('procedure_id', '=', procedureId)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.id, r.is_test, r.state]),
      [
        [fromAdmin, true, 'en_construction'],
        [fromInstructeur, true, 'en_construction'],
      ],
    );

    // the usager side: « Mes dossiers » and the dossier page
    assert.match((await adminB.get('/dossiers')).html, /Dossier de test/);
    assert.match((await adminB.get(`/dossiers/${fromAdmin}`)).html, /Dossier de test/);
    // the instructor's list row and dossier header
    const list = await instrB.get(`/instructeur/procedures/${procedureId}?statut=a-suivre`);
    assert.equal(list.res.status, 200);
    assert.equal(list.html.match(/Dossier de test/g)?.length, 2, 'one badge per row');
    const header = await instrB.get(`/instructeur/dossiers/${fromAdmin}`);
    assert.match(header.html, /Dossier de test/);
    // the e-mail of the deposit says it first
    await drainJobs(app);
    const mail = await app.db
      .selectFrom('outbox_emails')
      .select('subject')
      .where('to_email', '=', admin.email)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.match(mail.subject, /^\[Dossier de test\] /);
    const instructorMail = await app.db
      .selectFrom('outbox_emails')
      .select('subject')
      .where('to_email', '=', instructeur.email)
      .where('subject', 'like', '%Nouveau dossier%')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.match(instructorMail.subject, /^\[Dossier de test\] Nouveau dossier nº/);

    const r = await publishProcedure(app, admin, { procedureId });
    assert.equal(r.first, true);
    assert.equal(r.deletedTestDossiers, 2);
    const left = await app.db.selectFrom('dossiers').select('id').where('procedure_id', '=', procedureId).execute();
    assert.deepEqual(left, []);
    assert.equal((await adminB.get(`/dossiers/${fromAdmin}`)).res.status, 404);
    assert.doesNotMatch((await adminB.get('/dossiers')).html, /Dossier de test/);
    assert.doesNotMatch((await adminB.get(`/admin/procedures/${procedureId}`)).html, /Tester la démarche/);
  });

  test('once published, the public link takes real dossiers from anyone, never marked as test', async () => {
    const usager = await createUser(app);
    const b = await browserAs(app, usager);
    const page = await b.get(path);
    assert.doesNotMatch(page.html, /Cette démarche est en test/);
    await b.get(path);
    const start = await b.post(path);
    assert.equal(start.status, 303);
    const id = start.headers.get('location')!.match(/\/dossiers\/(\d+)\//)![1]!;
    const d = await app.db.selectFrom('dossiers').select('is_test').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(d.is_test, false);
    assert.doesNotMatch((await b.get(start.headers.get('location')!)).html, /Dossier de test/);
  });
});
