// Events stored with the former French payload keys are renamed by migration 0015 so that every
// stored event parses with today's schemas (and the history shows its details).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseEventPayload, type EventType } from '../../src/domain/events.ts';
import { down, RENAMED_KEYS, up } from '../../src/platform/db/migrations/0015-event-payload-keys.ts';
import { createDossier, createGroupe, createProcedure, createUser } from '../factories/index.ts';
import { closeTestApp, createTestApp, type TestApp } from '../helpers/app.ts';

let app: TestApp;
let dossierId: string;

const OLD: { type: EventType; data: Record<string, unknown> }[] = [
  { type: 'suivi', data: { instructeur: 'agent@exemple.fr' } },
  { type: 'plus_suivi', data: { instructeur: 'agent@exemple.fr' } },
  { type: 'labels_modifies', data: { ajoutes: ['Urgent'], retires: [] } },
  { type: 'annotation_modifiee', data: { champs: ['Avis du service'] } },
  { type: 'attestation_generee', data: { fichier: 'f-1' } },
  { type: 'message_envoye', data: { message_id: '7', auteur: 'usager', fichiers: 2, attente_reponse: false } },
  { type: 'message_supprime', data: { message_id: '7', correction_resolue: true } },
  { type: 'envoye_a_instructeur', data: { instructeurs: ['b@exemple.fr'], instructeur_ids: ['3'] } },
];

before(async () => {
  app = await createTestApp();
  const procedure = await createProcedure(app);
  const groupeId = await createGroupe(app, procedure.id);
  const usager = await createUser(app);
  dossierId = await createDossier(app, { procedure, groupeId, usager });
  await app.db
    .insertInto('dossier_events')
    .values(OLD.map((e) => ({ dossier_id: dossierId, type: e.type, data: JSON.stringify(e.data) })))
    .execute();
});
after(() => closeTestApp(app));

async function storedOld() {
  return app.db
    .selectFrom('dossier_events')
    .select(['type', 'data'])
    .where('dossier_id', '=', dossierId)
    .where('type', 'in', [...new Set(RENAMED_KEYS.map(([t]) => t))])
    .orderBy('id')
    .execute();
}

test('every renamed type is covered by a sample event', () => {
  for (const [type] of RENAMED_KEYS)
    assert.ok(
      OLD.some((e) => e.type === type),
      type,
    );
});

test('after the migration every old event parses with the current schema, values kept', async () => {
  await up(app.db);
  await up(app.db); // idempotent
  const rows = await storedOld();
  assert.equal(rows.length, OLD.length);
  for (const r of rows) assert.doesNotThrow(() => parseEventPayload(r.type as EventType, r.data), r.type);
  const msg = rows.find((r) => r.type === 'message_envoye')?.data;
  assert.deepEqual(msg, { message_id: '7', author: 'usager', file_count: 2, awaiting_reply: false });
});

test('down restores the old keys', async () => {
  await down(app.db);
  const rows = await storedOld();
  assert.deepEqual(
    rows.map((r) => r.data),
    OLD.map((e) => e.data),
  );
  await up(app.db);
});
