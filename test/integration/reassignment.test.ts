// « Personnes impliquées », « Envoyer à un instructeur » and « Réaffectation », through the routes
// and the database: who follows, who is told, where the badges go, the history; and the access
// table of every page of this area (an instructor of another group gets 404, usagers never reach).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, procedureFixture, user, type Fixture } from '../helpers/fixtures.ts';
import { browserAs, follow, textOf } from './dossier-fixture.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import type { Browser } from '../helpers/http.ts';

let app: TestApp;
let f: Fixture;
const b: Record<string, Browser> = {};

before(async () => {
  app = await createTestApp();
  f = await procedureFixture(app);
  await app.db.updateTable('procedures').set({ rdv_enabled: true }).where('id', '=', f.procedureId).execute();
  b.a = await browserAs(app, f.instructeurA);
  b.a2 = await browserAs(app, f.instructeurA2);
  b.b = await browserAs(app, f.instructeurB);
  b.usager = await browserAs(app, f.usager);
  for (const x of Object.values(b)) await x.get('/dossiers');
});
after(async () => closeTestApp(app));

const follows = async (dossierId: string) =>
  (
    await app.db
      .selectFrom('follows')
      .select(['user_id'])
      .where('dossier_id', '=', dossierId)
      .where('unfollowed_at', 'is', null)
      .execute()
  )
    .map((r) => r.user_id)
    .sort();
const events = (dossierId: string, type: string) =>
  app.db
    .selectFrom('dossier_events')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .where('type', '=', type)
    .execute();
const mails = (to: string) =>
  app.db.selectFrom('outbox_emails').selectAll().where('to_email', '=', to).orderBy('id').execute();

describe(`personnes impliquées and envoyer à un instructeur (${engine})`, () => {
  test('the page lists followers, colleagues and decisions; sending makes the colleague follow and e-mails him', async () => {
    const id = await dossier(app, f, { state: 'en_construction' });
    await app.db
      .insertInto('dossier_events')
      .values({
        dossier_id: id,
        type: 'depose',
        actor_id: f.usager.id,
        actor_email: f.usager.email,
        data: '{}',
        created_at: new Date('2026-03-01T10:15:00Z'),
      })
      .execute();
    const { res, html } = await b.a.get(`/instructeur/dossiers/${id}/personnes`);
    assert.equal(res.status, 200);
    const text = textOf(html);
    assert.match(text, /Aucun instructeur ne suit ce dossier/);
    assert.match(text, /Dossier déposé/);
    assert.match(text, /01\/03\/2026 11:15/); // Paris time
    assert.ok(html.includes(`value="${f.instructeurA2.id}"`), 'the colleague of the group is offered');
    assert.ok(!html.includes(`value="${f.instructeurB.id}"`), 'an instructor of another group is not offered');
    assert.ok(!html.includes(`name="instructeurIds" value="${f.instructeurA.id}"`), 'not myself');

    const sent = await b.a.post(`/instructeur/dossiers/${id}/personnes`, { instructeurIds: f.instructeurA2.id });
    assert.equal(sent.status, 303);
    const page = await follow(b.a, sent);
    assert.match(
      textOf(page.html),
      new RegExp(`Le dossier nº ${id} a été envoyé à ${f.instructeurA2.email.replace('.', '\\.')}`),
    );
    assert.deepEqual(await follows(id), [f.instructeurA2.id]);
    const ev = await events(id, 'envoye_a_instructeur');
    assert.equal(ev.length, 1);
    assert.equal(ev[0].actor_email, f.instructeurA.email);
    assert.deepEqual((ev[0].data as any).instructor_emails, [f.instructeurA2.email]);
    await drainJobs(app);
    const m = await mails(f.instructeurA2.email);
    assert.equal(m.length, 1);
    assert.match(m[0].subject, new RegExp(`vous a envoyé le dossier nº ${id}`));
    assert.ok(m[0].text.includes(`/instructeur/dossiers/${id}`));
    // the page now shows the follower and the hand-over
    const after = textOf((await b.a.get(`/instructeur/dossiers/${id}/personnes`)).html);
    assert.match(after, /Instructeurs qui suivent le dossier .*instructeur\.a2-/);
    assert.match(after, /Dossier envoyé à des instructeurs/);
  });

  test('bad choices are refused with a French message and nothing is stored', async () => {
    const id = await dossier(app, f, { state: 'en_construction' });
    await b.a.get(`/instructeur/dossiers/${id}/personnes`);
    for (const [fields, message] of [
      [{}, 'Choisissez au moins un instructeur.'],
      [{ instructeurIds: f.instructeurB.id }, 'Le dossier ne peut être envoyé qu&#39;à un instructeur de son groupe.'],
      [{ instructeurIds: f.instructeurA.id }, 'Vous ne pouvez pas vous envoyer le dossier'],
      [{ instructeurIds: 'abc' }, 'Choisissez l&#39;un des instructeurs proposés.'],
    ] as [Record<string, string>, string][]) {
      const res = await b.a.post(`/instructeur/dossiers/${id}/personnes`, fields);
      const html = await res.text();
      assert.equal(res.status, 422, JSON.stringify(fields));
      assert.ok(html.includes(message), `${JSON.stringify(fields)} → ${message}`);
    }
    assert.deepEqual(await follows(id), []);
    assert.equal((await events(id, 'envoye_a_instructeur')).length, 0);
  });
});

describe(`réaffectation (${engine})`, () => {
  test('moving to a group I am not in: forced group, history, followers outside stop following and are told, badges move, I go back to my list', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const now = app.clock.now();
    await app.db
      .insertInto('follows')
      .values([
        { dossier_id: id, user_id: f.instructeurA.id, created_at: now },
        { dossier_id: id, user_id: f.instructeurA2.id, created_at: now },
      ])
      .execute();
    await app.db
      .insertInto('notifications')
      .values([
        { dossier_id: id, user_id: f.instructeurA2.id, kind: 'message', display_at: now },
        { dossier_id: id, user_id: f.instructeurA.id, kind: 'dossier_expirant', display_at: now },
        { dossier_id: id, user_id: f.instructeurA2.id, kind: 'dossier_expirant', display_at: now },
      ])
      .execute();
    const { res, html } = await b.a.get(`/instructeur/dossiers/${id}/reaffectation`);
    assert.equal(res.status, 200);
    assert.match(textOf(html), /Ce dossier est instruit par le groupe « Groupe A »/);
    assert.ok(html.includes(`<option value="${f.groupB}">Groupe B</option>`));
    assert.ok(!html.includes(`<option value="${f.groupA}"`), 'the current group is not offered');
    const lock = /name="lockVersion" value="(\d+)"/.exec(html)![1];

    const moved = await b.a.post(`/instructeur/dossiers/${id}/reaffectation`, {
      groupeId: f.groupB,
      lockVersion: lock,
    });
    assert.equal(moved.status, 303);
    assert.equal(moved.headers.get('location'), `/instructeur/procedures/${f.procedureId}`);
    const landing = await follow(b.a, moved);
    assert.match(
      textOf(landing.html),
      new RegExp(`Le dossier nº ${id} a été réaffecté au groupe « Groupe B ». Vous ne faites pas partie de ce groupe`),
    );

    const d = await app.db
      .selectFrom('dossiers')
      .select(['groupe_id', 'forced_groupe', 'lock_version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(d.groupe_id, f.groupB);
    assert.equal(d.forced_groupe, true);
    assert.equal(d.lock_version, Number(lock) + 1);
    const ev = await events(id, 'groupe_change');
    assert.equal(ev.length, 1);
    assert.deepEqual(ev[0].data, {
      from: f.groupA,
      to: f.groupB,
      from_label: 'Groupe A',
      to_label: 'Groupe B',
      mode: 'manual',
    });
    assert.equal(ev[0].actor_email, f.instructeurA.email);
    assert.deepEqual(await follows(id), []);
    const badges = await app.db
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('dossier_id', '=', id)
      .orderBy('kind')
      .execute();
    assert.deepEqual(
      badges,
      [{ user_id: f.instructeurB.id, kind: 'dossier_expirant' }],
      'old group loses its badges; the new group gets the non-customisable one',
    );

    await drainJobs(app);
    const toA2 = await mails(f.instructeurA2.email);
    assert.ok(
      toA2.some(
        (m) =>
          m.subject === `Le dossier nº ${id} a changé de groupe d'instructeurs` &&
          m.text.includes('« Groupe A » au groupe « Groupe B »'),
      ),
    );
    assert.ok(
      !(await mails(f.instructeurA.email)).some((m) => m.subject.includes('a changé de groupe')),
      'the author is not told',
    );

    // the dossier now belongs to group B
    assert.equal((await b.a.request('GET', `/instructeur/dossiers/${id}`)).status, 404);
    const inB = await b.b.get(`/instructeur/dossiers/${id}/personnes`);
    assert.equal(inB.res.status, 200);
    assert.match(textOf(inB.html), /Réaffectations .*Groupe A Groupe B/);
    assert.match(textOf(inB.html), /Instructeurs qui ont suivi le dossier/);
    const hist = await b.b.get(`/instructeur/dossiers/${id}/reaffectation`);
    assert.match(
      textOf(hist.html),
      new RegExp(`Historique des réaffectations .*${f.instructeurA.email.replace('.', '\\.')} Groupe A Groupe B`),
    );
  });

  test('moving to a group I belong to keeps me on the dossier and following it', async () => {
    const both = await user(app, 'instructeur.deux.groupes@exemple.fr', ['instructeur']);
    await app.db
      .insertInto('groupe_members')
      .values([
        { groupe_id: f.groupA, user_id: both.id },
        { groupe_id: f.groupB, user_id: both.id },
      ])
      .execute();
    const br = await browserAs(app, both);
    const id = await dossier(app, f, { state: 'en_construction' });
    await app.db
      .insertInto('follows')
      .values([
        { dossier_id: id, user_id: both.id },
        { dossier_id: id, user_id: f.instructeurA2.id },
      ])
      .execute();
    await br.get(`/instructeur/dossiers/${id}/reaffectation`);
    const res = await br.post(`/instructeur/dossiers/${id}/reaffectation`, { groupeId: f.groupB });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), `/instructeur/dossiers/${id}/reaffectation`);
    assert.match(textOf((await follow(br, res)).html), /a été réaffecté au groupe « Groupe B »\./);
    assert.deepEqual(await follows(id), [both.id]);
  });

  test('refusals: same group, unknown group, stale page, treated dossier, single-group procedure', async () => {
    const id = await dossier(app, f, { state: 'en_construction' });
    await b.a.get(`/instructeur/dossiers/${id}/reaffectation`);
    for (const [fields, status, message] of [
      [{ groupeId: f.groupA }, 422, 'Le dossier est déjà dans ce groupe.'],
      [{ groupeId: '999999' }, 422, 'Choisissez l&#39;un des groupes d&#39;instructeurs de la démarche.'],
      [{ groupeId: '' }, 422, 'Choisissez l&#39;un des groupes d&#39;instructeurs de la démarche.'],
    ] as [Record<string, string>, number, string][]) {
      const res = await b.a.post(`/instructeur/dossiers/${id}/reaffectation`, fields);
      assert.equal(res.status, status);
      assert.ok((await res.text()).includes(message), message);
    }
    const stale = await b.a.post(`/instructeur/dossiers/${id}/reaffectation`, {
      groupeId: f.groupB,
      lockVersion: '41',
    });
    assert.equal(stale.status, 303);
    assert.match(textOf((await follow(b.a, stale)).html), /vient d'être modifié par quelqu'un d'autre/);
    assert.equal(
      (await app.db.selectFrom('dossiers').select('groupe_id').where('id', '=', id).executeTakeFirstOrThrow())
        .groupe_id,
      f.groupA,
    );

    const done = await dossier(app, f, { state: 'accepte' });
    // a traité dossier may be moved too (docs/domain.md §10)
    const page = await b.a.get(`/instructeur/dossiers/${done}/reaffectation`);
    assert.doesNotMatch(textOf(page.html), /ne peut plus être réaffecté/);
    const moved = await b.a.post(`/instructeur/dossiers/${done}/reaffectation`, { groupeId: f.groupB });
    assert.equal(moved.status, 303);
    assert.equal(
      (await app.db.selectFrom('dossiers').select('groupe_id').where('id', '=', done).executeTakeFirstOrThrow())
        .groupe_id,
      f.groupB,
    );

    const single = await procedureFixture(app);
    await app.db.deleteFrom('groupe_members').where('groupe_id', '=', single.groupB).execute();
    await app.db.deleteFrom('groupes_instructeurs').where('id', '=', single.groupB).execute();
    const lone = await dossier(app, single, { state: 'en_construction' });
    const ba = await browserAs(app, single.instructeurA);
    assert.equal((await ba.get(`/instructeur/dossiers/${lone}/reaffectation`)).res.status, 404);
    const tabs = (await ba.get(`/instructeur/dossiers/${lone}`)).html;
    assert.ok(!tabs.includes('/reaffectation"'), 'no Réaffectation tab with one group');
    // no such page on a single-group procedure (the command refuses it too)
    assert.equal(
      (await ba.post(`/instructeur/dossiers/${lone}/reaffectation`, { groupeId: single.groupA })).status,
      404,
    );
    assert.equal(
      (await app.db.selectFrom('dossier_events').select('id').where('dossier_id', '=', lone).execute()).length,
      0,
    );
  });
});

describe(`access to personnes, réaffectation, rendez-vous, PDF (${engine})`, () => {
  test('table: role × page → status; refused requests write nothing', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const rdv = await app.db
      .insertInto('rendez_vous')
      .values({
        dossier_id: id,
        starts_at: new Date('2026-04-01T08:00:00Z'),
        duration_minutes: 30,
        mode: 'sur_place',
        place: 'Mairie',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const gets = ['/personnes', '/reaffectation', '/rendez-vous', `/rendez-vous/${rdv.id}/modifier`, '/pdf'];
    const posts: [string, Record<string, string>][] = [
      ['/personnes', { instructeurIds: f.instructeurB.id }],
      ['/reaffectation', { groupeId: f.groupB }],
      ['/rendez-vous', { date: '2026-04-02', time: '10:00', duration: '30', mode: 'sur_place', place: 'Ici' }],
      [
        `/rendez-vous/${rdv.id}/modifier`,
        { date: '2026-04-02', time: '10:00', duration: '30', mode: 'sur_place', place: 'Ici' },
      ],
      [`/rendez-vous/${rdv.id}/annuler`, {}],
    ];
    const rows: [string, string, string, number][] = [
      ...gets.map((g) => ['a', 'GET', `/instructeur/dossiers/${id}${g}`, 200] as [string, string, string, number]),
      ...gets.map((g) => ['b', 'GET', `/instructeur/dossiers/${id}${g}`, 404] as [string, string, string, number]),
      ...posts.map(([p]) => ['b', 'POST', `/instructeur/dossiers/${id}${p}`, 404] as [string, string, string, number]),
      ...gets.map((g) => ['usager', 'GET', `/instructeur/dossiers/${id}${g}`, 403] as [string, string, string, number]),
      ...posts.map(
        ([p]) => ['usager', 'POST', `/instructeur/dossiers/${id}${p}`, 403] as [string, string, string, number],
      ),
      ['b', 'GET', `/instructeur/procedures/${f.procedureId}/dossiers-supprimes`, 200],
      ['usager', 'GET', `/instructeur/procedures/${f.procedureId}/dossiers-supprimes`, 403],
      ['a', 'GET', '/instructeur/dossiers/999999999/personnes', 404],
      ['a', 'GET', '/instructeur/dossiers/abc/pdf', 404],
      ['a', 'GET', `/instructeur/dossiers/${id}/rendez-vous/999/modifier`, 404],
      ['a', 'GET', '/instructeur/procedures/999999/dossiers-supprimes', 404],
    ];
    const failures: string[] = [];
    for (const [who, method, url, expected] of rows) {
      const post = posts.find(([p]) => url.endsWith(p));
      const res = method === 'GET' ? await b[who].request('GET', url) : await b[who].post(url, post?.[1] ?? {});
      await res.arrayBuffer();
      if (res.status !== expected) failures.push(`${who} ${method} ${url}: ${res.status} au lieu de ${expected}`);
    }
    assert.deepEqual(failures, []);
    const other = await procedureFixture(app);
    const outsider = await browserAs(app, other.instructeurA);
    assert.equal(
      (await outsider.request('GET', `/instructeur/procedures/${f.procedureId}/dossiers-supprimes`)).status,
      404,
    );
    const d = await app.db
      .selectFrom('dossiers')
      .select(['groupe_id', 'lock_version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(d.groupe_id, f.groupA);
    assert.equal(d.lock_version, 0);
    assert.deepEqual(await follows(id), []);
    const r = await app.db.selectFrom('rendez_vous').selectAll().where('dossier_id', '=', id).execute();
    assert.equal(r.length, 1);
    assert.equal(r[0].cancelled_at, null);
    assert.equal(r[0].place, 'Mairie');
    assert.equal(
      (await app.db.selectFrom('dossier_events').select('id').where('dossier_id', '=', id).execute()).length,
      0,
    );
  });
});
