import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeText, foldLine, icsDateTime, renderIcs } from '../../src/platform/documents/ics.ts';

test('UTC date-times', () => {
  assert.equal(icsDateTime(new Date('2026-03-10T09:30:00.123Z')), '20260310T093000Z');
});

test('TEXT escaping', () => {
  const rows: [string, string][] = [
    ['a,b;c', 'a\\,b\\;c'],
    ['back\\slash', 'back\\\\slash'],
    ['deux\nlignes', 'deux\\nlignes'],
    ['crlf\r\nici', 'crlf\\nici'],
    ['« Mairie »', '« Mairie »'],
  ];
  for (const [input, expected] of rows) assert.equal(escapeText(input), expected);
});

test('folding at 75 octets, never inside a UTF-8 character', () => {
  const line = `DESCRIPTION:${'é'.repeat(100)}`;
  const folded = foldLine(line);
  const parts = folded.split('\r\n');
  assert.ok(parts.length > 1);
  for (const p of parts) assert.ok(Buffer.byteLength(p) <= 75, p);
  assert.ok(parts.slice(1).every((p) => p.startsWith(' ')));
  assert.equal(parts.map((p, i) => (i ? p.slice(1) : p)).join(''), line);
  assert.equal(foldLine('SHORT:x'), 'SHORT:x');
  assert.equal(foldLine('X'.repeat(75)), 'X'.repeat(75));
  assert.equal(foldLine('X'.repeat(76)), `${'X'.repeat(75)}\r\n X`);
});

test('a REQUEST and its CANCEL share the UID', () => {
  const base = {
    uid: 'rendez-vous-7@guichet.test',
    sequence: 0,
    start: new Date('2026-03-10T09:30:00Z'),
    end: new Date('2026-03-10T10:15:00Z'),
    stamp: new Date('2026-03-02T09:00:00Z'),
    summary: 'Rendez-vous — dossier nº 7',
    location: 'Mairie, salle 2',
    url: 'https://guichet.test/dossiers/7',
    organizer: { email: 'service@exemple.fr', name: 'Service "Sports"' },
    attendee: { email: 'lea@exemple.fr', name: 'Léa Martin' },
  };
  const req = renderIcs({ ...base, method: 'REQUEST' });
  const cancel = renderIcs({ ...base, method: 'CANCEL', sequence: 2 });
  assert.ok(req.endsWith('\r\n'));
  assert.ok(!/[^\r]\n/.test(req), 'CRLF only');
  for (const [ics, method, status, seq] of [
    [req, 'REQUEST', 'CONFIRMED', '0'],
    [cancel, 'CANCEL', 'CANCELLED', '2'],
  ] as const) {
    const u = ics.replace(/\r\n /g, '');
    assert.match(u, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\nPRODID:[^\r]+\r\n/);
    assert.match(u, new RegExp(`\r\nMETHOD:${method}\r\n`));
    assert.match(u, new RegExp(`\r\nSTATUS:${status}\r\n`));
    assert.match(u, new RegExp(`\r\nSEQUENCE:${seq}\r\n`));
    assert.match(u, /\r\nUID:rendez-vous-7@guichet\.test\r\n/);
    assert.match(u, /\r\nDTSTART:20260310T093000Z\r\nDTEND:20260310T101500Z\r\n/);
    assert.match(u, /\r\nLOCATION:Mairie\\, salle 2\r\n/);
    assert.match(u, /\r\nORGANIZER;CN="Service Sports":mailto:service@exemple\.fr\r\n/);
    assert.match(u, /BEGIN:VEVENT[\s\S]*END:VEVENT\r\nEND:VCALENDAR\r\n$/);
  }
});
