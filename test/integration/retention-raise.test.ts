// Raising a procedure's retention moves its dossiers' expiry later, in a job (docs/domain.md §5): a
// warned dossier is no longer « Expire bientôt »; lowering it, or running the job again, moves nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addMonthsUTC, computeExpiresAt } from '../../src/domain/retention.ts';
import { updateProcedure } from '../../src/features/procedures/update-procedure.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { createDossier, createGroupe, createProcedure, createUser, type TestProcedure } from '../factories/index.ts';
import { closeTestApp, createTestApp, type TestApp } from '../helpers/app.ts';

let app: TestApp;
let procedure: TestProcedure;
let plain: string;
let warned: string;
let hidden: string;

const SETTINGS = {
  title: 'Conservation prolongée',
  description: 'Une démarche.',
  service_name: 'Mairie de Test',
  service_address: '1 place de la Mairie',
  contact_email: 'contact@mairie.test',
  contact_phone: '01 23 45 67 89',
  contact_hours: '9 h – 17 h',
  for_individual: true,
  slug: 'conservation-prolongee',
  closes_on: '',
  declarative: 'none' as const,
  rdv_enabled: false,
  allow_expert_review: false,
  allow_expert_messaging: false,
  instructeurs_self_management: false,
};

async function expiresAt(id: string): Promise<{ expires_at: Date | null; expiry_notice_sent_at: Date | null }> {
  return app.db
    .selectFrom('dossiers')
    .select(['expires_at', 'expiry_notice_sent_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

before(async () => {
  app = await createTestApp({ now: '2026-03-02T09:00:00Z' });
  procedure = await createProcedure(app);
  const groupeId = await createGroupe(app, procedure.id);
  const usager = await createUser(app);
  await app.db
    .updateTable('procedures')
    .set({ retention_months: 12, slug: SETTINGS.slug })
    .where('id', '=', procedure.id)
    .execute();
  [plain, warned, hidden] = [
    await createDossier(app, { procedure, groupeId, usager }),
    await createDossier(app, { procedure, groupeId, usager }),
    await createDossier(app, { procedure, groupeId, usager }),
  ];
  for (const id of [plain, warned, hidden]) {
    const row = await app.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const expires = computeExpiresAt(row, { retention_months: 12, expires_when_termine: true });
    await app.db.updateTable('dossiers').set({ expires_at: expires }).where('id', '=', id).execute();
  }
  await app.db
    .updateTable('dossiers')
    .set({ expiry_notice_sent_at: new Date('2026-03-01T09:00:00Z') })
    .where('id', '=', warned)
    .execute();
  await app.db
    .updateTable('dossiers')
    .set({ hidden_by_user_at: new Date('2026-03-01T09:00:00Z') })
    .where('id', '=', hidden)
    .execute();
});
after(() => closeTestApp(app));

test('raising the retention from 12 to 24 months moves every visible dossier 12 months later', async () => {
  const before = await expiresAt(plain);
  const hiddenBefore = await expiresAt(hidden);
  await updateProcedure(app, procedure.admin, { ...SETTINGS, procedureId: procedure.id, retention_months: 24 });
  await drainJobs(app);
  assert.deepEqual((await expiresAt(plain)).expires_at, addMonthsUTC(before.expires_at!, 12));
  const w = await expiresAt(warned);
  assert.equal(w.expiry_notice_sent_at, null, 'the warning no longer holds');
  assert.deepEqual(w.expires_at, addMonthsUTC(before.expires_at!, 12));
  assert.deepEqual(await expiresAt(hidden), hiddenBefore, 'a dossier deleted by its usager is left alone');
});

test('lowering the retention moves no date earlier', async () => {
  const before = await expiresAt(plain);
  await updateProcedure(app, procedure.admin, { ...SETTINGS, procedureId: procedure.id, retention_months: 6 });
  await drainJobs(app);
  assert.deepEqual(await expiresAt(plain), before);
});
