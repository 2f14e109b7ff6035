// Global search by the applicant's e-mail address: the search box offers « e-mail », and the index
// keeps an address as one word, so the query must keep it whole too (on both engines).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { refreshSearchTerms } from '../../src/features/work-list/refresh-search-terms.ts';
import { parseSearchQuery, searchDossiers } from '../../src/queries/search.ts';
import { closeTestApp, createTestApp, engine, type TestApp } from '../helpers/app.ts';
import { type Fixture, seedWorkList } from './work-list-fixture.ts';

let app: TestApp;
let fx: Fixture;

before(async () => {
  app = await createTestApp();
  fx = await seedWorkList(app);
  await refreshSearchTerms(
    app.db,
    fx.dossiers.map((d) => d.id),
  );
});
after(async () => closeTestApp(app));

describe(`global search by e-mail on ${engine}`, () => {
  test('an e-mail address is one search word, lower-cased; the other words stay words', () => {
    assert.deepEqual(parseSearchQuery('Usager@Exemple.fr'), {
      kind: 'words',
      words: ['usager@exemple.fr'],
      tsquery: "'usager@exemple.fr':*",
    });
    const mixed = parseSearchQuery('Léa usager@exemple.fr Paris');
    assert.equal(mixed.kind, 'words');
    assert.deepEqual(mixed.kind === 'words' && mixed.words, ['usager@exemple.fr', 'Léa', 'Paris']);
    // nothing of tsquery's syntax gets through an address-like word
    const hostile = parseSearchQuery("a'b@c.fr & x@y.z:* \\q@r.s");
    assert.equal(hostile.kind, 'words');
    for (const w of hostile.kind === 'words' ? hostile.words : []) assert.doesNotMatch(w, /['\\&|!:*()]/);
  });

  test('searching the applicant e-mail finds exactly the dossiers of my groups with that address', async () => {
    const visible = (d: Fixture['dossiers'][number]) =>
      (d.groupeId === fx.g1 || d.groupeId === fx.g3) && d.state !== 'brouillon';
    for (const email of ['usager@exemple.fr', 'USAGER@exemple.FR']) {
      const r = await searchDossiers(app.db, fx.me, email, 1);
      const expected = fx.dossiers.filter((d) => visible(d) && d.user_email === 'usager@exemple.fr').length;
      assert.ok(expected > 0);
      assert.equal(r.total, Math.min(expected, 500), email);
      for (const h of r.hits) assert.equal(h.userEmail, 'usager@exemple.fr');
    }
    // an accented address (Élodie.N@exemple.fr) is found accent- and case-insensitively
    const one = fx.dossiers.find((d) => visible(d) && d.user_email.startsWith('Élodie.'))!;
    const r = await searchDossiers(app.db, fx.me, one.user_email.replace('É', 'e'), 1);
    assert.deepEqual(
      r.hits.map((h) => h.id),
      [one.id],
    );
    // an address nobody has finds nothing
    assert.equal((await searchDossiers(app.db, fx.me, 'personne@exemple.fr', 1)).total, 0);
  });
});
