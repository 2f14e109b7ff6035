// Indexes created when a column is first used to sort or filter: asked for by a command, built once by
// the build-list-indexes job, recorded, matched by the list's own key expressions (PostgreSQL's
// planner uses them), and a failure never breaks the list.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { seedWorkList, type Fixture } from './work-list-fixture.ts';
import { defaultPresentation, parseFilter, type FilterSpec, type Presentation } from '../../src/domain/presentation.ts';
import { filterSql, scopeSql } from '../../src/queries/work-list-sql.ts';
import { loadListContext, type ListContext } from '../../src/queries/list-context.ts';
import {
  indexSpecsFor,
  indexSpecsForPresentation,
  MAX_VALUE_INDEXES_PER_PROCEDURE,
} from '../../src/queries/column-indexes.ts';
import { buildListIndexes } from '../../src/features/work-list/build-list-indexes.ts';
import { requestListIndexes } from '../../src/features/work-list/request-list-indexes.ts';
import { savePresentation } from '../../src/features/presentations/store.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { listPage, scopeOf } from '../../src/queries/dossier-list.ts';
import { tabCounts } from '../../src/queries/tab-counts.ts';
import { TABS, type Tab } from '../../src/domain/tabs.ts';
import { NOTIFICATION_KINDS } from '../../src/domain/notifications.ts';

let app: TestApp;
let fx: Fixture;

before(async () => {
  app = await createTestApp();
  fx = await seedWorkList(app);
});
after(async () => closeTestApp(app));

/** Every page of a tab, one after the other: the ids in list order, and the total. */
async function readPages(ctx: ListContext, tab: Tab, p: Presentation, tabTotal: number) {
  const ids: string[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const r = await listPage(app.db, ctx, { tab, page, now: fx.now, presentation: p, tabTotal });
    total = r.total;
    ids.push(...r.rows.map((x) => x.id));
    if (page >= r.pageCount) break;
  }
  return { ids, total };
}

describe(`work-list column indexes on ${engine}`, () => {
  test('sort and filter columns get their indexes once; unsafe or unindexable columns get none', async () => {
    const ctx = await loadListContext(app.db, fx.me, fx.p1);
    const contains = parseFilter(ctx.columns.get('champ/t1')!, 'contains', ['a']);
    assert.ok(contains.ok);
    const p: Presentation = {
      ...defaultPresentation(),
      sort: { column: 'champ/n1', order: 'desc' },
      filters: { all: [contains.filter], tabs: {} },
    };
    const specs = indexSpecsForPresentation(fx.p1, p, ctx.columns);
    // the sort's index; the text's trigram index, and the three partial indexes of « contient a »
    assert.deepEqual(specs.map((s) => (s.oneValue ? 'value' : s.method)).sort(), [
      'btree',
      'trgm',
      'value',
      'value',
      'value',
    ]);
    // the instructor saves this presentation: the command enqueues the job, the job builds
    await app.db.transaction().execute((trx) => savePresentation(trx, fx.me, fx.p1, p, fx.now));
    const actor = { userId: fx.me, email: fx.emails.me };
    assert.deepEqual(await requestListIndexes(app, actor, { procedureId: fx.p1 }), { missing: 5 });
    assert.equal(await drainJobs(app), 1);
    assert.deepEqual(await requestListIndexes(app, actor, { procedureId: fx.p1 }), { missing: 0 }, 'already there');
    assert.equal(await drainJobs(app), 0, 'nothing enqueued');
    assert.deepEqual(await buildListIndexes(app, fx.p1, specs), [], 'already there');
    await sql`DELETE FROM presentations WHERE user_id = ${fx.me} AND procedure_id = ${fx.p1}`.execute(app.db);
    const names = (
      await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE tablename = 'dossiers'`.execute(app.db)
    ).rows.map((r) => r.indexname);
    for (const s of specs) assert.ok(names.includes(s.name), s.name);
    const reg = await sql<{ state: string }>`SELECT state FROM work_list_indexes WHERE procedure_id = ${fx.p1}`.execute(
      app.db,
    );
    assert.deepEqual(
      reg.rows.map((r) => r.state),
      ['ready', 'ready', 'ready', 'ready', 'ready'],
    );
    // the list still works (and on PostgreSQL uses them when it pays)
    const counts = await tabCounts(app.db, scopeOf(ctx, fx.now));
    const r = await listPage(app.db, ctx, {
      tab: 'tous',
      page: 1,
      total: counts.counts.tous,
      now: fx.now,
      presentation: p,
    });
    assert.ok(r.rows.length > 0);
    // no index for what needs none: the number (primary key), the state, labels, a file field
    for (const id of ['dossier/id', 'dossier/state', 'dossier/labels', 'champ/pj1']) {
      assert.deepEqual(indexSpecsFor(fx.p1, ctx.columns.get(id)!, { sort: true }), [], id);
    }
    // a stable id that could not be written safely into DDL is never indexed
    const evil = {
      ...ctx.columns.get('champ/t1')!,
      source: { ...(ctx.columns.get('champ/t1')!.source as any), stableId: "t1'); DROP TABLE dossiers; --" },
    };
    assert.deepEqual(indexSpecsFor(fx.p1, evil as any, { sort: true }), []);
    assert.deepEqual(indexSpecsFor('1; DROP TABLE x', ctx.columns.get('champ/t1')!, { sort: true }), []);
    // a referential value's text (concat_ws: not immutable) cannot be indexed: none is asked for
    const t1 = ctx.columns.get('champ/t1')! as any;
    const referential = { ...t1, source: { ...t1.source, def: { ...t1.source.def, type: 'departements' } } };
    const departement = parseFilter(referential, 'contains', ['Nord']);
    assert.ok(departement.ok);
    assert.deepEqual(indexSpecsFor(fx.p1, referential, { sort: true, filter: departement.filter }), []);
  });

  test("a filtered field gets statistics: the planner expects a value's dossiers of the procedure, not 0.5 % of the base", async () => {
    const ctx = await loadListContext(app.db, fx.me, fx.p1);
    const col = ctx.columns.get('champ/dd1')!;
    const two = parseFilter(col, 'in', ['Sport', 'Culture']);
    assert.ok(two.ok);
    const specs = indexSpecsFor(fx.p1, col, { filter: two.filter });
    const stats = specs.find((x) => x.method === 'stats');
    assert.ok(stats);
    const expected = async () => {
      const r = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`EXPLAIN (FORMAT JSON)
        SELECT 1 FROM dossiers d WHERE d.procedure_id = ${fx.p1}
          AND ((d.champs -> ${'dd1'} ->> 'value') COLLATE fr) = ANY(${['Sport']}::text[])`.execute(app.db);
      return r.rows[0]['QUERY PLAN'][0].Plan['Plan Rows'];
    };
    const actual = Number(
      (
        await sql<{ n: string }>`SELECT count(*) AS n FROM dossiers WHERE procedure_id = ${fx.p1}
          AND champs -> 'dd1' ->> 'value' = 'Sport'`.execute(app.db)
      ).rows[0].n,
    );
    assert.ok(actual >= 20, `${actual}`);
    const near = (n: number) => Math.abs(n - actual) <= actual * 0.2;
    const guessed = await expected();
    assert.ok(!near(guessed), `without statistics: ${guessed} expected, ${actual} there`);
    assert.deepEqual(
      await buildListIndexes(app, fx.p1, specs),
      specs.map((x) => x.name),
    );
    const known = await expected();
    assert.ok(near(known), `with statistics: ${known} expected, ${actual} there`);
    const made = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM pg_statistic_ext WHERE stxname = ${stats.name}`.execute(app.db);
    assert.equal(made.rows[0].n, '1');
  });

  test('one option of a list field gets a partial index that makes counting its matches index-only; the list is unchanged', async () => {
    const ctx = await loadListContext(app.db, fx.me, fx.p1);
    const col = ctx.columns.get('champ/dd1')!;
    const one = parseFilter(col, 'in', ['Sport']);
    const two = parseFilter(col, 'in', ['Sport', 'Culture']);
    assert.ok(one.ok && two.ok);
    const specs = indexSpecsFor(fx.p1, col, { filter: one.filter });
    assert.deepEqual(
      specs.map((x) => (x.oneValue ? 'value' : x.method)),
      ['btree', 'stats', 'value', 'value', 'value'],
      'the (key, group, class) index, the field statistics and three one-option partial indexes',
    );
    assert.equal(indexSpecsFor(fx.p1, col, { filter: two.filter }).length, 2, 'two options: no partial index');
    assert.equal(
      indexSpecsFor(fx.p1, col, { filter: { ...one.filter, values: ["Sport\\'); DROP TABLE dossiers; --"] } }).length,
      2,
      'an unsafe value is never written into DDL',
    );
    const p: Presentation = { ...defaultPresentation(), filters: { all: [one.filter], tabs: {} } };
    const before = await listPage(app.db, ctx, { tab: 'tous', page: 1, now: fx.now, presentation: p });
    assert.ok(before.total > 0);
    await buildListIndexes(app, fx.p1, specs);
    const after = await listPage(app.db, ctx, { tab: 'tous', page: 1, now: fx.now, presentation: p });
    assert.deepEqual(
      after.rows.map((r) => r.id),
      before.rows.map((r) => r.id),
    );
    assert.equal(after.total, before.total);
    const all = await listPage(app.db, ctx, {
      tab: 'tous',
      page: 1,
      now: fx.now,
      presentation: { ...p, filters: { all: [], tabs: {} } },
    });
    assert.ok(after.total < all.total, 'the filter filters');
    if (engine === 'postgres') {
      // usable index-only for the matches of the filter (the planner picks it at scale)
      const plan = await app.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        await sql`SET LOCAL enable_bitmapscan = off`.execute(trx);
        return sql<{
          'QUERY PLAN': string;
        }>`EXPLAIN SELECT count(*) FROM dossiers d WHERE d.procedure_id = ${fx.p1} AND d.state <> 'brouillon'
          AND d.groupe_id = ANY(${[fx.g1]}::bigint[]) AND ((d.champs -> ${'dd1'} ->> 'value') COLLATE fr) = ANY(${['Sport']}::text[])`.execute(
          trx,
        );
      });
      const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      const partials = specs.filter((x) => x.oneValue).map((x) => x.name);
      assert.match(text, new RegExp(`Index Only Scan using (${partials.join('|')})`), text);
    }
  });

  test("« contient » one text gets the same three partial indexes, proved from the list's own condition; the list is unchanged", async () => {
    const ctx = await loadListContext(app.db, fx.me, fx.p1);
    const col = ctx.columns.get('champ/t1')!;
    const contains = (...values: string[]) => {
      const f = parseFilter(col, 'contains', values);
      assert.ok(f.ok);
      return f.filter;
    };
    const methods = (f: FilterSpec) =>
      indexSpecsFor(fx.p1, col, { filter: f }).map((x) => (x.oneValue ? 'value' : x.method));
    assert.deepEqual(methods(contains('ela')), ['value', 'value', 'value', 'trgm']);
    assert.deepEqual(methods(contains('ela', 'ordre')), ['trgm'], 'two texts: the trigram index only');
    assert.deepEqual(methods(contains('100 %')), ['trgm'], 'a LIKE wildcard is never written into DDL');
    assert.deepEqual(methods(contains('a\\b')), ['trgm'], 'nor a backslash');
    const option = parseFilter(ctx.columns.get('champ/dd1')!, 'in', ['Sport']);
    assert.ok(option.ok);
    const names = (f: FilterSpec, c = col) =>
      indexSpecsFor(fx.p1, c, { filter: f })
        .filter((x) => x.oneValue)
        .map((x) => x.name);
    assert.equal(
      new Set([
        ...names(contains('ela')),
        ...names(contains('ÉLA')),
        ...names(option.filter, ctx.columns.get('champ/dd1')!),
      ]).size,
      9,
      'one set of names per column, operator and text',
    );
    const scope = scopeOf(ctx, fx.now);
    // « ela » (accents and case ignored), « l'a » (a quote in the DDL), « ÉC »
    for (const text of ['ela', "l'a", 'ÉC']) {
      const f = contains(text);
      // pages of 5 (a size the interface does not offer), walking whenever the rule allows it
      const p = { ...defaultPresentation(), pageSize: 5, filters: { all: [f], tabs: {} } } as unknown as Presentation;
      const read = (c: ListContext) => readPages(c, 'tous', p, 0);
      const before = await read(ctx);
      assert.ok(before.total > 0, text);
      const specs = indexSpecsFor(fx.p1, col, { filter: f }).filter((x) => x.oneValue);
      assert.deepEqual(
        await buildListIndexes(app, fx.p1, specs),
        specs.map((x) => x.name),
        text,
      );
      assert.deepEqual(await read(await loadListContext(app.db, fx.me, fx.p1)), before, text);
      // the list's own condition (filterSql), planned with its values, is proved from the predicate
      const plan = await app.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        await sql`SET LOCAL enable_bitmapscan = off`.execute(trx);
        return sql<{
          'QUERY PLAN': string;
        }>`EXPLAIN SELECT count(*) FROM dossiers d WHERE ${scopeSql(scope)} AND ${filterSql(col, f, scope)}`.execute(
          trx,
        );
      });
      const explained = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      assert.match(explained, new RegExp(`Index Only Scan using (${specs.map((x) => x.name).join('|')})`), explained);
    }
  });

  test('when the one-value places are taken, the indexes no saved presentation asks for make room; the others stay', async () => {
    const ctx = await loadListContext(app.db, fx.me, fx.p1);
    const valueNames = async () =>
      (
        await sql<{ index_name: string }>`SELECT index_name FROM work_list_indexes
          WHERE procedure_id = ${fx.p1} AND state = 'ready' AND index_name LIKE ${'%_value_%'} ORDER BY index_name`.execute(
          app.db,
        )
      ).rows.map((r) => r.index_name);
    const filterOf = (column: string, op: 'in' | 'contains', value: string) => {
      const f = parseFilter(ctx.columns.get(column)!, op, [value]);
      assert.ok(f.ok);
      return f.filter;
    };
    const namesOf = (column: string, f: FilterSpec) =>
      indexSpecsFor(fx.p1, ctx.columns.get(column)!, { filter: f })
        .filter((x) => x.oneValue)
        .map((x) => x.name);
    // the earlier tests filled the places (none of their filters is saved any more)
    const before = await valueNames();
    assert.equal(before.length, MAX_VALUE_INDEXES_PER_PROCEDURE);
    // a colleague keeps « contient ela » in their presentation; I save « Domaine = Social »
    const ela = filterOf('champ/t1', 'contains', 'ela');
    const social = filterOf('champ/dd1', 'in', 'Social');
    assert.ok(namesOf('champ/t1', ela).every((n) => before.includes(n)));
    const save = (who: string, f: FilterSpec) =>
      app.db
        .transaction()
        .execute((trx) =>
          savePresentation(trx, who, fx.p1, { ...defaultPresentation(), filters: { all: [f], tabs: {} } }, fx.now),
        );
    // statistics asked for by a filter nobody keeps (« Effectif > 10 », not saved), and by one I save
    const effectif = parseFilter(ctx.columns.get('champ/n1')!, 'gt', ['10']);
    assert.ok(effectif.ok);
    const strayStats = indexSpecsFor(fx.p1, ctx.columns.get('champ/n1')!, { filter: effectif.filter }).find(
      (x) => x.method === 'stats',
    )!;
    const socialStats = indexSpecsFor(fx.p1, ctx.columns.get('champ/dd1')!, { filter: social }).find(
      (x) => x.method === 'stats',
    )!;
    await buildListIndexes(app, fx.p1, [strayStats]);
    const statistics = async (name: string) =>
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_statistic_ext WHERE stxname = ${name}`.execute(
          app.db,
        )
      ).rows[0].n;
    assert.equal(await statistics(strayStats.name), 1);
    await save(fx.colleague, ela);
    await save(fx.me, social);
    assert.deepEqual(await requestListIndexes(app, { userId: fx.me, email: fx.emails.me }, { procedureId: fx.p1 }), {
      missing: 3,
    });
    assert.equal(await drainJobs(app), 1);
    const after = await valueNames();
    assert.deepEqual(after, [...namesOf('champ/t1', ela), ...namesOf('champ/dd1', social)].sort());
    const onTable = (
      await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes WHERE tablename = 'dossiers'`.execute(app.db)
    ).rows.map((r) => r.indexname);
    for (const n of before) assert.equal(onTable.includes(n), after.includes(n), n);
    for (const n of after) assert.ok(onTable.includes(n), n);
    assert.equal(await statistics(strayStats.name), 0, 'statistics no saved presentation asks for are dropped');
    assert.equal(await statistics(socialStats.name), 1, 'those a saved filter asks for stay');
    const records = await sql<{ index_name: string }>`SELECT index_name FROM work_list_indexes
      WHERE index_name IN (${strayStats.name}, ${socialStats.name})`.execute(app.db);
    assert.deepEqual(
      records.rows.map((r) => r.index_name),
      [socialStats.name],
    );
    await sql`DELETE FROM presentations WHERE procedure_id = ${fx.p1}`.execute(app.db);
  });

  test('statistics no saved presentation asks for are dropped by the next build, places or not', async () => {
    const ctx = await loadListContext(app.db, fx.me, fx.p1);
    const col = ctx.columns.get('champ/n1')!;
    const effectif = parseFilter(col, 'lt', ['3']);
    assert.ok(effectif.ok);
    const stats = indexSpecsFor(fx.p1, col, { filter: effectif.filter }).find((x) => x.method === 'stats')!;
    const made = async () =>
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_statistic_ext WHERE stxname = ${stats.name}`.execute(
          app.db,
        )
      ).rows[0].n;
    await buildListIndexes(app, fx.p1, [stats]);
    assert.equal(await made(), 1);
    // a build for a presentation with only a sort (nothing one-value to place)
    const sort = indexSpecsFor(fx.p1, ctx.columns.get('champ/t1')!, { sort: true });
    await buildListIndexes(app, fx.p1, sort, ctx.columns);
    assert.equal(await made(), 0);
  });

  test('one-option indexes take at most MAX_VALUE_INDEXES_PER_PROCEDURE places; the filter index is still built', async () => {
    const ctx = await loadListContext(app.db, fx.me, fx.p2);
    const col = ctx.columns.get('champ/dd1')!;
    const one = parseFilter(col, 'in', ['Culture']);
    assert.ok(one.ok);
    const specs = indexSpecsFor(fx.p2, col, { filter: one.filter });
    const values = specs.filter((x) => x.oneValue).map((x) => x.name);
    const filter = specs.find((x) => x.method === 'btree' && !x.oneValue)!;
    const stats = specs.find((x) => x.method === 'stats')!;
    assert.ok(values.length === 3 && filter && stats);
    // the procedure's one-option places are all taken (by earlier filters on other options)
    for (let i = 0; i < MAX_VALUE_INDEXES_PER_PROCEDURE; i++) {
      await sql`INSERT INTO work_list_indexes (index_name, procedure_id, column_id, method, state)
        VALUES (${`wl_p${fx.p2}_value_taken${i}`}, ${fx.p2}, 'champ/dd1', 'btree', 'ready')`.execute(app.db);
    }
    try {
      const built = await buildListIndexes(app, fx.p2, specs);
      assert.deepEqual(built, [filter.name, stats.name]);
      // room for two of the option's three: none is built (the list walks an option only on all three)
      await sql`DELETE FROM work_list_indexes WHERE index_name IN (${`wl_p${fx.p2}_value_taken0`}, ${`wl_p${fx.p2}_value_taken1`})`.execute(
        app.db,
      );
      assert.deepEqual(await buildListIndexes(app, fx.p2, specs), [], 'not one of the three');
    } finally {
      await sql`DELETE FROM work_list_indexes WHERE index_name LIKE ${`wl_p${fx.p2}_value_taken%`}`.execute(app.db);
    }
    assert.deepEqual(await buildListIndexes(app, fx.p2, specs), values, 'built once there is room');
  });

  test('a failing build is recorded and does not throw', async () => {
    const ctx = await loadListContext(app.db, fx.me, fx.p1);
    const [spec] = indexSpecsFor(fx.p1, ctx.columns.get('champ/dt1')!, { sort: true });
    const broken = {
      ...spec,
      name: `${spec.name}_x`,
      body: sql`${sql.id(`${spec.name}_x`)} ON table_qui_n_existe_pas (id)`,
    };
    assert.deepEqual(await buildListIndexes(app, fx.p1, [broken]), []);
    const r = await sql<{
      state: string;
      error: string;
    }>`SELECT state, error FROM work_list_indexes WHERE index_name = ${broken.name}`.execute(app.db);
    assert.equal(r.rows[0].state, 'failed');
    assert.ok(r.rows[0].error.length > 0);
  });
  test('a build claimed long ago and never finished is taken up again; a recent claim is left alone', async () => {
    const ctx = await loadListContext(app.db, fx.me, fx.p1);
    const [spec] = indexSpecsFor(fx.p1, ctx.columns.get('champ/dt1')!, { sort: true });
    await sql`INSERT INTO work_list_indexes (index_name, procedure_id, column_id, method, state, created_at)
      VALUES (${spec.name}, ${fx.p1}, ${spec.columnId}, ${spec.method}, 'building', now())`.execute(app.db);
    assert.deepEqual(await buildListIndexes(app, fx.p1, [spec]), [], 'another process is building it');
    await sql`UPDATE work_list_indexes SET created_at = now() - interval '2 hours' WHERE index_name = ${spec.name}`.execute(
      app.db,
    );
    assert.deepEqual(await buildListIndexes(app, fx.p1, [spec]), [spec.name]);
    const r = await sql<{ state: string }>`SELECT state FROM work_list_indexes WHERE index_name = ${spec.name}`.execute(
      app.db,
    );
    assert.equal(r.rows[0].state, 'ready');
  });
  test('one option of a list field: walking its matches lists every tab as reading them all does', async () => {
    const ctx0 = await loadListContext(app.db, fx.me, fx.p1);
    const col = ctx0.columns.get('champ/dd1')!;
    const option = (value: string) => {
      const one = parseFilter(col, 'in', [value]);
      assert.ok(one.ok);
      return one.filter;
    };
    const states = parseFilter(ctx0.columns.get('dossier/state')!, 'in', ['en_construction', 'en_instruction']);
    assert.ok(states.ok);
    // which reads walked: the probe of the first segment is only written when walking
    let probes = 0;
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text;
      if (text?.includes('OFFSET 0)')) probes++;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
    try {
      const listAll = async (ctx: ListContext, tab: Tab, p: Presentation, tabTotal: number) => {
        const { ids, total } = await readPages(ctx, tab, p, tabTotal);
        // a page past the end: the last one, either way
        const past = await listPage(app.db, ctx, { tab, page: 999, now: fx.now, presentation: p, tabTotal });
        return { ids, total, past: { ids: past.rows.map((x) => x.id), page: past.page, clamped: past.clamped } };
      };
      const presentations = (ctx: ListContext) =>
        ['Sport', 'Culture'].flatMap(
          (value) =>
            [
              // pages of 5, a size the interface does not offer: most pages walk, the last one reads all
              { ...ctx.presentation, pageSize: 5, filters: { all: [option(value)], tabs: {} } },
              // with a state filter, folded into the scope (the option stays the one filter tested)
              { ...ctx.presentation, pageSize: 5, filters: { all: [option(value), states.filter], tabs: {} } },
            ] as unknown as Presentation[],
        );
      // the option's indexes not built yet: never walks (its count would read the dossiers)
      const before = await loadListContext(app.db, fx.me, fx.p1);
      for (const tab of TABS) await listAll(before, tab, presentations(before)[2], 0); // « Culture »: not built yet
      assert.equal(probes, 0, 'no walk without the indexes');
      for (const value of ['Sport', 'Culture'])
        await buildListIndexes(app, fx.p1, indexSpecsFor(fx.p1, col, { filter: option(value) }));
      let badgedMatches = 0;
      for (const who of [fx.me, fx.colleague]) {
        const ctx = await loadListContext(app.db, who, fx.p1);
        for (const p of presentations(ctx)) {
          for (const tab of TABS) {
            probes = 0;
            const all = await listAll(ctx, tab, p, Number.MAX_SAFE_INTEGER); // the rule never walks
            assert.equal(probes, 0);
            const walking = await listAll(ctx, tab, p, 0); // walks whenever the page is within the matches
            assert.deepEqual(walking, all, `${who} ${tab} ${JSON.stringify(p.filters.all)}`);
            if (all.total >= 5) assert.ok(probes > 0, `${who} ${tab}: walked`);
            const mine = (id: string) =>
              fx.dossiers
                .find((d) => d.id === id)!
                .notifications.some((n) => n.user === who && NOTIFICATION_KINDS.includes(n.kind));
            badgedMatches += all.ids.filter(mine).length;
            const value = p.filters.all[0].values[0];
            const expected = fx.dossiers.filter(
              (d) => all.ids.includes(d.id) && (d.champs.dd1 as { value: unknown } | undefined)?.value === value,
            );
            assert.equal(expected.length, all.ids.length, `${who} ${tab}: only matches`);
          }
        }
      }
      assert.ok(badgedMatches > 3, 'some matches hold a badge of mine (the probed segment)');
    } finally {
      pg.Client.prototype.query = query;
    }
  });
});
