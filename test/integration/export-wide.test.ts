// An export of a procedure with more fields than PostgreSQL takes arguments (docs/domain.md §9): a
// dossier's values come as one JSON array built by json_build_array, at most 100 values a call, so a
// wide procedure's values come as arrays of 100 — every column must still hold its own value, in
// the csv and in the repetition block's rows.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import { produceExport } from '../../src/features/exports/produce-export.ts';
import {
  ALL_DOSSIERS,
  exportableColumns,
  loadRepetitionBlocks,
  readExportBatch,
} from '../../src/queries/export-source.ts';
import { loadListContext } from '../../src/queries/list-context.ts';

/** 130 text and integer fields alternately, then a repetition block: more than 100 values a dossier */
const WIDE = 130;
const FIELDS: FieldDef[] = [
  ...Array.from(
    { length: WIDE },
    (_, i): FieldDef => ({
      stableId: `f${i}`,
      type: i % 2 === 0 ? 'text' : 'integer_number',
      label: `Champ ${i}`,
      mandatory: false,
      private: false,
    }),
  ),
  {
    stableId: 'rep',
    type: 'repetition',
    label: 'Lignes',
    mandatory: false,
    private: false,
    children: [{ stableId: 'rep_a', type: 'text', label: 'Libellé', mandatory: true, private: false }],
  },
];
const value = (i: number) => (i % 2 === 0 ? `valeur ${i} ; « ${i} »` : i * 10);

let app: TestApp;
let f: Fixture;
let id: string;

before(async () => {
  app = await createTestApp();
  f = await procedureFixture(app);
  await app.db
    .updateTable('procedure_revisions')
    .set({ fields: JSON.stringify(FIELDS) })
    .where('id', '=', f.revisionId)
    .execute();
  id = await dossier(app, f, {
    state: 'en_instruction',
    champs: {
      ...Object.fromEntries(Array.from({ length: WIDE }, (_, i) => [`f${i}`, value(i)])),
      rep: [
        { rowId: 'x1', values: { rep_a: 'Première' } },
        { rowId: 'x2', values: { rep_a: 'Seconde' } },
      ],
    },
  });
});
after(async () => closeTestApp(app));

describe(`export of a wide procedure (${engine})`, () => {
  test('every field column holds its own value beyond the first hundred values', async () => {
    const ctx = await loadListContext(app.db, f.instructeurA.id, f.procedureId);
    const columns = exportableColumns(ctx.catalogue);
    const blocks = await loadRepetitionBlocks(app.db, f.procedureId);
    const [row] = await readExportBatch(app.db, ctx, { columns, blocks }, [Number(id)]);
    assert.equal(row.id, id);
    for (let i = 0; i < WIDE; i++) {
      const at = columns.findIndex((c) => c.id === `champ/f${i}`);
      assert.ok(at >= 0, `colonne f${i}`);
      assert.deepEqual(row.cells[at], value(i), `f${i}`);
    }
    assert.equal(row.cells[columns.findIndex((c) => c.id === 'dossier/id')], Number(id));
    assert.deepEqual(row.repetitions, [
      [
        [Number(id), 1, 'Première'],
        [Number(id), 2, 'Seconde'],
      ],
    ]);
  });

  test('the csv has one field a column, in the header order', async () => {
    const ctx = await loadListContext(app.db, f.instructeurA.id, f.procedureId);
    let bytes = Buffer.alloc(0);
    await produceExport(
      app.db,
      app.storage,
      { ctx, selection: ALL_DOSSIERS, format: 'csv', now: app.clock.now() },
      async (out: Readable) => {
        const chunks: Buffer[] = [];
        for await (const c of out) chunks.push(Buffer.from(c));
        bytes = Buffer.concat(chunks);
        return bytes.length;
      },
    );
    const [header, line, ...rest] = parse(bytes.toString('utf8').replace(/^\ufeff/, ''), {
      delimiter: ';',
    }) as string[][];
    assert.equal(rest.length, 0);
    assert.equal(line.length, header.length);
    for (let i = 0; i < WIDE; i++) assert.equal(line[header.indexOf(`Champ ${i}`)], String(value(i)), `Champ ${i}`);
  });
});
