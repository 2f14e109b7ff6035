// Who reaches what on the dossier pages, as a table: usagers and experts never reach annotations
// (nor their files); an instructor of another group gets 404 (not 403: no existence leak) on every
// tab, action and file; the usager sees his own dossier only.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, user } from '../helpers/fixtures.ts';
import { browserAs, dossierProcedure, pdf, type DossierFixture } from './dossier-fixture.ts';
import type { Browser } from '../helpers/http.ts';

let app: TestApp;
let f: DossierFixture;
let id: string;
let brouillon: string;
const who: Record<string, Browser> = {};

before(async () => {
  app = await createTestApp();
  f = await dossierProcedure(app);
  id = await dossier(app, f, { state: 'en_instruction' });
  brouillon = await dossier(app, f, { state: 'brouillon' });
  await app.db
    .updateTable('dossiers')
    .set({
      annotations: JSON.stringify({ a1: { value: 'ANNOTATION-SECRETE', updatedAt: app.clock.now().toISOString() } }),
    })
    .where('id', '=', id)
    .execute();
  const expert = await user(app, 'expert.acces@exemple.fr', ['expert']);
  const avis = await app.db
    .insertInto('avis')
    .values({ dossier_id: id, expert_id: expert.id, introduction: 'Avis ?' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const other = await user(app, 'autre.usager@exemple.fr');
  const otherExpert = await user(app, 'autre.expert@exemple.fr', ['expert']);
  const confidential = await app.db
    .insertInto('avis')
    .values({ dossier_id: id, expert_id: otherExpert.id, introduction: 'Avis ?', confidentiel: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  const files = [
    { id: 'file-avis-conf-001', origin: 'avis' as const, origin_ref: confidential.id },
    { id: 'file-champ-000001', origin: 'champ' as const, origin_ref: 'c2' },
    { id: 'file-annot-000001', origin: 'annotation' as const, origin_ref: 'a1' },
    { id: 'file-avis-0000001', origin: 'avis' as const, origin_ref: avis.id },
  ];
  for (const x of files) {
    await app.db
      .insertInto('files')
      .values({
        ...x,
        dossier_id: id,
        name: `${x.origin}.pdf`,
        content_type: 'application/pdf',
        size: 600,
        sha256: 'x',
        storage_key: `dossiers/${id}/${x.id}`,
      })
      .execute();
    await app.storage.put(`dossiers/${id}/${x.id}`, pdf());
  }
  who.instructeurA = await browserAs(app, f.instructeurA);
  who.instructeurB = await browserAs(app, f.instructeurB);
  who.usager = await browserAs(app, f.usager);
  who.autreUsager = await browserAs(app, other);
  who.expert = await browserAs(app, expert);
  who.admin = await browserAs(app, f.admin);
  // every browser needs a page for its CSRF token
  for (const b of Object.values(who)) await b.get('/dossiers');
});
after(async () => closeTestApp(app));

const TABS = [
  '',
  '/pieces-justificatives',
  '/annotations',
  '/avis',
  '/messagerie',
  '/actions/accepter',
  '/actions/demander-une-correction',
  '/attestation/apercu',
];
const POSTS: [string, Record<string, string>][] = [
  ['/actions', { action: 'accepter' }],
  ['/actions/refuser', { motivation: 'non' }],
  ['/actions/demander-une-correction', { correctionMessage: 'x' }],
  ['/annotations', { champ_a1: 'piraté' }],
  ['/messagerie', { body: 'intrus' }],
  ['/labels', { labels: '' }],
  ['/suivre', {}],
];

describe(`access to the dossier pages (${engine})`, () => {
  test('table: role × page → status', async () => {
    const rows: [string, string, string, number][] = [
      // the instructor of the group reaches everything
      ...TABS.map(
        (t) => ['instructeurA', 'GET', `/instructeur/dossiers/${id}${t}`, 200] as [string, string, string, number],
      ),
      // an instructor of another group: 404 everywhere, never 403
      ...TABS.map(
        (t) => ['instructeurB', 'GET', `/instructeur/dossiers/${id}${t}`, 404] as [string, string, string, number],
      ),
      ...POSTS.map(
        ([p]) => ['instructeurB', 'POST', `/instructeur/dossiers/${id}${p}`, 404] as [string, string, string, number],
      ),
      ['instructeurB', 'GET', '/fichiers/file-champ-000001', 404],
      ['instructeurB', 'GET', `/dossiers/${id}`, 404],
      // usagers and experts never reach annotations (nor any instructor page)
      ['usager', 'GET', `/instructeur/dossiers/${id}/annotations`, 403],
      ['expert', 'GET', `/instructeur/dossiers/${id}/annotations`, 403],
      ['usager', 'POST', `/instructeur/dossiers/${id}/annotations`, 403],
      ['usager', 'GET', '/fichiers/file-annot-000001', 404],
      ['expert', 'GET', '/fichiers/file-annot-000001', 404],
      ['usager', 'GET', '/fichiers/file-avis-0000001', 404],
      ['expert', 'GET', '/fichiers/file-avis-0000001', 200],
      // another expert's confidential avis
      ['expert', 'GET', '/fichiers/file-avis-conf-001', 404],
      ['instructeurA', 'GET', '/fichiers/file-avis-conf-001', 200],
      ['usager', 'GET', '/fichiers/file-champ-000001', 200],
      ['instructeurA', 'GET', '/fichiers/file-annot-000001', 200],
      // an administrator who does not instruct
      ['admin', 'GET', `/instructeur/dossiers/${id}`, 403],
      // the usager's page: his own dossier only
      ['usager', 'GET', `/dossiers/${id}`, 200],
      ['autreUsager', 'GET', `/dossiers/${id}`, 404],
      ['autreUsager', 'GET', '/fichiers/file-champ-000001', 404],
      ['instructeurA', 'GET', `/dossiers/${id}`, 404],
      ['usager', 'GET', `/dossiers/${id}/modifier`, 303],
      ['autreUsager', 'POST', `/dossiers/${id}/messagerie`, 404],
      // unknown, malformed, brouillon
      ['instructeurA', 'GET', '/instructeur/dossiers/999999999', 404],
      ['instructeurA', 'GET', '/instructeur/dossiers/abc', 404],
      ['instructeurA', 'GET', `/instructeur/dossiers/${brouillon}`, 404],
      ['instructeurA', 'GET', '/fichiers/n-existe-pas', 404],
    ];
    const failures: string[] = [];
    for (const [name, method, url, expected] of rows) {
      const b = who[name];
      const post = POSTS.find(([p]) => url.endsWith(p));
      const res = method === 'GET' ? await b.request('GET', url) : await b.post(url, post?.[1] ?? { body: 'x' });
      const body = await res.text();
      if (res.status !== expected) failures.push(`${name} ${method} ${url}: ${res.status} au lieu de ${expected}`);
      if (name !== 'instructeurA' && body.includes('ANNOTATION-SECRETE'))
        failures.push(`${name} ${method} ${url}: annotation visible`);
      if (expected === 404 && res.status === 404 && !/introuvable|n'existe pas|n&#39;existe pas/i.test(body))
        failures.push(`${name} ${url}: message 404 non français`);
    }
    assert.deepEqual(failures, []);
    // nothing was written by the refused requests
    const d = await app.db
      .selectFrom('dossiers')
      .select(['state', 'annotations', 'lock_version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(d.state, 'en_instruction');
    assert.equal((d.annotations as any).a1.value, 'ANNOTATION-SECRETE');
    assert.equal((await app.db.selectFrom('messages').select('id').where('dossier_id', '=', id).execute()).length, 0);
    assert.equal(
      (await app.db.selectFrom('follows').select('user_id').where('dossier_id', '=', id).execute()).length,
      0,
    );
  });

  test("the usager's page never shows annotations or avis", async () => {
    const { html } = await who.usager.get(`/dossiers/${id}`);
    assert.ok(!html.includes('ANNOTATION-SECRETE'));
    assert.ok(!html.includes('Annotations privées'));
    assert.ok(!html.includes('avis.pdf'));
  });
});
