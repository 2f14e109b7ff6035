// The badge summary (`dossier_badges`, migration 0024) kept by triggers equals what the notifications
// say, recomputed here with the domain's own rules (isDisplayed, notificationImportance, the news
// kinds), at every instant where a badge's display starts — after each kind of write that moves it:
// new badges (one with a future display_at), badges cleared by opening a dossier tab, follow /
// unfollow, instruction, decision, archiving, hiding, a group change, a badge preference change,
// and a dossier deleted. Then the list's red dots and its « badges first » order read it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { followDossier, unfollowDossier } from '../../src/features/instruction/follow-dossier.ts';
import { transitionDossier } from '../../src/features/instruction/transition-dossier.ts';
import { reassignDossier } from '../../src/features/reassignment/reassign-dossier.ts';
import { markTabSeen } from '../../src/features/dossiers/mark-seen.ts';
import { createNotifications } from '../../src/features/notifications/notify.ts';
import { rebuildBadgeSummary } from '../../src/features/work-list/badge-summary.ts';
import {
  isDisplayed,
  isHiddenForNotifications,
  NOTIFICATION_KINDS,
  notificationImportance,
  type NotificationKind,
} from '../../src/domain/notifications.ts';
import { NEWS_NOTIFICATIONS, NEWS_TABS, TABS } from '../../src/domain/tabs.ts';
import { addDaysUTC } from '../../src/domain/retention.ts';
import { loadListContext } from '../../src/queries/list-context.ts';
import { listPage, scopeOf } from '../../src/queries/dossier-list.ts';
import { tabCounts } from '../../src/queries/tab-counts.ts';
import { allTabCodes, decodeClass } from '../../src/queries/tab-classes.ts';
import { closeTestApp, createTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import { browserAs } from './dossier-fixture.ts';

let app: TestApp;
let f: Fixture;
const ids: string[] = [];
const actor = (u: { id: string; email: string }) => ({ userId: u.id, email: u.email });

interface Summary {
  importance: number;
  news: boolean;
  procedure_id: string;
  groupe_id: string;
  wl_class: number;
  updated_at: string;
  mine: boolean;
  expires_at: string | null;
}

/** (user, dossier) → what its badges display at `t`, from the notifications and the domain. */
async function expected(t: Date): Promise<Map<string, Summary>> {
  const rows = await app.db
    .selectFrom('notifications as n')
    .innerJoin('dossiers as d', 'd.id', 'n.dossier_id')
    .select([
      'n.user_id',
      'n.dossier_id',
      'n.kind',
      'n.display_at',
      'd.state',
      'd.archived',
      'd.hidden_by_administration_at',
      'd.hidden_by_expired_at',
      'd.procedure_id',
      'd.groupe_id',
      'd.wl_class',
      'd.updated_at',
      'd.follower_ids',
      'd.expires_at',
    ])
    .execute();
  const out = new Map<string, Summary>();
  for (const r of rows) {
    const kind = r.kind as NotificationKind;
    if (r.state === 'brouillon' || !NOTIFICATION_KINDS.includes(kind)) continue;
    const shown = isDisplayed(
      kind,
      { archived: r.archived, hidden: isHiddenForNotifications(r), displayAt: r.display_at },
      t,
    );
    if (!shown) continue;
    const key = `${r.user_id}:${r.dossier_id}`;
    const prev = out.get(key);
    const news = (NEWS_NOTIFICATIONS as readonly string[]).includes(kind);
    out.set(key, {
      importance: Math.min(prev?.importance ?? Number.POSITIVE_INFINITY, notificationImportance(kind)),
      news: (prev?.news ?? false) || news,
      procedure_id: String(r.procedure_id),
      groupe_id: String(r.groupe_id),
      wl_class: Number(r.wl_class),
      updated_at: new Date(r.updated_at).toISOString(),
      mine: (r.follower_ids as string[]).map(String).includes(String(r.user_id)),
      expires_at: r.expires_at ? new Date(r.expires_at).toISOString() : null,
    });
  }
  return out;
}

/** (user, dossier) → the summary's step in force at `t` (at most one per pair). */
async function kept(t: Date): Promise<Map<string, Summary>> {
  const rows = await app.db
    .selectFrom('dossier_badges as b')
    .selectAll()
    .where('b.from_at', '<=', t)
    .where((eb) => eb.or([eb('b.until_at', 'is', null), eb('b.until_at', '>', t)]))
    .execute();
  const out = new Map<string, Summary>();
  for (const r of rows) {
    const key = `${r.user_id}:${r.dossier_id}`;
    assert.ok(!out.has(key), `one step in force for ${key} at ${t.toISOString()}`);
    out.set(key, {
      importance: r.importance,
      news: r.news,
      procedure_id: String(r.procedure_id),
      groupe_id: String(r.groupe_id),
      wl_class: Number(r.wl_class),
      updated_at: new Date(r.updated_at).toISOString(),
      mine: r.mine,
      expires_at: r.expires_at ? new Date(r.expires_at).toISOString() : null,
    });
  }
  return out;
}

const sorted = (m: Map<string, Summary>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));

/** The summary equals the recomputation now, at every display_at (and just before it), and far ahead. */
async function assertSummary(what: string): Promise<void> {
  const now = app.clock.now();
  const at = await app.db.selectFrom('notifications').select('display_at').distinct().execute();
  const instants = [now, addDaysUTC(now, 400), addDaysUTC(now, -400)];
  for (const r of at) instants.push(new Date(r.display_at), new Date(r.display_at.getTime() - 1));
  for (const t of instants) {
    assert.deepEqual(sorted(await kept(t)), sorted(await expected(t)), `${what} — at ${t.toISOString()}`);
  }
}

const notify = async (id: string, kind: NotificationKind) => {
  const d = await app.db
    .selectFrom('dossiers')
    .select(['id', 'groupe_id', 'procedure_id', 'depose_at', 'expires_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  await app.db.transaction().execute((trx) => createNotifications(trx, d, kind, { now: app.clock.now() }));
};

before(async () => {
  app = await createTestApp();
  f = await procedureFixture(app);
  for (let i = 0; i < 6; i++) ids.push(await dossier(app, f, { state: i < 3 ? 'en_construction' : 'en_instruction' }));
});
after(async () => closeTestApp(app));

describe(`badge summary (${engine})`, () => {
  test('the news tabs hold no archived or hidden class: the red dots may read displayed badges only', () => {
    for (const e of [false, true]) {
      const codes = allTabCodes(e);
      for (const tab of NEWS_TABS)
        for (const c of [...codes[tab].all, ...codes[tab].me]) {
          const k = decodeClass(c)!;
          assert.ok(!k.archived && !k.hiddenByAdministration && !k.hiddenByExpired, `${tab} ${c}`);
        }
    }
  });

  test('new badges, one displayed in 7 days', async () => {
    await followDossier(app, actor(f.instructeurA), { dossierId: ids[0] });
    await notify(ids[0], 'message');
    await notify(ids[1], 'dossier_depose'); // display_at = depose_at + 7 days: a second step
    await notify(ids[1], 'annotation_instructeur');
    await notify(ids[3], 'attente_avis');
    await notify(ids[4], 'dossier_modifie');
    const steps = await app.db
      .selectFrom('dossier_badges')
      .select('from_at')
      .where('dossier_id', '=', ids[1])
      .execute();
    assert.ok(steps.length >= 1);
    await assertSummary('new badges');
  });

  test('badges cleared when a dossier tab is opened', async () => {
    await markTabSeen(app, actor(f.instructeurA), { dossierId: ids[0], tab: 'messagerie' });
    await assertSummary('tab opened');
  });

  test('follow and unfollow (the class and « mine » move)', async () => {
    // a badge of the whole group, which following does not touch: its rows are updated in place
    await notify(ids[4], 'dossier_expirant');
    await followDossier(app, actor(f.instructeurA), { dossierId: ids[4] });
    await followDossier(app, actor(f.instructeurA2), { dossierId: ids[4] });
    await assertSummary('follow');
    await notify(ids[4], 'message');
    await assertSummary('follow, then a message');
    await unfollowDossier(app, actor(f.instructeurA), { dossierId: ids[4] });
    await assertSummary('unfollow');
  });

  test('instruction, decision, archiving and hiding', async () => {
    await transitionDossier(app, actor(f.instructeurA), { dossierId: ids[1], action: 'passer_en_instruction' });
    await assertSummary('en instruction');
    await transitionDossier(app, actor(f.instructeurA), { dossierId: ids[3], action: 'accepter' });
    await assertSummary('accepté');
    await notify(ids[3], 'dossier_expirant');
    await notify(ids[3], 'dossier_suppression');
    await transitionDossier(app, actor(f.instructeurA), { dossierId: ids[3], action: 'archiver' });
    await assertSummary('archivé');
    await app.db
      .updateTable('dossiers')
      .set({ hidden_by_administration_at: app.clock.now() })
      .where('id', '=', ids[3])
      .execute();
    await assertSummary('caché par l’administration');
    await app.db.updateTable('dossiers').set({ hidden_by_administration_at: null }).where('id', '=', ids[3]).execute();
    await assertSummary('restauré');
  });

  test('a group change', async () => {
    await reassignDossier(app, actor(f.instructeurA), { dossierId: ids[4], groupeId: f.groupB });
    await notify(ids[4], 'dossier_modifie');
    await assertSummary('réaffecté');
  });

  test('a badge preference change', async () => {
    const b = await browserAs(app, f.instructeurA);
    await b.get(`/instructeur/procedures/${f.procedureId}/gestion/badges`);
    assert.equal(
      (await b.post(`/instructeur/procedures/${f.procedureId}/gestion/badges`, { message: 'none' })).status,
      303,
    );
    await assertSummary('préférence « jamais »');
    assert.equal(
      (await b.post(`/instructeur/procedures/${f.procedureId}/gestion/badges`, { message: 'all' })).status,
      303,
    );
    await assertSummary('préférence « tous »');
  });

  test('a bulk update and a deleted dossier', async () => {
    await app.db
      .updateTable('dossiers')
      .set({ updated_at: app.clock.now(), expires_at: addDaysUTC(app.clock.now(), 10) })
      .where('id', 'in', ids)
      .execute();
    await assertSummary('bulk update');
    await app.db.deleteFrom('dossiers').where('id', '=', ids[5]).execute();
    await notify(ids[2], 'message');
    await app.db.deleteFrom('dossiers').where('id', '=', ids[2]).execute();
    await assertSummary('deleted');
  });

  test('the rebuild gives the same rows as the triggers', async () => {
    const before = await app.db
      .selectFrom('dossier_badges')
      .selectAll()
      .orderBy('dossier_id')
      .orderBy('user_id')
      .orderBy('from_at')
      .execute();
    await rebuildBadgeSummary(app.db);
    const after = await app.db
      .selectFrom('dossier_badges')
      .selectAll()
      .orderBy('dossier_id')
      .orderBy('user_id')
      .orderBy('from_at')
      .execute();
    assert.deepEqual(after, before);
  });

  test('red dots and the « badges first » order read the summary, with the request clock', async () => {
    const ctx = await loadListContext(app.db, f.instructeurA.id, f.procedureId);
    for (const t of [app.clock.now(), addDaysUTC(app.clock.now(), 8)]) {
      const want = await expected(t);
      const counts = await tabCounts(app.db, scopeOf(ctx, t));
      const page = await listPage(app.db, ctx, { tab: 'tous', page: 1, now: t, total: 1000, smallTab: 0 });
      const mineInGroup = [...want.entries()].filter(
        ([k, v]) => k.startsWith(`${f.instructeurA.id}:`) && ctx.groupIds.includes(v.groupe_id),
      );
      const withBadge = mineInGroup
        .filter(([k]) => page.rows.some((r) => r.id === k.split(':')[1]))
        .sort(([, a], [, b]) => a.importance - b.importance || b.updated_at.localeCompare(a.updated_at));
      // the dossiers with a displayed badge come first, by importance
      const firstIds = page.rows.slice(0, withBadge.length).map((r) => r.id);
      assert.deepEqual(
        firstIds.map((id) => want.get(`${f.instructeurA.id}:${id}`)?.importance),
        withBadge.map(([, v]) => v.importance),
        t.toISOString(),
      );
      for (const r of page.rows.slice(withBadge.length))
        assert.equal(want.get(`${f.instructeurA.id}:${r.id}`), undefined);
      assert.equal(typeof counts.news[TABS[0]], 'boolean');
      const anyNews = mineInGroup.some(([, v]) => v.news);
      assert.equal(
        NEWS_TABS.some((tab) => counts.news[tab]),
        anyNews,
        t.toISOString(),
      );
    }
  });
});
