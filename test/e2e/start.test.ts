// README's promise: `npm start` on an empty data folder serves the login page and prints the demo accounts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, checkA11y } from './helpers.ts';

test('npm start: embedded database, demo accounts printed, DSFR login page', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-start-'));
  const port = String(3100 + Math.floor(Math.random() * 800));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
    env: { ...process.env, DATABASE_URL: '', GUICHET_DATA_DIR: dataDir, PORT: port, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  child.stderr.on('data', (b) => (out += b));
  try {
    await new Promise<void>((resolve, reject) => {
      // a bound on the wait, not an assertion on the time taken (the demo seed runs first)
      const timer = setTimeout(() => reject(new Error(`pas prêt en 5 min :\n${out}`)), 300_000);
      child.stdout.on('data', () => {
        if (/Comptes de démonstration[\s\S]*usager/.test(out) && /Guichet est prêt/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`arrêt (code ${code}) :\n${out}`)));
    });
    assert.match(out, /instructeur\s+instructeur@demo\.guichet\.fr\s+\S{12,}/);
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-chromium-'));
    const ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = ctx.pages()[0] ?? (await ctx.newPage());
      await page.goto(`http://127.0.0.1:${port}/`);
      assert.match(page.url(), /\/connexion$/);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Connexion à Guichet');
      await checkA11y(page);
    } finally {
      await ctx.close();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
