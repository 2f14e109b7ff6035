// Who files the dossier (docs/domain.md §2.8): one row per case.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIdentity } from '../../src/domain/usager-identity.ts';

const CASES: {
  name: string;
  individual: boolean;
  raw: Record<string, string>;
  complete: boolean;
  identity?: Record<string, string | null>;
  errors: string[];
}[] = [
  {
    name: 'a complete person',
    individual: true,
    raw: { civilite: 'Mme', nom: ' Martin ', prenom: 'Léa  Anne' },
    complete: true,
    identity: { civilite: 'Mme', nom: 'Martin', prenom: 'Léa Anne', siret: null },
    errors: [],
  },
  { name: 'a brouillon may be empty', individual: true, raw: {}, complete: false, errors: [] },
  { name: 'the deposit needs all', individual: true, raw: {}, complete: true, errors: ['civilite', 'nom', 'prenom'] },
  {
    name: 'an unknown civilité',
    individual: true,
    raw: { civilite: 'Dr', nom: 'A', prenom: 'B' },
    complete: false,
    errors: ['civilite'],
  },
  { name: 'a name too long', individual: true, raw: { nom: 'x'.repeat(101) }, complete: false, errors: ['nom'] },
  {
    name: 'a valid SIRET with spaces',
    individual: false,
    raw: { siret: '732 829 320 00074', nom: 'ignored' },
    complete: true,
    identity: { civilite: null, nom: null, prenom: null, siret: '73282932000074' },
    errors: [],
  },
  {
    name: 'a SIRET of 13 digits',
    individual: false,
    raw: { siret: '7328293200007' },
    complete: false,
    errors: ['siret'],
  },
  { name: 'a wrong Luhn key', individual: false, raw: { siret: '73282932000075' }, complete: false, errors: ['siret'] },
  { name: 'no SIRET at the deposit', individual: false, raw: {}, complete: true, errors: ['siret'] },
  { name: 'no SIRET in a brouillon', individual: false, raw: {}, complete: false, errors: [] },
];

describe('parseIdentity', () => {
  for (const c of CASES)
    test(c.name, () => {
      const r = parseIdentity(c.individual, c.raw, { complete: c.complete });
      assert.deepEqual(Object.keys(r.errors).sort(), [...c.errors].sort());
      if (c.identity) assert.deepEqual(r.identity, c.identity);
    });
});
