// The « Labels » column of the work list shows each row's labels (it was always empty: labels were
// only drawn as markers under the dossier number).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { defaultPresentation } from '../../src/domain/presentation.ts';
import { listPage } from '../../src/queries/dossier-list.ts';
import { loadListContext } from '../../src/queries/list-context.ts';
import { closeTestApp, createTestApp, engine, type TestApp } from '../helpers/app.ts';
import { type Fixture, seedWorkList } from './work-list-fixture.ts';

let app: TestApp;
let fx: Fixture;

before(async () => {
  app = await createTestApp();
  fx = await seedWorkList(app);
});
after(async () => closeTestApp(app));

describe(`labels column on ${engine}`, () => {
  test('every row of the page shows its own labels, in the procedure order, and nothing when it has none', async () => {
    const ctx = await loadListContext(app.db, fx.me, fx.p1);
    const presentation = { ...defaultPresentation(), columns: ['dossier/labels'], pageSize: 100 as const };
    const page = await listPage(app.db, ctx, { tab: 'tous', page: 1, now: fx.now, presentation });
    assert.ok(page.rows.length > 0);
    const names = new Map([
      [fx.labels[0], 'Urgent'],
      [fx.labels[1], 'Complet'],
    ]);
    let withLabels = 0;
    for (const row of page.rows) {
      const d = fx.dossiers.find((x) => x.id === row.id)!;
      const expected = d.labels.map((l) => names.get(l)).join(', ');
      assert.equal(row.values['dossier/labels'], expected, `dossier ${row.id}`);
      if (expected) withLabels++;
    }
    assert.ok(withLabels > 0, 'some rows of the page have labels');
  });
});
