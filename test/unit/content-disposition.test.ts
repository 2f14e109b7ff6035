import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'content-disposition';
import { contentDisposition, safeFileName } from '../../src/platform/http/content-disposition.ts';

// A header is valid when it is Latin-1 text without controls and parses back to the proposed name.
function assertValidHeader(header: string) {
  assert.match(header, /^[\x20-\x7e]+$/, `header must be printable ASCII: ${header}`);
  assert.doesNotThrow(() => new Headers({ 'Content-Disposition': header }));
}

test('names are proposed exactly, with an ASCII fallback when needed', () => {
  const rows: { name: string; kind: 'attachment' | 'inline'; header: string; parsed: string }[] = [
    {
      name: "lettre d'accord.pdf",
      kind: 'attachment',
      header: `attachment; filename="lettre d'accord.pdf"`,
      parsed: "lettre d'accord.pdf",
    },
    {
      name: "lettre d'accord signée.pdf",
      kind: 'attachment',
      header: `attachment; filename="lettre d'accord signee.pdf"; filename*=UTF-8''lettre%20d%27accord%20sign%C3%A9e.pdf`,
      parsed: "lettre d'accord signée.pdf",
    },
    {
      name: 'récépissé Île-de-France.pdf',
      kind: 'inline',
      header: `inline; filename="recepisse Ile-de-France.pdf"; filename*=UTF-8''r%C3%A9c%C3%A9piss%C3%A9%20%C3%8Ele-de-France.pdf`,
      parsed: 'récépissé Île-de-France.pdf',
    },
    {
      name: 'devis "final".pdf',
      kind: 'attachment',
      header: 'attachment; filename="devis \\"final\\".pdf"',
      parsed: 'devis "final".pdf',
    },
    {
      name: 'dossier-42.pdf',
      kind: 'attachment',
      header: 'attachment; filename=dossier-42.pdf',
      parsed: 'dossier-42.pdf',
    },
    {
      name: '100%25 sûr.pdf',
      kind: 'attachment',
      header: `attachment; filename="100_25 sur.pdf"; filename*=UTF-8''100%2525%20s%C3%BBr.pdf`,
      parsed: '100%25 sûr.pdf',
    },
    {
      name: '日本.pdf',
      kind: 'attachment',
      header: `attachment; filename=__.pdf; filename*=UTF-8''%E6%97%A5%E6%9C%AC.pdf`,
      parsed: '日本.pdf',
    },
  ];
  for (const row of rows) {
    const header = contentDisposition(row.kind, row.name);
    assert.equal(header, row.header, row.name);
    assertValidHeader(header);
    const parsed = parse(header);
    assert.equal(parsed.type, row.kind);
    assert.equal(parsed.parameters.filename, row.parsed, row.name);
  }
});

test('controls, bidi overrides and path separators never reach the header', () => {
  const rows: [string, string][] = [
    ['facture\u202Efdp.exe', 'facturefdp.exe'],
    ['\u2067pièce\u2069.pdf', 'pièce.pdf'],
    ['a\u200Fb\u200E.pdf', 'ab.pdf'],
    ['ligne\r\nContent-Type: text/html.pdf', 'ligneContent-Type: text/html.pdf'.replace('/', '_')],
    ['nul\u0000.pdf', 'nul.pdf'],
    ['../../etc/passwd', '.._.._etc_passwd'],
    ['C:\\Windows\\x.pdf', 'C:_Windows_x.pdf'],
    ['  \u202E  ', 'fichier'],
    ['', 'fichier'],
  ];
  for (const [name, expected] of rows) {
    assert.equal(safeFileName(name), expected, JSON.stringify(name));
    const header = contentDisposition('attachment', name);
    assertValidHeader(header);
    assert.equal(parse(header).parameters.filename, expected);
  }
});

test('decomposed accents (as typed on macOS) give the same name as composed ones', () => {
  assert.equal(contentDisposition('inline', 'e\u0301te\u0301.pdf'), contentDisposition('inline', 'été.pdf'));
});
