// The rules behind the decision page and the decided dossier's header (docs/domain.md §2.2): which
// mandatory private annotations are still empty, and which rendez-vous are left after a decision.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyMandatoryAnnotations } from '../../src/domain/annotations.ts';
import { rendezVousLeftAfterDecision } from '../../src/domain/rendez-vous.ts';
import type { DossierState } from '../../src/domain/dossier-state.ts';
import type { ChampsMap, FieldDef } from '../../src/domain/fields/types.ts';

const DEFS: FieldDef[] = [
  { stableId: 'a1', type: 'text', label: 'Référence', mandatory: true, private: true },
  { stableId: 'a2', type: 'yes_no', label: 'Complet ?', mandatory: true, private: true },
  { stableId: 'a3', type: 'text', label: 'Remarque', mandatory: false, private: true },
  {
    stableId: 'a4',
    type: 'text',
    label: 'Motif du refus',
    mandatory: true,
    private: true,
    condition: { op: 'eq', field: 'a2', value: false },
  },
];
const v = (value: unknown) => ({ value, updatedAt: '2026-01-01T00:00:00Z' }) as ChampsMap[string];

test('empty mandatory annotations: visible ones only, in form order', () => {
  const rows: [string, ChampsMap, string[]][] = [
    ['nothing filled', {}, ['a1', 'a2']],
    ['blank text counts as empty', { a1: v('  '), a2: v(true) }, ['a1']],
    ['all filled, condition false', { a1: v('R-1'), a2: v(true) }, []],
    ['condition true makes a4 required', { a1: v('R-1'), a2: v(false) }, ['a4']],
    ['optional ones never count', { a1: v('R-1'), a2: v(false), a4: v('Hors délai') }, []],
  ];
  for (const [name, values, expected] of rows)
    assert.deepEqual(
      emptyMandatoryAnnotations(DEFS, values).map((d) => d.stableId),
      expected,
      name,
    );
});

test('rendez-vous left after a decision: to come, not cancelled, decided dossiers only', () => {
  const now = new Date('2026-03-02T09:00:00Z');
  const future = { id: 'f', startsAt: new Date('2026-03-10T09:00:00Z'), cancelledAt: null };
  const past = { id: 'p', startsAt: new Date('2026-03-01T09:00:00Z'), cancelledAt: null };
  const cancelled = { id: 'c', startsAt: new Date('2026-03-10T09:00:00Z'), cancelledAt: now };
  const rows: [DossierState, string[]][] = [
    ['en_construction', []],
    ['en_instruction', []],
    ['accepte', ['f']],
    ['refuse', ['f']],
    ['sans_suite', ['f']],
  ];
  for (const [state, expected] of rows)
    assert.deepEqual(
      rendezVousLeftAfterDecision(state, [future, past, cancelled], now).map((r) => r.id),
      expected,
      state,
    );
});
