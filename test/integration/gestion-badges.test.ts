// « Gestion des badges de notification » (docs/domain.md §4.2): a changed preference applies at once to
// my existing badges — narrowing deletes my rows, widening creates them where the kind applies now —
// and to the badges created afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { followDossier } from '../../src/features/instruction/follow-dossier.ts';
import { createNotifications } from '../../src/features/notifications/notify.ts';
import { closeTestApp, createTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import { createMessage } from '../factories/message.ts';
import { browserAs } from './dossier-fixture.ts';
import type { Browser } from '../helpers/http.ts';

let app: TestApp;
let f: Fixture;
let b: Browser;
let followed: string;
let other: string;

const rows = async (kind: string) =>
  (
    await app.db
      .selectFrom('notifications')
      .select(['dossier_id', 'display_at'])
      .where('user_id', '=', f.instructeurA.id)
      .where('kind', '=', kind)
      .orderBy('dossier_id')
      .execute()
  ).map((r) => r.dossier_id);

const save = (prefs: Record<string, string>) =>
  b.post(`/instructeur/procedures/${f.procedureId}/gestion/badges`, prefs);

before(async () => {
  app = await createTestApp();
  f = await procedureFixture(app);
  followed = await dossier(app, f, { state: 'en_instruction' });
  other = await dossier(app, f, { state: 'en_instruction' });
  await app.db.updateTable('dossiers').set({ pending_correction: true }).where('id', 'in', [followed, other]).execute();
  await followDossier(app, { userId: f.instructeurA.id, email: f.instructeurA.email }, { dossierId: followed });
  b = await browserAs(app, f.instructeurA);
});
after(async () => closeTestApp(app));

describe(`badge preferences (${engine})`, () => {
  test('the page shows the customisable kinds with their choices', async () => {
    const page = await b.get(`/instructeur/procedures/${f.procedureId}/gestion/badges`);
    assert.equal(page.res.status, 200);
    assert.match(page.html, /En attente de correction/);
    assert.match(page.html, /id="badge-message-followed"[^>]*checked/);
    assert.doesNotMatch(page.html, /id="badge-dossier_depose-followed"/); // all or never only
    assert.doesNotMatch(page.html, /name="dossier_expirant"/);
  });

  test('« jamais » removes my rows of that kind, « suivis » brings back those of my followed dossiers', async () => {
    assert.deepEqual(await rows('attente_correction'), [followed]);
    assert.equal((await save({ attente_correction: 'none' })).status, 303);
    assert.deepEqual(await rows('attente_correction'), []);
    // a new correction request creates no row either
    await createNotifications(
      app.db as never,
      { id: followed, groupe_id: f.groupA, procedure_id: f.procedureId, depose_at: null, expires_at: null },
      'attente_correction',
      { now: app.clock.now() },
    );
    assert.deepEqual(await rows('attente_correction'), []);
    await save({ attente_correction: 'followed' });
    assert.deepEqual(await rows('attente_correction'), [followed]);
  });

  test('« tous les dossiers » adds the dossiers I do not follow, « suivis » takes them away', async () => {
    await save({ attente_correction: 'all' });
    assert.deepEqual(await rows('attente_correction'), [followed, other].sort());
    await save({ attente_correction: 'followed' });
    assert.deepEqual(await rows('attente_correction'), [followed]);
  });

  test('an unseen message comes back on a followed dossier', async () => {
    app.clock.advance(60_000);
    await createMessage(app, { ...f.usager, userId: f.usager.id }, followed, { as: 'usager' });
    assert.deepEqual(await rows('message'), [followed]);
    await save({ message: 'none' });
    assert.deepEqual(await rows('message'), []);
    await save({ message: 'followed' });
    assert.deepEqual(await rows('message'), [followed]);
  });

  test('« Déposé depuis longtemps »: never, then all again with its 7-day delay', async () => {
    const fresh = await dossier(app, f, { state: 'en_construction' });
    await save({ dossier_depose: 'none' });
    assert.deepEqual(await rows('dossier_depose'), []);
    await save({ dossier_depose: 'all' });
    assert.deepEqual(await rows('dossier_depose'), [fresh]);
    const r = await app.db
      .selectFrom('notifications')
      .innerJoin('dossiers', 'dossiers.id', 'notifications.dossier_id')
      .select(['notifications.display_at', 'dossiers.depose_at'])
      .where('notifications.user_id', '=', f.instructeurA.id)
      .where('notifications.kind', '=', 'dossier_depose')
      .executeTakeFirstOrThrow();
    assert.equal(r.display_at.getTime() - r.depose_at!.getTime(), 7 * 86_400_000);
  });

  test('a choice the kind does not offer is refused with a French message, what was chosen kept', async () => {
    const r = await save({ dossier_depose: 'followed', message: 'all' });
    assert.equal(r.status, 422);
    const html = await r.text();
    assert.match(html, /Ce choix n’est pas proposé pour ce badge/);
    assert.match(html, /id="badge-message-all"[^>]*checked/);
    assert.deepEqual(await rows('message'), [followed]);
  });

  test('an instructor of another procedure cannot change them', async () => {
    const g = await procedureFixture(app);
    const outsider = await browserAs(app, g.instructeurA);
    await outsider.get(`/instructeur/procedures/${g.procedureId}/gestion/badges`);
    const r = await outsider.post(`/instructeur/procedures/${f.procedureId}/gestion/badges`, { message: 'none' });
    assert.equal(r.status, 404);
  });
});
