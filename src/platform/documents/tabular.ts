// Streaming writers of the tabular exports (docs/domain.md §9): csv (`;`, UTF-8 with
// BOM), xlsx (SpreadsheetML written by hand, deflated by yazl) and ods (content.xml streamed into its
// zip). The first sheet is streamed straight into the file; the other sheets (repetition blocks,
// « Avis ») are spooled to temporary files while the rows come, then appended: memory does not grow
// with the number of rows.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import yazl from 'yazl';

/** A cell: text, a number, a local (Europe/Paris wall-clock) date 'YYYY-MM-DD' or date-time
 *  'YYYY-MM-DDTHH:mm[:ss]', or empty. */
export type Cell = string | number | { date: string } | null;

export type TabularFormat = 'csv' | 'xlsx' | 'ods';

export interface SheetSpec {
  name: string;
  header: string[];
}

export interface TabularWriter {
  /** the file's bytes, to be consumed while rows are added */
  output: Readable;
  /** one row of sheet `sheet` (0 = the dossiers); a promise when the consumer is slower: wait for it */
  addRow(sheet: number, cells: Cell[]): Promise<void> | undefined;
  /** closes every sheet; resolves once the last byte is handed to `output` */
  finish(): Promise<void>;
  /** abandons the file (temporary files removed) */
  abort(): Promise<void>;
}

/** Text that a spreadsheet would read as a formula (OWASP "CSV injection"): its first character is
 *  `=`, `+`, `-`, `@`, a tab or a carriage return. */
export function isFormulaLike(s: string): boolean {
  const k = s.charCodeAt(0);
  return k === 61 || k === 43 || k === 45 || k === 64 || k === 9 || k === 13;
}

// ------------------------------------------------------------------------------------------------
// Shared helpers

const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_SPECIAL = /[&<>"]/;

export function xmlEscape(s: string): string {
  let t = s;
  if (INVALID_XML.test(t)) t = t.replace(INVALID_XML, '');
  if (!XML_SPECIAL.test(t)) return t;
  return t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/;

/** Excel's serial number of a local date (days since 1899-12-30). */
export function excelSerial(iso: string): number | null {
  const m = DATE_RE.exec(iso);
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  return ms / 86_400_000 + 25_569;
}

function hasTime(iso: string): boolean {
  return iso.length > 10;
}

/** French text of a cell (csv). */
function csvText(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return String(c).replace('.', ',');
  if (typeof c === 'object') {
    const m = DATE_RE.exec(c.date);
    if (!m) return c.date;
    const day = `${m[3]}/${m[2]}/${m[1]}`;
    return m[4] ? `${day} ${m[4]}:${m[5]}` : day;
  }
  return isFormulaLike(c) ? `'${c}` : c;
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique. */
export function sheetNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((raw) => {
    const base =
      raw
        .replace(/[[\]:*?/\\]/g, ' ')
        .trim()
        .slice(0, 31) || 'Feuille';
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/**
 * The sheets' deflate level. Their XML is very repetitive: level 1 deflates it three times faster
 * than zlib's default 6 for a file about a third larger (measured on 10 000 dossiers: 64 MB of
 * content.xml, 1.0 s → 5.6 MB at level 1, 3.0 s → 4.2 MB at level 6), docs/domain.md §9.
 */
const SHEET_DEFLATE = { compressionLevel: 1 };

/** Bytes of a chunk handed to the output stream. */
const CHUNK = 65_536;

/**
 * Text written to a stream with back-pressure, in chunks of about 64 kB: each string is encoded
 * straight into the chunk's buffer (twice cheaper than appending it to a 64 kB string converted at
 * once, a string built of thousands of pieces; docs/domain.md §9). `write` returns a promise only
 * when the stream asks to wait, so that a row costs no promise.
 */
class ChunkedText {
  private buf = Buffer.allocUnsafe(CHUNK);
  private used = 0;
  constructor(private out: Writable) {}
  write(s: string): Promise<void> | undefined {
    // UTF-8 takes at most 3 bytes a UTF-16 unit
    if (this.used + s.length * 3 <= CHUNK) {
      this.used += this.buf.write(s, this.used);
      return undefined;
    }
    let wait = this.handOver();
    if (s.length * 3 > CHUNK) wait = !this.out.write(s, 'utf8') || wait;
    else this.used = this.buf.write(s, 0);
    return wait ? this.drained() : undefined;
  }
  /** hands the chunk over; true when the stream asks to wait */
  private handOver(): boolean {
    if (this.used === 0) return false;
    const chunk = this.buf.subarray(0, this.used);
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.used = 0;
    return !this.out.write(chunk);
  }
  private async drained(): Promise<void> {
    await once(this.out, 'drain');
  }
  async flush(): Promise<void> {
    if (this.handOver()) await this.drained();
  }
  async end(): Promise<void> {
    await this.flush();
    const done = new Promise<void>((resolve, reject) => {
      this.out.once('finish', resolve);
      this.out.once('error', reject);
    });
    this.out.end();
    await done;
  }
}

// ------------------------------------------------------------------------------------------------
// CSV: the first sheet only (no repetition blocks, docs/domain.md §9)

const CSV_QUOTED = /[;"\r\n]/;

/** One csv field: quoted (quotes doubled) when it holds the separator, a quote or a line break. */
export function csvField(s: string): string {
  return CSV_QUOTED.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function csvLine(fields: readonly string[]): string {
  let s = '';
  for (let i = 0; i < fields.length; i++) s += i === 0 ? csvField(fields[i]) : `;${csvField(fields[i])}`;
  return `${s}\r\n`;
}

/** One cell as a csv field (a number holds nothing to quote). */
function csvCell(c: Cell): string {
  if (c === null) return '';
  return typeof c === 'number' ? csvText(c) : csvField(csvText(c));
}

function csvCells(cells: readonly Cell[]): string {
  let s = cells.length === 0 ? '' : csvCell(cells[0]);
  for (let i = 1; i < cells.length; i++) s += `;${csvCell(cells[i])}`;
  return `${s}\r\n`;
}

// RFC 4180 with « ; » written here rather than through a generic stringifier: a row is one string
// appended to a 64 kB chunk (half the time of an object stream per row, docs/domain.md §9)
function csvWriter(sheets: SheetSpec[]): TabularWriter {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const text = new ChunkedText(out);
  let started = false;
  const start = () => {
    started = true;
    return text.write(`\ufeff${csvLine(sheets[0].header)}`);
  };
  return {
    output: out,
    addRow(sheet, cells) {
      const head = started ? undefined : start();
      if (sheet !== 0) return head;
      if (head) return head.then(() => text.write(csvCells(cells)));
      return text.write(csvCells(cells));
    },
    async finish() {
      if (!started) await start();
      await text.end();
    },
    async abort() {
      out.destroy();
    },
  };
}

// ------------------------------------------------------------------------------------------------
// Sheets after the first: spooled to temporary files

class Spool {
  private dir: string | null = null;
  files: { path: string; text: ChunkedText }[] = [];
  async open(n: number): Promise<void> {
    if (n === 0) return;
    this.dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'guichet-export-'));
    for (let i = 0; i < n; i++) {
      const p = path.join(this.dir, `sheet-${i}.xml`);
      this.files.push({ path: p, text: new ChunkedText(fs.createWriteStream(p)) });
    }
  }
  async close(): Promise<void> {
    for (const f of this.files) await f.text.end();
  }
  async remove(): Promise<void> {
    if (this.dir) await fsp.rm(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}

// ------------------------------------------------------------------------------------------------
// XLSX

const XLSX_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

function xlsxCell(c: Cell): string {
  if (c === null) return '<c/>';
  if (typeof c === 'number') return Number.isFinite(c) ? `<c><v>${c}</v></c>` : '<c/>';
  if (typeof c === 'object') {
    const serial = excelSerial(c.date);
    if (serial === null) return `<c t="inlineStr"><is><t>${xmlEscape(c.date)}</t></is></c>`;
    return `<c s="${hasTime(c.date) ? 2 : 1}"><v>${serial}</v></c>`;
  }
  // a text cell is never a formula; the quote prefix keeps it text when edited in Excel
  const style = isFormulaLike(c) ? ' s="3"' : '';
  return `<c t="inlineStr"${style}><is><t xml:space="preserve">${xmlEscape(c)}</t></is></c>`;
}

function xlsxRow(cells: Cell[]): string {
  let s = '<row>';
  for (const c of cells) s += xlsxCell(c);
  return `${s}</row>`;
}

function xlsxHeader(header: string[]): string {
  let s = '<row>';
  for (const h of header) s += `<c t="inlineStr" s="4"><is><t xml:space="preserve">${xmlEscape(h)}</t></is></c>`;
  return `${s}</row>`;
}

function xlsxWriter(sheets: SheetSpec[]): TabularWriter {
  const zip = new yazl.ZipFile();
  const names = sheetNames(sheets.map((s) => s.name));
  const n = sheets.length;
  const overrides = sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  zip.addBuffer(
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${overrides}</Types>`,
    ),
    '[Content_Types].xml',
  );
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    '_rels/.rels',
  );
  zip.addBuffer(
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names
        .map((name, i) => `<sheet name="${xmlEscape(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    'xl/workbook.xml',
  );
  zip.addBuffer(
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join(
          '',
        )}<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/_rels/workbook.xml.rels',
  );
  zip.addBuffer(Buffer.from(XLSX_STYLES), 'xl/styles.xml');
  const main = new PassThrough({ highWaterMark: 1 << 20 });
  zip.addReadStream(main, 'xl/worksheets/sheet1.xml', SHEET_DEFLATE);
  const mainText = new ChunkedText(main);
  const spool = new Spool();
  let started: Promise<void> | null = null;
  const start = () =>
    (started ??= (async () => {
      await spool.open(n - 1);
      await mainText.write(SHEET_HEAD + xlsxHeader(sheets[0].header));
      for (let i = 1; i < n; i++) await spool.files[i - 1].text.write(SHEET_HEAD + xlsxHeader(sheets[i].header));
    })());
  const output = zip.outputStream as unknown as Readable;
  return {
    output,
    async addRow(sheet, cells) {
      await start();
      if (sheet === 0) await mainText.write(xlsxRow(cells));
      else await spool.files[sheet - 1].text.write(xlsxRow(cells));
    },
    async finish() {
      await start();
      await mainText.write(SHEET_TAIL);
      for (const f of spool.files) await f.text.write(SHEET_TAIL);
      await spool.close();
      for (const [i, f] of spool.files.entries()) zip.addFile(f.path, `xl/worksheets/sheet${i + 2}.xml`, SHEET_DEFLATE);
      const ended = once(output, 'end').catch(() => undefined);
      await mainText.end();
      zip.end();
      await ended;
      await spool.remove();
    },
    async abort() {
      output.destroy();
      await spool.close().catch(() => undefined);
      await spool.remove();
    },
  };
}

// ------------------------------------------------------------------------------------------------
// ODS

const ODS_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"';

const ODS_STYLES = `<number:date-style style:name="N1"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style><number:date-style style:name="N2"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/><number:text> </number:text><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/></number:date-style><style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/><style:style style:name="ce2" style:family="table-cell" style:data-style-name="N2"/><style:style style:name="ce3" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style>`;

function odsText(s: string): string {
  return `<table:table-cell office:value-type="string"><text:p>${xmlEscape(s)}</text:p></table:table-cell>`;
}

function odsCell(c: Cell): string {
  if (c === null) return '<table:table-cell/>';
  if (typeof c === 'number')
    return Number.isFinite(c)
      ? `<table:table-cell office:value-type="float" office:value="${c}"><text:p>${String(c).replace('.', ',')}</text:p></table:table-cell>`
      : '<table:table-cell/>';
  if (typeof c === 'object') {
    const m = DATE_RE.exec(c.date);
    if (!m) return odsText(c.date);
    const value = m[4] ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}` : `${m[1]}-${m[2]}-${m[3]}`;
    const shown = m[4] ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : `${m[3]}/${m[2]}/${m[1]}`;
    return `<table:table-cell table:style-name="${m[4] ? 'ce2' : 'ce1'}" office:value-type="date" office:date-value="${value}"><text:p>${shown}</text:p></table:table-cell>`;
  }
  // a string cell is never a formula (formulas are the table:formula attribute)
  return odsText(c);
}

function odsEmpty(n: number): string {
  return n === 1 ? '<table:table-cell/>' : `<table:table-cell table:number-columns-repeated="${n}"/>`;
}

function odsRow(cells: Cell[]): string {
  let s = '<table:table-row>';
  // a run of empty cells is one repeated cell (a quarter of the cells of a usual export are empty)
  let empty = 0;
  for (const c of cells) {
    if (c === null) {
      empty++;
      continue;
    }
    if (empty) s += odsEmpty(empty);
    empty = 0;
    s += odsCell(c);
  }
  if (empty) s += odsEmpty(empty);
  return `${s}</table:table-row>`;
}

function odsTableHead(name: string, header: string[]): string {
  let s = `<table:table table:name="${xmlEscape(name)}"><table:table-column table:number-columns-repeated="${Math.max(1, header.length)}"/><table:table-row>`;
  for (const h of header)
    s += `<table:table-cell table:style-name="ce3" office:value-type="string"><text:p>${xmlEscape(h)}</text:p></table:table-cell>`;
  return `${s}</table:table-row>`;
}

function odsWriter(sheets: SheetSpec[]): TabularWriter {
  const zip = new yazl.ZipFile();
  const names = sheetNames(sheets.map((s) => s.name));
  // the mimetype first and stored (the OpenDocument signature)
  zip.addBuffer(Buffer.from('application/vnd.oasis.opendocument.spreadsheet'), 'mimetype', { compress: false });
  zip.addBuffer(
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    ),
    'META-INF/manifest.xml',
  );
  zip.addBuffer(
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles ${ODS_NS} office:version="1.2"><office:styles/></office:document-styles>`,
    ),
    'styles.xml',
  );
  const content = new PassThrough({ highWaterMark: 1 << 20 });
  zip.addReadStream(content, 'content.xml', SHEET_DEFLATE);
  const text = new ChunkedText(content);
  const spool = new Spool();
  let started: Promise<void> | null = null;
  const start = () =>
    (started ??= (async () => {
      await spool.open(sheets.length - 1);
      await text.write(
        `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${ODS_NS} office:version="1.2"><office:automatic-styles>${ODS_STYLES}</office:automatic-styles><office:body><office:spreadsheet>`,
      );
      await text.write(odsTableHead(names[0], sheets[0].header));
      for (let i = 1; i < sheets.length; i++)
        await spool.files[i - 1].text.write(odsTableHead(names[i], sheets[i].header));
    })());
  const output = zip.outputStream as unknown as Readable;
  return {
    output,
    async addRow(sheet, cells) {
      await start();
      if (sheet === 0) await text.write(odsRow(cells));
      else await spool.files[sheet - 1].text.write(odsRow(cells));
    },
    async finish() {
      await start();
      await text.write('</table:table>');
      for (const f of spool.files) await f.text.write('</table:table>');
      await spool.close();
      // the other tables follow the first one in the same content.xml
      await text.flush();
      for (const f of spool.files) {
        for await (const chunk of fs.createReadStream(f.path)) {
          if (!content.write(chunk)) await once(content, 'drain');
        }
      }
      await text.write('</office:spreadsheet></office:body></office:document-content>');
      const ended = once(output, 'end').catch(() => undefined);
      await text.end();
      zip.end();
      await ended;
      await spool.remove();
    },
    async abort() {
      output.destroy();
      await spool.close().catch(() => undefined);
      await spool.remove();
    },
  };
}

export function createTabularWriter(format: TabularFormat, sheets: SheetSpec[]): TabularWriter {
  if (sheets.length === 0) throw new Error('au moins une feuille');
  if (format === 'csv') return csvWriter(sheets);
  if (format === 'xlsx') return xlsxWriter(sheets);
  return odsWriter(sheets);
}
