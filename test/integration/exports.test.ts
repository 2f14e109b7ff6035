// « Télécharger les dossiers » (docs/domain.md §9): every format read back with an independent
// reader (csv-parse; xlsx/ods unzipped with fflate and their XML read here), values, cell types,
// accents, formula-like text kept as text, each dossier exactly once, the instructor's groups only;
// the request from a filtered tab, its reuse within 5 minutes, the e-mail, the 32-hour purge.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { unzipSync, strFromU8 } from 'fflate';
import { createTestApp, closeTestApp, type TestApp } from '../helpers/app.ts';
import { dossier, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { produceExport } from '../../src/features/exports/produce-export.ts';
import { requestExport } from '../../src/features/exports/request-export.ts';
import { addFilter } from '../../src/features/presentations/add-filter.ts';
import { ALL_DOSSIERS } from '../../src/queries/export-source.ts';
import { loadListContext } from '../../src/queries/list-context.ts';
import { loadOwnExport } from '../../src/queries/exports.ts';
import type { ExportFormat } from '../../src/domain/exports.ts';

const FIELDS: FieldDef[] = [
  { stableId: 't1', type: 'text', label: "Nom de l'association", mandatory: true, private: false },
  { stableId: 'n1', type: 'integer_number', label: 'Nombre de membres', mandatory: false, private: false },
  { stableId: 'm1', type: 'decimal_number', label: 'Montant demandé', mandatory: false, private: false },
  { stableId: 'd1', type: 'date', label: 'Date de création', mandatory: false, private: false },
  {
    stableId: 'r1',
    type: 'repetition',
    label: 'Dépenses prévues',
    mandatory: false,
    private: false,
    children: [
      { stableId: 'r1a', type: 'text', label: 'Poste', mandatory: true, private: false },
      { stableId: 'r1b', type: 'integer_number', label: 'Montant', mandatory: true, private: false },
    ],
  },
  { stableId: 'p1', type: 'piece_justificative', label: 'Statuts', mandatory: false, private: false },
];
const ANNOTATIONS: FieldDef[] = [
  { stableId: 'a1', type: 'text', label: 'Avis du service', mandatory: false, private: true },
];

let app: TestApp;
let f: Fixture;
const ids: Record<string, string> = {};

before(async () => {
  app = await createTestApp();
  f = await procedureFixture(app, { annotations: ANNOTATIONS });
  await app.db
    .updateTable('procedure_revisions')
    .set({ fields: JSON.stringify(FIELDS) })
    .where('id', '=', f.revisionId)
    .execute();
  ids.formula = await dossier(app, f, {
    state: 'en_instruction',
    champs: {
      t1: '=HYPERLINK("http://x","clic")',
      n1: 42,
      m1: 1234.5,
      d1: '2024-05-17',
      r1: [
        { rowId: 'x1', values: { r1a: 'Graines', r1b: 300 } },
        { rowId: 'x2', values: { r1a: 'Outils', r1b: 900 } },
      ],
      p1: [{ fileId: 'file-statuts', name: 'statuts.pdf', size: 9, contentType: 'application/pdf' }],
    },
  });
  ids.accents = await dossier(app, f, {
    state: 'en_construction',
    champs: { t1: 'Œuvre des Élèves — Hôtel-Dieu', n1: 7 },
  });
  ids.plus = await dossier(app, f, { state: 'accepte', champs: { t1: '+33 6 12', n1: -5 } });
  ids.at = await dossier(app, f, { state: 'en_construction', champs: { t1: '@SUM(1)' } });
  ids.otherGroup = await dossier(app, f, {
    state: 'en_construction',
    groupe: f.groupB,
    champs: { t1: 'Groupe B seulement' },
  });
  ids.brouillon = await dossier(app, f, { state: 'brouillon', champs: { t1: 'Brouillon' } });
  const at = app.clock.now().toISOString();
  await app.db
    .updateTable('dossiers')
    .set({ annotations: JSON.stringify({ a1: { value: 'Très solide', updatedAt: at } }) })
    .where('id', '=', ids.formula)
    .execute();
  await app.storage.put('files/statuts', Buffer.from('%PDF-test'));
  await app.db
    .insertInto('files')
    .values({
      id: 'file-statuts',
      dossier_id: ids.formula,
      name: 'statuts.pdf',
      content_type: 'application/pdf',
      size: '9',
      sha256: 'x',
      storage_key: 'files/statuts',
      origin: 'champ',
      origin_ref: 'p1',
    })
    .execute();
  const expert = await app.db
    .insertInto('users')
    .values({ email: 'experte@exemple.fr', password_hash: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db.insertInto('experts').values({ user_id: expert.id }).execute();
  await app.db
    .insertInto('avis')
    .values({
      dossier_id: ids.formula,
      expert_id: expert.id,
      claimant_id: f.instructeurA.id,
      introduction: 'Votre avis ?',
      answer: 'Favorable, évidemment',
      answered_at: app.clock.now(),
    })
    .execute();
});
after(async () => closeTestApp(app));

async function exportBytes(format: ExportFormat, userId = f.instructeurA.id): Promise<Buffer> {
  const ctx = await loadListContext(app.db, userId, f.procedureId);
  let bytes = Buffer.alloc(0);
  await produceExport(
    app.db,
    app.storage,
    { ctx, selection: ALL_DOSSIERS, format, now: app.clock.now(), batchSize: 2 },
    async (out: Readable) => {
      const chunks: Buffer[] = [];
      for await (const c of out) chunks.push(Buffer.from(c));
      bytes = Buffer.concat(chunks);
      return bytes.length;
    },
  );
  return bytes;
}

/** Rows of a SpreadsheetML sheet: each cell's type, style and text (an independent little reader). */
function xlsxRows(xml: string): { t: string | null; s: string | null; v: string; f: boolean }[][] {
  const rows: { t: string | null; s: string | null; v: string; f: boolean }[][] = [];
  for (const r of xml.matchAll(/<row[^>]*>(.*?)<\/row>/gs)) {
    const cells = [];
    for (const c of r[1].matchAll(/<c([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const attrs = c[1];
      const body = c[2] ?? '';
      const text = /<t[^>]*>(.*?)<\/t>/s.exec(body)?.[1] ?? /<v>(.*?)<\/v>/s.exec(body)?.[1] ?? '';
      cells.push({
        t: / t="([^"]+)"/.exec(attrs)?.[1] ?? null,
        s: / s="([^"]+)"/.exec(attrs)?.[1] ?? null,
        v: unescapeXml(text),
        f: body.includes('<f'),
      });
    }
    rows.push(cells);
  }
  return rows;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

describe('formats read back', () => {
  test('csv: BOM, « ; », the catalogue labels, accents, formula-like text escaped, each dossier of my groups once', async () => {
    const bytes = await exportBytes('csv');
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';' });
    const header = rows[0];
    for (const label of [
      'Nº dossier',
      'État du dossier',
      "Nom de l'association",
      'Nombre de membres',
      'Avis du service',
    ])
      assert.ok(header.includes(label), label);
    assert.ok(!header.includes('Dépenses prévues'), 'no repetition block in csv');
    const idCol = header.indexOf('Nº dossier');
    const nameCol = header.indexOf("Nom de l'association");
    const numbers = rows.slice(1).map((r) => r[idCol]);
    assert.deepEqual(numbers.sort(), [ids.formula, ids.accents, ids.plus, ids.at].sort());
    const byId = new Map(rows.slice(1).map((r) => [r[idCol], r]));
    assert.equal(byId.get(ids.formula)![nameCol], `'=HYPERLINK("http://x","clic")`);
    assert.equal(byId.get(ids.plus)![nameCol], "'+33 6 12");
    assert.equal(byId.get(ids.at)![nameCol], "'@SUM(1)");
    assert.equal(byId.get(ids.accents)![nameCol], 'Œuvre des Élèves — Hôtel-Dieu');
    assert.equal(
      byId.get(ids.plus)![header.indexOf('Nombre de membres')],
      '-5',
      'a negative number is a number, not escaped',
    );
    assert.equal(byId.get(ids.formula)![header.indexOf('Montant demandé')], '1234,5');
    assert.equal(byId.get(ids.formula)![header.indexOf('Date de création')], '17/05/2024');
    for (const label of ['Passé en construction le', "Dernière modification d'un champ"]) {
      const values = rows.slice(1).map((r) => r[header.indexOf(label)]);
      if (label === 'Passé en construction le')
        assert.ok(
          values.some((v) => v !== ''),
          label,
        );
      for (const v of values) assert.match(v, /^$|^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/, `${label} : ${v}`);
    }
    assert.equal(byId.get(ids.formula)![header.indexOf('Avis du service')], 'Très solide');
  });

  test('xlsx: numbers as numbers, dates as dates, text never a formula, a sheet per repetition block and « Avis »', async () => {
    const files = unzipSync(new Uint8Array(await exportBytes('xlsx')));
    const workbook = strFromU8(files['xl/workbook.xml']);
    const names = [...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => unescapeXml(m[1]));
    assert.deepEqual(names, ['Dossiers', 'Dépenses prévues', 'Avis']);
    const styles = strFromU8(files['xl/styles.xml']);
    const xfs = [.../<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)![1].matchAll(/<xf([^>]*)\/>/g)].map((m) => m[1]);
    const rows = xlsxRows(strFromU8(files['xl/worksheets/sheet1.xml']));
    const header = rows[0].map((c) => c.v);
    const col = (label: string) => header.indexOf(label);
    const byId = new Map(rows.slice(1).map((r) => [r[col('Nº dossier')].v, r]));
    assert.equal(byId.size, 4);
    assert.equal(rows.length - 1, 4, 'each dossier once');
    assert.ok(!byId.has(ids.otherGroup) && !byId.has(ids.brouillon));
    const members = byId.get(ids.formula)![col('Nombre de membres')];
    assert.equal(members.t, null, 'a number cell has no string type');
    assert.equal(Number(members.v), 42);
    assert.equal(Number(byId.get(ids.formula)![col('Montant demandé')].v), 1234.5);
    const created = byId.get(ids.formula)![col('Date de création')];
    assert.equal(Number(created.v), 45429, '2024-05-17 as an Excel serial day');
    assert.match(xfs[Number(created.s)], /numFmtId="164"/, 'a date format');
    const depose = byId.get(ids.formula)![col('Déposé le')];
    assert.match(xfs[Number(depose.s)], /numFmtId="165"/, 'a date-time format');
    const formula = byId.get(ids.formula)![col("Nom de l'association")];
    assert.equal(formula.t, 'inlineStr');
    assert.equal(formula.f, false);
    assert.equal(formula.v, '=HYPERLINK("http://x","clic")');
    assert.match(xfs[Number(formula.s)], /quotePrefix="1"/);
    assert.equal(byId.get(ids.accents)![col("Nom de l'association")].v, 'Œuvre des Élèves — Hôtel-Dieu');
    const rep = xlsxRows(strFromU8(files['xl/worksheets/sheet2.xml']));
    assert.deepEqual(
      rep[0].map((c) => c.v),
      ['Dossier ID', 'Ligne', 'Poste', 'Montant'],
    );
    assert.deepEqual(
      rep.slice(1).map((r) => r.map((c) => c.v)),
      [
        [ids.formula, '1', 'Graines', '300'],
        [ids.formula, '2', 'Outils', '900'],
      ],
    );
    const avis = xlsxRows(strFromU8(files['xl/worksheets/sheet3.xml']));
    assert.equal(avis.length, 2);
    assert.equal(avis[1][0].v, ids.formula);
    assert.ok(avis[1].some((c) => c.v === 'Favorable, évidemment'));
  });

  test('ods: float and date cells, string cells never formulas, three tables', async () => {
    const files = unzipSync(new Uint8Array(await exportBytes('ods')));
    assert.equal(strFromU8(files.mimetype), 'application/vnd.oasis.opendocument.spreadsheet');
    const content = strFromU8(files['content.xml']);
    assert.deepEqual(
      [...content.matchAll(/<table:table table:name="([^"]+)"/g)].map((m) => m[1]),
      ['Dossiers', 'Dépenses prévues', 'Avis'],
    );
    assert.ok(!content.includes('table:formula'));
    assert.match(content, /office:value-type="float" office:value="1234.5"/);
    assert.match(content, /office:value-type="date" office:date-value="2024-05-17"/);
    assert.match(
      content,
      /office:value-type="string"><text:p>=HYPERLINK\(&quot;http:\/\/x&quot;,&quot;clic&quot;\)<\/text:p>/,
    );
    assert.ok(content.includes('Œuvre des Élèves — Hôtel-Dieu'));
    const first = /<table:table table:name="Dossiers">(.*?)<\/table:table>/s.exec(content)![1];
    assert.equal([...first.matchAll(/<table:table-row>/g)].length, 5, 'header + 4 dossiers');
  });

  test('zip: a folder per dossier with its PDF and its files', async () => {
    const files = unzipSync(new Uint8Array(await exportBytes('zip')));
    const names = Object.keys(files).sort();
    for (const id of [ids.formula, ids.accents, ids.plus, ids.at])
      assert.ok(names.includes(`dossier-${id}/dossier-${id}.pdf`), id);
    assert.equal(strFromU8(files[`dossier-${ids.formula}/pieces_justificatives/statuts.pdf`]), '%PDF-test');
    assert.ok(strFromU8(files[`dossier-${ids.accents}/dossier-${ids.accents}.pdf`].subarray(0, 5)).startsWith('%PDF'));
    assert.ok(!names.some((n) => n.startsWith(`dossier-${ids.otherGroup}/`)));
  });

  test('an instructor of the other group exports only his dossiers', async () => {
    const rows: string[][] = parse((await exportBytes('csv', f.instructeurB.id)).subarray(3).toString('utf8'), {
      delimiter: ';',
    });
    assert.deepEqual(
      rows.slice(1).map((r) => r[0]),
      [ids.otherGroup],
    );
  });
});

describe('command line', () => {
  test('guichet export writes « au total » of every group to a file; procedures lists the counts', async () => {
    const { exportToFile } = await import('../../src/features/exports/export-to-file.ts');
    const { proceduresWithCounts } = await import('../../src/queries/exports.ts');
    const fsp = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const out = path.join(await fsp.mkdtemp(path.join(os.tmpdir(), 'guichet-cli-')), 'export.csv');
    const r = await exportToFile(app, { procedureId: f.procedureId, format: 'csv', out });
    const rows: string[][] = parse((await fsp.readFile(out)).subarray(3).toString('utf8'), { delimiter: ';' });
    assert.deepEqual(
      rows
        .slice(1)
        .map((x) => x[0])
        .sort(),
      [ids.formula, ids.accents, ids.plus, ids.at, ids.otherGroup].sort(),
      'both groups, no brouillon',
    );
    assert.equal(r.dossiers, 5);
    const list = await proceduresWithCounts(app.db);
    assert.equal(list.find((p) => String(p.number) === f.procedureId)?.dossiers, 5);
  });
});

describe('requests', () => {
  test('from a filtered tab: exactly the tab, e-mail when ready, reused within 5 minutes, purged after 32 hours', async () => {
    const actor = { userId: f.instructeurA.id, email: f.instructeurA.email };
    await addFilter(app, actor, {
      procedureId: f.procedureId,
      scope: 'tous',
      column: 'champ/n1',
      op: 'gt',
      values: ['0'],
    });
    const first = await requestExport(app, actor, { procedureId: f.procedureId, format: 'csv', tab: 'tous' });
    assert.equal(first.reused, false);
    const again = await requestExport(app, actor, { procedureId: f.procedureId, format: 'csv', tab: 'tous' });
    assert.deepEqual(again, { exportId: first.exportId, reused: true }, 'pending: reused');
    await drainJobs(app);
    const done = await loadOwnExport(app.db, f.instructeurA.id, first.exportId);
    assert.equal(done?.state, 'generated');
    const bytes = await app.storage.get(done!.fileKey!);
    assert.equal(Number(done!.size), bytes.length);
    const rows: string[][] = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';' });
    assert.deepEqual(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
      [ids.formula, ids.accents].sort(),
      'n1 > 0 only',
    );
    const mail = await app.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('to_email', '=', f.instructeurA.email)
      .execute();
    assert.ok(mail.some((m) => m.subject.includes('est prêt')));
    assert.equal(await loadOwnExport(app.db, f.instructeurB.id, first.exportId), null, 'not his export');

    app.clock.advance(4 * 60_000);
    assert.equal(
      (await requestExport(app, actor, { procedureId: f.procedureId, format: 'csv', tab: 'tous' })).reused,
      true,
    );
    app.clock.advance(2 * 60_000);
    const later = await requestExport(app, actor, { procedureId: f.procedureId, format: 'csv', tab: 'tous' });
    assert.equal(later.reused, false, 'after 5 minutes: a new export');
    await drainJobs(app);

    app.clock.advance(32 * 3_600_000);
    const { purgeExports } = await import('../../src/features/exports/purge-exports.ts');
    const { SYSTEM_ACTOR } = await import('../../src/features/command.ts');
    const purged = await purgeExports(app, SYSTEM_ACTOR, {});
    assert.equal(purged.deleted, 2);
    await drainJobs(app);
    assert.equal(app.storage.files.has(done!.fileKey!), false, 'file deleted');
  });
});
