// A dossier page costs a constant number of statements, whatever the number of fields, messages or
// files (no N+1): every tab of the instructor's page is measured on a small and on a large dossier,
// counting every statement sent to the database during the request (session included).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { bigDossier, browserAs, countStatements, DOSSIER_TAB_PATHS } from './dossier-fixture.ts';

let app: TestApp;

before(async () => {
  app = await createTestApp();
});
after(async () => closeTestApp(app));

async function countsFor(sizes: { fields: number; messages: number; files: number }): Promise<Record<string, number>> {
  const d = await bigDossier(app, sizes);
  const b = await browserAs(app, d.instructeur);
  const out: Record<string, number> = {};
  for (const tab of DOSSIER_TAB_PATHS) {
    const url = `/instructeur/dossiers/${d.dossierId}${tab}`;
    await b.get(url); // first visit: badges cleared, follow stamped
    const { result, count } = await countStatements(() => b.get(url));
    assert.equal(result.res.status, 200, url);
    out[tab || '/'] = count;
  }
  return out;
}

describe(`dossier page query count (${engine})`, () => {
  test('constant and at most 10 per tab, from 5 to 50 fields, 2 to 100 messages, 2 to 20 files', async () => {
    const small = await countsFor({ fields: 5, messages: 2, files: 2 });
    const large = await countsFor({ fields: 50, messages: 100, files: 20 });
    assert.deepEqual(large, small, 'the count does not grow with fields, messages or files');
    for (const [tab, n] of Object.entries(large)) assert.ok(n <= 10, `${tab}: ${n} statements`);
  });

  test('the usager’s page and a messagerie with unread messages stay constant too', async () => {
    const counts: number[] = [];
    for (const sizes of [
      { fields: 5, messages: 2, files: 2 },
      { fields: 50, messages: 100, files: 20 },
    ]) {
      const d = await bigDossier(app, sizes);
      const b = await browserAs(app, d.usager);
      await b.get(`/dossiers/${d.dossierId}`);
      const { result, count } = await countStatements(() => b.get(`/dossiers/${d.dossierId}`));
      assert.equal(result.res.status, 200);
      counts.push(count);
    }
    assert.equal(counts[0], counts[1]);
  });
});
