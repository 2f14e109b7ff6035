// Rules checked end to end on the database (docs/domain.md §2, §5, §10): hidden dossiers are only
// restored, extension never moves the expiry earlier, re-instruction keeps the processing date,
// the retention jobs skip dossiers the usager deleted, réaffectation of traité dossiers to closed
// groups, declarative procedures and deleted usager accounts, badges on follow, on opening a tab
// and on réaffectation (§4).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { procedureFixture, dossier, type Fixture } from '../helpers/fixtures.ts';
import { transitionDossier } from '../../src/features/instruction/transition-dossier.ts';
import { applyTransition } from '../../src/features/instruction/transition.ts';
import { followDossier } from '../../src/features/instruction/follow-dossier.ts';
import { saveAnnotations } from '../../src/features/annotations/save-annotations.ts';
import { reassignDossier } from '../../src/features/reassignment/reassign-dossier.ts';
import { markTabSeen } from '../../src/features/dossiers/mark-seen.ts';
import { sendMessage } from '../../src/features/messages/send-message.ts';
import { defineCommand } from '../../src/features/command.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { addDaysUTC, addMonthsUTC } from '../../src/domain/retention.ts';
import type { FieldDef } from '../../src/domain/fields/index.ts';
import { browserAs } from './dossier-fixture.ts';

let app: TestApp;
let f: Fixture;
const actor = (u: { id: string; email: string }) => ({ userId: u.id, email: u.email });
const T0 = new Date('2026-03-02T09:00:00Z');

before(async () => {
  app = await createTestApp();
  app.clock.set(T0);
  f = await procedureFixture(app);
});
after(async () => closeTestApp(app));

const row = (id: string) => app.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const set = (id: string, values: Record<string, unknown>) =>
  app.db
    .updateTable('dossiers')
    .set(values as never)
    .where('id', '=', id)
    .execute();

async function refusedWith(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof DomainError && e.code === code);
}

describe(`hidden dossiers: instructors only list and restore them (${engine})`, () => {
  // [case, state, hiding, restorable from the corbeille]
  const rows: [string, 'accepte' | 'en_construction', Record<string, Date>, boolean][] = [
    ['in the corbeille', 'accepte', { hidden_by_administration_at: T0 }, true],
    ['deleted by the usager en construction', 'en_construction', { hidden_by_user_at: T0 }, false],
    ['expired', 'en_construction', { hidden_by_expired_at: T0, expires_at: T0 }, true],
  ];
  for (const [name, state, hiding, restorable] of rows) {
    test(name, async () => {
      app.clock.set(T0);
      const id = await dossier(app, f, { state });
      await set(id, hiding);
      const ins = actor(f.instructeurA);
      const b = await browserAs(app, f.instructeurA);
      for (const path of ['', '/annotations', '/messagerie'])
        assert.equal((await b.request('GET', `/instructeur/dossiers/${id}${path}`)).status, 404, path);
      await refusedWith(followDossier(app, ins, { dossierId: id }), 'not_found');
      await refusedWith(saveAnnotations(app, ins, { dossierId: id, raw: { a1: 'note' } }), 'not_found');
      await refusedWith(
        sendMessage(app, ins, { dossierId: id, as: 'instructeur', body: 'Bonjour' } as never),
        'not_found',
      );
      const list = await b.get(`/instructeur/procedures/${f.procedureId}?statut=supprimes`);
      assert.equal(list.html.includes(`/instructeur/dossiers/${id}/actions`), restorable, 'restore button');
      const action = hiding.hidden_by_expired_at ? 'prolonger_conservation' : 'restaurer';
      if (restorable) {
        await refusedWith(
          transitionDossier(app, ins, { dossierId: id, action: 'repasser_en_instruction' }),
          'forbidden',
        );
        await transitionDossier(app, ins, { dossierId: id, action });
        const back = await row(id);
        assert.equal(back.hidden_by_administration_at, null);
        assert.equal(back.hidden_by_expired_at, null);
        assert.equal((await b.request('GET', `/instructeur/dossiers/${id}`)).status, 200, 'opened again');
      } else {
        await refusedWith(transitionDossier(app, ins, { dossierId: id, action }), 'not_found');
      }
      assert.equal(
        (await app.db.selectFrom('follows').select('user_id').where('dossier_id', '=', id).execute()).length,
        0,
        'nobody follows it',
      );
    });
  }
});

describe(`conservation and re-instruction (${engine})`, () => {
  test('« Prolonger » on an archived accepted dossier warned late never moves its expiry earlier', async () => {
    const now = new Date('2026-12-01T10:00:00Z');
    app.clock.set(now);
    await app.db
      .updateTable('procedures')
      .set({ expires_when_termine: true })
      .where('id', '=', f.procedureId)
      .execute();
    const id = await dossier(app, f, { state: 'accepte' });
    const before = new Date('2026-12-06T09:00:00Z');
    await set(id, {
      archived: true,
      processed_at: new Date('2025-10-16T09:00:00Z'),
      expiry_notice_sent_at: new Date('2026-11-22T09:00:00Z'),
      expires_at: before,
    });
    await transitionDossier(app, actor(f.instructeurA), { dossierId: id, action: 'prolonger_conservation' });
    const d = await row(id);
    assert.equal(d.expires_at!.toISOString(), addMonthsUTC(before, 1).toISOString());
    assert.equal(d.expiry_notice_sent_at, null);
    assert.equal(d.conservation_extension_months, 1);
  });

  test('« Prolonger » far from expiry is refused', async () => {
    app.clock.set(T0);
    const id = await dossier(app, f, { state: 'en_construction' });
    await set(id, { expires_at: addMonthsUTC(T0, 12) });
    await refusedWith(
      transitionDossier(app, actor(f.instructeurA), { dossierId: id, action: 'prolonger_conservation' }),
      'invalid_transition',
    );
  });

  test('« Repasser en instruction » keeps processed_at until a new decision', async () => {
    app.clock.set(T0);
    const id = await dossier(app, f, { state: 'refuse' });
    const processed = (await row(id)).processed_at!;
    app.clock.set(addDaysUTC(T0, 3));
    await transitionDossier(app, actor(f.instructeurA), { dossierId: id, action: 'repasser_en_instruction' });
    const d = await row(id);
    assert.equal(d.state, 'en_instruction');
    assert.equal(d.processed_at!.getTime(), processed.getTime());
    app.clock.set(addDaysUTC(T0, 5));
    await transitionDossier(app, actor(f.instructeurA), { dossierId: id, action: 'accepter' });
    assert.equal((await row(id)).processed_at!.getTime(), addDaysUTC(T0, 5).getTime());
  });

  test('the retention jobs neither warn nor hide a dossier the usager deleted', async () => {
    app.clock.set(T0);
    const warned = await dossier(app, f, { state: 'accepte' });
    const deleted = await dossier(app, f, { state: 'accepte' });
    for (const id of [warned, deleted]) await set(id, { expires_at: addDaysUTC(T0, 3) });
    await set(deleted, { hidden_by_user_at: T0 });
    await app.boss.send('retention-warn', {});
    await drainJobs(app);
    assert.ok((await row(warned)).expiry_notice_sent_at, 'the other one is warned');
    assert.equal((await row(deleted)).expiry_notice_sent_at, null);
    await set(deleted, { expiry_notice_sent_at: addDaysUTC(T0, -20) });
    await app.boss.send('retention-hide', {});
    await drainJobs(app);
    assert.equal((await row(deleted)).hidden_by_expired_at, null);
  });
});

describe(`réaffectation (${engine})`, () => {
  test('a traité dossier may be moved to a closed group', async () => {
    app.clock.set(T0);
    const closed = await app.db
      .insertInto('groupes_instructeurs')
      .values({ procedure_id: f.procedureId, label: 'Groupe clos', closed: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = await dossier(app, f, { state: 'accepte' });
    await reassignDossier(app, actor(f.instructeurA), { dossierId: id, groupeId: closed.id });
    assert.equal((await row(id)).groupe_id, closed.id);
  });
});

describe(`declarative procedures and deleted accounts (${engine})`, () => {
  const deposer = defineCommand({
    name: 't-rule-gaps-deposer',
    input: z.object({ id: z.string() }),
    authorize: () => {}, // test helper: the deposit's own rule (assertAct) is checked in applyTransition
    run: (ctx, i) => applyTransition(ctx, { dossierId: i.id, action: 'deposer', actorKind: 'usager' }),
  });
  const mandatory: FieldDef[] = [
    { stableId: 'a1', type: 'text', label: 'Visa du service', mandatory: true, private: true },
  ];

  test('automatic acceptance waits while a mandatory private annotation is empty', async () => {
    app.clock.set(T0);
    const g = await procedureFixture(app, { declarative: 'accepte', annotations: mandatory });
    const id = await dossier(app, g, { state: 'brouillon' });
    await deposer(app, actor(g.usager), { id });
    const d = await row(id);
    assert.equal(d.state, 'en_construction');
    assert.equal(d.declarative_triggered_at, null);
  });

  test('without mandatory annotation it is accepted at once', async () => {
    app.clock.set(T0);
    const g = await procedureFixture(app, { declarative: 'accepte' });
    const id = await dossier(app, g, { state: 'brouillon' });
    await deposer(app, actor(g.usager), { id });
    assert.equal((await row(id)).state, 'accepte');
  });

  test('a deleted usager account blocks « repasser en instruction » and the messagerie', async () => {
    app.clock.set(T0);
    const id = await dossier(app, f, { state: 'accepte' });
    await set(id, { user_id: null });
    await refusedWith(
      transitionDossier(app, actor(f.instructeurA), { dossierId: id, action: 'repasser_en_instruction' }),
      'invalid_transition',
    );
    await refusedWith(
      sendMessage(app, actor(f.instructeurA), { dossierId: id, as: 'instructeur', body: 'Bonjour' } as never),
      'invalid_transition',
    );
    const b = await browserAs(app, f.instructeurA);
    const page = await b.get(`/instructeur/dossiers/${id}`);
    assert.equal(page.res.status, 200);
    assert.doesNotMatch(page.html, /value="repasser_en_instruction"/);
  });
});

describe(`badges (${engine})`, () => {
  const kindsOf = async (id: string, userId: string) =>
    (
      await app.db
        .selectFrom('notifications')
        .select('kind')
        .where('dossier_id', '=', id)
        .where('user_id', '=', userId)
        .orderBy('kind')
        .execute()
    ).map((n) => n.kind);

  test('following brings back the unread message badge, not only the « en attente » ones', async () => {
    app.clock.set(T0);
    const id = await dossier(app, f, { state: 'en_construction' });
    await set(id, { pending_correction: true });
    await app.db
      .insertInto('messages')
      .values({
        dossier_id: id,
        author_kind: 'usager',
        author_id: f.usager.id,
        author_email: f.usager.email,
        body: 'Voici ma question',
        created_at: T0,
      })
      .execute();
    app.clock.set(addDaysUTC(T0, 1));
    await followDossier(app, actor(f.instructeurA2), { dossierId: id });
    assert.deepEqual(await kindsOf(id, f.instructeurA2.id), ['attente_correction', 'message']);
  });

  test('opening the messagerie of an archived dossier does not clear its (hidden) message badge', async () => {
    app.clock.set(T0);
    const id = await dossier(app, f, { state: 'accepte' });
    await set(id, { archived: true });
    await app.db
      .insertInto('notifications')
      .values({ dossier_id: id, user_id: f.instructeurA.id, kind: 'message', display_at: T0, created_at: T0 })
      .execute();
    await markTabSeen(app, actor(f.instructeurA), { dossierId: id, tab: 'messagerie' });
    assert.deepEqual(await kindsOf(id, f.instructeurA.id), ['message']);
    await set(id, { archived: false });
    await markTabSeen(app, actor(f.instructeurA), { dossierId: id, tab: 'messagerie' });
    assert.deepEqual(await kindsOf(id, f.instructeurA.id), []);
  });

  test("a réaffectation gives the arriving instructors the badges of the dossier's state", async () => {
    app.clock.set(T0);
    const id = await dossier(app, f, { state: 'en_construction' });
    // a pending correction nobody of group A was badged for (preference « followed », nobody follows)
    await set(id, { pending_correction: true });
    await app.db
      .updateTable('instructeur_procedures')
      .set({ notification_prefs: JSON.stringify({ attente_correction: 'all' }) })
      .where('user_id', '=', f.instructeurB.id)
      .where('procedure_id', '=', f.procedureId)
      .execute();
    await reassignDossier(app, actor(f.instructeurA), { dossierId: id, groupeId: f.groupB });
    assert.deepEqual(await kindsOf(id, f.instructeurB.id), ['attente_correction']);
  });
});
