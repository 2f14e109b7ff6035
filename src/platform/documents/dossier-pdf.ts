// « Télécharger le dossier (PDF) »: the whole dossier — identity, state and dates, every field by
// section (repetition rows included), private annotations (instructors only: the caller decides),
// the messages and the history — as a PDF produced by pdfkit with the DSFR's Marianne font
// embedded (WOFF, read by pdfkit's fontkit). `renderDossierPdf` returns the document as a readable
// stream (the route pipes it to the response; a zip export can add it as an entry).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { woffToSfnt } from './attestation-pdf.ts';
import { visibleFields, visibleRowFields } from '../../domain/conditions.ts';
import {
  displayValue,
  getFieldType,
  type ChampsMap,
  type FieldDef,
  type FileRef,
  type RepetitionRow,
} from '../../domain/fields/index.ts';

const require = createRequire(import.meta.url);

export interface PdfFonts {
  regular: string;
  bold: string;
}

let fontsCache: PdfFonts | null | undefined;

/** Marianne from @gouvfr/dsfr (null if the package is missing: pdfkit's Helvetica, WinAnsi only). */
export function dossierPdfFonts(): PdfFonts | null {
  if (fontsCache !== undefined) return fontsCache;
  try {
    const dir = path.join(path.dirname(require.resolve('@gouvfr/dsfr/package.json')), 'dist', 'fonts');
    const f = { regular: path.join(dir, 'Marianne-Regular.woff'), bold: path.join(dir, 'Marianne-Bold.woff') };
    fontsCache = fs.existsSync(f.regular) && fs.existsSync(f.bold) ? f : null;
  } catch {
    fontsCache = null;
  }
  return fontsCache;
}

type LoadedFont = Buffer | { layout: unknown };
let loadedCache: { regular: LoadedFont; bold: LoadedFont } | undefined;

/** pdfkit's font object (fontkit's) for these bytes, or the bytes if pdfkit keeps it elsewhere. */
function parsedFont(bytes: Buffer): LoadedFont {
  const probe = new PDFDocument({ autoFirstPage: false });
  probe.registerFont('probe', bytes);
  probe.font('probe');
  const font = (probe as unknown as { _font?: { font?: { layout?: unknown } } })._font?.font;
  return typeof font?.layout === 'function' ? (font as LoadedFont) : bytes;
}

/**
 * The fonts parsed once per process: unwrapped from WOFF (`woffToSfnt`) and handed to pdfkit as one
 * font object shared by every document (its tables and glyph metrics decoded once, each document
 * still embedding its own subset) — what makes a zip of thousands of dossier PDFs affordable.
 */
function loadedFonts(fonts: PdfFonts): { regular: LoadedFont; bold: LoadedFont } {
  loadedCache ??= {
    regular: parsedFont(woffToSfnt(fs.readFileSync(fonts.regular))),
    bold: parsedFont(woffToSfnt(fs.readFileSync(fonts.bold))),
  };
  return loadedCache;
}

export interface PdfMessage {
  at: Date;
  author: string;
  body: string;
  files: string[];
  deleted: boolean;
}

export interface PdfHistoryEntry {
  at: Date;
  label: string;
  actor: string;
  details: string;
}

export interface DossierPdfSource {
  id: string;
  procedureTitle: string;
  serviceName: string;
  groupeLabel: string;
  stateLabel: string;
  /** « Déposé le », « Passé en instruction le », … (null values are left out) */
  dates: { label: string; value: Date | null }[];
  motivation: string | null;
  applicant: { identity: string; email: string };
  fields: FieldDef[];
  champs: ChampsMap;
  /** null: the reader may not see annotations (they are left out entirely) */
  annotations: { defs: FieldDef[]; values: ChampsMap } | null;
  messages: PdfMessage[];
  history: PdfHistoryEntry[];
  generatedAt: Date;
}

const DATE = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
const dateTime = (d: Date) => `${DATE.format(d)} à ${TIME.format(d)}`;

// -- the form as text ------------------------------------------------------------------------------

export type PdfItem = { label: string; value: string } | { label: string; rows: { title: string; items: PdfItem[] }[] };
export interface PdfSection {
  title: string | null;
  items: PdfItem[];
}

function fileNames(v: unknown): string {
  const refs = Array.isArray(v)
    ? (v as FileRef[]).filter((f) => f && typeof f === 'object' && typeof f.name === 'string')
    : [];
  return refs.map((f) => `${f.name} (${f.contentType}, ${Math.max(1, Math.round(f.size / 1024))} Ko)`).join('\n');
}

function valueText(def: FieldDef, value: unknown): string {
  const m = getFieldType(def.type);
  if (m.isEmpty(value as never)) return 'Non renseigné';
  if (def.type === 'piece_justificative') return fileNames(value) || 'Non renseigné';
  try {
    return displayValue(def, value as never) || 'Non renseigné';
  } catch {
    return String(value);
  }
}

function itemOf(def: FieldDef, value: unknown, rootValueOf: (id: string) => unknown): PdfItem {
  if (def.type === 'repetition') {
    const rows = (Array.isArray(value) ? value : []) as RepetitionRow[];
    return {
      label: def.label,
      rows: rows.map((row, i) => ({
        title: `${def.label} — ${i + 1}`,
        items: visibleRowFields(def.children ?? [], row.values ?? {}, rootValueOf as never)
          .filter((c) => getFieldType(c.type).fillable)
          .map((c) => itemOf(c, row.values?.[c.stableId], rootValueOf)),
      })),
    };
  }
  return { label: def.label, value: valueText(def, value) };
}

/** The visible fields of a form grouped under their section titles, values as text. */
export function pdfSections(defs: FieldDef[], champs: ChampsMap): PdfSection[] {
  const rootValueOf = (id: string) => champs[id]?.value;
  const sections: PdfSection[] = [{ title: null, items: [] }];
  for (const def of visibleFields(defs, champs)) {
    if (def.type === 'header_section') sections.push({ title: def.label, items: [] });
    else if (getFieldType(def.type).fillable)
      sections[sections.length - 1].items.push(itemOf(def, champs[def.stableId]?.value, rootValueOf));
  }
  return sections.filter((s) => s.title !== null || s.items.length > 0);
}

// -- rendering --------------------------------------------------------------------------------------

const BLUE = '#000091';
const GREY = '#666666';
const TEXT = '#161616';

/** Renders the dossier; the returned document is a readable stream of the PDF bytes (already ended). */
export function renderDossierPdf(src: DossierPdfSource): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 60, bottom: 56, left: 56, right: 56 },
    info: {
      Title: `Dossier nº ${src.id} — ${src.procedureTitle}`,
      Subject: src.procedureTitle,
      Author: src.serviceName || 'Guichet',
      Creator: 'Guichet',
      CreationDate: src.generatedAt,
    },
    lang: 'fr-FR',
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  const fonts = dossierPdfFonts();
  let regular = 'Helvetica';
  let bold = 'Helvetica-Bold';
  if (fonts) {
    const loaded = loadedFonts(fonts);
    doc.registerFont('gu-regular', loaded.regular as Buffer);
    doc.registerFont('gu-bold', loaded.bold as Buffer);
    regular = 'gu-regular';
    bold = 'gu-bold';
  }
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  // a running header on every page, written in the top margin (never moves the text flow)
  let pageNo = 1;
  const runningHeader = () => {
    const y = doc.y;
    doc
      .font(regular)
      .fontSize(8)
      .fillColor(GREY)
      .text(`Dossier nº ${src.id} — ${src.procedureTitle} — page ${pageNo}`, left, 28, {
        width,
        lineBreak: false,
        ellipsis: true,
      });
    doc.x = left;
    doc.y = y;
  };
  runningHeader();
  doc.on('pageAdded', () => {
    pageNo++;
    runningHeader();
    doc.font(regular).fontSize(10).fillColor(TEXT);
  });

  const heading = (t: string, size = 14) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    doc.moveDown(0.8).font(bold).fontSize(size).fillColor(BLUE).text(t, left, doc.y, { width });
    doc.moveDown(0.3);
  };
  const pair = (label: string, value: string, indent = 0) => {
    doc
      .font(bold)
      .fontSize(9.5)
      .fillColor(TEXT)
      .text(label, left + indent, doc.y, { width: width - indent });
    doc
      .font(regular)
      .fontSize(10)
      .fillColor(TEXT)
      .text(value || '—', left + indent, doc.y, { width: width - indent, lineGap: 1 });
    doc.moveDown(0.4);
  };
  const items = (list: PdfItem[], indent = 0) => {
    for (const it of list) {
      if ('rows' in it) {
        doc
          .font(bold)
          .fontSize(9.5)
          .fillColor(TEXT)
          .text(it.label, left + indent, doc.y, { width: width - indent });
        if (it.rows.length === 0)
          doc
            .font(regular)
            .fontSize(10)
            .text('Aucune ligne', left + indent + 12, doc.y, { width: width - indent - 12 });
        for (const row of it.rows) {
          doc
            .moveDown(0.2)
            .font(bold)
            .fontSize(9)
            .fillColor(GREY)
            .text(row.title, left + indent + 12, doc.y, { width: width - indent - 12 });
          items(row.items, indent + 12);
        }
        doc.moveDown(0.4);
      } else {
        pair(it.label, it.value, indent);
      }
    }
  };
  const sections = (list: PdfSection[]) => {
    if (list.length === 0) doc.font(regular).fontSize(10).fillColor(TEXT).text('Aucun champ.', left, doc.y, { width });
    for (const s of list) {
      if (s.title) {
        doc.moveDown(0.3).font(bold).fontSize(11.5).fillColor(TEXT).text(s.title, left, doc.y, { width });
        doc.moveDown(0.2);
      }
      items(s.items);
    }
  };

  // title block
  doc.font(bold).fontSize(10).fillColor('#000000').text('RÉPUBLIQUE FRANÇAISE', left, doc.y, { width });
  if (src.serviceName) doc.font(regular).fontSize(9).fillColor(GREY).text(src.serviceName, { width });
  doc.moveDown(1);
  doc.font(bold).fontSize(20).fillColor(BLUE).text(`Dossier nº ${src.id}`, { width });
  doc.font(regular).fontSize(11).fillColor(TEXT).text(src.procedureTitle, { width });
  doc
    .font(regular)
    .fontSize(8.5)
    .fillColor(GREY)
    .text(`Document produit le ${dateTime(src.generatedAt)} (heure de Paris).`, { width });

  heading('Identité et état du dossier');
  pair('État', src.stateLabel);
  pair("Groupe d'instructeurs", src.groupeLabel);
  pair('Demandeur', src.applicant.identity);
  pair('Adresse électronique', src.applicant.email);
  for (const d of src.dates) if (d.value) pair(d.label, dateTime(d.value));
  if (src.motivation) pair('Motivation de la décision', src.motivation);

  heading('Formulaire');
  sections(pdfSections(src.fields, src.champs));

  if (src.annotations) {
    heading('Annotations privées');
    const a = pdfSections(src.annotations.defs, src.annotations.values);
    if (a.length === 0)
      doc.font(regular).fontSize(10).fillColor(TEXT).text('Aucune annotation privée.', left, doc.y, { width });
    else sections(a);
  }

  heading('Messagerie');
  if (src.messages.length === 0)
    doc.font(regular).fontSize(10).fillColor(TEXT).text('Aucun message.', left, doc.y, { width });
  for (const m of src.messages) {
    doc
      .font(bold)
      .fontSize(9.5)
      .fillColor(TEXT)
      .text(`${dateTime(m.at)} — ${m.author}`, left, doc.y, { width });
    doc
      .font(regular)
      .fontSize(10)
      .fillColor(m.deleted ? GREY : TEXT)
      .text(m.deleted ? 'Message supprimé.' : m.body || '—', left, doc.y, { width, lineGap: 1 });
    if (!m.deleted && m.files.length)
      doc
        .font(regular)
        .fontSize(9)
        .fillColor(GREY)
        .text(`Pièces jointes : ${m.files.join(', ')}`, left, doc.y, { width });
    doc.moveDown(0.5);
  }

  heading('Historique');
  if (src.history.length === 0)
    doc.font(regular).fontSize(10).fillColor(TEXT).text('Aucun événement.', left, doc.y, { width });
  for (const h of src.history) {
    doc
      .font(bold)
      .fontSize(9.5)
      .fillColor(TEXT)
      .text(`${dateTime(h.at)} — ${h.label}`, left, doc.y, { width });
    doc
      .font(regular)
      .fontSize(9)
      .fillColor(GREY)
      .text(`Par ${h.actor}${h.details ? `\n${h.details}` : ''}`, left, doc.y, { width });
    doc.moveDown(0.4);
  }

  doc.end();
  return doc;
}

/** The whole PDF in memory (tests, e-mail attachments). */
export async function dossierPdfBuffer(src: DossierPdfSource): Promise<Buffer> {
  const doc = renderDossierPdf(src);
  const chunks: Buffer[] = [];
  for await (const c of doc as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}
