// The test factories (test/factories): a dossier in each state is reached through the commands, with
// the history and timestamps the application writes, by the actors who act.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import {
  createDossier,
  createGroupe,
  createMessage,
  createProcedure,
  createUser,
  DEFAULT_MOTIVATION,
  type TestProcedure,
  type TestUser,
} from '../factories/index.ts';
import { verifyPassword } from '../../src/platform/crypto.ts';

describe(`test factories on ${engine}`, () => {
  let app: TestApp;
  let procedure: TestProcedure;
  let groupeId: string;
  let instructeur: TestUser;
  let usager: TestUser;
  before(async () => {
    app = await createTestApp();
    instructeur = await createUser(app, { roles: ['instructeur'] });
    usager = await createUser(app, { password: 'mot-de-passe-de-test' });
    procedure = await createProcedure(app);
    groupeId = await createGroupe(app, procedure.id, { members: [instructeur] });
  });
  after(async () => closeTestApp(app));

  test('users have their roles and, when given, a working password', async () => {
    const roles = await app.db
      .selectFrom('instructeurs')
      .select('user_id')
      .where('user_id', '=', instructeur.id)
      .execute();
    assert.equal(roles.length, 1);
    const u = await app.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', usager.id)
      .executeTakeFirstOrThrow();
    assert.equal(await verifyPassword(u.password_hash!, 'mot-de-passe-de-test'), true);
  });

  test('a procedure with its published form, its administrator and a default group', async () => {
    const p = await app.db
      .selectFrom('procedures')
      .selectAll()
      .where('id', '=', procedure.id)
      .executeTakeFirstOrThrow();
    assert.equal(p.state, 'publiee');
    assert.equal(p.published_revision_id, procedure.revisionId);
    const g = await app.db
      .selectFrom('groupes_instructeurs')
      .selectAll()
      .where('id', '=', groupeId)
      .executeTakeFirstOrThrow();
    assert.equal(g.is_default, true);
    const members = await app.db
      .selectFrom('groupe_members')
      .select('user_id')
      .where('groupe_id', '=', groupeId)
      .execute();
    assert.deepEqual(
      members.map((m) => m.user_id),
      [instructeur.id],
    );
  });

  for (const [state, events] of [
    ['brouillon', []],
    ['en_construction', ['depose']],
    ['en_instruction', ['depose', 'passe_en_instruction']],
    ['accepte', ['depose', 'passe_en_instruction', 'accepte']],
    ['refuse', ['depose', 'passe_en_instruction', 'refuse']],
    ['sans_suite', ['depose', 'passe_en_instruction', 'classe_sans_suite']],
  ] as const) {
    test(`a dossier ${state}, through the commands`, async () => {
      const id = await createDossier(app, {
        procedure,
        groupeId,
        usager,
        instructeur,
        state,
        advanceMs: 3_600_000,
      });
      const d = await app.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(d.state, state);
      const history = await app.db
        .selectFrom('dossier_events')
        .select(['type', 'actor_email', 'created_at'])
        .where('dossier_id', '=', id)
        .where('type', 'not in', ['suivi'])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        history.map((e) => e.type),
        events,
      );
      if (state !== 'brouillon') {
        assert.equal(history[0].actor_email, usager.email);
        assert.deepEqual(history[0].created_at, d.depose_at);
      }
      for (const e of history.slice(1)) assert.equal(e.actor_email, instructeur.email);
      if (state === 'refuse' || state === 'sans_suite') assert.equal(d.motivation, DEFAULT_MOTIVATION);
      if (events.length > 1) assert.ok(d.en_instruction_at! > d.depose_at!, 'the clock moved between the steps');
    });
  }

  test('a message of the usager, in the messagerie and the history', async () => {
    const id = await createDossier(app, { procedure, groupeId, usager });
    await createMessage(app, usager, id, { body: 'Une question.' });
    const m = await app.db
      .selectFrom('messages')
      .selectAll()
      .where('dossier_id', '=', id)
      .where('author_kind', '=', 'usager')
      .execute();
    assert.deepEqual(
      m.map((x) => x.body),
      ['Une question.'],
    );
    const e = await app.db
      .selectFrom('dossier_events')
      .select('type')
      .where('dossier_id', '=', id)
      .where('type', '=', 'message_envoye')
      .execute();
    assert.equal(e.length, 1);
  });
});
