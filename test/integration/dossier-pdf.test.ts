// « Télécharger le dossier (PDF) »: the whole dossier for instructors (identity, state, every field
// by section with repetition rows, annotations, messages, history) as a real PDF with the Marianne
// font embedded; 404 for an instructor of another group, 403 for a usager.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import { browserAs } from './dossier-fixture.ts';
import { loadDossierPdfSource } from '../../src/queries/dossier-export.ts';
import { dossierPdfBuffer, dossierPdfFonts, pdfSections } from '../../src/platform/documents/dossier-pdf.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';

const FIELDS: FieldDef[] = [
  { stableId: 's1', type: 'header_section', label: 'Votre association', mandatory: false, private: false },
  { stableId: 't1', type: 'text', label: "Nom de l'association", mandatory: true, private: false },
  { stableId: 'n1', type: 'integer_number', label: 'Nombre de membres', mandatory: false, private: false },
  { stableId: 's2', type: 'header_section', label: 'Le projet', mandatory: false, private: false },
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
  { stableId: 'e1', type: 'text', label: 'Champ laissé vide', mandatory: false, private: false },
];
const ANNOTATIONS: FieldDef[] = [
  { stableId: 'a1', type: 'text', label: 'Avis du service', mandatory: false, private: true },
];

let app: TestApp;
let f: Fixture;
let id: string;

before(async () => {
  app = await createTestApp();
  f = await procedureFixture(app, { annotations: ANNOTATIONS });
  await app.db
    .updateTable('procedure_revisions')
    .set({ fields: JSON.stringify(FIELDS) })
    .where('id', '=', f.revisionId)
    .execute();
  const at = app.clock.now().toISOString();
  id = await dossier(app, f, {
    state: 'en_instruction',
    champs: {
      t1: 'Les Jardins du Rhône',
      n1: 42,
      r1: [
        { rowId: 'x1', values: { r1a: 'Graines', r1b: 300 } },
        { rowId: 'x2', values: { r1a: 'Outils', r1b: 900 } },
      ],
      p1: [{ fileId: 'file-pdf-statuts', name: 'statuts.pdf', size: 2048, contentType: 'application/pdf' }],
    },
  });
  await app.db
    .updateTable('dossiers')
    .set({ annotations: JSON.stringify({ a1: { value: 'Dossier solide', updatedAt: at } }) })
    .where('id', '=', id)
    .execute();
  await app.db
    .insertInto('messages')
    .values([
      {
        dossier_id: id,
        author_kind: 'usager',
        author_id: f.usager.id,
        author_email: f.usager.email,
        body: 'Bonjour, voici mon dossier.',
        created_at: app.clock.now(),
      },
      {
        dossier_id: id,
        author_kind: 'instructeur',
        author_id: f.instructeurA.id,
        author_email: f.instructeurA.email,
        body: 'Message retiré',
        created_at: app.clock.now(),
        discarded_at: app.clock.now(),
      },
    ])
    .execute();
  await app.db
    .insertInto('dossier_events')
    .values([
      { dossier_id: id, type: 'depose', actor_id: f.usager.id, actor_email: f.usager.email, data: '{}' },
      {
        dossier_id: id,
        type: 'passe_en_instruction',
        actor_id: f.instructeurA.id,
        actor_email: f.instructeurA.email,
        data: '{}',
      },
      {
        dossier_id: id,
        type: 'groupe_change',
        actor_id: f.instructeurA.id,
        actor_email: f.instructeurA.email,
        data: JSON.stringify({ from_label: 'Groupe B', to_label: 'Groupe A' }),
      },
    ])
    .execute();
});
after(async () => closeTestApp(app));

/** The text of every content stream (pdfkit compresses them with Flate). */
function inflateStreams(pdf: Buffer): string[] {
  const out: string[] = [];
  const s = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    try {
      out.push(zlib.inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      /* not a Flate stream (fonts are, but some are binary) */
    }
  }
  return out;
}

describe(`dossier PDF (${engine})`, () => {
  test('the source holds everything, by section, with repetition rows, annotations, messages and history', async () => {
    const src = await loadDossierPdfSource(app.db, id, f.instructeurA.id, app.clock.now());
    assert.equal(src.stateLabel, 'En instruction');
    assert.equal(src.groupeLabel, 'Groupe A');
    assert.equal(src.applicant.identity, 'Mme Léa Martin');
    const sections = pdfSections(src.fields, src.champs);
    assert.deepEqual(
      sections.map((s) => s.title),
      ['Votre association', 'Le projet'],
    );
    assert.deepEqual(sections[0].items, [
      { label: "Nom de l'association", value: 'Les Jardins du Rhône' },
      { label: 'Nombre de membres', value: '42' },
    ]);
    const rep = sections[1].items[0];
    assert.ok('rows' in rep);
    assert.deepEqual(
      rep.rows.map((r) => [r.title, r.items]),
      [
        [
          'Dépenses prévues — 1',
          [
            { label: 'Poste', value: 'Graines' },
            { label: 'Montant', value: '300' },
          ],
        ],
        [
          'Dépenses prévues — 2',
          [
            { label: 'Poste', value: 'Outils' },
            { label: 'Montant', value: '900' },
          ],
        ],
      ],
    );
    assert.deepEqual(sections[1].items[1], { label: 'Statuts', value: 'statuts.pdf (application/pdf, 2 Ko)' });
    assert.deepEqual(sections[1].items[2], { label: 'Champ laissé vide', value: 'Non renseigné' });
    assert.deepEqual(pdfSections(src.annotations!.defs, src.annotations!.values)[0].items, [
      { label: 'Avis du service', value: 'Dossier solide' },
    ]);
    assert.deepEqual(
      src.messages.map((m) => [m.body, m.deleted]),
      [
        ['Bonjour, voici mon dossier.', false],
        ['Message retiré', true],
      ],
    );
    assert.deepEqual(
      src.history.map((h) => h.label),
      ['Dossier déposé', 'Passé en instruction', "Changement de groupe d'instructeurs"],
    );
    assert.equal(src.history[2].details, 'De « Groupe B » vers « Groupe A »');
    // an instructor of another group: no existence leak
    await assert.rejects(
      loadDossierPdfSource(app.db, id, f.instructeurB.id, app.clock.now()),
      (e: any) => e.code === 'not_found',
    );
  });

  test('GET /pdf streams a real PDF with Marianne embedded, as an attachment', async () => {
    assert.ok(dossierPdfFonts(), 'the DSFR fonts are installed');
    const a = await browserAs(app, f.instructeurA);
    const res = await a.request('GET', `/instructeur/dossiers/${id}/pdf`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(res.headers.get('content-disposition') ?? '', `attachment; filename=dossier-${id}.pdf`);
    const pdf = Buffer.from(await res.arrayBuffer());
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.match(pdf.subarray(-8).toString(), /%%EOF/);
    const raw = pdf.toString('latin1');
    assert.match(raw, /\/BaseFont \/[A-Z]{6}\+Marianne-Regular/);
    assert.match(raw, /\/BaseFont \/[A-Z]{6}\+Marianne-Bold/);
    assert.match(raw, /\/Lang \(fr-FR\)/);
    // the text is drawn with the embedded fonts: the ToUnicode maps hold the characters used
    const streams = inflateStreams(pdf).join('\n');
    assert.match(streams, /beginbfchar|beginbfrange/);
    const pages = (raw.match(/\/Type \/Page\b/g) ?? []).length;
    assert.ok(pages >= 1);

    // the same renderer, in memory (zip exports)
    const again = await dossierPdfBuffer(await loadDossierPdfSource(app.db, id, f.instructeurA.id, app.clock.now()));
    assert.equal(again.subarray(0, 5).toString(), '%PDF-');

    // a long dossier runs over several pages
    const many = Array.from({ length: 120 }, (_, i) => ({
      dossier_id: id,
      author_kind: 'usager' as const,
      author_id: f.usager.id,
      author_email: f.usager.email,
      body: `Message numéro ${i} avec un peu de texte pour remplir la page.`,
    }));
    await app.db.insertInto('messages').values(many).execute();
    const long = await dossierPdfBuffer(await loadDossierPdfSource(app.db, id, f.instructeurA.id, app.clock.now()));
    assert.ok((long.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length > 2);
  });
});
