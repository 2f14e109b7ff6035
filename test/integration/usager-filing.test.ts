// The usager's front door (docs/domain.md §12, docs/interface.md §3), through the pages on a real
// database: « Créer un compte » and its confirmation, the public link, the brouillon saved and
// autosaved (a stale tab gets a conflict, never a silent overwrite), « Mes dossiers », the deposit
// with its strict validation and its routing, the brouillon never shown to instructors, another
// usager refused everywhere, account deletion.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { Browser } from '../helpers/http.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import {
  createDossier,
  createGroupe,
  createProcedure,
  createUser,
  type TestProcedure,
  type TestUser,
} from '../factories/index.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import { browserAs } from './dossier-fixture.ts';

const FIELDS: FieldDef[] = [
  { stableId: 'nom_projet', type: 'text', label: 'Nom du projet', mandatory: true, private: false },
  {
    stableId: 'type',
    type: 'drop_down_list',
    label: 'Type de projet',
    mandatory: true,
    private: false,
    options: { choices: ['Culture', 'Sport'] },
  },
  {
    stableId: 'club',
    type: 'text',
    label: 'Nom du club',
    mandatory: true,
    private: false,
    condition: { op: 'eq', field: 'type', value: 'Sport' },
  },
  { stableId: 'montant', type: 'integer_number', label: 'Montant demandé', mandatory: false, private: false },
];

let app: TestApp;
let procedure: TestProcedure;
let groupeCulture: string;
let groupeSport: string;
let instructeurSport: TestUser;
let instructeurCulture: TestUser;
const PASSWORD = 'un mot de passe très solide';

before(async () => {
  app = await createTestApp();
  procedure = await createProcedure(app, { title: 'Subvention aux associations', fields: FIELDS });
  instructeurCulture = await createUser(app, { roles: ['instructeur'], password: PASSWORD });
  instructeurSport = await createUser(app, { roles: ['instructeur'] });
  groupeCulture = await createGroupe(app, procedure.id, { label: 'Culture', members: [instructeurCulture] });
  groupeSport = await createGroupe(app, procedure.id, {
    label: 'Sport',
    isDefault: false,
    members: [instructeurSport],
  });
  await app.db
    .updateTable('groupes_instructeurs')
    .set({ routing_rule: JSON.stringify({ op: 'eq', field: 'type', value: 'Sport' }) })
    .where('id', '=', groupeSport)
    .execute();
});
after(async () => closeTestApp(app));

async function lastMailTo(email: string) {
  await drainJobs(app);
  return app.db
    .selectFrom('outbox_emails')
    .selectAll()
    .where('to_email', '=', email)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
}

const slug = () => `/commencer/${procedure.id}`;

describe(`a usager files a dossier (${engine})`, () => {
  test('« Créer un compte »: French errors, confirmation link, sign-in refused before it, accepted after, back to the démarche', async () => {
    const b = new Browser(app);
    const page = await b.visit(slug());
    assert.equal(page.res.status, 200);
    assert.match(page.html, /Subvention aux associations/);
    assert.match(page.html, /Créer un compte/);
    await b.get(`/compte/creer?redirect=${encodeURIComponent(slug())}`);
    const short = await b.post('/compte/creer', {
      email: 'lea@exemple.fr',
      password: 'court',
      confirmation: 'court',
      redirect: slug(),
    });
    assert.equal(short.status, 422);
    const shortHtml = await short.text();
    assert.match(shortHtml, /au moins 12 caractères/);
    assert.match(shortHtml, /value="lea@exemple.fr"/);
    await b.get('/compte/creer');
    const ok = await b.post('/compte/creer', {
      email: 'Lea@Exemple.fr',
      password: PASSWORD,
      confirmation: PASSWORD,
      redirect: slug(),
    });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), `/connexion?redirect=${encodeURIComponent(slug())}`);
    assert.match((await b.visit(ok.headers.get('location')!)).html, /Confirmez votre adresse électronique/);
    const early = await b.signIn('lea@exemple.fr', PASSWORD);
    assert.equal(early.status, 422);
    assert.match(await early.text(), /pas encore activé/);
    const mail = await lastMailTo('lea@exemple.fr');
    const link = mail.text.match(/\/compte\/confirmer\/([A-Za-z0-9_-]+)/)![1];
    const confirmed = await b.request('GET', `/compte/confirmer/${link}`);
    assert.equal(confirmed.status, 303);
    assert.equal(confirmed.headers.get('location'), `/connexion?redirect=${encodeURIComponent(slug())}`);
    const again = await b.request('GET', `/compte/confirmer/${link}`);
    assert.equal(again.status, 303, 'a used link is said so on the sign-in page');
    const signed = await b.signIn('lea@exemple.fr', PASSWORD);
    assert.equal(signed.status, 303);
  });

  test('the same e-mail as an instructor is the same account: no second account, an e-mail says so', async () => {
    const b = new Browser(app);
    await b.get('/compte/creer');
    const r = await b.post('/compte/creer', {
      email: instructeurCulture.email,
      password: 'un autre mot de passe long',
      confirmation: 'un autre mot de passe long',
    });
    assert.equal(r.status, 303, 'the same answer as for a new address');
    const mail = await lastMailTo(instructeurCulture.email);
    assert.match(mail.subject, /déjà un compte/);
    const n = await app.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('email', '=', instructeurCulture.email)
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 1);
    const signed = await b.signIn(instructeurCulture.email, PASSWORD);
    assert.equal(signed.status, 303, 'the old password still works');
  });

  test('closed, unpublished and unknown démarches get a clear page, never a 500', async () => {
    const b = new Browser(app);
    const unknown = await b.get('/commencer/999999');
    assert.equal(unknown.res.status, 404);
    assert.match(unknown.html, /Cette démarche n&#39;existe pas|Cette démarche n'existe pas/);
    const garbage = await b.get('/commencer/%27%3Cscript%3E');
    assert.equal(garbage.res.status, 404);
    const closed = await createProcedure(app, { title: 'Démarche close', fields: FIELDS });
    await app.db.updateTable('procedures').set({ state: 'close' }).where('id', '=', closed.id).execute();
    const c = await b.get(`/commencer/${closed.id}-demarche-close`);
    assert.equal(c.res.status, 200);
    assert.match(c.html, /Cette démarche est close/);
    const u = await createUser(app);
    const signed = await browserAs(app, u);
    await signed.get(`/commencer/${closed.id}`);
    const refused = await signed.post(`/commencer/${closed.id}`);
    assert.equal(refused.status, 422);
  });

  test("the administrator's public link (slug) opens the démarche; a closed one shows the administrator's message", async () => {
    const b = new Browser(app);
    const p = await createProcedure(app, { title: 'Démarche au lien choisi', fields: FIELDS });
    await app.db.updateTable('procedures').set({ slug: 'mon-lien-42' }).where('id', '=', p.id).execute();
    const open = await b.get('/commencer/mon-lien-42');
    assert.equal(open.res.status, 200);
    assert.match(open.html, /Démarche au lien choisi/);
    assert.match(open.html, /redirect=%2Fcommencer%2Fmon-lien-42/, 'the page links back to its own public link');
    assert.equal((await b.get(`/commencer/${p.id}`)).res.status, 200, 'the number still works');
    await app.db
      .updateTable('procedures')
      .set({ state: 'close', closing_message: 'Déposez désormais sur la démarche « Aide 2027 ».' })
      .where('id', '=', p.id)
      .execute();
    const closed = await b.get('/commencer/MON-LIEN-42');
    assert.match(closed.html, /Cette démarche est close/);
    assert.match(closed.html, /Déposez désormais sur la démarche « Aide 2027 »/);
  });

  test('brouillon: saved without JS, autosaved with its version, a stale tab gets a conflict; invisible to instructors and to another usager', async () => {
    const u = await createUser(app);
    const b = await browserAs(app, u);
    await b.get(slug());
    const start = await b.post(slug());
    assert.equal(start.status, 303);
    const path = start.headers.get('location')!;
    const id = path.match(/\/dossiers\/(\d+)\/brouillon/)![1];
    const form = await b.get(path);
    assert.equal(form.res.status, 200);
    assert.match(form.html, /Enregistrer le brouillon/);
    assert.match(form.html, /Déposer le dossier/);
    // the conditional field is rendered hidden
    assert.match(form.html, /data-stable-id="club" hidden/);

    // explicit save, incomplete is fine; an invalid number is refused with its message, typed values kept
    const bad = await b.post(path, {
      _submit: 'enregistrer',
      lockVersion: '0',
      civilite: 'Mme',
      nom: 'Martin',
      prenom: 'Léa',
      champ_nom_projet: 'Jardin partagé',
      champ_type: '',
      champ_montant: 'douze',
    });
    assert.equal(bad.status, 422);
    const badHtml = await bad.text();
    assert.match(badHtml, /href="#f-champ_montant"/, 'the summary links to the field');
    assert.match(badHtml, /value="Jardin partagé"/);
    await b.get(path);
    const saved = await b.post(path, {
      _submit: 'enregistrer',
      lockVersion: '0',
      civilite: 'Mme',
      nom: 'Martin',
      prenom: 'Léa',
      champ_nom_projet: 'Jardin partagé',
      champ_type: '',
      champ_montant: '1200',
    });
    assert.equal(saved.status, 303);
    const row = await app.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.state, 'brouillon');
    assert.equal(row.lock_version, 1);
    assert.equal(row.nom, 'Martin');
    assert.equal(row.champs.montant?.value, 1200);
    assert.ok(row.expires_at, 'a brouillon expires');

    // autosave: the type « Sport » shows the club; a wrong value elsewhere keeps the stored one
    await b.get(path);
    const auto = await b.post(`${path}/autosave`, {
      lockVersion: '1',
      civilite: 'Mme',
      nom: 'Martin',
      prenom: 'Léa',
      champ_nom_projet: 'Jardin partagé et sportif',
      champ_type: 'Sport',
      champ_montant: 'beaucoup',
    });
    assert.equal(auto.status, 200);
    const json = (await auto.json()) as { ok: boolean; lockVersion: number; visible: string[]; errors: object };
    assert.equal(json.ok, true);
    assert.equal(json.lockVersion, 2);
    assert.ok(json.visible.includes('club'));
    assert.ok('montant' in json.errors);
    const after = await app.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(after.champs.nom_projet?.value, 'Jardin partagé et sportif');
    assert.equal(after.champs.montant?.value, 1200, 'the wrong value did not replace the stored one');

    // the other tab still has version 1: its save is refused, the change of the first tab stays
    const stale = await b.post(`${path}/autosave`, { lockVersion: '1', champ_nom_projet: 'Autre onglet' });
    assert.equal(stale.status, 409);
    assert.match(((await stale.json()) as { message: string }).message, /modifié entre-temps/);
    const staleForm = await b.post(path, { _submit: 'enregistrer', lockVersion: '1', champ_nom_projet: 'Autre' });
    assert.equal(staleForm.status, 409);
    assert.match(await staleForm.text(), /modifié entre-temps/);
    const kept = await app.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(kept.champs.nom_projet?.value, 'Jardin partagé et sportif');

    // « Mes dossiers » lists it under Brouillons
    const list = await b.get('/dossiers?statut=brouillons');
    assert.match(list.html, new RegExp(`/dossiers/${id}/brouillon`));

    // an instructor never sees a brouillon; another usager gets 404 everywhere
    const instr = await browserAs(app, instructeurCulture);
    assert.equal((await instr.get(`/instructeur/dossiers/${id}`)).res.status, 404);
    const other = await browserAs(app, await createUser(app));
    await other.get('/dossiers');
    for (const url of [path, `/dossiers/${id}`, `/dossiers/${id}/modifier`])
      assert.equal((await other.get(url)).res.status, 404, url);
    for (const url of [path, `${path}/autosave`, `${path}/supprimer`]) {
      await other.get('/dossiers');
      assert.equal((await other.post(url, { lockVersion: '2', champ_nom_projet: 'pirate' })).status, 404, url);
    }
    const untouched = await app.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(untouched.champs.nom_projet?.value, 'Jardin partagé et sportif');
  });

  test('deposit: strict validation (a mandatory field hidden by a condition is not required), routed by the rules, e-mail with the number', async () => {
    const u = await createUser(app);
    const b = await browserAs(app, u);
    await b.get(slug());
    const path = (await b.post(slug())).headers.get('location')!;
    const id = path.match(/\/dossiers\/(\d+)\//)![1];
    await b.get(path);
    const missing = await b.post(path, { _submit: 'deposer', lockVersion: '0', champ_type: 'Sport' });
    assert.equal(missing.status, 422);
    const html = await missing.text();
    for (const anchor of ['identite-civilite', 'identite-nom', 'f-champ_nom_projet', 'f-champ_club'])
      assert.match(html, new RegExp(`href="#${anchor}"`), anchor);
    assert.equal(
      (await app.db.selectFrom('dossiers').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state,
      'brouillon',
    );
    await b.get(path);
    const ok = await b.post(path, {
      _submit: 'deposer',
      lockVersion: '0',
      civilite: 'M.',
      nom: 'Durand',
      prenom: 'Paul',
      champ_nom_projet: 'Tournoi',
      champ_type: 'Sport',
      champ_club: 'US Exemple',
    });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), `/dossiers/${id}`);
    const d = await app.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(d.state, 'en_construction');
    assert.equal(d.groupe_id, groupeSport, 'routed by the Sport rule');
    const mail = await lastMailTo(u.email);
    assert.match(`${mail.subject} ${mail.text}`, new RegExp(id));
    // the Culture type, the club hidden: not required, routed to the default group
    const u2 = await createUser(app);
    const b2 = await browserAs(app, u2);
    await b2.get(slug());
    const path2 = (await b2.post(slug())).headers.get('location')!;
    await b2.get(path2);
    const ok2 = await b2.post(path2, {
      _submit: 'deposer',
      lockVersion: '0',
      civilite: 'Mme',
      nom: 'Petit',
      prenom: 'Anne',
      champ_nom_projet: 'Chorale',
      champ_type: 'Culture',
    });
    assert.equal(ok2.status, 303);
    const d2 = await app.db
      .selectFrom('dossiers')
      .selectAll()
      .where('id', '=', path2.match(/\/dossiers\/(\d+)\//)![1])
      .executeTakeFirstOrThrow();
    assert.equal(d2.groupe_id, groupeCulture);
    assert.equal(d2.champs.club, undefined);
    // the instructor of the Sport group finds the first dossier
    const instr = await browserAs(app, instructeurSport);
    assert.equal((await instr.get(`/instructeur/dossiers/${id}`)).res.status, 200);
    // a deposited dossier is no longer a brouillon
    assert.equal((await b.get(path)).res.status, 404);
  });

  test('a repetition row is added and removed with a 303 back to the form; a brouillon is deleted by its owner', async () => {
    const rep = await createProcedure(app, {
      title: 'Démarche répétée',
      fields: [
        {
          stableId: 'membres',
          type: 'repetition',
          label: 'Membres',
          mandatory: false,
          private: false,
          children: [{ stableId: 'membre_nom', type: 'text', label: 'Nom du membre', mandatory: true, private: false }],
        },
      ],
    });
    await createGroupe(app, rep.id, { label: 'défaut' });
    const u = await createUser(app);
    const b = await browserAs(app, u);
    await b.get(`/commencer/${rep.id}`);
    const path = (await b.post(`/commencer/${rep.id}`)).headers.get('location')!;
    const id = path.match(/\/dossiers\/(\d+)\//)![1];
    await b.get(path);
    const add = await b.post(path, { _repetition: 'add:membres', lockVersion: '0' });
    assert.equal(add.status, 303);
    const withRow = await b.get(path);
    const rowId = withRow.html.match(/name="champ_membres__rows" value="([^"]+)"/)![1];
    const remove = await b.post(path, {
      _repetition: `remove:membres:${rowId}`,
      lockVersion: '1',
      champ_membres__rows: rowId,
    });
    assert.equal(remove.status, 303);
    assert.doesNotMatch((await b.get(path)).html, /champ_membres__rows/);
    const del = await b.post(`${path}/supprimer`);
    assert.equal(del.status, 303);
    assert.equal(await app.db.selectFrom('dossiers').select('id').where('id', '=', id).executeTakeFirst(), undefined);
  });

  test('account deletion: refused with a dossier en instruction; otherwise brouillons go, deposited dossiers stay', async () => {
    const u = await createUser(app, { password: PASSWORD });
    const b = await browserAs(app, u);
    await b.get(slug());
    const path = (await b.post(slug())).headers.get('location')!;
    const brouillonId = path.match(/\/dossiers\/(\d+)\//)![1];
    const page = await b.get('/compte');
    assert.match(page.html, /Supprimer mon compte/);
    const unconfirmed = await b.post('/compte/supprimer', {});
    assert.equal(unconfirmed.status, 422);
    await b.get('/compte');
    const done = await b.post('/compte/supprimer', { confirm: '1' });
    assert.equal(done.status, 303);
    assert.equal(await app.db.selectFrom('users').select('id').where('id', '=', u.id).executeTakeFirst(), undefined);
    assert.equal(
      await app.db.selectFrom('dossiers').select('id').where('id', '=', brouillonId).executeTakeFirst(),
      undefined,
    );
    // a dossier en instruction blocks it; the dossier stays, without change
    const busy = await createUser(app);
    const busyId = await createDossier(app, {
      procedure,
      groupeId: groupeCulture,
      usager: busy,
      instructeur: instructeurCulture,
      state: 'en_instruction',
      champs: { nom_projet: 'En cours', type: 'Culture' },
    });
    const bb = await browserAs(app, busy);
    const busyPage = await bb.get('/compte');
    assert.match(
      busyPage.html,
      /tant qu&#39;un de vos dossiers est en instruction|tant qu'un de vos dossiers est en instruction/,
    );
    const blocked = await bb.post('/compte/supprimer', { confirm: '1' });
    assert.equal(blocked.status, 422);
    assert.ok(await app.db.selectFrom('users').select('id').where('id', '=', busy.id).executeTakeFirst());
    // once traité, the account goes and the dossier stays with the administration, without owner
    await app.db.updateTable('dossiers').set({ state: 'accepte' }).where('id', '=', busyId).execute();
    await bb.get('/compte');
    assert.equal((await bb.post('/compte/supprimer', { confirm: '1' })).status, 303);
    const kept = await app.db
      .selectFrom('dossiers')
      .select(['user_id', 'user_email'])
      .where('id', '=', busyId)
      .executeTakeFirstOrThrow();
    assert.equal(kept.user_id, null);
    assert.equal(kept.user_email, busy.email);
    // an instructor's account is not deleted this way
    const instr = await browserAs(app, instructeurSport);
    await instr.get('/compte');
    const refused = await instr.post('/compte/supprimer', { confirm: '1' });
    assert.equal(refused.status, 422);
  });
});

describe(`co-editors (${engine})`, () => {
  test('the owner invites by e-mail; the invitee edits and messages; only the owner invites, removes and deletes; the instructor sees them', async () => {
    const owner = await createUser(app);
    const b = await browserAs(app, owner);
    await b.get(slug());
    const path = (await b.post(slug())).headers.get('location')!;
    const id = path.match(/\/dossiers\/(\d+)\//)![1];
    await b.get(path);
    const self = await b.post(`/dossiers/${id}/invites`, { email: owner.email });
    assert.equal(self.status, 303, 'refused with a flash');
    await b.get(path);
    const inv = await b.post(`/dossiers/${id}/invites`, { email: 'Invitee@Exemple.fr' });
    assert.equal(inv.status, 303);
    assert.equal(inv.headers.get('location'), `${path}#co-editeurs`);
    const mail = await lastMailTo('invitee@exemple.fr');
    assert.match(mail.subject, new RegExp(`dossier nº ${id}`));
    const invitee = await app.db
      .selectFrom('users')
      .select(['id', 'email'])
      .where('email', '=', 'invitee@exemple.fr')
      .executeTakeFirstOrThrow();
    const bi = await browserAs(app, invitee);
    const form = await bi.get(path);
    assert.equal(form.res.status, 200);
    assert.doesNotMatch(form.html, /Supprimer le brouillon/);
    assert.doesNotMatch(form.html, /Envoyer l&#39;invitation|Envoyer l'invitation/);
    const list = await bi.get('/dossiers?statut=brouillons');
    assert.match(list.html, /invité/);
    // the invitee edits a field
    const saved = await bi.post(path, { _submit: 'enregistrer', lockVersion: '0', champ_nom_projet: 'Par l’invité' });
    assert.equal(saved.status, 303);
    // but may neither invite, remove nor delete
    await bi.get(path);
    assert.equal((await bi.post(`/dossiers/${id}/invites`, { email: 'x@exemple.fr' })).status, 404);
    await bi.get(path);
    assert.equal((await bi.post(`/dossiers/${id}/invites/${invitee.id}/supprimer`)).status, 404);
    await bi.get(path);
    assert.equal((await bi.post(`${path}/supprimer`)).status, 404);
    // the owner deposits; the instructor's « Personnes impliquées » lists the invitee; the invitee messages
    await b.get(path);
    const dep = await b.post(path, {
      _submit: 'deposer',
      lockVersion: '1',
      civilite: 'Mme',
      nom: 'Martin',
      prenom: 'Léa',
      champ_nom_projet: 'Par l’invité',
      champ_type: 'Culture',
    });
    assert.equal(dep.status, 303);
    const instr = await browserAs(app, instructeurCulture);
    const personnes = await instr.get(`/instructeur/dossiers/${id}/personnes`);
    assert.equal(personnes.res.status, 200);
    assert.match(personnes.html, /invitee@exemple\.fr/);
    await bi.get(`/dossiers/${id}`);
    const msg = await bi.post(`/dossiers/${id}/messagerie`, { body: 'Bonjour, je complète pour l’association.' });
    assert.equal(msg.status, 303);
    // the owner removes the invitee: 404 for him from then on
    await b.get(`/dossiers/${id}`);
    const rm = await b.post(`/dossiers/${id}/invites/${invitee.id}/supprimer`);
    assert.equal(rm.status, 303);
    assert.equal((await bi.get(`/dossiers/${id}`)).res.status, 404);
  });
});

describe(`« Supprimer le dossier » (${engine})`, () => {
  test('the owner withdraws his dossier en construction: gone from his list and from the instructors; a co-editor may not', async () => {
    const owner = await createUser(app);
    const b = await browserAs(app, owner);
    await b.get(slug());
    const path = (await b.post(slug())).headers.get('location')!;
    const id = path.match(/\/dossiers\/(\d+)\//)![1];
    await b.get(path);
    await b.post(`/dossiers/${id}/invites`, { email: 'invite-retrait@exemple.fr' });
    await b.get(path);
    const dep = await b.post(path, {
      _submit: 'deposer',
      lockVersion: '0',
      civilite: 'Mme',
      nom: 'Roux',
      prenom: 'Inès',
      champ_nom_projet: 'Retrait',
      champ_type: 'Culture',
    });
    assert.equal(dep.status, 303);
    const invitee = await app.db
      .selectFrom('users')
      .select(['id', 'email'])
      .where('email', '=', 'invite-retrait@exemple.fr')
      .executeTakeFirstOrThrow();
    const bi = await browserAs(app, invitee);
    const seen = await bi.get(`/dossiers/${id}`);
    assert.doesNotMatch(seen.html, /action="\/dossiers\/\d+\/supprimer"/);
    assert.equal((await bi.post(`/dossiers/${id}/supprimer`)).status, 303, 'refused with a flash');
    assert.equal(
      (await app.db.selectFrom('dossiers').select('hidden_by_user_at').where('id', '=', id).executeTakeFirstOrThrow())
        .hidden_by_user_at,
      null,
    );
    const page = await b.get(`/dossiers/${id}`);
    assert.match(page.html, /Supprimer le dossier/);
    const r = await b.post(`/dossiers/${id}/supprimer`);
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/dossiers');
    const list = await b.get('/dossiers?statut=en-cours');
    assert.doesNotMatch(list.html, new RegExp(`Dossier nº ${id}<`));
    const instr = await browserAs(app, instructeurCulture);
    assert.equal((await instr.get(`/instructeur/dossiers/${id}`)).res.status, 404);
  });
});

describe(`« Transférer le dossier » (${engine})`, () => {
  test('the owner offers his dossier; only the named account answers; once accepted it changes hands', async () => {
    const owner = await createUser(app);
    const receiver = await createUser(app);
    const stranger = await createUser(app);
    const b = await browserAs(app, owner);
    await b.get(slug());
    const path = (await b.post(slug())).headers.get('location')!;
    const id = path.match(/\/dossiers\/(\d+)\//)![1];
    await b.get(path);
    await b.post(path, {
      _submit: 'deposer',
      lockVersion: '0',
      civilite: 'M.',
      nom: 'Blanc',
      prenom: 'Hugo',
      champ_nom_projet: 'À transférer',
      champ_type: 'Culture',
    });
    const page = await b.get(`/dossiers/${id}`);
    assert.match(page.html, /Transférer le dossier/);
    const offer = await b.post(`/dossiers/${id}/transfert`, { email: receiver.email.toUpperCase() });
    assert.equal(offer.status, 303);
    assert.match((await lastMailTo(receiver.email)).subject, new RegExp(`Transfert du dossier nº ${id}`));
    // a stranger cannot answer (not found), the receiver sees the offer
    const bs = await browserAs(app, stranger);
    await bs.get('/dossiers');
    assert.equal((await bs.post(`/dossiers/${id}/transfert/accepter`)).status, 404);
    const br = await browserAs(app, receiver);
    const list = await br.get('/dossiers');
    assert.match(list.html, new RegExp(`/dossiers/${id}/transfert/accepter`));
    assert.equal((await br.get(`/dossiers/${id}`)).res.status, 404, 'not his until he accepts');
    const ok = await br.post(`/dossiers/${id}/transfert/accepter`);
    assert.equal(ok.status, 303);
    const d = await app.db
      .selectFrom('dossiers')
      .select(['user_id', 'user_email'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(d.user_id, receiver.id);
    assert.equal(d.user_email, receiver.email);
    assert.equal((await br.get(`/dossiers/${id}`)).res.status, 200);
    assert.equal((await b.get(`/dossiers/${id}`)).res.status, 404, 'the former owner no longer sees it');
  });
});
