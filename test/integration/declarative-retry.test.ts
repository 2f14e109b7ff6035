// The declarative step tried again (docs/domain.md §2.6): a dossier whose automatic acceptance was
// refused at deposit (a mandatory private annotation empty) stays en construction; the periodic job
// accepts it once the annotation is filled, and leaves it while it is not. A procedure made
// declarative after deposits gets its en construction dossiers passed en instruction the same way.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { createDossier, createGroupe, createProcedure, createUser } from '../factories/index.ts';
import { JOBS, drainJobs } from '../../src/jobs/index.ts';
import { runDeclarativeRetries } from '../../src/features/instruction/retry-declarative.ts';

let app: TestApp;
before(async () => {
  app = await createTestApp();
});
after(async () => closeTestApp(app));

const row = (id: string) => app.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe(`declarative step retried (${engine})`, () => {
  test('automatic acceptance once the mandatory annotation is filled', async () => {
    const procedure = await createProcedure(app, {
      annotations: [{ stableId: 'a1', type: 'text', label: 'Visa du service', mandatory: true, private: true }],
    });
    await app.db.updateTable('procedures').set({ declarative: 'accepte' }).where('id', '=', procedure.id).execute();
    const instructeur = await createUser(app, { roles: ['instructeur'] });
    const usager = await createUser(app);
    const groupe = await createGroupe(app, procedure.id, { members: [instructeur] });
    const id = await createDossier(app, { procedure, groupeId: groupe, usager });
    assert.equal((await row(id)).state, 'en_construction', 'blocked at deposit');

    assert.deepEqual(await runDeclarativeRetries(app), [], 'still blocked: left as it is');
    assert.equal((await row(id)).state, 'en_construction');

    await app.db
      .updateTable('dossiers')
      .set({ annotations: JSON.stringify({ a1: { value: 'Vu', updatedAt: new Date().toISOString() } }) })
      .where('id', '=', id)
      .execute();
    assert.ok(
      JOBS.some((j) => j.name === 'declarative-retry' && j.cron),
      'a scheduled job',
    );
    assert.deepEqual(await runDeclarativeRetries(app), [id]);
    const d = await row(id);
    assert.equal(d.state, 'accepte');
    assert.ok(d.declarative_triggered_at);
    const ev = await app.db
      .selectFrom('dossier_events')
      .select('type')
      .where('dossier_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(ev.type, 'accepte_automatiquement');
    await drainJobs(app);
    const mail = await app.db
      .selectFrom('outbox_emails')
      .select('subject')
      .where('to_email', '=', usager.email)
      .execute();
    assert.ok(
      mail.some((m) => /accepté/.test(m.subject)),
      'the usager is told',
    );
    assert.deepEqual(await runDeclarativeRetries(app), [], 'once only');
  });

  test('a procedure made declarative en instruction: its en construction dossiers pass', async () => {
    const procedure = await createProcedure(app);
    const instructeur = await createUser(app, { roles: ['instructeur'] });
    const usager = await createUser(app);
    const groupe = await createGroupe(app, procedure.id, { members: [instructeur] });
    const id = await createDossier(app, { procedure, groupeId: groupe, usager });
    const hidden = await createDossier(app, { procedure, groupeId: groupe, usager });
    await app.db.updateTable('dossiers').set({ hidden_by_user_at: new Date() }).where('id', '=', hidden).execute();
    assert.deepEqual(await runDeclarativeRetries(app), [], 'not declarative: nothing');
    await app.db
      .updateTable('procedures')
      .set({ declarative: 'en_instruction' })
      .where('id', '=', procedure.id)
      .execute();
    assert.deepEqual(await runDeclarativeRetries(app), [id]);
    assert.equal((await row(id)).state, 'en_instruction');
    assert.equal((await row(hidden)).state, 'en_construction', 'a dossier the usager deleted is left');
  });
});
