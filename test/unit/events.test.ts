import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { DOSSIER_EVENT_TYPES, DOSSIER_MACHINE } from '../../src/domain/dossier-state.ts';
import { EVENT_LABELS, EVENT_SCHEMAS, EVENT_TYPES, isEventType, parseEventPayload } from '../../src/domain/events.ts';
import { historyLabel } from '../../src/domain/history-labels.ts';
import type { CommandContext } from '../../src/features/command.ts';
import type { EffectHandlers } from '../../src/features/instruction/effects.ts';
import { notifyNewDossierJob } from '../../src/jobs/notify-new-dossier.ts';

describe('dossier events: every type has a schema and a label', () => {
  test('the machine events are all declared', () => {
    for (const type of DOSSIER_EVENT_TYPES) assert.ok(isEventType(type), type);
    for (const [action, spec] of Object.entries(DOSSIER_MACHINE)) assert.ok(isEventType(spec.event), action);
  });

  for (const type of EVENT_TYPES)
    test(type, () => {
      assert.ok(EVENT_SCHEMAS[type], `${type}: no schema`);
      assert.equal(typeof EVENT_LABELS[type], 'string', `${type}: no label`);
      assert.ok(EVENT_LABELS[type].length > 0);
      assert.equal(historyLabel(type), EVENT_LABELS[type]);
    });

  test('labels and schemas list the same types', () => {
    assert.deepEqual(Object.keys(EVENT_LABELS).sort(), Object.keys(EVENT_SCHEMAS).sort());
  });

  test('an unknown stored type keeps a readable fallback', () => {
    assert.equal(historyLabel('ancien_type'), 'ancien type');
    assert.equal(isEventType('toString'), false);
  });
});

describe('dossier events: payloads', () => {
  const slot = { starts_at: '2026-03-09T09:00:00.000Z', duration_minutes: 30, mode: 'visio', place: 'https://v' };
  const valid: [string, unknown][] = [
    ['depose', { from: 'brouillon', to: 'en_construction' }],
    ['accepte', { from: 'en_instruction', to: 'accepte', motivation: null }],
    ['refuse', { from: 'en_instruction', to: 'refuse', motivation: 'Pièce manquante' }],
    [
      'correction_demandee',
      { from: 'en_construction', to: 'en_construction', reason: 'incomplete', repasse_en_construction: false },
    ],
    ['conservation_prolongee', { from: 'accepte', to: 'accepte', conservation_extension_months: 1 }],
    ['suivi', { instructor_email: 'a@exemple.fr' }],
    ['labels_modifies', { added: ['Urgent'], removed: [] }],
    ['message_envoye', { message_id: '1', author: 'expert', file_count: 0, awaiting_reply: false }],
    ['envoye_a_instructeur', { instructor_emails: ['b@exemple.fr'], instructor_ids: ['2'] }],
    ['rendez_vous_propose', { rendez_vous_id: '3', sequence: 0, ...slot }],
    ['rendez_vous_modifie', { rendez_vous_id: '3', sequence: 1, ...slot, before: slot }],
    ['expire', { expires_at: null }],
  ];
  for (const [type, data] of valid)
    test(`${type} parses`, () => {
      assert.ok(isEventType(type));
      assert.deepEqual(parseEventPayload(type, data), data);
    });

  const invalid: [string, unknown][] = [
    ['depose', { from: 'brouillon' }],
    ['depose', { from: 'brouillon', to: 'nulle_part' }],
    ['suivi', { instructeur: 'a@exemple.fr' }],
    ['labels_modifies', { added: ['Urgent'], removed: [], extra: 1 }],
    ['correction_demandee', { from: 'en_construction', to: 'en_construction', reason: 'autre' }],
    ['rendez_vous_annule', { rendez_vous_id: '3', sequence: -1, ...slot }],
  ];
  for (const [type, data] of invalid)
    test(`${type} refuses ${JSON.stringify(data)}`, () => {
      assert.ok(isEventType(type));
      assert.throws(() => parseEventPayload(type, data));
    });
});

// Compile-time guarantees (checked by `npm run typecheck`; never run).
export function typeChecks(ctx: CommandContext, handlers: EffectHandlers): void {
  // @ts-expect-error an undeclared event type
  void ctx.recordEvent('1', 'evenement_inconnu', {});
  // @ts-expect-error a payload key of the wrong event
  void ctx.recordEvent('1', 'suivi', { instructeur: 'a@exemple.fr' });
  void ctx.recordEvent('1', 'suivi', { instructor_email: 'a@exemple.fr' });
  // @ts-expect-error a job payload that does not match its schema
  void ctx.enqueue(notifyNewDossierJob, { dossier: '1' });
  void ctx.enqueue(notifyNewDossierJob, { dossierId: '1' });
  // @ts-expect-error an effect map without one of the kinds
  const partial: EffectHandlers = { ...handlers, run_sva_svr: undefined };
  void partial;
  // @ts-expect-error a label map without one of the types
  const labels: typeof EVENT_LABELS = { depose: 'Dossier déposé' };
  void labels;
}
