// « Instruction en masse » through the real routes, commands and jobs (docs/domain.md §8): checked
// rows and a whole filtered tab, each dossier acted on once by the single action's code, ineligible
// and forged dossiers reported with a French reason and never touched, single actions refused while
// an operation holds a dossier, the banner's progress and its dismissal, the menu of each tab.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier } from '../helpers/fixtures.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { BULK_NOT_IN_TAB, BULK_STATE_CHANGED, IN_BULK_OPERATION_MESSAGE } from '../../src/domain/bulk.ts';
import { transitionDossier } from '../../src/features/instruction/transition-dossier.ts';
import { followDossier } from '../../src/features/instruction/follow-dossier.ts';
import { browserAs, dossierProcedure, fileOf, pdf, textOf, type DossierFixture } from './dossier-fixture.ts';

let app: TestApp;
let f: DossierFixture;

before(async () => {
  app = await createTestApp();
  f = await dossierProcedure(app);
});
after(async () => closeTestApp(app));

const stateOf = async (id: string) =>
  (await app.db.selectFrom('dossiers').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
const eventsOf = async (id: string, type: string) =>
  (
    await app.db
      .selectFrom('dossier_events')
      .select('id')
      .where('dossier_id', '=', id)
      .where('type', '=', type)
      .execute()
  ).length;
const actorA = () => ({ userId: f.instructeurA.id, email: f.instructeurA.email });
const listUrl = (tab: string) => `/instructeur/procedures/${f.procedureId}?statut=${tab}`;

async function followAll(ids: string[]) {
  for (const id of ids) await followDossier(app, actorA(), { dossierId: id });
}

describe(`bulk operations (${engine})`, () => {
  test('« Demander un avis » in bulk: one avis per dossier and expert, with the question and the confidential flag; a traité dossier is reported', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push(await dossier(app, f, { state: 'en_instruction' }));
    const decided = await dossier(app, f, { state: 'en_instruction' });
    await followAll([...ids, decided]);
    const b = await browserAs(app, f.instructeurA);
    const page = textOf((await b.get(listUrl('suivis'))).html);
    assert.ok(page.includes('Demander un avis'), 'offered in « suivis par moi »');
    const empty = await b.post(`/instructeur/procedures/${f.procedureId}/actions-de-masse`, {
      statut: 'suivis',
      dossier_ids: ids,
      action: 'demander_avis',
      experts: '',
    });
    assert.equal(empty.status, 303, 'refused with a message, nothing recorded');
    assert.equal((await app.db.selectFrom('avis').select('id').execute()).length, 0);
    const res = await b.post(`/instructeur/procedures/${f.procedureId}/actions-de-masse`, {
      statut: 'suivis',
      dossier_ids: [...ids, decided],
      action: 'demander_avis',
      experts: 'expert.masse@exemple.fr',
      avis_message: 'Votre avis sur ces dossiers, s’il vous plaît.',
      question: 'Le projet est-il conforme ?',
      confidentiel: '1',
    });
    assert.equal(res.status, 303);
    await app.db.updateTable('dossiers').set({ state: 'accepte' }).where('id', '=', decided).execute();
    await drainJobs(app);
    const avis = await app.db
      .selectFrom('avis')
      .select(['dossier_id', 'question_label', 'confidentiel', 'introduction'])
      .orderBy('dossier_id')
      .execute();
    assert.deepEqual(
      avis.map((a) => a.dossier_id),
      ids,
      'one avis per eligible dossier, none on the decided one',
    );
    for (const a of avis) {
      assert.equal(a.question_label, 'Le projet est-il conforme ?');
      assert.equal(a.confidentiel, true);
      assert.equal(a.introduction, 'Votre avis sur ces dossiers, s’il vous plaît.');
    }
    const invitations = await app.db
      .selectFrom('outbox_emails')
      .select('subject')
      .where('to_email', '=', 'expert.masse@exemple.fr')
      .execute();
    assert.equal(invitations.length, 2, 'one invitation e-mail per avis');
    const op = await app.db.selectFrom('bulk_operations').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual([op.action, op.succeeded, op.failed], ['demander_avis', 2, 1]);
    await b.post(`/instructeur/procedures/${f.procedureId}/actions-de-masse/${op.id}/masquer`, { statut: 'suivis' });
  });

  test('checked rows: accepted once each with the shared motivation; a changed dossier and a forged id of another group are reported, never touched', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await dossier(app, f, { state: 'en_instruction' }));
    const otherGroup = await dossier(app, f, { state: 'en_instruction', groupe: f.groupB });
    await followAll(ids);
    const b = await browserAs(app, f.instructeurA);
    const page = await b.get(listUrl('suivis'));
    const text = textOf(page.html);
    assert.ok(text.includes('Accepter les dossiers'), 'the decisions are offered in « suivis par moi »');
    assert.ok(text.includes('Valider la décision'));
    assert.ok(!text.includes('Archiver les dossiers'), 'no archiving in « suivis par moi »');

    // one dossier changes state after the page was shown, before the operation runs
    const res = await b.post(`/instructeur/procedures/${f.procedureId}/actions-de-masse`, {
      statut: 'suivis',
      dossier_ids: [...ids, otherGroup],
      action: 'decision',
      decision: 'accepter',
      motivation: 'Dossiers complets.',
    });
    assert.equal(res.status, 303);
    await app.db.updateTable('dossiers').set({ state: 'refuse' }).where('id', '=', ids[3]).execute();

    const runningPage = (await b.get(listUrl('suivis'))).html;
    const running = textOf(runningPage);
    assert.ok(running.includes('Une action de masse est en cours'), 'banner while it runs');
    // the rows the operation holds cannot be checked again, the others can
    const box = (html: string, id: string) =>
      html.match(new RegExp(`<input type="checkbox" id="selection-${id}"[^>]*>`))?.[0];
    for (const id of ids.slice(0, 3)) assert.match(box(runningPage, id) ?? '', / disabled=""/, `row ${id} held`);
    const free = await dossier(app, f, { state: 'en_instruction' });
    await followAll([free]);
    const withFree = (await b.get(listUrl('suivis'))).html;
    assert.ok(
      box(withFree, free) && !box(withFree, free)!.includes('disabled'),
      'a dossier outside the operation stays free',
    );
    assert.match(running, /1 \/ 5 dossiers traités \(dont 1 en échec\)/, 'the forged id is reported from the start');
    // a dossier held by the operation refuses the single action
    await assert.rejects(
      transitionDossier(app, actorA(), { dossierId: ids[0], action: 'accepter' }),
      (e: Error) => e.message === IN_BULK_OPERATION_MESSAGE,
    );

    await drainJobs(app);
    for (const id of ids.slice(0, 3)) {
      assert.equal(await stateOf(id), 'accepte');
      assert.equal(await eventsOf(id, 'accepte'), 1);
      const d = await app.db.selectFrom('dossiers').select('motivation').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(d.motivation, 'Dossiers complets.');
      const att = await app.db.selectFrom('attestations').select('file_id').where('dossier_id', '=', id).execute();
      assert.equal(att.length, 1, 'one attestation');
    }
    assert.equal(await stateOf(ids[3]), 'refuse', 'the changed dossier is not forced');
    assert.equal(await stateOf(otherGroup), 'en_instruction', 'the forged id of another group is untouched');
    assert.equal(await eventsOf(otherGroup, 'accepte'), 0);
    const mails = await app.db
      .selectFrom('outbox_emails')
      .select('subject')
      .where('to_email', '=', f.usager.email)
      .execute();
    assert.equal(
      mails.filter((m) => /accept/i.test(m.subject)).length,
      3,
      'one acceptance e-mail per accepted dossier',
    );

    const donePage = (await b.get(listUrl('suivis'))).html;
    const done = textOf(donePage);
    assert.ok(done.includes("L'action de masse est terminée"));
    assert.ok(!donePage.includes('disabled="" data-selection-target="box"'), 'no row held once it is over');
    assert.ok(done.includes(`Dossier nº ${ids[3]} : ${BULK_STATE_CHANGED}`), done);
    assert.ok(done.includes(`Dossier nº ${otherGroup} : ${BULK_NOT_IN_TAB}`));
    // the single action is allowed again once the operation is over
    await transitionDossier(app, actorA(), { dossierId: ids[0], action: 'archiver' });

    const op = await app.db.selectFrom('bulk_operations').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.deepEqual([op.state, op.total, op.succeeded, op.failed], ['done', 5, 3, 2]);
    await b.post(`/instructeur/procedures/${f.procedureId}/actions-de-masse/${op.id}/masquer`, { statut: 'suivis' });
    assert.ok(!textOf((await b.get(listUrl('suivis'))).html).includes("L'action de masse est terminée"), 'dismissed');
  });

  test('every dossier of a filtered tab, resolved when the job runs; another instructor cannot dismiss', async () => {
    const keep = [];
    const other = [];
    for (let i = 0; i < 3; i++)
      keep.push(await dossier(app, f, { state: 'en_construction', champs: { c2: 'Verger', c3: 5 } }));
    for (let i = 0; i < 2; i++)
      other.push(await dossier(app, f, { state: 'en_construction', champs: { c2: 'Mare', c3: 5 } }));
    const b = await browserAs(app, f.instructeurA2);
    await b.get(listUrl('a-suivre'));
    await b.post(`/instructeur/procedures/${f.procedureId}/filtres/barre`, {
      statut: 'a-suivre',
      number: keep.join(' '),
      scope: 'a-suivre',
    });
    const page = await b.get(`${listUrl('a-suivre')}&selection=tout`);
    assert.ok(textOf(page.html).includes("Les 3 dossiers de l'onglet sont sélectionnés"), textOf(page.html));
    const res = await b.post(`/instructeur/procedures/${f.procedureId}/actions-de-masse`, {
      statut: 'a-suivre',
      tout: '1',
      action: 'suivre',
    });
    assert.equal(res.status, 303);
    const op = await app.db.selectFrom('bulk_operations').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(op.state, 'resolving', 'the tab is resolved by the job');
    await drainJobs(app);
    for (const id of keep) assert.equal(await eventsOf(id, 'suivi'), 1);
    for (const id of other) assert.equal(await eventsOf(id, 'suivi'), 0, 'outside the filter: untouched');
    const after = await app.db
      .selectFrom('bulk_operations')
      .selectAll()
      .where('id', '=', op.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([after.state, after.total, after.succeeded, after.failed], ['done', 3, 3, 0]);

    const intruder = await browserAs(app, f.instructeurB);
    await intruder.get(`/instructeur/procedures/${f.procedureId}`);
    const r = await intruder.post(`/instructeur/procedures/${f.procedureId}/actions-de-masse/${op.id}/masquer`, {});
    assert.equal(r.status, 404);
  });

  test('bad input: a refusal without motivation, an action the tab does not offer, nothing selected — a French message, nothing recorded', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    await followAll([id]);
    const b = await browserAs(app, f.instructeurA);
    await b.get(listUrl('suivis'));
    const before = (await app.db.selectFrom('bulk_operations').select('id').execute()).length;
    const cases: [Record<string, string | string[]>, RegExp][] = [
      [{ statut: 'suivis', dossier_ids: [id], action: 'decision', decision: 'refuser' }, /motivation est obligatoire/],
      [{ statut: 'traites', dossier_ids: [id], action: 'accepter' }, /pas proposée dans cet onglet/],
      [{ statut: 'suivis', action: 'ne_plus_suivre' }, /Sélectionnez au moins un dossier/],
      [
        { statut: 'suivis', dossier_ids: ['999999999'], action: 'ne_plus_suivre' },
        /Vérifiez que l’action demandée est possible/,
      ],
    ];
    for (const [fields, message] of cases) {
      const res = await b.post(`/instructeur/procedures/${f.procedureId}/actions-de-masse`, fields);
      assert.equal(res.status, 303, JSON.stringify(fields));
      const { html } = await b.visit(res.headers.get('location')!.replace('http://guichet.test', ''));
      assert.match(textOf(html), message);
    }
    assert.equal((await app.db.selectFrom('bulk_operations').select('id').execute()).length, before);
  });
  test('a bulk decision with a justificatif: checked once, its bytes stored once, every accepted dossier shows it; an empty file is refused in French', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await dossier(app, f, { state: 'en_instruction' }));
    await followAll(ids);
    const b = await browserAs(app, f.instructeurA);
    await b.get(listUrl('suivis'));
    const post = (file: File) => {
      const fd = new FormData();
      fd.append('statut', 'suivis');
      for (const id of ids) fd.append('dossier_ids', id);
      fd.append('action', 'decision');
      fd.append('decision', 'accepter');
      fd.append('motivation', 'Dossiers conformes.');
      fd.append('justificatif', file);
      return b.postMultipart(`/instructeur/procedures/${f.procedureId}/actions-de-masse`, fd);
    };
    const operations = async () => (await app.db.selectFrom('bulk_operations').select('id').execute()).length;
    const before = await operations();
    const stored = app.storage.files.size;
    const empty = await post(fileOf(Buffer.alloc(0), 'vide.pdf', 'application/pdf'));
    assert.equal(empty.status, 303);
    assert.match(textOf((await b.get(listUrl('suivis'))).html), /Le fichier « vide\.pdf » est vide/);
    assert.equal(await operations(), before, 'nothing recorded');
    assert.equal(app.storage.files.size, stored, 'nothing stored');

    assert.equal(
      (await post(fileOf(pdf('Décision collective'), 'décision collective.pdf', 'application/pdf'))).status,
      303,
    );
    await drainJobs(app);
    const rows = await app.db
      .selectFrom('files')
      .select(['dossier_id', 'name', 'storage_key', 'content_type'])
      .where('origin', '=', 'justificatif')
      .where('dossier_id', 'in', ids)
      .orderBy('dossier_id')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.dossier_id),
      ids,
      'one justificatif row per accepted dossier',
    );
    assert.equal(new Set(rows.map((r) => r.storage_key)).size, 1, 'all on the same bytes, stored once');
    assert.equal(app.storage.files.size, stored + 1 + ids.length, 'the justificatif once, one attestation each');
    assert.ok(app.storage.files.has(rows[0]!.storage_key), 'kept: dossiers point at it');
    for (const id of ids) {
      assert.equal(await stateOf(id), 'accepte');
      const page = textOf((await b.get(`/instructeur/dossiers/${id}/pieces-justificatives`)).html);
      assert.ok(page.includes('décision collective.pdf'), `dossier ${id} shows the justificatif`);
    }
  });

  test('« Demander un avis » in bulk with a file: stored once, joined to every avis', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push(await dossier(app, f, { state: 'en_instruction' }));
    await followAll(ids);
    const b = await browserAs(app, f.instructeurA);
    await b.get(listUrl('suivis'));
    const fd = new FormData();
    fd.append('statut', 'suivis');
    for (const id of ids) fd.append('dossier_ids', id);
    fd.append('action', 'demander_avis');
    fd.append('experts', 'expert.fichier@exemple.fr, autre.expert@exemple.fr');
    fd.append('avis_message', 'Le dossier technique est joint.');
    fd.append('avis_fichier', fileOf(pdf('Dossier technique'), 'dossier technique.pdf', 'application/pdf'));
    const stored = app.storage.files.size;
    assert.equal((await b.postMultipart(`/instructeur/procedures/${f.procedureId}/actions-de-masse`, fd)).status, 303);
    await drainJobs(app);
    const avis = await app.db
      .selectFrom('avis')
      .innerJoin('files', 'files.id', 'avis.introduction_file_id')
      .select(['avis.dossier_id', 'files.name', 'files.storage_key', 'files.dossier_id as file_dossier'])
      .where('avis.dossier_id', 'in', ids)
      .execute();
    assert.equal(avis.length, 4, 'two experts on two dossiers, each avis with the file');
    assert.ok(avis.every((a) => a.name === 'dossier technique.pdf' && a.file_dossier === a.dossier_id));
    assert.equal(new Set(avis.map((a) => a.storage_key)).size, 1, 'one stored file for every avis');
    assert.equal(app.storage.files.size, stored + 1);
  });
});
