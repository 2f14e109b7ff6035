// The rules of the « modèles d'export » (docs/domain.md §9): names, folder and file name patterns with
// their tags, the chosen columns' order and headers, columns gone from the form, who edits a template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canEditExportTemplate,
  checkColumnHeader,
  checkFileNamePattern,
  checkTemplateName,
  checkZipFolderPattern,
  chooseColumns,
  DEFAULT_ZIP_LAYOUT,
  missingAttachmentFields,
  resolveTemplateColumns,
  type ColumnChoice,
} from '../../src/domain/export-templates.ts';

test('a template has a name of at most 100 characters', () => {
  const rows: [string, string, boolean][] = [
    ['a name', 'Suivi mensuel', true],
    ['blank', '   ', false],
    ['100 characters', 'x'.repeat(100), true],
    ['101 characters', 'x'.repeat(101), false],
  ];
  for (const [name, value, ok] of rows) assert.equal(checkTemplateName(value) === null, ok, name);
});

test('the folder name must hold the dossier number tag and no other tag', () => {
  const rows: [string, string, RegExp | null][] = [
    ['the default', 'dossier-{numero}', null],
    ['number inside text', 'subvention {numero} 2026', null],
    ['no number', 'dossier', /\{numero\}/],
    ['blank', '  ', /Indiquez/],
    ['unknown tag', '{numero}-{nom}', /Balise inconnue.*\{nom\}/],
    ['a file tag is not a folder tag', '{numero}-{index}', /Balise inconnue/],
    ['unclosed brace', '{numero}-{nom', /accolades/],
    ['too long', `{numero}${'x'.repeat(100)}`, /100 caractères/],
  ];
  for (const [name, pattern, expected] of rows) {
    const e = checkZipFolderPattern(pattern);
    if (expected) assert.match(e ?? '', expected, name);
    else assert.equal(e, null, name);
  }
});

test('a file name pattern uses the known tags only; blank keeps the file’s own name', () => {
  const rows: [string, string, RegExp | null][] = [
    ['blank', '', null],
    ['every tag', '{numero}-{nom_fichier}-{index}', null],
    ['text only', 'statuts', null],
    ['unknown tag', 'statuts-{date}', /Balise inconnue.*\{date\}/],
    ['stray brace', 'statuts-}', /accolades/],
    ['too long', 'x'.repeat(101), /100 caractères/],
  ];
  for (const [name, pattern, expected] of rows) {
    const e = checkFileNamePattern(pattern);
    if (expected) assert.match(e ?? '', expected, name);
    else assert.equal(e, null, name);
  }
});

test('a column header is at most 100 characters', () => {
  assert.equal(checkColumnHeader(''), null);
  assert.equal(checkColumnHeader('x'.repeat(100)), null);
  assert.match(checkColumnHeader('x'.repeat(101)) ?? '', /100 caractères/);
});

test('chosen columns: by position typed, blank positions last in the catalogue order, blank header = label', () => {
  const c = (id: string, included: boolean, position: number | null, header = ''): ColumnChoice => ({
    id,
    included,
    position,
    header,
    label: `Libellé ${id}`,
  });
  const rows: [string, ColumnChoice[], { id: string; header: string }[]][] = [
    ['none chosen', [c('a', false, 1)], []],
    [
      'positions reorder',
      [c('a', true, 2), c('b', true, 1, ' Numéro ')],
      [
        { id: 'b', header: 'Numéro' },
        { id: 'a', header: 'Libellé a' },
      ],
    ],
    [
      'blank positions after, catalogue order',
      [c('a', true, null), c('b', true, null), c('c', true, 1)],
      [
        { id: 'c', header: 'Libellé c' },
        { id: 'a', header: 'Libellé a' },
        { id: 'b', header: 'Libellé b' },
      ],
    ],
    [
      'same position: catalogue order',
      [c('a', true, 1), c('b', true, 1)],
      [
        { id: 'a', header: 'Libellé a' },
        { id: 'b', header: 'Libellé b' },
      ],
    ],
    ['unchecked ignored even with a position', [c('a', false, 1), c('b', true, 5)], [{ id: 'b', header: 'Libellé b' }]],
  ];
  for (const [name, input, expected] of rows) assert.deepEqual(chooseColumns(input), expected, name);
});

test('a template’s columns gone from the form are set apart, the others kept in order', () => {
  const saved = [
    { id: 'id', header: 'Numéro' },
    { id: 'champ/old', header: 'Ancien champ' },
    { id: 'state', header: 'État' },
  ];
  const rows: [string, Set<string>, string[], string[]][] = [
    ['all there', new Set(['id', 'champ/old', 'state']), ['id', 'champ/old', 'state'], []],
    ['one gone', new Set(['id', 'state']), ['id', 'state'], ['Ancien champ']],
    ['all gone', new Set<string>(), [], ['Numéro', 'Ancien champ', 'État']],
  ];
  for (const [name, exists, present, missing] of rows) {
    const r = resolveTemplateColumns(saved, (id) => exists.has(id));
    assert.deepEqual(
      r.present.map((c) => c.id),
      present,
      name,
    );
    assert.deepEqual(
      r.missing.map((c) => c.header),
      missing,
      name,
    );
  }
  const layout = { ...DEFAULT_ZIP_LAYOUT, filePatterns: { p1: '{numero}', p2: 'x' } };
  assert.deepEqual(
    missingAttachmentFields(layout, (id) => id === 'p1'),
    ['p2'],
  );
});

test('only the author edits or deletes a shared template', () => {
  const rows: [string, string | null, string, boolean][] = [
    ['the author', '7', '7', true],
    ['another instructor', '7', '8', false],
    ['author gone', null, '7', false],
  ];
  for (const [name, author, user, expected] of rows) assert.equal(canEditExportTemplate(author, user), expected, name);
});
