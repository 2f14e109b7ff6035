// What an instructor meets every day on the dossier page (docs/interface.md §1, §3): « en attente de
// correction » said once in the header; a rendez-vous still to come after a decision is pointed out
// with « Annuler le rendez-vous »; « Mettre à la corbeille » asks for confirmation and says when the
// dossier will be deleted; the decision page says first that mandatory private annotations are
// empty, with a link to them; the invitation page shows the address it activates and signs in.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { createDossier, createGroupe, createProcedure, createUser, FIELDS } from '../factories/index.ts';
import { transitionDossier } from '../../src/features/instruction/transition-dossier.ts';
import { proposeRendezVous } from '../../src/features/rendez-vous/propose-rendez-vous.ts';
import { decideDossier } from '../../src/features/dossiers/decide-dossier.ts';
import { inviteInstructeur } from '../../src/features/accounts/invite-instructeur.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { Browser } from '../helpers/http.ts';
import { browserAs, follow, textOf } from './dossier-fixture.ts';

let app: TestApp;
before(async () => {
  app = await createTestApp({ now: '2026-03-02T09:00:00Z' });
});
after(async () => closeTestApp(app));

async function setup(opts: { rdvEnabled?: boolean; mandatoryAnnotation?: boolean } = {}) {
  const procedure = await createProcedure(app, {
    rdvEnabled: opts.rdvEnabled,
    annotations: [
      { stableId: 'a1', type: 'text', label: 'Avis du service', mandatory: !!opts.mandatoryAnnotation, private: true },
    ],
  });
  const instructeur = await createUser(app, { roles: ['instructeur'] });
  const usager = await createUser(app);
  const groupe = await createGroupe(app, procedure.id, { members: [instructeur] });
  return { procedure, instructeur, usager, groupe };
}

const header = (html: string) => html.slice(html.indexOf('<h1'), html.indexOf('Onglets du dossier'));
const lockOf = (html: string) => html.match(/name="lockVersion" value="(\d+)"/)?.[1] ?? '';

describe(`daily irritants of the dossier page (${engine})`, () => {
  test('« en attente de correction » is shown once in the header', async () => {
    const s = await setup();
    const id = await createDossier(app, { procedure: s.procedure, groupeId: s.groupe, usager: s.usager });
    await transitionDossier(app, s.instructeur, {
      dossierId: id,
      action: 'demander_correction',
      correctionMessage: 'Merci de compléter.',
      correctionReason: 'incomplete',
    });
    const b = await browserAs(app, s.instructeur);
    const page = await b.get(`/instructeur/dossiers/${id}`);
    const badges = await app.db.selectFrom('notifications').select('kind').where('dossier_id', '=', id).execute();
    assert.ok(
      badges.some((n) => n.kind === 'attente_correction'),
      'the follower carries the badge',
    );
    assert.equal(textOf(header(page.html)).match(/en attente de correction/gi)?.length, 1);
  });

  test('a rendez-vous to come after a refusal is pointed out and can be cancelled from the dossier', async () => {
    const s = await setup({ rdvEnabled: true });
    const id = await createDossier(app, {
      procedure: s.procedure,
      groupeId: s.groupe,
      usager: s.usager,
      instructeur: s.instructeur,
      state: 'en_instruction',
    });
    const rdv = await proposeRendezVous(app, s.instructeur, {
      dossierId: id,
      date: '2026-03-20',
      time: '10:00',
      duration: '30',
      mode: 'sur_place',
      place: 'Mairie',
    });
    await decideDossier(app, s.instructeur, { dossierId: id, action: 'refuser', motivation: 'Hors critères.' });
    const b = await browserAs(app, s.instructeur);
    const page = await b.get(`/instructeur/dossiers/${id}`);
    const text = textOf(page.html);
    assert.match(text, /Un rendez-vous est toujours prévu avec l'usager le 20\/03\/2026 à 10:00/);
    assert.match(text, /le dossier est refusé/);
    const action = `/instructeur/dossiers/${id}/rendez-vous/${(rdv as { id: string }).id}/annuler`;
    assert.ok(page.html.includes(`action="${action}"`), 'a cancel button');
    const r = await b.post(action);
    assert.equal(r.status, 303);
    const row = await app.db.selectFrom('rendez_vous').select('cancelled_at').executeTakeFirstOrThrow();
    assert.ok(row.cancelled_at);
    const after = textOf((await b.get(`/instructeur/dossiers/${id}`)).html);
    assert.doesNotMatch(after, /Un rendez-vous est toujours prévu/);
    // the usager still sees it as it is: cancelled
    const bu = await browserAs(app, s.usager);
    assert.match(textOf((await bu.get(`/dossiers/${id}`)).html), /annulé/i);
  });

  test('« Mettre à la corbeille » asks for confirmation and tells the purge date', async () => {
    const s = await setup();
    const id = await createDossier(app, {
      procedure: s.procedure,
      groupeId: s.groupe,
      usager: s.usager,
      instructeur: s.instructeur,
      state: 'accepte',
    });
    const b = await browserAs(app, s.instructeur);
    const page = await b.get(`/instructeur/dossiers/${id}`);
    let r = await b.post(`/instructeur/dossiers/${id}/actions`, {
      action: 'supprimer',
      lockVersion: lockOf(page.html),
    });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), `/instructeur/dossiers/${id}/actions/mettre-a-la-corbeille`);
    const d0 = await app.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(d0.hidden_by_administration_at, null, 'nothing done before the confirmation');
    const confirm = await b.get(`/instructeur/dossiers/${id}/actions/mettre-a-la-corbeille`);
    assert.equal(confirm.res.status, 200);
    const expected = new Date(d0.expires_at!.getTime() + 14 * 86_400_000);
    const frDay = (d: Date) =>
      d.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' });
    const ct = textOf(confirm.html);
    assert.match(ct, /Valider et mettre à la corbeille/);
    assert.ok(ct.includes(`supprimé définitivement le ${frDay(expected)}`), ct.slice(0, 800));
    r = await b.post(`/instructeur/dossiers/${id}/actions/mettre-a-la-corbeille`, {
      lockVersion: lockOf(confirm.html),
    });
    assert.equal(r.status, 303);
    assert.match(
      r.headers.get('location') ?? '',
      new RegExp(`/instructeur/procedures/${s.procedure.id}\\?statut=supprimes`),
    );
    const landed = await follow(b, r);
    assert.equal(landed.status, 200);
    assert.ok(textOf(landed.html).includes(`Le dossier nº ${id} a été mis à la corbeille`));
    assert.ok(textOf(landed.html).includes(`Suppression définitive le ${frDay(expected)}`));
  });

  test('the decision page says first that mandatory private annotations are empty, with a link to them', async () => {
    const s = await setup({ mandatoryAnnotation: true });
    const id = await createDossier(app, {
      procedure: s.procedure,
      groupeId: s.groupe,
      usager: s.usager,
      instructeur: s.instructeur,
      state: 'en_instruction',
    });
    const b = await browserAs(app, s.instructeur);
    const page = await b.get(`/instructeur/dossiers/${id}/actions/accepter`);
    assert.equal(page.res.status, 200);
    const warn = page.html.indexOf('Des annotations privées obligatoires sont vides');
    assert.ok(warn > 0, 'the warning');
    assert.ok(warn < page.html.indexOf('id="motivation"'), 'before the motivation');
    assert.match(
      page.html,
      new RegExp(`href="/instructeur/dossiers/${id}/annotations"[^>]*>[^<]*Remplir les annotations privées`),
    );
    assert.match(textOf(page.html), /Avis du service/);
    // filled: no warning
    await app.db
      .updateTable('dossiers')
      .set({ annotations: JSON.stringify({ a1: { value: 'Favorable', updatedAt: new Date().toISOString() } }) })
      .where('id', '=', id)
      .execute();
    const again = await b.get(`/instructeur/dossiers/${id}/actions/accepter`);
    assert.doesNotMatch(again.html, /Des annotations privées obligatoires sont vides/);
    void FIELDS;
  });

  test('the invitation page shows the address it activates and signs the person in', async () => {
    const s = await setup();
    await inviteInstructeur(app, s.procedure.admin, { email: 'nouvelle.recrue@exemple.fr', groupeId: s.groupe });
    await drainJobs(app);
    const mail = await app.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('to_email', '=', 'nouvelle.recrue@exemple.fr')
      .executeTakeFirstOrThrow();
    const token = mail.text.match(/\/invitation\/([A-Za-z0-9_-]+)/)![1];
    const agent = new Browser(app);
    const page = await agent.get(`/invitation/${token}`);
    assert.match(textOf(page.html), /nouvelle\.recrue@exemple\.fr/);
    const r = await agent.post(`/invitation/${token}`, {
      password: 'un-mot-de-passe-long',
      confirmation: 'un-mot-de-passe-long',
    });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/instructeur/procedures');
    const landed = await follow(agent, r);
    assert.equal(landed.status, 200);
    assert.match(textOf(landed.html), /Votre compte est activé/);
    assert.match(landed.html, /nouvelle\.recrue@exemple\.fr/, 'signed in');
    // a used link shows no address
    const used = await new Browser(app).get(`/invitation/${token}`);
    assert.doesNotMatch(used.html, /nouvelle\.recrue@exemple\.fr/);
    assert.match(textOf(used.html), /Ce lien a déjà été utilisé/);
  });
});
