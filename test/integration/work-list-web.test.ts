// The work-list pages through the web app (in-process browser): dashboard, reorder without
// JavaScript, « Accès direct », list, columns, filters, sort and reverse, page size, follow,
// global search; bad input (unknown columns, malformed values, absurd pages, injection strings)
// gets a French message and never a 500; an instructor never sees another group's dossier, count
// or search hit; the number of SQL statements of a list page does not grow with dossiers or columns.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { Browser } from '../helpers/http.ts';
import { seedWorkList, PASSWORD, type Fixture } from './work-list-fixture.ts';
import { countStatements } from './dossier-fixture.ts';
import { refreshSearchTerms } from '../../src/features/work-list/refresh-search-terms.ts';
import { parseSearchQuery } from '../../src/queries/search.ts';

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

async function as(email: string): Promise<Browser> {
  const b = new Browser(app);
  const res = await b.signIn(email, PASSWORD);
  assert.equal(res.status, 303, 'signed in');
  return b;
}

/** Follows redirects of a POST and returns the final page. */
async function submit(
  b: Browser,
  url: string,
  fields: Record<string, string | string[]>,
): Promise<{ status: number; html: string; location: string | null }> {
  const res = await b.post(url, fields);
  const location = res.headers.get('location');
  if (res.status === 303 && location) {
    const page = await b.visit(location.replace('http://guichet.test', ''));
    return { status: page.res.status, html: page.html, location };
  }
  return { status: res.status, html: await res.text(), location };
}

const listUrl = () => `/instructeur/procedures/${fx.p1}`;
const ids = (html: string) => [...html.matchAll(/name="dossier_ids" value="(\d+)"/g)].map((m) => m[1]);
const decode = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe(`work-list pages on ${engine}`, () => {
  test('dashboard: my procedures with counters; reorder with the keyboard buttons (no JavaScript); accès direct', async () => {
    const b = await as(fx.emails.me);
    let { res, html } = await b.get('/instructeur/procedures');
    assert.equal(res.status, 200);
    const first = () =>
      html.indexOf('Subvention aux associations sportives') < html.indexOf('Aide au permis de conduire');
    assert.ok(html.includes('Subvention aux associations sportives') && html.includes('Aide au permis de conduire'));
    const wasFirst = first();
    ({ html } = await b.get('/instructeur/procedures?ordre=1'));
    assert.match(html, /Monter/);
    const moved = await submit(b, '/instructeur/procedures/ordre', {
      procedure_id: wasFirst ? fx.p2 : fx.p1,
      direction: 'up',
    });
    assert.equal(moved.status, 200);
    assert.match(moved.html, /Ordre des démarches enregistré/);
    ({ html } = await b.get('/instructeur/procedures'));
    assert.equal(first(), !wasFirst, 'the order changed and is saved');
    // JSON order (drag and drop), with the CSRF header
    const r = await b.request('POST', '/instructeur/procedures/ordre', undefined, {});
    assert.equal(r.status, 403, 'no token, no change');
    const json = await b.web.request('http://guichet.test/instructeur/procedures/ordre', {
      method: 'POST',
      headers: {
        cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        host: 'guichet.test',
        'content-type': 'application/json',
        'x-csrf-token': b.csrf(html),
      },
      body: JSON.stringify({ order: [fx.p1, fx.p2, '999999'] }),
    });
    assert.equal(json.status, 200);
    ({ html } = await b.get('/instructeur/procedures'));
    assert.ok(first());
    // accès direct: by number → straight to the list; by words accent-insensitive; nothing found
    const direct = await b.get(`/instructeur/procedures/acces?q=${fx.p2}`);
    assert.equal(direct.res.status, 303);
    assert.equal(direct.res.headers.get('location'), `/instructeur/procedures/${fx.p2}`);
    const words = await b.get('/instructeur/procedures/acces?q=SUBVENTION%20sportive');
    assert.equal(words.res.headers.get('location'), `/instructeur/procedures/${fx.p1}`);
    const none = await b.get('/instructeur/procedures/acces?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    assert.equal(none.res.status, 200);
    assert.match(none.html, /Aucune de vos démarches ne correspond/);
    assert.ok(!none.html.includes('<script>alert(1)'), 'escaped');
  });

  test('columns: choose, order, remove; values shown; stale column dropped with a French notice', async () => {
    const b = await as(fx.emails.me);
    await b.get(`${listUrl()}/colonnes?statut=tous`);
    const page = await submit(b, `${listUrl()}/colonnes`, {
      statut: 'tous',
      columns: ['usager/email', 'champ/t1', 'champ/n1', 'annotation/a1', 'dossier/followers'],
    });
    assert.equal(page.status, 200);
    assert.match(page.html, /Le tableau a été enregistré/);
    assert.match(page.html, /Nom du projet/);
    assert.match(page.html, /Référence interne/);
    assert.match(page.html, /REF-0/);
    await b.get(`${listUrl()}/colonnes?statut=tous`);
    await submit(b, `${listUrl()}/colonnes/deplacer`, { statut: 'tous', column: 'champ/n1', direction: 'left' });
    const stored = await app.db
      .selectFrom('presentations')
      .select('columns')
      .where('user_id', '=', fx.me)
      .where('procedure_id', '=', fx.p1)
      .executeTakeFirstOrThrow();
    // kept the shown ones, appended the new ones in catalogue order, then moved « Effectif » left
    assert.deepEqual(stored.columns, ['usager/email', 'dossier/followers', 'champ/n1', 'champ/t1', 'annotation/a1']);
    // unknown column ids are refused with a French message
    await b.get(`${listUrl()}/colonnes?statut=tous`);
    const bad = await submit(b, `${listUrl()}/colonnes`, {
      statut: 'tous',
      columns: ['champ/nexistepas', "champ/t1'; DROP TABLE dossiers;--"],
    });
    assert.equal(bad.status, 200, 'unknown ids are simply not checked boxes: ignored');
    // a stored presentation naming a field that no longer exists: repaired, with a notice, once
    await app.db
      .updateTable('presentations')
      .set({
        columns: JSON.stringify(['champ/disparu', 'champ/t1']),
        sort: JSON.stringify({ column: 'champ/disparu', order: 'asc' }),
        filters: JSON.stringify({
          tabs: { tous: [{ column: 'champ/disparu', op: 'contains', values: ['x'] }] },
          all: [],
        }),
      })
      .where('user_id', '=', fx.me)
      .execute();
    const repaired = await b.get(`${listUrl()}?statut=tous`);
    assert.equal(repaired.res.status, 200);
    assert.match(decode(repaired.html), /Une colonne de votre tableau n'existe plus/);
    assert.match(decode(repaired.html), /le tri par défaut a été rétabli/);
    assert.match(decode(repaired.html), /Un filtre portait sur une colonne qui n'existe plus/);
    const again = await b.get(`${listUrl()}?statut=tous`);
    assert.ok(!decode(again.html).includes("n'existe plus dans cette démarche"), 'told once: the repair was saved');
  });

  test('sort by a header, click again to reverse; numbers as numbers', async () => {
    const b = await as(fx.emails.me);
    await b.get(`${listUrl()}?statut=tous`);
    await submit(b, `${listUrl()}/colonnes`, { statut: 'tous', columns: ['champ/n1'] });
    await b.post(`${listUrl()}/pagination`, { statut: 'tous', pageSize: '100' });
    await b.get(`${listUrl()}?statut=tous`);
    let page = await submit(b, `${listUrl()}/tri`, { statut: 'tous', column: 'champ/n1' });
    assert.match(page.html, /aria-sort="ascending"/);
    const values = (html: string) => [...html.matchAll(/<td>(-?\d+)<\/td>/g)].map((m) => Number(m[1]));
    const asc = values(page.html);
    assert.ok(asc.length > 10);
    assert.deepEqual(
      asc,
      [...asc].sort((x, y) => x - y),
      'ascending as numbers',
    );
    page = await submit(b, `${listUrl()}/tri`, { statut: 'tous', column: 'champ/n1' });
    assert.match(page.html, /aria-sort="descending"/);
    const desc = values(page.html);
    assert.deepEqual(
      desc,
      [...desc].sort((x, y) => y - x),
      'reversed',
    );
    assert.equal(desc[0], 1000000);
    // sort on a column that does not exist: French message, no 500
    const bad = await submit(b, `${listUrl()}/tri`, { statut: 'tous', column: "champ/x' OR 1=1 --" });
    assert.equal(bad.status, 200);
    assert.match(decode(bad.html), /ne peut pas servir au tri/);
  });

  test('filters: add a field filter, remove it; malformed values and injection strings get a French message', async () => {
    const b = await as(fx.emails.me);
    await b.get(`${listUrl()}/filtres?statut=tous&colonne=champ/dd1`);
    let page = await submit(b, `${listUrl()}/filtres`, {
      statut: 'tous',
      column: 'champ/dd1',
      op: 'in',
      values: ['Sport'],
      scope: 'tous',
    });
    assert.equal(page.status, 200);
    assert.match(page.html, /Le filtre a été ajouté/);
    assert.match(page.html, /Domaine est l&#39;un de « Sport »|Domaine est l'un de « Sport »/);
    const expected = fx.dossiers.filter(
      (d) =>
        d.groupeId === fx.g1 &&
        d.champs.dd1?.value === 'Sport' &&
        d.state !== 'brouillon' &&
        !d.archived &&
        d.hidden_by_administration_at === null &&
        d.hidden_by_expired_at === null &&
        (d.hidden_by_user_at === null || d.state !== 'en_construction'),
    ).length;
    assert.match(page.html, new RegExp(`${expected} dossiers correspondant aux filtres`));
    // malformed: letters in a number, impossible date, unknown option, unknown operator, huge value
    for (const [column, op, value] of [
      ['champ/n1', 'gt', 'douze'],
      ['champ/dt1', 'on', '31/02/2026'],
      ['champ/dd1', 'in', 'Inconnu'],
      ['champ/t1', 'regex', '.*'],
      ['champ/t1', 'contains', 'x'.repeat(5000)],
      ['dossier/id', 'eq', '99999999999999999999'],
    ]) {
      await b.get(`${listUrl()}/filtres?statut=tous&colonne=${column}`);
      const r = await submit(b, `${listUrl()}/filtres`, {
        statut: 'tous',
        column,
        op,
        value,
        values: op === 'in' ? [value] : [],
        scope: 'tous',
      });
      assert.equal(r.status, 422, `${column} ${op} ${value.slice(0, 20)}`);
      assert.match(
        decode(r.html),
        /n'est pas|ne fait pas partie|n'est pas disponible|ne peut pas dépasser|n'existe pas/,
      );
    }
    // unknown column in the filter form: French message
    const r = await submit(b, `${listUrl()}/filtres`, {
      statut: 'tous',
      column: 'annotation/../../etc',
      op: 'contains',
      value: 'x',
      scope: 'all',
    });
    assert.equal(r.status, 422);
    // injection attempts are searched literally
    await b.get(`${listUrl()}/filtres?statut=tous&colonne=champ/t1`);
    page = await submit(b, `${listUrl()}/filtres`, {
      statut: 'tous',
      column: 'champ/t1',
      op: 'contains',
      value: "x' OR '1'='1') UNION SELECT id FROM users --",
      scope: 'all',
    });
    assert.equal(page.status, 200);
    assert.match(page.html, /Aucun dossier ne correspond aux filtres/);
    const count = await app.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), fx.dossiers.length);
    // remove every filter through the tags
    for (const scope of ['all', 'tous']) {
      await b.get(`${listUrl()}?statut=tous`);
      const removed = await submit(b, `${listUrl()}/filtres/retirer`, { statut: 'tous', scope, index: '0' });
      assert.match(removed.html, /Le filtre a été retiré/);
    }
    const clean = await b.get(`${listUrl()}?statut=tous`);
    assert.ok(!clean.html.includes('Filtres actifs'));
    // the filter bar: state + deposit dates; an impossible date is refused
    await b.get(`${listUrl()}?statut=tous`);
    page = await submit(b, `${listUrl()}/filtres/barre`, {
      statut: 'tous',
      scope: 'tous',
      states: ['accepte'],
      number: '',
      deposeFrom: '2000-01-01',
      deposeTo: '',
    });
    assert.match(page.html, /Les filtres ont été appliqués/);
    assert.match(page.html, /État du dossier est l&#39;un de « Accepté »|État du dossier est l'un de « Accepté »/);
    await b.get(`${listUrl()}?statut=tous`);
    page = await submit(b, `${listUrl()}/filtres/barre`, {
      statut: 'tous',
      scope: 'tous',
      number: '12 abc',
      deposeFrom: '2026-13-45',
    });
    assert.match(decode(page.html), /n'est pas un nombre entier|n'est pas une date/);
    await b.get(`${listUrl()}?statut=tous`);
    await submit(b, `${listUrl()}/filtres/retirer`, { statut: 'tous', scope: 'tous' });
  });

  test('absurd pages, unknown tabs, garbage page sizes: French notice, never a 500', async () => {
    const b = await as(fx.emails.me);
    for (const q of [
      'page=0',
      'page=-3',
      'page=99999999',
      'page=abc',
      "page=1'%20OR%201=1",
      'page=1e9',
      'statut=inconnu',
      'statut=%3Cscript%3E',
      'page=9007199254740993',
    ]) {
      const { res, html } = await b.get(`${listUrl()}?${q}`);
      assert.equal(res.status, 200, q);
      assert.match(decode(html), /n'existe pas|n'est pas valide/, q);
    }
    await b.get(listUrl());
    const size = await submit(b, `${listUrl()}/pagination`, { statut: 'a-suivre', pageSize: '1000000' });
    assert.match(decode(size.html), /Choisissez 25, 50 ou 100/);
    for (const url of [
      '/instructeur/procedures/abc',
      "/instructeur/procedures/1'",
      '/instructeur/procedures/99999999999999999999',
      '/instructeur/procedures/999999',
    ]) {
      const { res } = await b.get(url);
      assert.equal(res.status, 404, url);
    }
    // a procedure of which I am in no group: not found (no existence leak)
    const colleague = await as(fx.emails.colleague);
    assert.equal((await colleague.get(`/instructeur/procedures/${fx.p2}`)).res.status, 404);
  });

  test('follow from the list: the dossier leaves « à suivre » for everyone and shows in my « suivis par moi »', async () => {
    const me = await as(fx.emails.me);
    const colleague = await as(fx.emails.colleague);
    const aSuivre = ids((await me.get(`${listUrl()}?statut=a-suivre`)).html);
    const target = aSuivre[0];
    assert.ok(target);
    assert.ok(ids((await colleague.get(`${listUrl()}?statut=a-suivre`)).html).includes(target));
    await me.get(`${listUrl()}?statut=a-suivre`);
    const page = await submit(me, `${listUrl()}/suivre`, { statut: 'a-suivre', dossier_id: target, page: '1' });
    assert.match(page.html, new RegExp(`Vous suivez le dossier nº ${target}`));
    assert.ok(!ids(page.html).includes(target));
    const suivis = await me.get(`${listUrl()}?statut=suivis`);
    assert.match(suivis.html, new RegExp(`Nº ${target}<`));
    assert.ok(
      !ids((await colleague.get(`${listUrl()}?statut=a-suivre`)).html).includes(target),
      'gone for the colleague too',
    );
    // the colleague may follow it as well (several followers)
    await colleague.get(`${listUrl()}?statut=tous`);
    await submit(colleague, `${listUrl()}/suivre`, { statut: 'tous', dossier_id: target });
    const row = (await app.db
      .selectFrom('dossiers')
      .select('follower_ids' as any)
      .where('id', '=', target)
      .executeTakeFirstOrThrow()) as any;
    assert.deepEqual([...row.follower_ids].sort(), [fx.me, fx.colleague].sort());
    // unfollow
    await me.get(`${listUrl()}?statut=suivis`);
    const un = await submit(me, `${listUrl()}/ne-plus-suivre`, { statut: 'suivis', dossier_id: target });
    assert.match(un.html, new RegExp(`Vous ne suivez plus le dossier nº ${target}`));
    // a dossier of another group cannot be followed: 404, nothing revealed
    const foreign = fx.dossiers.find((d) => d.groupeId === fx.g2)!;
    await me.get(listUrl());
    const res = await me.post(`${listUrl()}/suivre`, { statut: 'tous', dossier_id: foreign.id });
    assert.equal(res.status, 404);
    await me.get(listUrl());
    assert.equal((await me.post(`${listUrl()}/suivre`, { statut: 'tous', dossier_id: '1 OR 1=1' })).status, 404);
  });

  test('« tout sélectionner » selects every dossier of the filter, not only the page', async () => {
    const b = await as(fx.emails.me);
    await b.get(listUrl());
    await b.post(`${listUrl()}/pagination`, { statut: 'tous', pageSize: '25' });
    const { html } = await b.get(`${listUrl()}?statut=tous&selection=tout`);
    assert.match(html, /name="tout" value="1"/);
    assert.match(decode(html), /Les \d[\d\u202f ]* dossiers de l'onglet sont sélectionnés/);
    assert.equal(ids(html).length, 25);
    assert.equal([...html.matchAll(/name="dossier_ids" value="\d+"[^>]*checked/g)].length, 25);
  });

  test('global search: number opens the dossier; words (accents, case, prefix); my groups only', async () => {
    const me = await as(fx.emails.me);
    const other = await as(fx.emails.other);
    const mine = fx.dossiers.find((d) => d.groupeId === fx.g1 && d.state !== 'brouillon')!;
    const notMine = fx.dossiers.find((d) => d.groupeId === fx.g2)!;
    const direct = await me.get(`/instructeur/recherche?q=${mine.id}`);
    assert.equal(direct.res.status, 303);
    assert.match(direct.res.headers.get('location')!, new RegExp(`/dossiers/${mine.id}`));
    const hidden = await me.get(`/instructeur/recherche?q=${notMine.id}`);
    assert.equal(hidden.res.status, 200, 'a dossier of another group is not opened');
    assert.ok(!hidden.html.includes(`Nº ${notMine.id}<`));
    // words: "eclair" finds "Éclair"; prefix "zeb" finds "Zèbre"; several words all required
    for (const [q, value] of [
      ['eclair', 'Éclair'],
      ['ZÈB', 'Zèbre'],
      ['oeuvre', 'Œuvre'],
      ['apostrophe', "l'apostrophe"],
    ] as const) {
      const r = await me.get(`/instructeur/recherche?q=${encodeURIComponent(q)}`);
      assert.equal(r.res.status, 200);
      const expected = fx.dossiers
        .filter(
          (d) =>
            (d.groupeId === fx.g1 || d.groupeId === fx.g3) && d.state !== 'brouillon' && d.champs.t1?.value === value,
        )
        .map((d) => d.id);
      assert.ok(expected.length > 0, q);
      const found = [...r.html.matchAll(/Nº (\d+)</g)].map((m) => m[1]);
      assert.match(r.html, new RegExp(`${expected.length} dossiers? trouvés?`), q);
      for (const id of found) assert.ok(expected.includes(id), `${q}: ${id}`);
    }
    // the other group's instructor finds only his dossiers
    const r = await other.get('/instructeur/recherche?q=eclair');
    for (const id of [...r.html.matchAll(/Nº (\d+)</g)].map((m) => m[1])) {
      const d = fx.dossiers.find((x) => x.id === id)!;
      assert.ok(d.groupeId === fx.g2 || d.groupeId === fx.g3);
    }
    // hostile input: tsquery syntax, quotes, huge input
    for (const q of ["'&|!:*()", "a' & b", '<script>', 'x'.repeat(1000), '%', '   ']) {
      const res = await me.get(`/instructeur/recherche?q=${encodeURIComponent(q)}&page=abc`);
      assert.equal(res.res.status, 200, q);
    }
    assert.deepEqual(parseSearchQuery("l'été & co:*"), {
      kind: 'words',
      words: ['l', 'été', 'co'],
      tsquery: "'l':* & 'été':* & 'co':*",
      dotted: [],
    });
    assert.deepEqual(parseSearchQuery('nº 42'), { kind: 'number', id: '42' });
  });

  test('the number of SQL statements of a list page does not grow with dossiers or displayed columns', async () => {
    const b = await as(fx.emails.me);
    const seen: string[][] = [];
    const measure = async (url: string) => {
      const { result, count, texts } = await countStatements(() => b.get(url));
      assert.equal(result.res.status, 200);
      seen.push(texts.map((t) => t.replace(/\s+/g, ' ').slice(0, 80)));
      return count;
    };
    await b.get(listUrl());
    await submit(b, `${listUrl()}/colonnes`, { statut: 'tous', columns: ['usager/email'] });
    const few = await measure(`${listUrl()}?statut=tous`);
    await submit(b, `${listUrl()}/colonnes`, {
      statut: 'tous',
      columns: [
        'usager/email',
        'usager/nom',
        'champ/t1',
        'champ/n1',
        'champ/d1',
        'champ/dt1',
        'champ/md1',
        'champ/ld1',
        'annotation/a1',
        'annotation/a2',
        'dossier/followers',
        'dossier/labels',
        'dossier/avis',
        'dossier/groupe',
        'dossier/depose_at',
      ],
    });
    const many = await measure(`${listUrl()}?statut=tous`);
    assert.equal(many, few, 'columns');
    // ten times more dossiers
    const template = fx.dossiers.find(
      (d) =>
        d.groupeId === fx.g1 &&
        d.state === 'accepte' &&
        !d.archived &&
        !d.hidden_by_administration_at &&
        !d.hidden_by_expired_at,
    )!;
    await sql`INSERT INTO dossiers (procedure_id, revision_id, groupe_id, user_id, user_email, state, champs, annotations, updated_at, depose_at)
      SELECT d.procedure_id, d.revision_id, d.groupe_id, d.user_id, d.user_email, d.state, d.champs, d.annotations, d.updated_at - g * interval '1 second', d.depose_at
      FROM dossiers d, generate_series(1, 2000) g WHERE d.id = ${template.id}`.execute(app.db);
    const more = await measure(`${listUrl()}?statut=tous`);
    assert.equal(more, few, 'dossiers');
    // with filters: one COUNT more, still constant
    await b.get(listUrl());
    await submit(b, `${listUrl()}/filtres/barre`, { statut: 'tous', scope: 'tous', states: ['accepte', 'refuse'] });
    const filtered = await measure(`${listUrl()}?statut=tous&page=3`);
    assert.ok(filtered <= few + 1, `${filtered} vs ${few}: ${JSON.stringify(seen, null, 1)}`);
    assert.ok(few <= 4, `${few} statements for a list page`);
    console.log(`statements per list page: ${few} (with filters: ${filtered})`);
  });
});
