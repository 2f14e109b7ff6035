// The SQL of the work list against the domain's rules on a seeded set: tab membership (tabsOf),
// counts, red dots, group scoping, the follower trigger, default order, neighbours.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { inTabByDomain, seedWorkList, type Fixture, type SeedDossier } from './work-list-fixture.ts';
import { TABS, NEWS_NOTIFICATIONS, NEWS_TABS, type Tab } from '../../src/domain/tabs.ts';
import { isDisplayed, isHiddenForNotifications, NOTIFICATION_KINDS } from '../../src/domain/notifications.ts';
import { defaultPresentation, type Presentation } from '../../src/domain/presentation.ts';
import { loadListContext, type ListContext } from '../../src/queries/list-context.ts';
import { tabCounts } from '../../src/queries/tab-counts.ts';
import { listPage, scopeOf, allIdsOf } from '../../src/queries/dossier-list.ts';
import { neighboursIn } from '../../src/queries/neighbours.ts';
import { ALL_CLASSES, decodeClass, encodeClass } from '../../src/queries/tab-classes.ts';
import { proceduresDashboard } from '../../src/queries/procedures-dashboard.ts';
import { workListCountsDrift } from '../../src/queries/work-list-counts.ts';
import { compactWorkListCounts, rebuildWorkListCounts } from '../../src/features/work-list/work-list-counts.ts';
import { sql } from 'kysely';

let app: TestApp;
let fx: Fixture;

before(async () => {
  app = await createTestApp();
  fx = await seedWorkList(app);
});
after(async () => closeTestApp(app));

function expectedTab(d: SeedDossier, userId: string, tab: Tab, expiresWhenTermine: boolean): boolean {
  return inTabByDomain(d, userId, fx.now, tab, expiresWhenTermine);
}

function myGroups(userId: string): string[] {
  if (userId === fx.me) return [fx.g1, fx.g3];
  if (userId === fx.colleague) return [fx.g1];
  return [fx.g2, fx.g3];
}

/** Pages of 5, a size the interface does not offer: the list walks and reads by class on one tab. */
function pagesOfFive(p: Presentation): Presentation {
  return { ...p, pageSize: 5 } as unknown as Presentation;
}

/** Every id of a tab, page after page (the real pagination). */
async function allPages(
  ctx: ListContext,
  tab: Tab,
  total: number,
  p: Presentation = ctx.presentation,
  smallTab?: number,
  procedureTotal?: number,
): Promise<string[]> {
  const ids: string[] = [];
  const pages = Math.max(1, Math.ceil(total / p.pageSize));
  for (let page = 1; page <= pages; page++) {
    const r = await listPage(app.db, ctx, { tab, page, total, now: fx.now, presentation: p, smallTab, procedureTotal });
    ids.push(...r.rows.map((x) => x.id));
  }
  return ids;
}

describe(`work-list tabs on ${engine}`, () => {
  test('tab classes round-trip and the generated column agrees with them', async () => {
    for (const code of ALL_CLASSES) assert.equal(encodeClass(decodeClass(code)!), code);
    const rows = (await app.db
      .selectFrom('dossiers')
      .select([
        'id',
        'state',
        'archived',
        'hidden_by_administration_at',
        'hidden_by_user_at',
        'hidden_by_expired_at',
        'follower_ids' as any,
        'wl_class' as any,
      ])
      .execute()) as any[];
    for (const r of rows) {
      const expected = encodeClass({
        state: r.state,
        archived: r.archived,
        hiddenByAdministration: r.hidden_by_administration_at !== null,
        hiddenByUser: r.hidden_by_user_at !== null,
        hiddenByExpired: r.hidden_by_expired_at !== null,
        followed: r.follower_ids.length > 0,
      });
      assert.equal(Number(r.wl_class), expected, `dossier ${r.id}`);
    }
  });

  test('follower_ids is kept by the follows triggers (unfollowed rows excluded)', async () => {
    const rows = (await app.db
      .selectFrom('dossiers')
      .select(['id', 'follower_ids' as any])
      .execute()) as any[];
    const byId = new Map(rows.map((r) => [r.id, [...r.follower_ids].sort()]));
    for (const d of fx.dossiers) assert.deepEqual(byId.get(d.id), [...d.followers].sort(), `dossier ${d.id}`);
    // unfollow then follow again through plain SQL: the column follows
    const d = fx.dossiers.find((x) => x.followers.length === 2)!;
    await app.db
      .updateTable('follows')
      .set({ unfollowed_at: fx.now })
      .where('dossier_id', '=', d.id)
      .where('user_id', '=', fx.me)
      .execute();
    let r = (await app.db
      .selectFrom('dossiers')
      .select('follower_ids' as any)
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow()) as any;
    assert.deepEqual(r.follower_ids, [fx.colleague]);
    await app.db
      .updateTable('follows')
      .set({ unfollowed_at: null })
      .where('dossier_id', '=', d.id)
      .where('user_id', '=', fx.me)
      .execute();
    r = (await app.db
      .selectFrom('dossiers')
      .select('follower_ids' as any)
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow()) as any;
    assert.deepEqual([...r.follower_ids].sort(), [fx.me, fx.colleague].sort());
  });

  test('work_list_counts (trigger deltas) agree with a recount through inserts, follows, state changes, deletes and compaction', async () => {
    assert.equal(await workListCountsDrift(app.db), 0, 'after the fixture');
    const d = fx.dossiers.find((x) => x.state === 'en_construction' && x.followers.length === 0)!;
    // follow (follows trigger → dossiers update → delta), state change, several rows in one statement
    await app.db.insertInto('follows').values({ dossier_id: d.id, user_id: fx.me, created_at: fx.now }).execute();
    await app.db.updateTable('dossiers').set({ state: 'en_instruction' }).where('id', '=', d.id).execute();
    const termines = fx.dossiers
      .filter((x) => x.state === 'accepte' && !x.archived)
      .slice(0, 3)
      .map((x) => x.id);
    await app.db.updateTable('dossiers').set({ archived: true }).where('id', 'in', termines).execute();
    // an update that moves no key appends nothing
    const before = Number(
      (await sql<{ n: string }>`SELECT count(*) AS n FROM work_list_counts`.execute(app.db)).rows[0].n,
    );
    await app.db.updateTable('dossiers').set({ motivation: 'relu' }).where('id', '=', d.id).execute();
    assert.equal(
      Number((await sql<{ n: string }>`SELECT count(*) AS n FROM work_list_counts`.execute(app.db)).rows[0].n),
      before,
    );
    assert.equal(await workListCountsDrift(app.db), 0, 'after the updates');
    const folded = await compactWorkListCounts(app.db);
    assert.ok(folded > 0, 'deltas folded');
    assert.equal(await workListCountsDrift(app.db), 0, 'after compaction');
    const dup = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM (SELECT 1 FROM work_list_counts GROUP BY procedure_id, groupe_id, wl_class, follower_id HAVING count(*) > 1) x`.execute(
      app.db,
    );
    assert.equal(Number(dup.rows[0].n), 0, 'one row per key after compaction');
    // put the fixture back (later tests compare with it)
    await app.db.updateTable('dossiers').set({ archived: false }).where('id', 'in', termines).execute();
    await app.db
      .updateTable('dossiers')
      .set({ state: 'en_construction', motivation: null })
      .where('id', '=', d.id)
      .execute();
    await app.db.deleteFrom('follows').where('dossier_id', '=', d.id).where('user_id', '=', fx.me).execute();
    assert.equal(await workListCountsDrift(app.db), 0, 'after putting it back');
  });

  test('two instructors following the same dossier at once both end up in follower_ids', {
    skip: engine !== 'postgres' && 'one connection on PGlite',
  }, async () => {
    const d = fx.dossiers.find(
      (x) => x.state === 'en_construction' && x.followers.length === 0 && x.procedureId === fx.p1,
    )!;
    const c1 = await app.database.pool.connect();
    const c2 = await app.database.pool.connect();
    try {
      await c1.query('BEGIN');
      await c2.query('BEGIN');
      await c1.query('INSERT INTO follows (dossier_id, user_id) VALUES ($1, $2)', [d.id, fx.me]);
      // the second waits for the first (the dossier row is locked by its trigger), then sees its follow
      const second = c2.query('INSERT INTO follows (dossier_id, user_id) VALUES ($1, $2)', [d.id, fx.colleague]);
      await new Promise((r) => setTimeout(r, 100));
      await c1.query('COMMIT');
      await second;
      await c2.query('COMMIT');
      const r = (await app.db
        .selectFrom('dossiers')
        .select('follower_ids' as any)
        .where('id', '=', d.id)
        .executeTakeFirstOrThrow()) as any;
      assert.deepEqual([...r.follower_ids].sort(), [fx.me, fx.colleague].sort());
      assert.equal(await workListCountsDrift(app.db), 0);
    } finally {
      c1.release();
      c2.release();
      await app.db.deleteFrom('follows').where('dossier_id', '=', d.id).execute();
    }
    assert.equal(await workListCountsDrift(app.db), 0);
  });

  test('every UPDATE of follows keeps follower_ids exact (seen dates, unfollow, re-follow, two at once)', async () => {
    const d = fx.dossiers.find(
      (x) => x.state === 'en_construction' && x.followers.length === 0 && x.procedureId === fx.p1,
    )!;
    const followers = async () =>
      [
        ...(
          (await app.db
            .selectFrom('dossiers')
            .select('follower_ids' as any)
            .where('id', '=', d.id)
            .executeTakeFirstOrThrow()) as any
        ).follower_ids,
      ].sort();
    const both = [fx.me, fx.colleague].sort();
    // the fixture may hold an ended follow of this dossier by someone else: left as it is
    const ours = `dossier_id = ${d.id} AND user_id IN (${fx.me}, ${fx.colleague})`;
    const steps: [string, string, string[]][] = [
      ['I follow', `INSERT INTO follows (dossier_id, user_id) VALUES (${d.id}, ${fx.me})`, [fx.me]],
      ['I open a tab', `UPDATE follows SET demande_seen_at = now() WHERE ${ours}`, [fx.me]],
      ['I stop following', `UPDATE follows SET unfollowed_at = now() WHERE ${ours}`, []],
      ['a seen date on a follow that ended', `UPDATE follows SET avis_seen_at = now() WHERE ${ours}`, []],
      [
        'I follow again (upsert)',
        `INSERT INTO follows (dossier_id, user_id) VALUES (${d.id}, ${fx.me})
           ON CONFLICT (dossier_id, user_id) DO UPDATE SET unfollowed_at = NULL`,
        [fx.me],
      ],
      ['my colleague follows', `INSERT INTO follows (dossier_id, user_id) VALUES (${d.id}, ${fx.colleague})`, both],
      ['both seen in one statement', `UPDATE follows SET messagerie_seen_at = now() WHERE ${ours}`, both],
      [
        'one stops, the other sees, in one statement',
        `UPDATE follows SET unfollowed_at = CASE WHEN user_id = ${fx.me} THEN now() END,
           annotations_seen_at = now() WHERE ${ours}`,
        [fx.colleague],
      ],
      [
        'my ended follow is deleted',
        `DELETE FROM follows WHERE dossier_id = ${d.id} AND user_id = ${fx.me}`,
        [fx.colleague],
      ],
      [
        'the follow moves from my colleague to me',
        `UPDATE follows SET user_id = ${fx.me} WHERE dossier_id = ${d.id} AND user_id = ${fx.colleague}`,
        [fx.me],
      ],
      ['both stop', `UPDATE follows SET unfollowed_at = now() WHERE ${ours}`, []],
    ];
    try {
      for (const [what, statement, expected] of steps) {
        await sql.raw(statement).execute(app.db);
        assert.deepEqual(await followers(), [...expected].sort(), what);
        assert.equal(await workListCountsDrift(app.db), 0, what);
      }
    } finally {
      await app.db
        .deleteFrom('follows')
        .where('dossier_id', '=', d.id)
        .where('user_id', 'in', [fx.me, fx.colleague])
        .execute();
    }
    assert.deepEqual(await followers(), []);
  });

  test('a seen date does not wait for the dossier row (a command holding it)', {
    skip: engine !== 'postgres' && 'one connection on PGlite',
  }, async () => {
    const d = fx.dossiers.find(
      (x) => x.state === 'en_construction' && x.followers.length === 0 && x.procedureId === fx.p1,
    )!;
    await app.db.insertInto('follows').values({ dossier_id: d.id, user_id: fx.me }).execute();
    const c1 = await app.database.pool.connect();
    const c2 = await app.database.pool.connect();
    try {
      await c1.query('BEGIN');
      await c1.query('SELECT id FROM dossiers WHERE id = $1 FOR UPDATE', [d.id]);
      await c2.query('BEGIN');
      await c2.query("SET LOCAL lock_timeout = '1s'");
      // opening a tab of a dossier I follow: before migration 0025, the follows trigger waited here
      await c2.query('UPDATE follows SET demande_seen_at = now() WHERE dossier_id = $1 AND user_id = $2', [
        d.id,
        fx.me,
      ]);
      await c2.query('COMMIT');
      await c1.query('COMMIT');
    } finally {
      await c1.query('ROLLBACK').catch(() => undefined);
      await c2.query('ROLLBACK').catch(() => undefined);
      c1.release();
      c2.release();
      await app.db.deleteFrom('follows').where('dossier_id', '=', d.id).execute();
    }
    assert.equal(await workListCountsDrift(app.db), 0);
  });

  test('rebuildWorkListCounts (guichet recount) repairs drift and reports it', async () => {
    const d = fx.dossiers.find((x) => x.state === 'en_instruction')!;
    await sql`INSERT INTO work_list_counts (procedure_id, groupe_id, wl_class, follower_id, n) VALUES (${d.procedureId}, ${d.groupeId}, 64, 0, 5)`.execute(
      app.db,
    );
    assert.equal(await workListCountsDrift(app.db), 1);
    assert.deepEqual(await rebuildWorkListCounts(app.db), { drift: 1 });
    assert.equal(await workListCountsDrift(app.db), 0);
    assert.deepEqual(await rebuildWorkListCounts(app.db), { drift: 0 });
  });

  test('TRUNCATE of the dossiers empties the kept counts (in a transaction rolled back)', async () => {
    const rollback = new Error('rollback');
    await assert.rejects(
      app.db.transaction().execute(async (trx) => {
        assert.ok(
          Number((await sql<{ n: string }>`SELECT count(*) AS n FROM work_list_counts`.execute(trx)).rows[0].n) > 0,
        );
        await sql`TRUNCATE dossiers CASCADE`.execute(trx);
        assert.equal(
          Number((await sql<{ n: string }>`SELECT count(*) AS n FROM work_list_counts`.execute(trx)).rows[0].n),
          0,
        );
        assert.equal(await workListCountsDrift(trx), 0);
        throw rollback;
      }),
      (e) => e === rollback,
    );
    assert.equal(await workListCountsDrift(app.db), 0);
  });

  for (const who of ['me', 'colleague', 'other'] as const) {
    test(`every tab lists exactly the dossiers tabsOf puts there, in ${who}'s groups only`, async () => {
      const userId = fx[who];
      for (const [procedureId, ewt] of [
        [fx.p1, true],
        [fx.p2, false],
      ] as const) {
        let ctx: ListContext;
        try {
          ctx = await loadListContext(app.db, userId, procedureId);
        } catch (e) {
          assert.equal(who, 'colleague'); // the colleague has no group in P2: not found
          assert.equal((e as any).code, 'not_found');
          continue;
        }
        const counts = await tabCounts(app.db, scopeOf(ctx, fx.now));
        for (const tab of TABS) {
          const expected = fx.dossiers
            .filter(
              (d) =>
                d.procedureId === procedureId &&
                myGroups(userId).includes(d.groupeId) &&
                expectedTab(d, userId, tab, ewt),
            )
            .map((d) => d.id)
            .sort();
          assert.equal(counts.counts[tab], expected.length, `${who} ${procedureId} ${tab} count`);
          if (who === 'me' && procedureId === fx.p1)
            assert.ok(expected.length > 0, `the fixture puts dossiers in ${tab}`);
          // small tabs are read whole (SMALL_TAB); smallTab 0 takes the index walk every tab takes above it;
          // procedureTotal 0 makes « suivis » walk the update order as when I follow most followed dossiers,
          // on the pages whose reach the tab holds (pages of 5: the walk, then the class read on the last)
          for (const [smallTab, procedureTotal] of [
            [undefined, undefined],
            [0, undefined],
            [0, 0],
          ] as const) {
            const p = procedureTotal === 0 ? pagesOfFive(ctx.presentation) : ctx.presentation;
            const listed = await allPages(ctx, tab, counts.counts[tab], p, smallTab, procedureTotal);
            assert.equal(new Set(listed).size, listed.length, `${tab}: no duplicate across pages`);
            assert.deepEqual(
              [...listed].sort(),
              expected,
              `${who} ${procedureId} ${tab} rows (smallTab ${smallTab}, procedureTotal ${procedureTotal})`,
            );
          }
          assert.deepEqual((await allIdsOf(app.db, ctx, tab, fx.now)).sort(), expected, `${tab} select all`);
        }
      }
    });
  }

  test('red dots: a news badge of mine on a dossier of the tab', async () => {
    const lit = new Set<string>();
    for (const who of [fx.me, fx.colleague]) {
      const ctx = await loadListContext(app.db, who, fx.p1);
      const counts = await tabCounts(app.db, scopeOf(ctx, fx.now));
      for (const tab of TABS) {
        const expected =
          NEWS_TABS.includes(tab) &&
          fx.dossiers.some(
            (d) =>
              d.procedureId === fx.p1 &&
              myGroups(who).includes(d.groupeId) &&
              expectedTab(d, who, tab, true) &&
              d.notifications.some(
                (n) =>
                  n.user === who &&
                  (NEWS_NOTIFICATIONS as readonly string[]).includes(n.kind) &&
                  n.display_at <= fx.now,
              ),
          );
        assert.equal(counts.news[tab], expected, `${who} ${tab}`);
        if (expected) lit.add(tab);
      }
    }
    assert.equal(lit.has('suivis') || lit.has('traites') || lit.has('a-suivre'), true);
  });

  test('red dots: a news badge on a dossier someone else follows never lights « suivis »', async () => {
    const ctx = await loadListContext(app.db, fx.me, fx.p1);
    const mine = (x: SeedDossier) =>
      x.procedureId === fx.p1 && myGroups(fx.me).includes(x.groupeId) && expectedTab(x, fx.colleague, 'suivis', true);
    // followed by my colleague (so in a class of « suivis »), by me or not
    const theirs = fx.dossiers.find((x) => mine(x) && !x.followers.includes(fx.me));
    const ours = fx.dossiers.find((x) => mine(x) && x.followers.includes(fx.me));
    assert.ok(theirs && ours, 'the fixture holds both');
    const rollback = new Error('rollback');
    const seen: boolean[] = [];
    await app.db
      .transaction()
      .execute(async (trx) => {
        // none of my badges, then a news badge on the dossier I do not follow, then on the one I do
        await sql`DELETE FROM notifications WHERE user_id = ${fx.me}`.execute(trx);
        for (const d of [theirs, ours]) {
          await sql`INSERT INTO notifications (dossier_id, user_id, kind, display_at)
            VALUES (${d.id}, ${fx.me}, 'message', ${new Date(fx.now.getTime() - 60_000)})`.execute(trx);
          seen.push((await tabCounts(trx, scopeOf(ctx, fx.now))).news.suivis);
        }
        throw rollback;
      })
      .catch((e) => {
        if (e !== rollback) throw e;
      });
    assert.deepEqual(seen, [false, true]);
  });

  test('default order: my displayed badges first by importance, then most recently updated', async () => {
    const ctx = await loadListContext(app.db, fx.me, fx.p1);
    const counts = await tabCounts(app.db, scopeOf(ctx, fx.now));
    for (const [tab, smallTab, procedureTotal] of (
      ['tous', 'a-suivre', 'suivis', 'archives', 'supprimes', 'expirant'] as Tab[]
    ).flatMap(
      (t) =>
        [
          [t, undefined, undefined],
          [t, 0, undefined],
          [t, 0, 0],
        ] as const,
    )) {
      const p = procedureTotal === 0 ? pagesOfFive(ctx.presentation) : ctx.presentation;
      const listed = await allPages(ctx, tab, counts.counts[tab], p, smallTab, procedureTotal);
      const byId = new Map(fx.dossiers.map((d) => [d.id, d]));
      const rank = (d: SeedDossier) => {
        const shown = d.notifications.filter(
          (n) =>
            n.user === fx.me &&
            isDisplayed(
              n.kind,
              { archived: d.archived, hidden: isHiddenForNotifications(d), displayAt: n.display_at },
              fx.now,
            ),
        );
        return shown.length ? Math.min(...shown.map((n) => NOTIFICATION_KINDS.indexOf(n.kind))) : 99;
      };
      const expected = [...listed].sort((a, b) => {
        const da = byId.get(a)!;
        const db = byId.get(b)!;
        return rank(da) - rank(db) || db.updated_at.getTime() - da.updated_at.getTime() || Number(b) - Number(a);
      });
      assert.deepEqual(listed, expected, `${tab} (smallTab ${smallTab}, procedureTotal ${procedureTotal})`);
    }
  });

  test('a column sort lists a small tab read whole as the sort index walk lists it', async () => {
    const ctx = await loadListContext(app.db, fx.me, fx.p1);
    const counts = await tabCounts(app.db, scopeOf(ctx, fx.now));
    const sorts = [
      { column: 'dossier/depose_at', order: 'asc' as const },
      { column: 'dossier/depose_at', order: 'desc' as const },
      { column: 'dossier/updated_at', order: 'asc' as const },
      { column: 'champ/t1', order: 'asc' as const },
      { column: 'champ/t1', order: 'desc' as const },
    ];
    for (const sort of sorts)
      for (const tab of ['tous', 'a-suivre', 'suivis', 'traites', 'expirant'] as Tab[]) {
        const p: Presentation = { ...ctx.presentation, sort, pageSize: 25 };
        const whole = await allPages(ctx, tab, counts.counts[tab], p);
        const walked = await allPages(ctx, tab, counts.counts[tab], p, 0);
        assert.equal(whole.length, counts.counts[tab], `${tab} ${sort.column} ${sort.order}`);
        assert.deepEqual(whole, walked, `${tab} ${sort.column} ${sort.order}`);
      }
  });

  test('page rows carry badges, labels, « en attente » and my follow state', async () => {
    const ctx = await loadListContext(app.db, fx.me, fx.p1);
    const counts = await tabCounts(app.db, scopeOf(ctx, fx.now));
    const p: Presentation = { ...defaultPresentation(), pageSize: 100 };
    const r = await listPage(app.db, ctx, {
      tab: 'tous',
      page: 1,
      total: counts.counts.tous,
      now: fx.now,
      presentation: p,
    });
    for (const row of r.rows) {
      const d = fx.dossiers.find((x) => x.id === row.id)!;
      assert.equal(row.followedByMe, d.followers.includes(fx.me));
      assert.equal(row.pendingCorrection, d.pending_correction);
      assert.deepEqual(row.labels.map((l) => l.id).sort(), [...d.labels].sort());
      const expected = NOTIFICATION_KINDS.filter((k) =>
        d.notifications.some(
          (n) =>
            n.user === fx.me &&
            n.kind === k &&
            isDisplayed(
              k,
              { archived: d.archived, hidden: isHiddenForNotifications(d), displayAt: n.display_at },
              fx.now,
            ),
        ),
      );
      assert.deepEqual(row.badges, expected, `badges of ${row.id}`);
    }
  });

  test('neighbours follow the list (tab, filters, sort), across pages and segments', async () => {
    const ctx = await loadListContext(app.db, fx.me, fx.p1);
    const counts = await tabCounts(app.db, scopeOf(ctx, fx.now));
    const presentations: Presentation[] = [
      ctx.presentation,
      { ...defaultPresentation(), sort: { column: 'dossier/notifications', order: 'asc' } },
      { ...defaultPresentation(), sort: { column: 'champ/t1', order: 'asc' } },
      { ...defaultPresentation(), sort: { column: 'champ/n1', order: 'desc' } },
      { ...defaultPresentation(), sort: { column: 'dossier/id', order: 'asc' } },
    ];
    for (const p of presentations) {
      for (const tab of ['tous', 'suivis'] as Tab[]) {
        const listed = await allPages(ctx, tab, counts.counts[tab], p);
        const picks = [0, 1, Math.floor(listed.length / 2), listed.length - 2, listed.length - 1].filter(
          (i) => i >= 0 && i < listed.length,
        );
        for (const i of picks) {
          const n = await neighboursIn(app.db, ctx, tab, p, listed[i], fx.now);
          assert.deepEqual(
            n,
            { previousId: listed[i - 1] ?? null, nextId: listed[i + 1] ?? null },
            `${p.sort.column} ${p.sort.order} ${tab} #${i}`,
          );
        }
      }
    }
    // a dossier outside the list, or out of my groups: no neighbours (and nothing revealed)
    const foreign = fx.dossiers.find((d) => d.groupeId === fx.g2)!;
    assert.deepEqual(await neighboursIn(app.db, ctx, 'tous', ctx.presentation, foreign.id, fx.now), {
      previousId: null,
      nextId: null,
    });
    assert.deepEqual(await neighboursIn(app.db, ctx, 'tous', ctx.presentation, '1 OR 1=1', fx.now), {
      previousId: null,
      nextId: null,
    });
  });

  test('procedures dashboard: counters per procedure, tabs, my groups only', async () => {
    const dash = await proceduresDashboard(app.db, fx.me, fx.now);
    assert.deepEqual(dash.procedures.map((p) => p.id).sort(), [fx.p1, fx.p2].sort());
    for (const p of dash.procedures) {
      const ewt = p.id === fx.p1;
      const count = (tab: Tab) =>
        fx.dossiers.filter(
          (d) => d.procedureId === p.id && myGroups(fx.me).includes(d.groupeId) && expectedTab(d, fx.me, tab, ewt),
        ).length;
      assert.deepEqual(p.counts, {
        aSuivre: count('a-suivre'),
        suivis: count('suivis'),
        traites: count('traites'),
        total: count('tous'),
      });
      assert.equal(p.tab, 'en-cours');
    }
    const colleague = await proceduresDashboard(app.db, fx.colleague, fx.now);
    assert.deepEqual(
      colleague.procedures.map((p) => p.id),
      [fx.p1],
    );
  });
});
