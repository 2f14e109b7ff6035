// Browser tests: a real Guichet server (in-process, fresh embedded database with the demo data) and
// Debian's Chromium driven by playwright-core, with an axe WCAG 2.1 A/AA check helper.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { createTestApp, closeTestApp, type TestApp } from '../helpers/app.ts';
import { seedDemo, DEMO_ACCOUNTS } from '../../src/seed/demo.ts';
import { drainJobs, startWorker } from '../../src/jobs/index.ts';
import { createWebApp } from '../../src/web/app.tsx';
import { systemClock } from '../../src/platform/clock.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface E2E {
  app: TestApp;
  baseUrl: string;
  context: BrowserContext;
  page: Page;
  /** whether a polling worker runs the jobs (otherwise the journey runs them: runJobsUntil) */
  worker: boolean;
  close(): Promise<void>;
}

/**
 * Start Guichet on a free port with the demo data, and a fresh Chromium profile. `worker: false`: no
 * polling worker, the journey runs the queued jobs itself when it needs their result (runJobsUntil).
 */
export async function startE2E(opts: { worker?: boolean } = {}): Promise<E2E> {
  const worker = opts.worker ?? true;
  const app = await createTestApp({ env: { NODE_ENV: 'test' } });
  (app as any).clock = systemClock; // real time in the browser journeys
  await seedDemo(app);
  if (worker) await startWorker(app, { pollingIntervalSeconds: 0.5 });
  const web = createWebApp(app);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: web.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  app.config.appUrl = baseUrl;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    locale: 'fr-FR',
  });
  context.setDefaultTimeout(15_000);
  const errors: string[] = [];
  context.on('weberror', (e) => errors.push(e.error().message));
  scriptErrors.set(context, errors);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    app,
    baseUrl,
    context,
    page,
    worker,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
      await new Promise((r) => server.close(() => r(undefined)));
      await closeTestApp(app);
    },
  };
}

export function demoAccount(email: string): { email: string; password: string } {
  const a = DEMO_ACCOUNTS.find((x) => x.email === email);
  if (!a) throw new Error(`compte de démonstration inconnu : ${email}`);
  return a;
}

export async function login(e: E2E, email: string): Promise<void> {
  const { password } = demoAccount(email);
  await e.page.goto(`${e.baseUrl}/connexion`);
  await checkA11y(e.page);
  await e.page.getByLabel('Adresse électronique').fill(email);
  await e.page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await e.page.getByRole('button', { name: 'Se connecter' }).click();
  await e.page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
}

/** Uncaught script errors of each browser context (DSFR's or ours): a page that throws is broken. */
const scriptErrors = new WeakMap<BrowserContext, string[]>();

/** Axe WCAG 2.1 A/AA on the current page: fails with the list of violations, or on a script error. */
export async function checkA11y(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  assert.deepEqual(scriptErrors.get(page.context()) ?? [], [], `erreurs JavaScript sur ${page.url()}`);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const msg = result.violations
    .map(
      (v) =>
        `${v.id} (${v.impact}) : ${v.help}\n${v.nodes.map((n) => `   ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`,
    )
    .join('\n');
  assert.equal(result.violations.length, 0, `violations d'accessibilité sur ${page.url()} :\n${msg}`);
}

/** Wait until the e-mail outbox holds a message matching, and return it. */
export async function waitForMail(app: TestApp, to: string, subject: RegExp, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const mails = await app.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('to_email', '=', to)
      .orderBy('id', 'desc')
      .execute();
    const m = mails.find((x) => subject.test(x.subject));
    if (m) return m;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`aucun e-mail « ${subject} » pour ${to}`);
}

/**
 * Run the queued jobs now (drainJobs: every queue, round after round, until none is left) until
 * `done` holds — e.g. an export requested in the browser is generated and its e-mail written. Each
 * attempt runs the queue, none sleeps; the journey's server must have no polling worker
 * (startE2E({ worker: false })), which could hold the job while this finds the queue empty.
 */
export async function runJobsUntil(e: E2E, done: () => Promise<boolean>, what: string, attempts = 3): Promise<void> {
  assert.equal(e.worker, false, 'runJobsUntil: démarrer le parcours avec startE2E({ worker: false })');
  for (let i = 0; i < attempts; i++) {
    await drainJobs(e.app);
    if (await done()) return;
  }
  assert.fail(`${what} : toujours pas fait après ${attempts} passages de la file des tâches`);
}

/**
 * A journey's steps as subtests of one test, run in order on the same browser: a failure names its
 * step, and the steps after it are skipped (they would only fail for the same reason).
 */
export function journey(t: TestContext): (name: string, fn: () => Promise<void>) => Promise<void> {
  let failed: string | null = null;
  return (name, fn) =>
    t.test(name, async (s) => {
      if (failed) {
        s.skip(`l'étape « ${failed} » a échoué`);
        return;
      }
      try {
        await fn();
      } catch (err) {
        failed = name;
        throw err;
      }
    });
}
