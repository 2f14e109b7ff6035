// The dossier write path end to end on a real database: follow, passer en instruction, decisions
// with their events, e-mails (to a real SMTP receiver), badges, concurrency and refusals.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { procedureFixture, dossier, type Fixture } from '../helpers/fixtures.ts';
import { transitionDossier } from '../../src/features/instruction/transition-dossier.ts';
import { followDossier, unfollowDossier } from '../../src/features/instruction/follow-dossier.ts';
import { drainJobs } from '../../src/jobs/index.ts';

let app: TestApp;
let f: Fixture;
let smtp: SMTPServer;
const received: { to: string; raw: string }[] = [];

before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (b: Buffer) => (raw += b.toString('utf8')));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const port = (smtp.server.address() as AddressInfo).port;
  app = await createTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
  f = await procedureFixture(app);
});
after(async () => {
  await closeTestApp(app);
  await new Promise<void>((r) => smtp.close(() => r()));
});

const actor = (u: { id: string; email: string }) => ({ userId: u.id, email: u.email });

describe(`dossier transitions on ${engine}`, () => {
  test('passer en instruction then accepter: state, events, follow, system messages, e-mails over SMTP', async () => {
    const id = await dossier(app, f);
    await followDossier(app, actor(f.instructeurA), { dossierId: id });
    await transitionDossier(app, actor(f.instructeurA), { dossierId: id, action: 'passer_en_instruction' });
    app.clock.advanceDays(3);
    await transitionDossier(app, actor(f.instructeurA), {
      dossierId: id,
      action: 'accepter',
      motivation: '  Dossier complet.  ',
    });
    const d = await app.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(d.state, 'accepte');
    assert.equal(d.motivation, 'Dossier complet.');
    assert.ok(d.processed_at && d.en_instruction_at && d.processed_at > d.en_instruction_at);
    assert.ok(d.expires_at, 'a processed dossier expires (procedure default)');
    const events = await app.db
      .selectFrom('dossier_events')
      .select(['type', 'actor_email', 'data'])
      .where('dossier_id', '=', id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map((e) => e.type),
      ['suivi', 'passe_en_instruction', 'accepte'],
    );
    assert.equal(events[2].actor_email, f.instructeurA.email);
    assert.equal((events[2].data as any).motivation, 'Dossier complet.');
    const system = await app.db
      .selectFrom('messages')
      .select('body')
      .where('dossier_id', '=', id)
      .where('author_kind', '=', 'system')
      .orderBy('id')
      .execute();
    assert.equal(system.length, 2);
    assert.match(system[1].body, /accepté/);
    await drainJobs(app);
    const mails = received.filter((m) => m.to === f.usager.email);
    assert.equal(mails.length, 2, 'en instruction + accepté');
    const outbox = await app.db
      .selectFrom('outbox_emails')
      .select(['sent_at', 'subject'])
      .where('to_email', '=', f.usager.email)
      .execute();
    assert.deepEqual(outbox.map((m) => m.subject.match(/(en cours d’instruction|accepté)/)?.[1]).sort(), [
      'accepté',
      'en cours d’instruction',
    ]);
    assert.ok(
      outbox.every((m) => m.sent_at !== null),
      'marked sent after SMTP accepted it',
    );
  });

  test('refuser needs a motivation: French error, nothing written', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    await assert.rejects(
      transitionDossier(app, actor(f.instructeurA), { dossierId: id, action: 'refuser', motivation: '   ' }),
      (e: any) => e.code === 'invalid_input' && /motivation/i.test(e.message),
    );
    const d = await app.db
      .selectFrom('dossiers')
      .select(['state', 'lock_version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(d, { state: 'en_instruction', lock_version: 0 });
    const events = await app.db.selectFrom('dossier_events').select('id').where('dossier_id', '=', id).execute();
    assert.equal(events.length, 0);
  });

  test('a transition not allowed from the current state is refused in French', async () => {
    const id = await dossier(app, f, { state: 'en_construction' });
    await assert.rejects(
      transitionDossier(app, actor(f.instructeurA), { dossierId: id, action: 'accepter' }),
      (e: any) => e.code === 'invalid_transition' && typeof e.message === 'string' && e.message.length > 10,
    );
  });

  test('an instructor of another group gets not_found, not forbidden', async () => {
    const id = await dossier(app, f);
    await assert.rejects(
      transitionDossier(app, actor(f.instructeurB), { dossierId: id, action: 'passer_en_instruction' }),
      (e: any) => e.code === 'not_found',
    );
    await assert.rejects(
      followDossier(app, actor(f.instructeurB), { dossierId: id }),
      (e: any) => e.code === 'not_found',
    );
  });

  test('two instructors at once: the stale one gets a conflict and nothing half-applied', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const seen = 0;
    await transitionDossier(app, actor(f.instructeurA), { dossierId: id, action: 'accepter', lockVersion: seen });
    await assert.rejects(
      transitionDossier(app, actor(f.instructeurA2), {
        dossierId: id,
        action: 'refuser',
        motivation: 'Incomplet',
        lockVersion: seen,
      }),
      (e: any) => e.code === 'conflict' && /modifié par quelqu'un d'autre/.test(e.message),
    );
    const d = await app.db
      .selectFrom('dossiers')
      .select(['state', 'motivation'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(d, { state: 'accepte', motivation: null });
  });

  test('correction request: back to construction, pending, message, badges for followers, e-mail delayed', async () => {
    await drainJobs(app); // e-mails of earlier tests
    const id = await dossier(app, f, { state: 'en_instruction' });
    await followDossier(app, actor(f.instructeurA2), { dossierId: id });
    await transitionDossier(app, actor(f.instructeurA), {
      dossierId: id,
      action: 'demander_correction',
      correctionMessage: 'Merci de joindre le budget.',
      correctionReason: 'incomplete',
    });
    const d = await app.db
      .selectFrom('dossiers')
      .select(['state', 'pending_correction'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(d, { state: 'en_construction', pending_correction: true });
    const c = await app.db
      .selectFrom('corrections')
      .select(['reason', 'resolved_at'])
      .where('dossier_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(c.reason, 'incomplete');
    const badges = await app.db
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('dossier_id', '=', id)
      .orderBy('kind')
      .execute();
    assert.ok(
      badges.some((b) => b.user_id === f.instructeurA2.id && b.kind === 'message'),
      'the other follower gets a message badge',
    );
    assert.ok(!badges.some((b) => b.user_id === f.instructeurA.id && b.kind === 'message'), 'not the author');
    const before = received.length;
    await drainJobs(app);
    assert.equal(received.length, before, 'the correction e-mail waits 5 minutes');
  });

  test('follow / unfollow: depose badge removed for everyone, followed badges dropped on unfollow', async () => {
    const id = await dossier(app, f);
    await app.db
      .insertInto('notifications')
      .values([{ dossier_id: id, user_id: f.instructeurA2.id, kind: 'dossier_depose' }])
      .execute();
    await followDossier(app, actor(f.instructeurA), { dossierId: id });
    assert.equal(
      (
        await app.db
          .selectFrom('notifications')
          .select('kind')
          .where('dossier_id', '=', id)
          .where('kind', '=', 'dossier_depose')
          .execute()
      ).length,
      0,
    );
    await app.db
      .insertInto('notifications')
      .values([{ dossier_id: id, user_id: f.instructeurA.id, kind: 'message' }])
      .execute();
    await unfollowDossier(app, actor(f.instructeurA), { dossierId: id });
    const left = await app.db
      .selectFrom('notifications')
      .select('kind')
      .where('dossier_id', '=', id)
      .where('user_id', '=', f.instructeurA.id)
      .execute();
    assert.deepEqual(left, []);
    const follow = await app.db
      .selectFrom('follows')
      .select('unfollowed_at')
      .where('dossier_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.ok(follow.unfollowed_at);
  });

  test('declarative procedure: deposit passes the dossier en instruction automatically', async () => {
    const g = await procedureFixture(app, { declarative: 'en_instruction' });
    const id = await dossier(app, g, { state: 'brouillon' });
    const { applyTransition } = await import('../../src/features/instruction/transition.ts');
    const { defineCommand } = await import('../../src/features/command.ts');
    const { z } = await import('zod');
    const deposer = defineCommand({
      name: 't-deposer',
      authorize: () => {},
      input: z.object({ id: z.string() }),
      run: (ctx, i) => applyTransition(ctx, { dossierId: i.id, action: 'deposer', actorKind: 'usager' }),
    });
    await deposer(app, actor(g.usager), { id });
    const d = await app.db
      .selectFrom('dossiers')
      .select(['state', 'declarative_triggered_at', 'expires_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(d.state, 'en_instruction');
    assert.equal(d.expires_at, null);
    const events = await app.db
      .selectFrom('dossier_events')
      .select('type')
      .where('dossier_id', '=', id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map((e) => e.type),
      ['depose', 'passe_en_instruction_automatiquement'],
    );
  });
});
