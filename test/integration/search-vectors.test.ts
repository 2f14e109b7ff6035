// The load seed's search vectors, assembled in Node from the vectors of their parts
// (tools/load/search-vectors.ts), against PostgreSQL's to_tsvector of the whole text: templates of
// digits, e-mail shapes, parts chunked beyond 9 digit runs, stop words, hyphens and apostrophes,
// texts PostgreSQL must compute whole, the cache's second pass.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { SearchVectors, tsvectorLiteral } from '../../tools/load/search-vectors.ts';

const TEXTS: [string, string[]][] = [
  ['identité, accents, e-mail', ['Mme', 'Zoé', 'Ben Ali', 'helene.barre.563@usagers.guichet.test']],
  [
    'chiffres en modèles, valeurs répétées',
    ['SUB-2025-00001', '5344.9 5344,9', '06 43 55 06 85 0643550685', '21/02/1974', 'FR7617515757321943912006159'],
  ],
  ['plus de 9 suites de chiffres : par morceaux', ['1 2 3 4 5 6 7 8 9 10 11 12', 'reste']],
  ['un morceau de plus de 9 suites : tel quel', ['a1b2c3d4e5f6g7h8i9j10k11', 'fin']],
  [
    'tirets, apostrophes, tiret demi-cadratin',
    ['L’association d’Évry-Courcouronnes', "l'été", 'Île-de-France 91 – Essonne'],
  ],
  [
    'e-mails en majuscules, avec tirets',
    ['Jean-Pierre.Dupont@Example.COM', 'contact@asso-sports.fr', 'JEAN@EXEMPLE.FR'],
  ],
  ['pas un e-mail pour l’analyseur : calculé entier', ['x@y', 'suite']],
  ['mots vides seuls puis un mot', ['le la les de', 'et', 'projet']],
  ['plus de 255 positions pour un lexème dans une partie', [Array.from({ length: 300 }, () => 'projet').join(' ')]],
  [
    'plus de 255 positions pour un lexème en deux parties : calculé entier',
    [Array(128).fill('projet').join(' '), Array(128).fill('projet').join(' ')],
  ],
  [
    'une adresse en entier puis dans un texte (même lexème, deux origines)',
    ['jean.dupont@exemple.fr', 'Contact : jean.dupont@exemple.fr'],
  ],
  ['e/E après des chiffres : un nombre, pas une adresse', ['1e5@exemple.fr', 'jean@1e5.fr', 'x@2E3.fr']],
  ['une partie lue en début de texte, puis après une espace', ['~/dossier', 'Mme', '~/dossier', './suite']],
  ['une balise à cheval sur deux parties : calculé entier', ['a <b', 'c> d']],
  ['guillemets et barre oblique inverse', ["O'Brien", 'a\\b', '"cité"']],
  ['espaces multiples et fin de ligne', ['deux  espaces', 'ligne\nsuivante']],
  ['vide', []],
];

describe(`load seed search vectors on ${engine}`, () => {
  let app: TestApp;
  before(async () => {
    app = await createTestApp();
  });
  after(async () => closeTestApp(app));

  /** Texts whose assembled vector differs from to_tsvector of the whole text. */
  async function mismatches(vectors: SearchVectors): Promise<string[]> {
    const got = await vectors.vectors(
      app.db,
      TEXTS.map(([, parts]) => parts),
    );
    const out: string[] = [];
    for (let i = 0; i < TEXTS.length; i++) {
      // on PostgreSQL the binary form itself, as COPY sends it (tsvectorrecv keeps a duplicate lexeme
      // and refuses misordered positions, where the text form would sort and merge); on PGlite, which
      // takes the text form from the seed, that form
      const value = engine === 'postgres' ? Buffer.from(got[i]) : tsvectorLiteral(got[i]);
      const r = await app.database.pool.query(
        `SELECT $1::tsvector = to_tsvector('french', f_unaccent($2)) AS same,
        $1::tsvector::text AS got, to_tsvector('french', f_unaccent($2))::text AS expected`,
        [value, TEXTS[i][1].join(' ')],
      );
      if (!r.rows[0].same) out.push(`${TEXTS[i][0]} : ${r.rows[0].got} ≠ ${r.rows[0].expected}`);
    }
    return out;
  }

  test('every vector is to_tsvector of the whole text, computed or from the cache', async () => {
    const vectors = new SearchVectors();
    assert.deepEqual(await mismatches(vectors), []);
    // second pass: every part from the cache
    assert.deepEqual(await mismatches(vectors), []);
  });

  test('with a full cache, parts computed for the batch only', async () => {
    assert.deepEqual(await mismatches(new SearchVectors(3)), []);
  });
});
