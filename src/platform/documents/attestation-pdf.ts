// The attestation PDF (pdfkit). Fonts: the DSFR's Marianne (WOFF, read by pdfkit's fontkit) shipped
// in @gouvfr/dsfr; Debian's DejaVu if that package were missing; pdfkit's Helvetica as a last
// resort (WinAnsi only). Text arrives with its tags already replaced (domain attestationText).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

interface Fonts {
  regular: string;
  bold: string;
}

let cachedFonts: Fonts | null | undefined;
let cachedBytes: { regular: Buffer; bold: Buffer } | null | undefined;

/**
 * A WOFF font as the plain TrueType/OpenType file it wraps (each table inflated once). fontkit reads
 * WOFF itself, but inflates its tables again for every document: about five times the cost of the
 * whole PDF, which counts when a bulk decision produces thousands of attestations.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') return woff;
  const numTables = woff.readUInt16BE(12);
  const tables = [];
  for (let i = 0; i < numTables; i++) {
    const e = 44 + i * 20;
    const offset = woff.readUInt32BE(e + 4);
    const compLength = woff.readUInt32BE(e + 8);
    const origLength = woff.readUInt32BE(e + 12);
    const raw = woff.subarray(offset, offset + compLength);
    tables.push({
      tag: woff.subarray(e, e + 4),
      checksum: woff.readUInt32BE(e + 16),
      data: compLength < origLength ? zlib.inflateSync(raw) : raw,
    });
  }
  const headerSize = 12 + numTables * 16;
  const size = tables.reduce((n, t) => n + ((t.data.length + 3) & ~3), headerSize);
  const out = Buffer.alloc(size);
  woff.copy(out, 0, 4, 8); // flavor: the sfnt version
  out.writeUInt16BE(numTables, 4);
  const entrySelector = Math.floor(Math.log2(numTables));
  out.writeUInt16BE(2 ** entrySelector * 16, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - 2 ** entrySelector * 16, 10);
  let at = headerSize;
  tables.forEach((t, i) => {
    const r = 12 + i * 16;
    t.tag.copy(out, r);
    out.writeUInt32BE(t.checksum, r + 4);
    out.writeUInt32BE(at, r + 8);
    out.writeUInt32BE(t.data.length, r + 12);
    t.data.copy(out, at);
    at += (t.data.length + 3) & ~3;
  });
  return out;
}

/**
 * The fonts as parsed by pdfkit's fontkit, kept from the first document: pdfkit takes a parsed font
 * in place of bytes, and parsing them again for every document was most of an attestation's cost
 * (a bulk decision produces thousands, docs/domain.md §8). Each document still makes its own subset.
 */
const parsedFonts: { regular?: unknown; bold?: unknown } = {};

/** The fonts' bytes, read (and unwrapped from WOFF) once per process. */
function fontBytes(): { regular: Buffer; bold: Buffer } | null {
  if (cachedBytes !== undefined) return cachedBytes;
  const f = attestationFonts();
  cachedBytes = f
    ? { regular: woffToSfnt(fs.readFileSync(f.regular)), bold: woffToSfnt(fs.readFileSync(f.bold)) }
    : null;
  return cachedBytes;
}

/** Paths of the fonts to embed (null: pdfkit's built-in Helvetica). */
export function attestationFonts(): Fonts | null {
  if (cachedFonts !== undefined) return cachedFonts;
  const candidates: Fonts[] = [];
  try {
    const dir = path.join(path.dirname(require.resolve('@gouvfr/dsfr/package.json')), 'dist', 'fonts');
    candidates.push({ regular: path.join(dir, 'Marianne-Regular.woff'), bold: path.join(dir, 'Marianne-Bold.woff') });
  } catch {
    /* DSFR not installed */
  }
  candidates.push({
    regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
    bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  });
  cachedFonts = candidates.find((c) => fs.existsSync(c.regular) && fs.existsSync(c.bold)) ?? null;
  return cachedFonts;
}

export interface AttestationPdfInput {
  title: string;
  body: string;
  footer: string;
  dossierId: string;
  procedureTitle: string;
  serviceName: string;
  /** « Aperçu » watermark line for the preview before the decision */
  preview?: boolean;
  /** creation date written in the PDF metadata (deterministic in tests) */
  createdAt: Date;
}

/** Renders the attestation; resolves with the PDF bytes. */
export function renderAttestationPdf(a: AttestationPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 64, right: 64 },
    info: {
      Title: a.title || 'Attestation',
      Subject: `Dossier nº ${a.dossierId} — ${a.procedureTitle}`,
      Author: a.serviceName || 'Guichet',
      Creator: 'Guichet',
      CreationDate: a.createdAt,
    },
    lang: 'fr-FR',
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const fonts = fontBytes();
  let regular = 'Helvetica';
  let bold = 'Helvetica-Bold';
  if (fonts) {
    doc.registerFont('gu-regular', (parsedFonts.regular ?? fonts.regular) as Buffer);
    doc.registerFont('gu-bold', (parsedFonts.bold ?? fonts.bold) as Buffer);
    regular = 'gu-regular';
    bold = 'gu-bold';
    const parsed = (name: string) => (doc.font(name) as unknown as { _font?: { font?: unknown } })._font?.font;
    if (!parsedFonts.regular || !parsedFonts.bold) {
      parsedFonts.regular = parsed(regular);
      parsedFonts.bold = parsed(bold);
    }
  }
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  doc.font(bold).fontSize(11).fillColor('#000000').text('RÉPUBLIQUE', { continued: false });
  doc.text('FRANÇAISE');
  doc.font(regular).fontSize(8).fillColor('#3a3a3a').text('Liberté\nÉgalité\nFraternité');
  if (a.serviceName) doc.moveDown(0.5).font(bold).fontSize(10).fillColor('#161616').text(a.serviceName);
  doc.moveDown(2);

  if (a.preview) {
    doc
      .font(bold)
      .fontSize(10)
      .fillColor('#b34000')
      .text("APERÇU — ce document n'a pas de valeur tant que la décision n'est pas validée", { width });
    doc.moveDown(1);
  }
  doc
    .font(bold)
    .fontSize(18)
    .fillColor('#000091')
    .text(a.title || 'Attestation', { width });
  doc.moveDown(0.3);
  doc
    .font(regular)
    .fontSize(10)
    .fillColor('#3a3a3a')
    .text(`Démarche : ${a.procedureTitle} — dossier nº ${a.dossierId}`, { width });
  doc.moveDown(1.5);

  doc.font(regular).fontSize(11).fillColor('#161616');
  for (const para of a.body.split(/\n{2,}/)) {
    doc.text(para.trim(), { width, align: 'left', lineGap: 2 });
    doc.moveDown(0.8);
  }

  if (a.footer) {
    const bottom = doc.page.height - doc.page.margins.bottom;
    const h = doc.font(regular).fontSize(8).heightOfString(a.footer, { width });
    const y = Math.max(doc.y + 24, bottom - h);
    if (y + h > bottom) doc.addPage();
    doc
      .font(regular)
      .fontSize(8)
      .fillColor('#666666')
      .text(a.footer, doc.page.margins.left, Math.min(y, doc.page.height - doc.page.margins.bottom - h), {
        width,
        align: 'center',
      });
  }
  doc.end();
  return done;
}
