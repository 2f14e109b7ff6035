// The part columns of a field in exports (docs/domain.md §3 "parts", §9): the SIREN of a SIRET, the
// commune, postal code and département of an address, an IBAN's country and bank code, a linked
// drop-down's two choices, a commune's code and département, a country's code — chosen by an export
// template (csv, xlsx) or in the full export — hold the value the work list shows for the same
// dossier, read from the same SQL; a repetition child (a filter only) is no column of the export.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { unzipSync, strFromU8 } from 'fflate';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { createDossier, createGroupe, createProcedure, createUser } from '../factories/index.ts';
import type { TestProcedure, TestUser } from '../factories/index.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import { defaultPresentation, type Presentation } from '../../src/domain/presentation.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { createExportTemplate } from '../../src/features/exports/create-export-template.ts';
import { produceExport } from '../../src/features/exports/produce-export.ts';
import { requestExport } from '../../src/features/exports/request-export.ts';
import { listPage } from '../../src/queries/dossier-list.ts';
import { ALL_DOSSIERS, exportableColumns } from '../../src/queries/export-source.ts';
import { loadOwnExport } from '../../src/queries/exports.ts';
import { loadListContext } from '../../src/queries/list-context.ts';

const FIELDS: FieldDef[] = [
  { stableId: 'siret', type: 'siret', label: 'SIRET', mandatory: false, private: false },
  { stableId: 'adresse', type: 'address', label: 'Adresse', mandatory: false, private: false },
  { stableId: 'iban', type: 'iban', label: 'IBAN', mandatory: false, private: false },
  {
    stableId: 'activite',
    type: 'linked_drop_down_list',
    label: 'Activité',
    mandatory: false,
    private: false,
    options: {
      linked: [
        { primary: 'Agriculture', secondaries: ['Maraîchage', 'Élevage'] },
        { primary: 'Commerce', secondaries: [] },
      ],
    },
  },
  { stableId: 'commune', type: 'communes', label: 'Commune', mandatory: false, private: false },
  { stableId: 'pays', type: 'pays', label: 'Pays', mandatory: false, private: false },
  {
    stableId: 'rep',
    type: 'repetition',
    label: 'Salariés',
    mandatory: false,
    private: false,
    children: [{ stableId: 'rep_nom', type: 'text', label: 'Nom', mandatory: true, private: false }],
  },
];
const ANNOTATIONS: FieldDef[] = [
  { stableId: 'siege', type: 'address', label: 'Siège vérifié', mandatory: false, private: true },
];

/** Each part column chosen, its header in the file, and the value expected for the first dossier. */
const PARTS: { id: string; header: string; full: string; expected: string }[] = [
  { id: 'champ/siret/siren', header: 'SIREN', full: 'SIRET (SIREN)', expected: '732829320' },
  { id: 'champ/adresse/commune', header: 'Commune', full: 'Adresse (commune)', expected: 'Lyon' },
  { id: 'champ/adresse/code_postal', header: 'CP', full: 'Adresse (code postal)', expected: '69003' },
  { id: 'champ/adresse/departement', header: 'Dépt', full: 'Adresse (département)', expected: '69' },
  { id: 'champ/iban/iban_pays', header: 'Pays IBAN', full: 'IBAN (pays)', expected: 'FR' },
  { id: 'champ/iban/iban_banque', header: 'Banque', full: 'IBAN (code banque)', expected: '30006' },
  { id: 'champ/activite/primary', header: 'Secteur', full: 'Activité (premier choix)', expected: 'Agriculture' },
  { id: 'champ/activite/secondary', header: 'Filière', full: 'Activité (second choix)', expected: 'Maraîchage' },
  { id: 'champ/commune/code', header: 'INSEE', full: 'Commune (code)', expected: '69123' },
  {
    id: 'champ/commune/commune_departement',
    header: 'Dépt commune',
    full: 'Commune (département)',
    expected: '69',
  },
  { id: 'champ/pays/code', header: 'Code pays', full: 'Pays (code)', expected: 'FR' },
  {
    id: 'annotation/siege/code_postal',
    header: 'CP siège',
    full: 'Siège vérifié (code postal)',
    expected: '20090',
  },
  {
    id: 'annotation/siege/departement',
    header: 'Dépt siège',
    full: 'Siège vérifié (département)',
    expected: '2A',
  },
];

let app: TestApp;
let procedure: TestProcedure;
let instructeur: TestUser;
let filled: string;
let empty: string;

before(async () => {
  app = await createTestApp();
  procedure = await createProcedure(app, { fields: FIELDS, annotations: ANNOTATIONS });
  instructeur = await createUser(app, { roles: ['instructeur'] });
  const groupeId = await createGroupe(app, procedure.id, { members: [instructeur] });
  const usager = await createUser(app);
  filled = await createDossier(app, {
    procedure,
    groupeId,
    usager,
    instructeur,
    state: 'en_instruction',
    champs: {
      siret: '73282932000074',
      adresse: '12 rue de la République 69003 Lyon',
      iban: 'FR7630006000011234567890189',
      activite: { primary: 'Agriculture', secondary: 'Maraîchage' },
      commune: { code: '69123', name: 'Lyon', departement: '69' },
      pays: { code: 'FR', name: 'France' },
      rep: [{ rowId: 'x1', values: { rep_nom: 'Durand' } }],
    },
  });
  await app.db
    .updateTable('dossiers')
    .set({
      annotations: JSON.stringify({
        siege: { value: '3 cours Napoléon, 20090 Ajaccio', updatedAt: app.clock.now().toISOString() },
      }),
    })
    .where('id', '=', filled)
    .execute();
  // a dossier with nothing to split: every part empty, never an error
  empty = await createDossier(app, {
    procedure,
    groupeId,
    usager,
    state: 'en_construction',
    champs: { adresse: 'Lieu-dit sans code', activite: { primary: 'Commerce', secondary: '' } },
  });
});
after(async () => closeTestApp(app));

async function runTemplate(format: 'csv' | 'xlsx'): Promise<Buffer> {
  const { templateId } = await createExportTemplate(app, instructeur, {
    procedureId: procedure.id,
    name: `Parties des champs (${format})`,
    kind: 'tabular',
    format,
    columns: [{ id: 'dossier/id', header: 'Numéro' }, ...PARTS.map((p) => ({ id: p.id, header: p.header }))],
  });
  const r = await requestExport(app, instructeur, { procedureId: procedure.id, templateId });
  await drainJobs(app);
  const e = await loadOwnExport(app.db, instructeur.userId, r.exportId);
  assert.equal(e?.state, 'generated', e?.error ?? '');
  return app.storage.get(e!.fileKey!);
}

function csvRows(bytes: Buffer): string[][] {
  return parse(bytes.toString('utf8').replace(/^\ufeff/, ''), { delimiter: ';' }) as string[][];
}

function sheetRows(xml: string): string[][] {
  return [...xml.matchAll(/<row[^>]*>(.*?)<\/row>/gs)].map((r) =>
    [...r[1].matchAll(/<c([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)].map((c) => {
      const body = c[2] ?? '';
      return (/<t[^>]*>(.*?)<\/t>/s.exec(body)?.[1] ?? /<v>(.*?)<\/v>/s.exec(body)?.[1] ?? '').replace(/&amp;/g, '&');
    }),
  );
}

describe(`part columns in exports (${engine})`, () => {
  test('the list shows each part (the values the exports must hold)', async () => {
    const ctx = await loadListContext(app.db, instructeur.id, procedure.id);
    const presentation: Presentation = { ...defaultPresentation(), columns: PARTS.map((p) => p.id) };
    const { rows } = await listPage(app.db, ctx, { tab: 'tous', page: 1, now: app.clock.now(), presentation });
    const row = rows.find((r) => r.id === filled);
    assert.ok(row);
    for (const p of PARTS) assert.equal(row.values[p.id], p.expected, p.id);
    const blank = rows.find((r) => r.id === empty);
    assert.ok(blank);
    for (const p of PARTS) {
      const expected = p.id === 'champ/activite/primary' ? 'Commerce' : '';
      assert.equal(blank.values[p.id], expected, p.id);
    }
  });

  test('a csv template with the part columns: each part’s value', async () => {
    const [header, ...lines] = csvRows(await runTemplate('csv'));
    assert.deepEqual(header, ['Numéro', ...PARTS.map((p) => p.header)]);
    const byId = new Map(lines.map((l) => [l[0], l]));
    assert.equal(lines.length, 2);
    assert.deepEqual(byId.get(filled), [filled, ...PARTS.map((p) => p.expected)]);
    assert.deepEqual(
      byId.get(empty),
      [empty, ...PARTS.map((p) => (p.id === 'champ/activite/primary' ? 'Commerce' : ''))],
      'no part: empty cells',
    );
  });

  test('an xlsx template with the part columns: each part’s value, as text', async () => {
    const files = unzipSync(new Uint8Array(await runTemplate('xlsx')));
    const [header, ...lines] = sheetRows(strFromU8(files['xl/worksheets/sheet1.xml']));
    assert.deepEqual(header, ['Numéro', ...PARTS.map((p) => p.header)]);
    const row = lines.find((l) => l[0] === filled);
    assert.deepEqual(row, [filled, ...PARTS.map((p) => p.expected)]);
  });

  test('the full export holds every part column, and no repetition child (a filter only)', async () => {
    const ctx = await loadListContext(app.db, instructeur.id, procedure.id);
    assert.ok(ctx.columns.has('champ/rep/rep_nom'), 'the list filters on the child');
    assert.ok(!exportableColumns(ctx.catalogue).some((c) => c.id === 'champ/rep/rep_nom'));
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
    const [header, ...lines] = csvRows(bytes);
    assert.ok(!header.includes('Salariés – Nom'), 'no repetition child column');
    const line = lines.find((l) => l[header.indexOf('Nº dossier')] === filled);
    assert.ok(line);
    for (const p of PARTS) assert.equal(line[header.indexOf(p.full)], p.expected, p.full);
    assert.equal(line[header.indexOf('SIRET')], '732 829 320 00074', 'the field itself as the list shows it');
  });
});
