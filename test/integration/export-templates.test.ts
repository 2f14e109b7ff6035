// « Modèles d'export » (docs/domain.md §9): a tabular template's chosen, ordered and renamed columns
// and a zip template's folder and file names, run through the export job and read back with
// independent readers (csv-parse; fflate and the XML read here); a column gone from the form is said
// and left out; shared with the procedure's instructors, edited and deleted by the author only; the
// command line's --template; the form through the web app keeps what was typed on a mistake.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { unzipSync, strFromU8 } from 'fflate';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import { Browser } from '../helpers/http.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { hashPassword } from '../../src/platform/crypto.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { createExportTemplate } from '../../src/features/exports/create-export-template.ts';
import { deleteExportTemplate } from '../../src/features/exports/delete-export-template.ts';
import { requestExport } from '../../src/features/exports/request-export.ts';
import { updateExportTemplate } from '../../src/features/exports/update-export-template.ts';
import { listExportTemplates, loadExportTemplate, resolveTemplate } from '../../src/queries/export-templates.ts';
import { listMyExports, loadOwnExport } from '../../src/queries/exports.ts';
import { loadListContext } from '../../src/queries/list-context.ts';
import { DEFAULT_ZIP_LAYOUT } from '../../src/domain/export-templates.ts';

const FIELDS: FieldDef[] = [
  { stableId: 't1', type: 'text', label: "Nom de l'association", mandatory: true, private: false },
  { stableId: 'n1', type: 'integer_number', label: 'Nombre de membres', mandatory: false, private: false },
  { stableId: 'p1', type: 'piece_justificative', label: 'Statuts', mandatory: false, private: false },
];
const PASSWORD = 'motdepasse-solide-42';

let app: TestApp;
let f: Fixture;
const ids: Record<string, string> = {};
let author: { userId: string; email: string };
let colleague: { userId: string; email: string };

async function addFile(dossierId: string, id: string, name: string, origin: 'champ' | 'avis', ref: string | null) {
  await app.storage.put(`files/${id}`, Buffer.from(`contenu ${name}`));
  await app.db
    .insertInto('files')
    .values({
      id,
      dossier_id: dossierId,
      name,
      content_type: 'application/pdf',
      size: '9',
      sha256: 'x',
      storage_key: `files/${id}`,
      origin,
      origin_ref: ref,
    })
    .execute();
}

before(async () => {
  app = await createTestApp();
  f = await procedureFixture(app);
  await app.db
    .updateTable('procedure_revisions')
    .set({ fields: JSON.stringify(FIELDS) })
    .where('id', '=', f.revisionId)
    .execute();
  ids.a = await dossier(app, f, { state: 'en_instruction', champs: { t1: 'Les Jardins d’Été', n1: 12 } });
  ids.b = await dossier(app, f, { state: 'en_construction', champs: { t1: '=1+1', n1: 3 } });
  ids.other = await dossier(app, f, { state: 'en_construction', groupe: f.groupB, champs: { t1: 'Groupe B' } });
  await addFile(ids.a, 'fa1', 'statuts signés.pdf', 'champ', 'p1');
  await addFile(ids.a, 'fa2', 'statuts annexe.pdf', 'champ', 'p1');
  await addFile(ids.a, 'fav', 'avis expert.pdf', 'avis', null);
  author = { userId: f.instructeurA.id, email: f.instructeurA.email };
  colleague = { userId: f.instructeurB.id, email: f.instructeurB.email };
});
after(async () => closeTestApp(app));

async function runTemplate(templateId: string, actor = author, tab?: 'tous') {
  const r = await requestExport(app, actor, { procedureId: f.procedureId, templateId, tab });
  await drainJobs(app);
  const e = await loadOwnExport(app.db, actor.userId, r.exportId);
  assert.equal(e?.state, 'generated', e?.error ?? '');
  return { item: e!, bytes: await app.storage.get(e!.fileKey!) };
}

function sheetRows(xml: string): string[][] {
  return [...xml.matchAll(/<row[^>]*>(.*?)<\/row>/gs)].map((r) =>
    [...r[1].matchAll(/<c([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)].map((c) => {
      const body = c[2] ?? '';
      return (/<t[^>]*>(.*?)<\/t>/s.exec(body)?.[1] ?? /<v>(.*?)<\/v>/s.exec(body)?.[1] ?? '').replace(/&amp;/g, '&');
    }),
  );
}

async function expectRefused(p: Promise<unknown>, code: string, field?: string) {
  try {
    await p;
  } catch (e) {
    assert.ok(isDomainError(e), String(e));
    assert.equal(e.code, code, e.message);
    if (field) assert.ok(e.fields?.[field], `${field}: ${JSON.stringify(e.fields)}`);
    return e;
  }
  assert.fail('refused expected');
}

describe(`export templates on ${engine}`, () => {
  test('tabular xlsx: only the chosen columns, in the chosen order, with renamed headers; each dossier of my groups once', async () => {
    const { templateId } = await createExportTemplate(app, author, {
      procedureId: f.procedureId,
      name: 'Suivi des associations',
      kind: 'tabular',
      format: 'xlsx',
      columns: [
        { id: 'champ/n1', header: 'Membres' },
        { id: 'dossier/id', header: 'Numéro' },
        { id: 'champ/t1', header: 'Association' },
        { id: 'dossier/state', header: 'Statut' },
      ],
    });
    const { item, bytes } = await runTemplate(templateId);
    assert.equal(item.format, 'xlsx');
    assert.equal(item.templateName, 'Suivi des associations');
    const files = unzipSync(new Uint8Array(bytes));
    const rows = sheetRows(strFromU8(files['xl/worksheets/sheet1.xml']));
    assert.deepEqual(rows[0], ['Membres', 'Numéro', 'Association', 'Statut']);
    const byId = new Map(rows.slice(1).map((r) => [r[1], r]));
    assert.equal(rows.length - 1, 2, 'each dossier once');
    assert.deepEqual(byId.get(ids.a), ['12', ids.a, 'Les Jardins d’Été', 'En instruction']);
    assert.equal(byId.get(ids.b)![2], '=1+1', 'text, never a formula');
    assert.ok(!strFromU8(files['xl/worksheets/sheet1.xml']).includes('<f>'));
    assert.ok(!byId.has(ids.other), 'not my group');
  });

  test('tabular csv: a column gone from the form is said on the page and left out, the rest exported', async () => {
    const { templateId } = await createExportTemplate(app, author, {
      procedureId: f.procedureId,
      name: 'Ancien formulaire',
      kind: 'tabular',
      format: 'csv',
      columns: [
        { id: 'dossier/id', header: 'N°' },
        { id: 'champ/n1', header: 'Effectif' },
      ],
    });
    // the field is gone from the form (a new revision without it)
    const next = FIELDS.filter((x) => x.stableId !== 'n1');
    await app.db
      .updateTable('procedure_revisions')
      .set({ fields: JSON.stringify(next) })
      .where('id', '=', f.revisionId)
      .execute();
    try {
      const ctx = await loadListContext(app.db, author.userId, f.procedureId);
      const t = (await loadExportTemplate(app.db, templateId, f.procedureId))!;
      assert.deepEqual(resolveTemplate(t, ctx.catalogue).missing, ['Effectif']);
      const { bytes } = await runTemplate(templateId);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      const rows: string[][] = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';' });
      assert.deepEqual(rows[0], ['N°']);
      assert.deepEqual(
        rows
          .slice(1)
          .map((r) => r[0])
          .sort(),
        [ids.a, ids.b].sort(),
      );
    } finally {
      await app.db
        .updateTable('procedure_revisions')
        .set({ fields: JSON.stringify(FIELDS) })
        .where('id', '=', f.revisionId)
        .execute();
    }
  });

  test('zip: folders named with the dossier number, files named by the field’s pattern, avis files left out', async () => {
    const { templateId } = await createExportTemplate(app, author, {
      procedureId: f.procedureId,
      name: 'Archive des statuts',
      kind: 'zip',
      columns: [],
      zip: {
        ...DEFAULT_ZIP_LAYOUT,
        folderPattern: 'subvention-{numero}',
        pdf: false,
        avis: false,
        filePatterns: { p1: 'statuts-{numero}-{index}' },
      },
    });
    const { item, bytes } = await runTemplate(templateId);
    assert.equal(item.format, 'zip');
    const names = Object.keys(unzipSync(new Uint8Array(bytes))).sort();
    assert.deepEqual(names, [
      `subvention-${ids.a}/pieces_justificatives/statuts-${ids.a}-01.pdf`,
      `subvention-${ids.a}/pieces_justificatives/statuts-${ids.a}-02.pdf`,
    ]);
    const files = unzipSync(new Uint8Array(bytes));
    assert.equal(strFromU8(files[names[0]]), 'contenu statuts signés.pdf');
  });

  test('checked: the folder name holds the number tag, known tags, existing columns, a format, a name', async () => {
    const base = { procedureId: f.procedureId, name: 'Modèle', columns: [] };
    await expectRefused(
      createExportTemplate(app, author, {
        ...base,
        kind: 'zip',
        zip: { ...DEFAULT_ZIP_LAYOUT, folderPattern: 'dossier' },
      }),
      'invalid_input',
      'folderPattern',
    );
    await expectRefused(
      createExportTemplate(app, author, {
        ...base,
        kind: 'zip',
        zip: { ...DEFAULT_ZIP_LAYOUT, filePatterns: { p1: '{date}-{numero}' } },
      }),
      'invalid_input',
      'pattern_p1',
    );
    await expectRefused(
      createExportTemplate(app, author, {
        ...base,
        kind: 'tabular',
        format: 'xlsx',
        columns: [{ id: 'champ/inconnu', header: '' }],
      }),
      'invalid_input',
      'columns',
    );
    await expectRefused(
      createExportTemplate(app, author, {
        ...base,
        kind: 'tabular',
        format: 'pdf',
        columns: [{ id: 'dossier/id', header: '' }],
      }),
      'invalid_input',
      'format',
    );
    await expectRefused(
      createExportTemplate(app, author, {
        ...base,
        name: ' ',
        kind: 'tabular',
        format: 'csv',
        columns: [{ id: 'dossier/id', header: '' }],
      }),
      'invalid_input',
      'name',
    );
  });

  test('shared with the procedure’s instructors, edited and deleted by its author only; a pending export keeps its copy', async () => {
    const { templateId } = await createExportTemplate(app, author, {
      procedureId: f.procedureId,
      name: 'Partagé',
      kind: 'tabular',
      format: 'csv',
      columns: [{ id: 'dossier/id', header: 'Numéro' }],
    });
    assert.ok((await listExportTemplates(app.db, f.procedureId)).some((t) => t.id === templateId));
    // the colleague of the other group runs it: his own dossiers only, his own export
    const { bytes, item } = await runTemplate(templateId, colleague);
    const rows: string[][] = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';' });
    assert.deepEqual(rows, [['Numéro'], [ids.other]]);
    assert.equal(await loadOwnExport(app.db, author.userId, item.id), null, 'not the author’s export');
    const change = {
      procedureId: f.procedureId,
      templateId,
      name: 'Changé',
      kind: 'tabular' as const,
      format: 'csv',
      columns: [{ id: 'dossier/id', header: 'N' }],
    };
    await expectRefused(updateExportTemplate(app, colleague, change), 'forbidden');
    await expectRefused(deleteExportTemplate(app, colleague, { procedureId: f.procedureId, templateId }), 'forbidden');
    // a pending export keeps the template as asked
    const pending = await requestExport(app, author, { procedureId: f.procedureId, templateId });
    await updateExportTemplate(app, author, change);
    await deleteExportTemplate(app, author, { procedureId: f.procedureId, templateId });
    await drainJobs(app);
    const e = (await loadOwnExport(app.db, author.userId, pending.exportId))!;
    assert.equal(e.templateName, 'Partagé');
    const kept: string[][] = parse((await app.storage.get(e.fileKey!)).subarray(3).toString('utf8'), {
      delimiter: ';',
    });
    assert.deepEqual(kept[0], ['Numéro']);
    assert.equal(await loadExportTemplate(app.db, templateId), null);
    // a template of another procedure is not found
    const other = await procedureFixture(app);
    await expectRefused(
      requestExport(
        app,
        { userId: other.instructeurA.id, email: other.instructeurA.email },
        {
          procedureId: other.procedureId,
          templateId: item.id,
        },
      ),
      'not_found',
    );
  });

  test('command line: --template writes the template’s columns, refuses another format', async () => {
    const { exportToFile } = await import('../../src/features/exports/export-to-file.ts');
    const fsp = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const { templateId } = await createExportTemplate(app, author, {
      procedureId: f.procedureId,
      name: 'Ligne de commande',
      kind: 'tabular',
      format: 'csv',
      columns: [
        { id: 'champ/t1', header: 'Association' },
        { id: 'dossier/id', header: 'Numéro' },
      ],
    });
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'guichet-modele-'));
    const out = path.join(dir, 'export.csv');
    const r = await exportToFile(app, { procedureId: f.procedureId, format: 'csv', out, templateId });
    assert.equal(r.dossiers, 3, 'every group');
    const rows: string[][] = parse((await fsp.readFile(out)).subarray(3).toString('utf8'), { delimiter: ';' });
    assert.deepEqual(rows[0], ['Association', 'Numéro']);
    assert.deepEqual(
      rows
        .slice(1)
        .map((x) => x[1])
        .sort(),
      [ids.a, ids.b, ids.other].sort(),
    );
    await expectRefused(
      exportToFile(app, { procedureId: f.procedureId, format: 'xlsx', out: path.join(dir, 'x.xlsx'), templateId }),
      'invalid_input',
    );
    await fsp.rm(dir, { recursive: true, force: true });
  });

  test('the form through the web app: a mistake comes back in French with what was typed; a template is created and listed', async () => {
    await app.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(PASSWORD) })
      .where('id', '=', author.userId)
      .execute();
    const b = new Browser(app);
    assert.equal((await b.signIn(author.email, PASSWORD)).status, 303);
    const base = `/instructeur/procedures/${f.procedureId}/modeles-export`;
    const form = await b.visit(`${base}/nouveau?type=zip`);
    assert.equal(form.res.status, 200);
    assert.match(form.html, /Nom des fichiers de « Statuts »/);
    const bad = await b.post(base, {
      kind: 'zip',
      name: 'Mon archive',
      folderPattern: 'archive-sans-numero',
      avis: '1',
      champ: 'p1',
      motif: 'statuts-{numero}',
    });
    assert.equal(bad.status, 422);
    const html = await bad.text();
    assert.match(html, /doit contenir le numéro du dossier/);
    assert.match(html, /value="archive-sans-numero"/);
    assert.match(html, /value="statuts-\{numero\}"/);
    await b.visit(`${base}/nouveau?type=tabular`);
    const ok = await b.post(base, {
      kind: 'tabular',
      name: 'Depuis le web',
      format: 'ods',
      colonne: ['dossier/id', 'champ/t1'],
      inclure: ['champ/t1', 'dossier/id'],
      position: ['2', '1'],
      titre: ['Numéro', ''],
    });
    assert.equal(ok.status, 303);
    const t = (await listExportTemplates(app.db, f.procedureId)).find((x) => x.name === 'Depuis le web')!;
    assert.equal(t.format, 'ods');
    assert.deepEqual(t.columns, [
      { id: 'champ/t1', header: "Nom de l'association" },
      { id: 'dossier/id', header: 'Numéro' },
    ]);
    const downloads = await b.visit(`/instructeur/procedures/${f.procedureId}/telechargements`);
    assert.match(downloads.html, /Depuis le web/);
    const list = await b.visit(`/instructeur/procedures/${f.procedureId}`);
    assert.match(list.html, /Télécharger à partir d(&#39;|')un modèle/);
    // hostile or stale input: a French refusal or a 404, never a 500
    const hostile: [string, Record<string, string | string[]>, number[]][] = [
      [`/instructeur/procedures/${f.procedureId}/exports`, { template: 'abc' }, [303]],
      [`/instructeur/procedures/${f.procedureId}/exports`, { template: '999999' }, [404]],
      [`${base}/abc`, { kind: 'tabular', name: 'x' }, [404, 422]],
      [`${base}/999999/supprimer`, {}, [404]],
      [
        base,
        {
          kind: 'tabular',
          name: 'Long',
          format: 'csv',
          colonne: 'dossier/id',
          inclure: 'dossier/id',
          titre: 'x'.repeat(2000),
        },
        [422],
      ],
      [base, { kind: 'tabular', name: 'Rien', format: 'csv', colonne: 'dossier/id', position: 'abc' }, [422]],
    ];
    for (const [url, fields, statuses] of hostile) {
      const r = await b.post(url, fields);
      assert.ok(statuses.includes(r.status), `${url} ${JSON.stringify(fields).slice(0, 80)}: ${r.status}`);
    }
    assert.equal((await b.visit(`${base}/999999`)).res.status, 404);
    // another instructor cannot open its form
    await app.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(PASSWORD) })
      .where('id', '=', colleague.userId)
      .execute();
    const c2 = new Browser(app);
    await c2.signIn(colleague.email, PASSWORD);
    const refused = await c2.visit(`${base}/${t.id}`);
    assert.equal(refused.res.status, 403);
    assert.equal((await listMyExports(app.db, colleague.userId)).length, 1);
  });
});
