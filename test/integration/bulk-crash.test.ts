// A bulk acceptance survives its worker being killed (docs/domain.md §8), PostgreSQL only (a worker
// in another process): 2 000 dossiers, the worker killed with SIGKILL midway, a new worker started;
// every dossier accepted exactly once, with exactly one e-mail and one attestation, and the banner's
// count right. The new worker resumes the operation at once; the e-mail and attestation jobs the
// killed worker held are run again by pg-boss once they expire (about two minutes).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { createBulkOperation } from '../../src/features/bulk/create-bulk-operation.ts';
import { bulkBanners } from '../../src/queries/bulk-operations.ts';
import { seedBulkProcedure, type BulkSeed } from '../../tools/load/bulk-seed.ts';

const N = 2000;
let app: TestApp;
let seed: BulkSeed;
const children: ChildProcess[] = [];
const dataDir = path.join(os.tmpdir(), `guichet-bulk-crash-${process.pid}`);

function startWorkerProcess(): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'bulk-worker-child.ts'), app.database.url!, dataDir],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  children.push(child);
  return child;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | false>, seconds: number): Promise<T> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`attente trop longue : ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const n = async (q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(app.db)).rows[0].n;

describe(`bulk acceptance survives a killed worker (${engine})`, {
  // CI runs it once, on the machine's Node (GUICHET_SKIP_CRASH_TEST on the second runtime's pass): it
  // is the longest test and checks PostgreSQL's behaviour, not the runtime's.
  skip:
    (engine !== 'postgres' && 'PostgreSQL seulement') ||
    (process.env.GUICHET_SKIP_CRASH_TEST === '1' && 'déjà exécuté sur ce serveur dans cette passe de CI'),
}, () => {
  before(async () => {
    app = await createTestApp();
    seed = await seedBulkProcedure(app, N, 'crash');
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await closeTestApp(app);
  });

  test('SIGKILL midway, a new worker: each dossier accepted once, one e-mail and one attestation each', async () => {
    const { operationId } = await createBulkOperation(app, seed.instructeur, {
      procedureId: seed.procedureId,
      action: 'accepter',
      tab: 'suivis',
      all: true,
      dossierIds: [],
      motivation: 'Dossier complet.',
    });
    const progress = async () =>
      await app.db.selectFrom('bulk_operations').selectAll().where('id', '=', operationId).executeTakeFirstOrThrow();

    const first = startWorkerProcess();
    const atKill = await waitFor(
      'la moitié des dossiers',
      async () => {
        const p = await progress();
        return p.succeeded >= N / 3 && p.succeeded < N ? p.succeeded : null;
      },
      900,
    );
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const afterKill = (await progress()).succeeded;
    assert.ok(afterKill < N, `killed midway (${atKill} → ${afterKill} accepted)`);

    startWorkerProcess();
    await waitFor('la fin de l’action de masse', async () => (await progress()).state === 'done', 900);
    await waitFor(
      'les e-mails et les attestations',
      async () =>
        (await n(sql`SELECT count(*)::int AS n FROM outbox_emails WHERE subject LIKE '%a été accepté%'`)) >= N &&
        (await n(sql`SELECT count(*)::int AS n FROM attestations`)) >= N,
      900,
    );
    // let any retried job of the killed worker finish: nothing more may be written
    await new Promise((r) => setTimeout(r, 3000));

    assert.equal(await n(sql`SELECT count(*)::int AS n FROM dossiers WHERE state = 'accepte'`), N);
    assert.equal(
      await n(sql`SELECT count(*)::int AS n FROM (SELECT dossier_id FROM dossier_events WHERE type = 'accepte'
                  GROUP BY dossier_id HAVING count(*) <> 1) x`),
      0,
      'one acceptance per dossier',
    );
    assert.equal(await n(sql`SELECT count(*)::int AS n FROM dossier_events WHERE type = 'accepte'`), N);
    assert.equal(
      await n(sql`SELECT count(*)::int AS n FROM (SELECT subject FROM outbox_emails WHERE subject LIKE '%a été accepté%'
                  GROUP BY subject HAVING count(*) <> 1) x`),
      0,
      'one e-mail per dossier',
    );
    assert.equal(await n(sql`SELECT count(*)::int AS n FROM outbox_emails WHERE subject LIKE '%a été accepté%'`), N);
    assert.equal(await n(sql`SELECT count(*)::int AS n FROM attestations`), N);
    assert.equal(await n(sql`SELECT count(*)::int AS n FROM dossier_events WHERE type = 'attestation_generee'`), N);
    assert.equal(await n(sql`SELECT count(*)::int AS n FROM files WHERE origin = 'attestation'`), N);

    const banners = await bulkBanners(app.db, seed.instructeur.userId, seed.procedureId, app.clock.now());
    assert.equal(banners.length, 1);
    assert.deepEqual(
      {
        running: banners[0].running,
        processed: banners[0].processed,
        total: banners[0].total,
        failed: banners[0].failed,
      },
      { running: false, processed: N, total: N, failed: 0 },
    );
    console.log(
      `crash test: killed at ${afterKill} / ${N} accepted; after restart ${N} accepted once, ${N} e-mails, ${N} attestations`,
    );
  });
});
