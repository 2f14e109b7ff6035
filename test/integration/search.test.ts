// Global search by the applicant's e-mail address: the search box offers « e-mail », and the index
// keeps an address as one word, so the query must keep it whole too (on both engines).
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { after, before, describe, test } from 'node:test';
import { refreshSearchTerms } from '../../src/features/work-list/refresh-search-terms.ts';
import {
  foldWord,
  parseSearchQuery,
  SEARCH_PAGE_SIZE,
  SEARCH_RANK_WINDOW,
  searchDossiers,
  searchTsquerySql,
} from '../../src/queries/search.ts';
import { searchDossiersBounded, setSearchPlan } from '../../src/queries/instructeur-search.ts';
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
      dotted: [],
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

  test("a dotted word (an address's beginning) is one search word; hyphens, decimals and hostile input as before", () => {
    const cases: [string, ReturnType<typeof parseSearchQuery>][] = [
      [
        'Marie.Hamon.1015 Lille',
        { kind: 'words', words: ['Marie.Hamon.1015', 'Lille'], tsquery: "'Lille':*", dotted: ['marie.hamon.1015'] },
      ],
      ['Élodie.N', { kind: 'words', words: ['Élodie.N'], tsquery: '', dotted: ['elodie.n'] }],
      ['jean_paul+asso', { kind: 'words', words: ['jean_paul+asso'], tsquery: '', dotted: ['jean_paul+asso'] }],
      // a hyphenated name and a decimal are read word by word, as before
      ['Jean-Pierre', { kind: 'words', words: ['Jean', 'Pierre'], tsquery: "'Jean':* & 'Pierre':*", dotted: [] }],
      ['3875.42', { kind: 'words', words: ['3875', '42'], tsquery: "'3875':* & '42':*", dotted: [] }],
      // only letters, digits and . _ + - get into a dotted word
      ["a'b.c:* d", { kind: 'words', words: ['b.c', 'a', 'd'], tsquery: "'a':* & 'd':*", dotted: ['b.c'] }],
    ];
    for (const [q, want] of cases) assert.deepEqual(parseSearchQuery(q), want, q);
  });

  test("the beginning of an applicant's address finds the dossiers of my groups whose address starts with it", async () => {
    const visible = (d: Fixture['dossiers'][number]) =>
      (d.groupeId === fx.g1 || d.groupeId === fx.g3) && d.state !== 'brouillon';
    const some = fx.dossiers.filter((d) => visible(d) && d.user_email.startsWith('Élodie.'));
    assert.ok(some.length > 0);
    for (const q of [some[0].user_email.split('@')[0], 'elodie.1', 'ÉLODIE.2', 'elodie.9999']) {
      const r = await searchDossiers(app.db, fx.me, q, 1);
      const expected = fx.dossiers.filter((d) => visible(d) && foldWord(d.user_email).startsWith(foldWord(q)));
      // every match counted, the first page's hits among them
      assert.equal(r.total, expected.length, q);
      const ids = new Set(expected.map((d) => d.id));
      for (const h of r.hits) assert.ok(ids.has(h.id), `${q}: ${h.id}`);
      assert.equal(r.hits.length, Math.min(expected.length, 25), q);
    }
  });

  test('a word in 3 % or more of the dossiers is read without a bitmap scan (stemmed, as the planner counts)', async () => {
    const stats = [
      { lexeme: 'cultur', share: 0.13 },
      { lexeme: 'culturel', share: 0.02 },
      { lexeme: 'associ', share: 0.3 },
      { lexeme: 'dupont', share: 0.005 },
      { lexeme: 'lill', share: 0.025 },
      { lexeme: 'lillebonn', share: 0.01 },
    ];
    const cases: [string[], 'on' | 'off'][] = [
      [['culture'], 'off'],
      [['Cultures'], 'off'],
      [['associations'], 'off'],
      [['dupont'], 'on'],
      // prefix: « lille » matches lill… and lillebonn… (0.025 + 0.01)
      [['Lille'], 'off'],
      [['lillebonne'], 'on'],
      // several words: the rarest decides
      [['association', 'dupont'], 'on'],
      [['association', 'culture'], 'off'],
      // a stop word alone, an unknown word, no words
      [['le'], 'on'],
      [['zyzzyva'], 'on'],
      [[], 'on'],
    ];
    for (const [words, want] of cases) {
      const got = await app.db.transaction().execute(async (trx) => {
        const share = await setSearchPlan(trx, words, stats);
        return {
          share,
          v: (await sql<{ v: string }>`SELECT current_setting('enable_bitmapscan') AS v`.execute(trx)).rows[0].v,
        };
      });
      assert.equal(got.v, want, words.join(' '));
      assert.equal(got.share >= 0.03, want === 'off', words.join(' '));
    }
    // the share of the rarest word, 0 when the statistics do not list it
    const share = (words: string[]) => app.db.transaction().execute((trx) => setSearchPlan(trx, words, stats));
    assert.equal(await share(['dupont']), 0.005);
    assert.ok(Math.abs((await share(['Lille'])) - 0.035) < 1e-9);
    assert.equal(await share(['zyzzyva']), 0);
    assert.equal(await share(['association', 'zyzzyva']), 0);
  });

  test('reading the matches first finds what the planner’s own plan finds, page by page', async () => {
    const address = fx.dossiers.find((d) => d.groupeId === fx.g1 && d.state !== 'brouillon')!.user_email;
    for (const q of [address, address.split('@')[0], 'association', 'elodie.1', 'zyzzyva', '42', 'le']) {
      for (const page of [1, 2, 99]) {
        const planned = await searchDossiers(app.db, fx.me, q, page);
        const first = await searchDossiers(app.db, fx.me, q, page, { matchesFirst: true });
        assert.deepEqual(first, planned, `${q} page ${page}`);
      }
    }
  });

  test('the hits are the most recent matches of each procedure of my groups, by relevance, page by page', async () => {
    let paged = false;
    for (const q of ['léa', 'lucas dupont', 'association', 'zyzzyva']) {
      const parsed = parseSearchQuery(q);
      assert.equal(parsed.kind, 'words');
      if (parsed.kind !== 'words') continue;
      const tsquery = searchTsquerySql(parsed);
      // written plainly: every match of my groups numbered within its procedure, the window's most
      // recent kept, then ranked
      const want = await sql<{ id: string }>`
        SELECT x.id::text AS id FROM (
          SELECT y.* FROM (
            SELECT d.id, d.updated_at, d.search_terms,
              row_number() OVER (PARTITION BY d.procedure_id ORDER BY d.updated_at DESC, d.id DESC) AS n
            FROM dossiers d
            WHERE d.groupe_id IN (${fx.g1}, ${fx.g3}) AND d.state <> 'brouillon' AND d.search_terms @@ ${tsquery}) y
          WHERE y.n <= ${SEARCH_RANK_WINDOW} ORDER BY y.updated_at DESC, y.id DESC LIMIT ${SEARCH_RANK_WINDOW}) x
        ORDER BY ts_rank(x.search_terms, ${tsquery}) DESC, x.id DESC`.execute(app.db);
      const got: string[] = [];
      const pages = Math.max(1, Math.ceil(want.rows.length / SEARCH_PAGE_SIZE));
      for (let page = 1; page <= pages; page++) {
        const r = await searchDossiers(app.db, fx.me, q, page);
        assert.equal(r.total, want.rows.length, `${q} total`);
        got.push(...r.hits.map((h) => h.id));
      }
      assert.deepEqual(
        got,
        want.rows.map((x) => x.id),
        q,
      );
      paged ||= pages > 1;
    }
    assert.ok(paged, 'a word with more than one page of hits');
  });

  test('the bounded search finds what the search finds', async () => {
    const address = fx.dossiers.find((d) => d.groupeId === fx.g1 && d.state !== 'brouillon')!.user_email;
    for (const q of [address, 'association', 'zyzzyva']) {
      const plain = await searchDossiers(app.db, fx.me, q, 1);
      const bounded = await searchDossiersBounded(app.db, fx.me, q, 1);
      assert.deepEqual(bounded, plain, q);
    }
  });
});
