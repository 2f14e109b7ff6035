// The write path's rules, checked over the whole of src/features: every command declares who may run
// it (authorize), a 'system' command refuses any other actor, a dossier command refuses an outsider
// before running, and drainJobs does not depend on the order of the job catalogue.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier } from '../helpers/fixtures.ts';
import { dossierProcedure, type DossierFixture } from './dossier-fixture.ts';
import { COMMANDS, SYSTEM_ACTOR } from '../../src/features/command.ts';
import { JOBS, drainJobs } from '../../src/jobs/index.ts';
import { transitionDossier } from '../../src/features/instruction/transition-dossier.ts';
import { followDossier } from '../../src/features/instruction/follow-dossier.ts';
import { hideExpiredDossiers } from '../../src/features/retention/hide-expired.ts';
import { generateAttestation } from '../../src/features/attestations/generate-attestation.ts';

const FEATURES = path.resolve(import.meta.dirname, '../../src/features');

function featureFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? featureFiles(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
    );
}

/** Every command exported by a file of src/features (a function carrying its commandName), with its file. */
async function exportedCommands(): Promise<Map<string, string>> {
  const found = new Map<string, { fn: unknown; file: string }>();
  for (const file of featureFiles(FEATURES)) {
    const mod = await import(pathToFileURL(file).href);
    for (const value of Object.values(mod)) {
      if (typeof value !== 'function' || typeof (value as any).commandName !== 'string') continue;
      const name: string = (value as any).commandName;
      const where = path.relative(FEATURES, file);
      const seen = found.get(name);
      assert.ok(!seen || seen.fn === value, `two commands named ${name}: ${seen?.file} and ${where}`);
      found.set(name, { fn: value, file: where });
    }
  }
  return new Map([...found].map(([name, { file }]) => [name, file]));
}

describe('every command of src/features declares its authorize', () => {
  test('registered with authorize = system or a check', async () => {
    const exported = await exportedCommands();
    assert.ok(exported.size >= 30, `only ${exported.size} commands found`);
    for (const [name, file] of exported) {
      const def = COMMANDS.get(name);
      assert.ok(def, `${name} (${file}) is not registered by defineCommand`);
      assert.ok(
        def.authorize === 'system' || typeof def.authorize === 'function',
        `${name} (${file}) has no authorize`,
      );
    }
  });

  test('the schedules and jobs are system commands', () => {
    for (const name of [
      'warn-expiring-dossiers',
      'hide-expired-dossiers',
      'purge-hidden-dossiers',
      'generate-attestation',
    ])
      assert.equal(COMMANDS.get(name)?.authorize, 'system', name);
  });
});

let app: TestApp;
let f: DossierFixture;
const actor = (u: { id: string; email: string }) => ({ userId: u.id, email: u.email });

before(async () => {
  app = await createTestApp();
  f = await dossierProcedure(app);
});
after(async () => closeTestApp(app));

describe(`authorize runs before the command (${engine})`, () => {
  test("a 'system' command refuses any other actor, signed in or anonymous", async () => {
    for (const who of [actor(f.instructeurA), actor(f.admin), { userId: null, email: 'anonyme' }])
      await assert.rejects(hideExpiredDossiers(app, who, {}), (e: any) => e.code === 'forbidden');
    const id = await dossier(app, f, { state: 'accepte' });
    await assert.rejects(
      generateAttestation(app, actor(f.instructeurA), { dossierId: id }),
      (e: any) => e.code === 'forbidden',
    );
    const r = await hideExpiredDossiers(app, SYSTEM_ACTOR, {});
    assert.equal(r.ids.length, 0);
  });

  test('an instructor of another group gets not_found, and nothing is written', async () => {
    const id = await dossier(app, f, { state: 'en_construction' });
    await assert.rejects(
      followDossier(app, actor(f.instructeurB), { dossierId: id }),
      (e: any) => e.code === 'not_found',
    );
    await assert.rejects(
      transitionDossier(app, actor(f.instructeurB), { dossierId: id, action: 'passer_en_instruction' }),
      (e: any) => e.code === 'not_found',
    );
    const events = await app.db.selectFrom('dossier_events').select('type').where('dossier_id', '=', id).execute();
    assert.deepEqual(events, []);
    // the usager sees his dossier but may not instruct it: forbidden (from the transition's own check)
    await assert.rejects(
      transitionDossier(app, actor(f.usager), { dossierId: id, action: 'passer_en_instruction' }),
      (e: any) => e.code === 'forbidden',
    );
  });
});

describe(`drainJobs does not depend on the job catalogue's order (${engine})`, () => {
  const orders: [string, () => typeof JOBS][] = [
    ['reversed', () => [...JOBS].reverse()],
    [
      'e-mails first',
      () => [...JOBS].sort((a, b) => Number(b.name.startsWith('notify')) - Number(a.name.startsWith('notify'))),
    ],
  ];
  for (const [label, order] of orders)
    test(`acceptance: one attestation, attached to the e-mail (${label})`, async () => {
      const id = await dossier(app, f, { state: 'en_instruction' });
      await transitionDossier(app, actor(f.instructeurA), { dossierId: id, action: 'accepter' });
      await drainJobs(app, { jobs: order() });
      const att = await app.db
        .selectFrom('attestations')
        .innerJoin('files', 'files.id', 'attestations.file_id')
        .select(['files.id', 'files.storage_key', 'files.name'])
        .where('attestations.dossier_id', '=', id)
        .execute();
      assert.equal(att.length, 1);
      assert.ok(app.storage.files.has(att[0]!.storage_key));
      const mails = await app.db
        .selectFrom('outbox_emails')
        .select(['subject', 'attachments'])
        .where('to_email', '=', f.usager.email)
        .where('subject', 'like', '%accepté%')
        .orderBy('id', 'desc')
        .execute();
      assert.ok(mails.length >= 1, 'the acceptance e-mail was sent');
      assert.deepEqual(
        (mails[0]!.attachments as { fileId?: string }[]).map((a) => a.fileId),
        [att[0]!.storage_key],
      );
      const events = await app.db
        .selectFrom('dossier_events')
        .select('type')
        .where('dossier_id', '=', id)
        .where('type', '=', 'attestation_generee')
        .execute();
      assert.equal(events.length, 1);
    });
});
