// Avis externes (docs/domain.md §6) through the web routes: « Demander un avis » (experts, message,
// file checked before storing, yes/no question, confidentiel), the invitation e-mail and account,
// « Relancer » once a day, « Révoquer » with immediate loss of access, the expert's space (only his
// dossiers, never the annotations nor the others' confidential avis), the answer and its effects
// (badges, « en attente d'avis », e-mail), an expert inviting another, and the administrator's
// « Experts » page.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, user } from '../helpers/fixtures.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { requestAvis } from '../../src/features/avis/request-avis.ts';
import { Browser } from '../helpers/http.ts';
import {
  browserAs,
  dossierProcedure,
  exe,
  fileOf,
  follow,
  pdf,
  textOf,
  type DossierFixture,
} from './dossier-fixture.ts';

let app: TestApp;
let f: DossierFixture;

before(async () => {
  app = await createTestApp();
  f = await dossierProcedure(app);
});
after(async () => closeTestApp(app));

const avisOf = (id: string) =>
  app.db.selectFrom('avis').selectAll().where('dossier_id', '=', id).orderBy('id').execute();
const badges = (id: string, userId: string) =>
  app.db
    .selectFrom('notifications')
    .select('kind')
    .where('dossier_id', '=', id)
    .where('user_id', '=', userId)
    .execute()
    .then((r) => r.map((x) => x.kind).sort());
const mailsTo = (to: string) =>
  app.db.selectFrom('outbox_emails').selectAll().where('to_email', '=', to).orderBy('id').execute();

function requestForm(fields: Record<string, string | string[]>, file?: File): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) fd.append(k, x);
  if (file) fd.append('file', file);
  return fd;
}

const actor = (u: { id: string; email: string }) => ({ userId: u.id, email: u.email });

let n = 0;
const email = (tag: string) => `${tag}.${++n}@expertise.fr`;

/** Asks one avis from the instructor A through the command; returns the avis id. */
async function ask(id: string, to: string, opts: { confidentiel?: boolean; question?: string } = {}) {
  const r = await requestAvis(app, actor(f.instructeurA), {
    dossierIds: [id],
    emails: to,
    introduction: 'Merci de votre avis.',
    questionLabel: opts.question ?? '',
    confidentiel: opts.confidentiel ?? false,
  });
  return r.avis[0]!.avisId;
}

async function expertBrowser(mail: string) {
  const u = await app.db.selectFrom('users').select('id').where('email', '=', mail).executeTakeFirstOrThrow();
  return { id: u.id, b: await browserAs(app, u) };
}

describe(`avis externes (${engine})`, () => {
  test('an instructor asks two experts with a file, a question and the confidential flag', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const known = await user(app, email('connu'), ['expert']);
    await app.db.updateTable('users').set({ password_hash: 'x' }).where('id', '=', known.id).execute();
    const fresh = email('nouveau');
    const bi = await browserAs(app, f.instructeurA);
    await bi.get(`/instructeur/dossiers/${id}/avis`);
    const r = await bi.postMultipart(
      `/instructeur/dossiers/${id}/avis`,
      requestForm(
        {
          emails: `${known.email.toUpperCase()}, ${fresh}`,
          introduction: 'Votre avis sur le budget ?',
          questionLabel: 'Le budget est-il réaliste ?',
          confidentiel: '1',
        },
        fileOf(pdf('Budget'), 'budget.pdf'),
      ),
    );
    assert.equal(r.status, 303);
    assert.match(textOf((await follow(bi, r)).html), /Une demande d'avis a été envoyée à 2 experts/);
    const avis = await avisOf(id);
    assert.equal(avis.length, 2);
    for (const a of avis) {
      assert.equal(a.confidentiel, true);
      assert.equal(a.question_label, 'Le budget est-il réaliste ?');
      assert.equal(a.claimant_id, f.instructeurA.id);
      assert.ok(a.introduction_file_id, 'the file is attached to each avis');
    }
    const files = await app.db.selectFrom('files').selectAll().where('dossier_id', '=', id).execute();
    assert.deepEqual(
      files.map((x) => [x.origin, x.content_type]),
      [
        ['avis', 'application/pdf'],
        ['avis', 'application/pdf'],
      ],
    );
    // the asker follows; « en attente d'avis » for the followers
    assert.deepEqual(await badges(id, f.instructeurA.id), ['attente_avis']);
    const events = await app.db.selectFrom('dossier_events').select('type').where('dossier_id', '=', id).execute();
    assert.equal(events.filter((e) => e.type === 'avis_demande').length, 2);
    await drainJobs(app);
    const [toKnown] = await mailsTo(known.email);
    assert.match(toKnown!.subject, new RegExp(`Demande d'avis sur le dossier nº ${id}`));
    assert.match(toKnown!.text, new RegExp(`/expert/avis/${avis[0]!.id}`));
    const [toFresh] = await mailsTo(fresh);
    const link = toFresh!.text.match(/\/invitation-expert\/([A-Za-z0-9_-]+)/);
    assert.ok(link, 'a new expert gets a link to choose his password');
    // the invitation sets the password; the expert then signs in and lands in his space
    const anon = new Browser(app);
    await anon.get(`/invitation-expert/${link[1]}`);
    const set = await anon.post(`/invitation-expert/${link[1]}`, {
      password: 'un mot de passe solide',
      confirmation: 'un mot de passe solide',
    });
    assert.equal(set.status, 303, 'choosing the password signs the expert in');
    assert.match(set.headers.get('location') ?? '', /\/expert\/avis$/);
    const home = await anon.visit('/');
    assert.match(home.url, /\/expert\/avis$/);
    assert.match(textOf(home.html), new RegExp(`Dossier nº ${id}`));
  });

  test('bad input is refused with a French message, what was typed kept, nothing stored', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const bi = await browserAs(app, f.instructeurA);
    await bi.get(`/instructeur/dossiers/${id}/avis`);
    const bad = await bi.postMultipart(
      `/instructeur/dossiers/${id}/avis`,
      requestForm({ emails: 'pas-une-adresse', introduction: 'Mon message gardé' }),
    );
    assert.equal(bad.status, 422);
    const html = await bad.text();
    assert.match(html, /Adresse électronique non valide : pas-une-adresse/);
    assert.match(html, /Mon message gardé/);
    await bi.get(`/instructeur/dossiers/${id}/avis`);
    const exeFile = await bi.postMultipart(
      `/instructeur/dossiers/${id}/avis`,
      requestForm({ emails: email('x'), introduction: '' }, fileOf(exe(), 'outil.pdf')),
    );
    assert.equal(exeFile.status, 422);
    assert.equal((await avisOf(id)).length, 0);
    assert.equal((await app.db.selectFrom('files').select('id').where('dossier_id', '=', id).execute()).length, 0);
  });

  test('a dossier of another group, forged into the request, is not found', async () => {
    const other = await dossier(app, f, { state: 'en_instruction', groupe: f.groupB });
    const bi = await browserAs(app, f.instructeurA);
    await bi.get(`/instructeur/procedures/${f.procedureId}`);
    const r = await bi.postMultipart(`/instructeur/dossiers/${other}/avis`, requestForm({ emails: email('y') }));
    assert.equal(r.status, 404);
    const mine = await dossier(app, f, { state: 'en_instruction' });
    await assert.rejects(
      requestAvis(app, actor(f.instructeurA), { dossierIds: [mine, other], emails: email('z') }),
      (e: { code?: string }) => e.code === 'not_found',
    );
    assert.equal((await avisOf(mine)).length, 0);
  });

  test('the administrator restricts the choice to his list, or forbids avis', async () => {
    const g = await dossierProcedure(app);
    const id = await dossier(app, g, { state: 'en_instruction' });
    const ba = await browserAs(app, g.admin);
    const page = await ba.get(`/admin/procedures/${g.procedureId}/experts`);
    assert.equal(page.res.status, 200);
    const listed = email('liste');
    await ba.post(`/admin/procedures/${g.procedureId}/experts`, { emails: `${listed}, ${email('autre')}` });
    await ba.get(`/admin/procedures/${g.procedureId}/experts`);
    const removed = (
      await app.db.selectFrom('procedure_experts').select('email').where('procedure_id', '=', g.procedureId).execute()
    ).map((r) => r.email);
    assert.equal(removed.length, 2);
    await ba.post(`/admin/procedures/${g.procedureId}/experts/retirer`, { email: removed.find((e) => e !== listed)! });
    await ba.get(`/admin/procedures/${g.procedureId}/experts`);
    await ba.post(`/admin/procedures/${g.procedureId}/experts/options`, { allowExpertReview: '1', restricted: '1' });
    const p = await app.db
      .selectFrom('procedures')
      .selectAll()
      .where('id', '=', g.procedureId)
      .executeTakeFirstOrThrow();
    assert.equal(p.experts_restricted, true);
    assert.equal(p.allow_expert_messaging, false, 'unchecked = off');
    // another administrator's procedure: not found
    const bOther = await browserAs(app, f.admin);
    assert.equal((await bOther.get(`/admin/procedures/${g.procedureId}/experts`)).res.status, 404);

    const bi = await browserAs(app, g.instructeurA);
    const tab = await bi.get(`/instructeur/dossiers/${id}/avis`);
    assert.match(tab.html, new RegExp(`value="${listed}"`), 'the list is offered as checkboxes');
    const outside = await bi.postMultipart(
      `/instructeur/dossiers/${id}/avis`,
      requestForm({ emails: 'libre@exemple.fr' }),
    );
    assert.equal(outside.status, 422);
    assert.match(await outside.text(), /ne figure pas dans la liste des experts/);
    await bi.get(`/instructeur/dossiers/${id}/avis`);
    const ok = await bi.postMultipart(`/instructeur/dossiers/${id}/avis`, requestForm({ emails: listed }));
    assert.equal(ok.status, 303);
    await ba.get(`/admin/procedures/${g.procedureId}/experts`);
    await ba.post(`/admin/procedures/${g.procedureId}/experts/options`, {});
    const closed = await bi.get(`/instructeur/dossiers/${id}/avis`);
    assert.match(textOf(closed.html), /La démarche ne permet pas de demander l'avis d'un expert/);
    await assert.rejects(
      requestAvis(app, actor(g.instructeurA), { dossierIds: [id], emails: listed }),
      /La démarche ne permet pas/,
    );
  });

  test('« Relancer » at most once a day', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const to = email('relance');
    const avisId = await ask(id, to);
    const bi = await browserAs(app, f.instructeurA);
    await bi.get(`/instructeur/dossiers/${id}/avis`);
    const first = await bi.post(`/instructeur/dossiers/${id}/avis/${avisId}/relancer`);
    assert.match((await follow(bi, first)).html, /a été relancé par e-mail/);
    const second = await bi.post(`/instructeur/dossiers/${id}/avis/${avisId}/relancer`);
    assert.match((await follow(bi, second)).html, /une seule relance par jour/);
    app.clock.advanceDays(1);
    await bi.get(`/instructeur/dossiers/${id}/avis`);
    const third = await bi.post(`/instructeur/dossiers/${id}/avis/${avisId}/relancer`);
    assert.match((await follow(bi, third)).html, /a été relancé par e-mail/);
    await drainJobs(app);
    const mails = await mailsTo(to);
    assert.equal(mails.filter((m) => /^Relance/.test(m.subject)).length, 2);
  });

  test('an expert sees only his dossiers, never the annotations nor the confidential avis of others', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    await app.db
      .updateTable('dossiers')
      .set({
        annotations: JSON.stringify({ a1: { value: 'SECRET-ANNOTATION', updatedAt: app.clock.now().toISOString() } }),
      })
      .where('id', '=', id)
      .execute();
    const mine = email('moi');
    const other = email('autre');
    await ask(id, mine, { question: 'Favorable ?' });
    await requestAvis(app, actor(f.instructeurA), {
      dossierIds: [id],
      emails: other,
      introduction: 'DEMANDE-CONFIDENTIELLE',
      confidentiel: true,
    });
    const elsewhere = await dossier(app, f, { state: 'en_instruction' });
    const { b } = await expertBrowser(mine);
    const page = await b.get(`/expert/dossiers/${id}`);
    assert.equal(page.res.status, 200);
    const text = textOf(page.html);
    assert.match(text, /Jardin partagé/, 'the form is shown');
    assert.doesNotMatch(page.html, /SECRET-ANNOTATION/);
    assert.doesNotMatch(page.html, /DEMANDE-CONFIDENTIELLE/);
    assert.doesNotMatch(page.html, new RegExp(other.replace('.', '\\.')));
    assert.equal((await b.get(`/expert/dossiers/${elsewhere}`)).res.status, 404, 'a dossier without his avis');
    assert.equal((await b.get(`/instructeur/dossiers/${id}`)).res.status, 403, 'not an instructor');
    assert.equal((await b.get(`/instructeur/dossiers/${id}/annotations`)).res.status, 403);
  });

  test('giving the avis: badges, « en attente d’avis » cleared, the asker e-mailed; editable until traité', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const to = email('reponse');
    const avisId = await ask(id, to, { question: 'Favorable ?' });
    const bi2 = await browserAs(app, f.instructeurA2);
    await bi2.get(`/instructeur/dossiers/${id}`);
    await bi2.post(`/instructeur/dossiers/${id}/suivre`);
    assert.deepEqual(await badges(id, f.instructeurA2.id), ['attente_avis']);
    const { b } = await expertBrowser(to);
    await b.get(`/expert/dossiers/${id}`);
    const missing = await b.postMultipart(
      `/expert/dossiers/${id}/avis/${avisId}`,
      requestForm({ answer: 'Très bon projet.' }),
    );
    assert.equal(missing.status, 422);
    assert.match(await missing.text(), /Répondez à la question par oui ou par non/);
    await b.get(`/expert/dossiers/${id}`);
    const ok = await b.postMultipart(
      `/expert/dossiers/${id}/avis/${avisId}`,
      (() => {
        const fd = requestForm({ answer: 'Très bon projet.', questionAnswer: 'oui' });
        fd.append('files', fileOf(pdf('Note'), 'note.pdf'));
        return fd;
      })(),
    );
    assert.equal(ok.status, 303);
    assert.match((await follow(b, ok)).html, /Votre avis a été enregistré/);
    const [a] = await avisOf(id);
    assert.equal(a!.answer, 'Très bon projet.');
    assert.equal(a!.question_answer, true);
    assert.deepEqual(await badges(id, f.instructeurA2.id), ['avis_externe']);
    assert.deepEqual(await badges(id, f.instructeurA.id), ['avis_externe']);
    await drainJobs(app);
    const told = await mailsTo(f.instructeurA.email);
    assert.ok(
      told.some((m) => m.subject === `Un avis a été donné sur le dossier nº ${id}`),
      'the asker is e-mailed',
    );
    // the instructor sees the answer and the file, and the badge goes once the tab is opened
    const bi = await browserAs(app, f.instructeurA);
    const tab = await bi.get(`/instructeur/dossiers/${id}/avis`);
    assert.match(textOf(tab.html), /Favorable \? — Oui/);
    assert.match(tab.html, /note\.pdf/);
    assert.deepEqual(await badges(id, f.instructeurA.id), []);
    // the list's yes/no filter finds it
    await app.db
      .updateTable('dossiers')
      .set({ state: 'accepte', processed_at: app.clock.now() })
      .where('id', '=', id)
      .execute();
    await b.get(`/expert/dossiers/${id}`);
    const late = await b.postMultipart(
      `/expert/dossiers/${id}/avis/${avisId}`,
      requestForm({ answer: 'Changé', questionAnswer: 'non' }),
    );
    assert.equal(late.status, 422);
    assert.match(await late.text(), /Le dossier est terminé/);
    const donnes = await b.get('/expert/avis');
    assert.match(textOf(donnes.html), /Avis donnés \(1\)/);
  });

  test('a revoked expert loses access at once, even with the page open', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const to = email('revoque');
    const avisId = await ask(id, to);
    const { b } = await expertBrowser(to);
    const open = await b.get(`/expert/dossiers/${id}`);
    assert.equal(open.res.status, 200);
    const bi = await browserAs(app, f.instructeurA);
    await bi.get(`/instructeur/dossiers/${id}/avis`);
    const r = await bi.post(`/instructeur/dossiers/${id}/avis/${avisId}/revoquer`);
    assert.match((await follow(bi, r)).html, /a été révoquée/);
    assert.deepEqual(await badges(id, f.instructeurA.id), [], '« en attente d’avis » ends with the last awaited avis');
    assert.equal((await b.get(`/expert/dossiers/${id}`)).res.status, 404);
    // the form of the page still open: refused as not found
    const post = await b.postMultipart(`/expert/dossiers/${id}/avis/${avisId}`, requestForm({ answer: 'Trop tard' }));
    assert.equal(post.status, 404);
    assert.equal((await avisOf(id))[0]!.answer, null);
    assert.equal((await b.get(`/expert/avis/${avisId}`)).res.status, 404);
  });

  test('an expert invites another expert when the procedure allows it; from a confidential avis, confidential', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const to = email('inviteur');
    await ask(id, to, { confidentiel: true });
    const { id: expertId, b } = await expertBrowser(to);
    let page = await b.get(`/expert/dossiers/${id}`);
    assert.doesNotMatch(page.html, /Inviter un autre expert/);
    await app.db.updateTable('procedures').set({ experts_may_invite: true }).where('id', '=', f.procedureId).execute();
    page = await b.get(`/expert/dossiers/${id}`);
    assert.match(page.html, /Inviter un autre expert/);
    const colleague = email('collegue');
    const r = await b.postMultipart(
      `/expert/dossiers/${id}/inviter`,
      requestForm({ emails: colleague, confidentiel: '0' }),
    );
    assert.equal(r.status, 303);
    const invited = (await avisOf(id)).at(-1)!;
    assert.equal(invited.claimant_id, expertId);
    assert.equal(invited.confidentiel, true);
    await app.db.updateTable('procedures').set({ experts_may_invite: false }).where('id', '=', f.procedureId).execute();
  });

  test('the expert uses the messagerie only when the procedure allows it', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const to = email('messagerie');
    await ask(id, to);
    const { b } = await expertBrowser(to);
    let page = await b.get(`/expert/dossiers/${id}`);
    assert.match(page.html, /Envoyer le message/);
    assert.doesNotMatch(
      page.html,
      /en attente de réponse »/,
      'the instructors’ « en attente de réponse » is not offered',
    );
    const sent = await b.postMultipart(
      `/expert/dossiers/${id}/messagerie`,
      requestForm({ body: 'Une question pour l’usager.' }),
    );
    assert.equal(sent.status, 303);
    const m = await app.db.selectFrom('messages').selectAll().where('dossier_id', '=', id).executeTakeFirstOrThrow();
    assert.equal(m.author_kind, 'expert');
    await app.db
      .updateTable('procedures')
      .set({ allow_expert_messaging: false })
      .where('id', '=', f.procedureId)
      .execute();
    page = await b.get(`/expert/dossiers/${id}`);
    assert.doesNotMatch(page.html, /Envoyer le message/);
    assert.doesNotMatch(page.html, /Une question pour l’usager/, 'not even read');
    const refused = await b.postMultipart(`/expert/dossiers/${id}/messagerie`, requestForm({ body: 'Encore une.' }));
    assert.match(textOf((await follow(b, refused)).html), /La messagerie est désactivée pour les experts/);
    await app.db
      .updateTable('procedures')
      .set({ allow_expert_messaging: true })
      .where('id', '=', f.procedureId)
      .execute();
  });

  test('the bulk request: several dossiers at once, the terminé one reported, one invitation token per new expert', async () => {
    const a = await dossier(app, f, { state: 'en_instruction' });
    const b = await dossier(app, f, { state: 'en_construction' });
    const done = await dossier(app, f, { state: 'accepte' });
    const to = email('masse');
    const r = await requestAvis(app, actor(f.instructeurA), {
      dossierIds: [a, b, done],
      emails: to,
      questionLabel: 'Favorable ?',
    });
    assert.deepEqual(r.avis.map((x) => x.dossierId).sort(), [a, b].sort());
    assert.deepEqual(r.refused, [
      { dossierId: done, reason: "Le dossier est terminé : il n'est plus possible de demander un avis." },
    ]);
    assert.equal((await avisOf(done)).length, 0);
    const expert = await app.db.selectFrom('users').select('id').where('email', '=', to).executeTakeFirstOrThrow();
    const tokens = await app.db.selectFrom('tokens').select('id').where('user_id', '=', expert.id).execute();
    assert.equal(tokens.length, 1);
    for (const id of [a, b]) assert.deepEqual(await badges(id, f.instructeurA.id), ['attente_avis']);
    await drainJobs(app);
    assert.equal((await mailsTo(to)).length, 2, 'one invitation per avis');
  });
});
