import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkUpload, sanitizeFileName } from '../../src/platform/storage/upload.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64, 1)]);

const cases: { name: string; file: { name: string; bytes: Buffer }; max?: number; ok: string | RegExp }[] = [
  { name: 'PDF accepted, type from content', file: { name: 'budget.pdf', bytes: PDF }, ok: 'application/pdf' },
  { name: 'PNG named .pdf is stored as PNG', file: { name: 'scan.pdf', bytes: PNG }, ok: 'image/png' },
  {
    name: 'executable refused even if named .pdf',
    file: { name: 'facture.pdf', bytes: ELF },
    ok: /pas d'un type accepté/,
  },
  {
    name: 'over the limit refused with the limit in the message',
    file: { name: 'gros.pdf', bytes: PDF },
    max: 10,
    ok: /dépasse la taille maximale autorisée \(10 octets\)/,
  },
  { name: 'empty file refused', file: { name: 'vide.txt', bytes: Buffer.alloc(0) }, ok: /est vide/ },
  {
    name: 'plain text accepted',
    file: { name: 'notes.txt', bytes: Buffer.from('Bonjour, voici mes notes.\n') },
    ok: 'text/plain',
  },
];

for (const c of cases) {
  test(`upload: ${c.name}`, async () => {
    const run = checkUpload(c.file, { maxBytes: c.max ?? 20 * 1024 * 1024 });
    if (typeof c.ok === 'string') assert.equal((await run).contentType, c.ok);
    else await assert.rejects(run, (e: any) => e.code === 'invalid_input' && (c.ok as RegExp).test(e.message));
  });
}

test('file names are sanitised', () => {
  assert.equal(sanitizeFileName('../../etc/passwd'), 'passwd');
  assert.equal(sanitizeFileName('C:\\Users\\léa\\Relevé <final>.pdf'), 'Relevé final.pdf');
  assert.equal(sanitizeFileName('...cache'), 'cache');
  assert.equal(sanitizeFileName(''), 'fichier');
});
