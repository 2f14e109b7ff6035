import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkContact,
  contactLines,
  removalRefusal,
  selfManagementRefusal,
} from '../../src/domain/groupe-management.ts';
import { checkLabelName } from '../../src/domain/labels.ts';

describe('selfManagementRefusal', () => {
  const rows: [boolean, boolean, RegExp | null][] = [
    [true, true, null],
    [false, true, /pas activé l'auto-gestion/],
    [true, false, /pas instructeur de ce groupe/],
  ];
  for (const [selfManagement, member, expected] of rows)
    test(`self-management ${selfManagement}, member ${member}`, () => {
      const r = selfManagementRefusal({ selfManagement, member });
      if (expected) assert.match(r!, expected);
      else assert.equal(r, null);
    });
});

describe('removalRefusal: never the last instructor', () => {
  const rows: [number, boolean, RegExp | null][] = [
    [2, true, null],
    [1, true, /dernier instructeur/],
    [3, false, /pas instructeur de ce groupe/],
  ];
  for (const [memberCount, isMember, expected] of rows)
    test(`${memberCount} members, member ${isMember}`, () => {
      const r = removalRefusal({ memberCount, isMember });
      if (expected) assert.match(r!, expected);
      else assert.equal(r, null);
    });
});

describe('checkContact', () => {
  const ok = {
    service: ' Service ',
    adresse: '1 rue',
    email: 'a@b.fr',
    telephone: '+33 1 23 45 67 89',
    horaires: '9 h – 17 h',
  };
  const rows: [string, Partial<typeof ok>, string | null][] = [
    ['valid', {}, null],
    ['empty service', { service: ' ' }, 'service'],
    ['bad e-mail', { email: 'a@b' }, 'email'],
    ['bad phone', { telephone: 'appelez-nous' }, 'telephone'],
    ['too long address', { adresse: 'x'.repeat(501) }, 'adresse'],
  ];
  for (const [name, change, field] of rows)
    test(name, () => {
      const r = checkContact({ ...ok, ...change });
      if (field === null) {
        assert.ok(r.ok);
        if (r.ok) assert.equal(r.contact.service, 'Service');
      } else assert.ok(!r.ok && field in r.fields);
    });
  test('lines at the foot of the e-mails', () => {
    assert.deepEqual(contactLines(ok), [
      ' Service ',
      '1 rue',
      'E-mail : a@b.fr',
      'Téléphone : +33 1 23 45 67 89',
      'Horaires : 9 h – 17 h',
    ]);
  });
});

describe('checkLabelName', () => {
  const rows: [string, string[], string | RegExp][] = [
    ['  À   examiner ', [], 'À examiner'],
    ['x'.repeat(30), [], 'x'.repeat(30)],
    ['x'.repeat(31), [], /30 caractères/],
    ['', [], /Saisissez/],
    ['URGENT', ['Urgent'], /déjà ce nom/],
  ];
  for (const [raw, others, expected] of rows)
    test(JSON.stringify(raw), () => {
      const r = checkLabelName(raw, others);
      if (typeof expected === 'string') assert.deepEqual(r, { ok: true, name: expected });
      else assert.ok(!r.ok && expected.test(r.message));
    });
});
