// The rules of exports (docs/domain.md §9): reuse within 5 minutes, lifetime, « expire dans », sizes,
// formula-like text, Excel serial dates, sheet names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  expiresInText,
  isExportExpired,
  progressPercent,
  reusesExport,
  sizeText,
  type ExistingExport,
} from '../../src/domain/exports.ts';
import { excelSerial, isFormulaLike, sheetNames } from '../../src/platform/documents/tabular.ts';

const T = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(T.getTime() + minutes * 60_000);

test('an identical request reuses a pending export or one generated less than 5 minutes ago', () => {
  const rows: [string, ExistingExport, Date, boolean][] = [
    ['pending, 1 min', { state: 'pending', createdAt: T, generatedAt: null }, at(1), true],
    ['pending, 15 h', { state: 'pending', createdAt: T, generatedAt: null }, at(15 * 60), true],
    ['pending, 16 h: abandoned', { state: 'pending', createdAt: T, generatedAt: null }, at(16 * 60), false],
    ['generated 4 min ago', { state: 'generated', createdAt: T, generatedAt: T }, at(4), true],
    ['generated 5 min ago', { state: 'generated', createdAt: T, generatedAt: T }, at(5), false],
    ['failed', { state: 'failed', createdAt: T, generatedAt: null }, at(1), false],
  ];
  for (const [name, e, now, expected] of rows) assert.equal(reusesExport(e, now), expected, name);
});

test('lifetime: 32 hours after generation, 16 hours pending', () => {
  const rows: [string, ExistingExport, Date, boolean][] = [
    ['generated, 31 h 59', { state: 'generated', createdAt: T, generatedAt: T }, at(32 * 60 - 1), false],
    ['generated, 32 h', { state: 'generated', createdAt: T, generatedAt: T }, at(32 * 60), true],
    ['pending, 16 h', { state: 'pending', createdAt: T, generatedAt: null }, at(16 * 60), true],
    ['failed, 1 h', { state: 'failed', createdAt: T, generatedAt: null }, at(60), false],
  ];
  for (const [name, e, now, expected] of rows) assert.equal(isExportExpired(e, now), expected, name);
});

test('words of « Mes téléchargements »', () => {
  const rows: [string, string][] = [
    [expiresInText(T, at(0)), '32 h'],
    [expiresInText(T, at(32 * 60 - 30)), '30 min'],
    [expiresInText(T, at(32 * 60)), 'expiré'],
    [sizeText(1), '1 octet'],
    [sizeText(830_000), '830 ko'],
    [sizeText(1_234_567), '1,2 Mo'],
    [String(progressPercent(0, 0)), '0'],
    [String(progressPercent(500, 1000)), '50'],
  ];
  for (const [got, expected] of rows) assert.equal(got, expected);
});

test('formula-like text, Excel dates, sheet names', () => {
  for (const [text, formula] of [
    ['=1+1', true],
    ['+33 6', true],
    ['-x', true],
    ['@SUM', true],
    ['Élodie', false],
    ['a=b', false],
  ] as const)
    assert.equal(isFormulaLike(text), formula, text);
  assert.equal(excelSerial('1900-03-01'), 61);
  assert.equal(excelSerial('2024-05-17'), 45429);
  assert.equal(excelSerial('2024-05-17T12:00'), 45429.5);
  assert.deepEqual(sheetNames(['Dossiers', 'Dépenses [2024]: a/b', 'dossiers', 'x'.repeat(40)]), [
    'Dossiers',
    'Dépenses  2024   a b',
    'dossiers 2',
    'x'.repeat(31),
  ]);
});
