// « Modèles d'export » in Chromium: a tabular template with renamed and reordered headers and a zip
// template with a file name pattern (a first folder name without the number refused in French), both
// run with « Télécharger à partir d'un modèle », followed in « Mes téléchargements », downloaded and
// read back (unzipped, the sheet's header and the archive's entry names) — axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import type { Page } from 'playwright-core';
import { startE2E, checkA11y, demoAccount, journey, runJobsUntil, type E2E } from './helpers.ts';
import { DEMO_PROCEDURES } from '../../src/seed/demo.ts';

let e: E2E;
let procedureId: string;
const INSTRUCTEUR = 'instructeur@demo.guichet.fr';

before(async () => {
  e = await startE2E({ worker: false });
  procedureId = (
    await e.app.db
      .selectFrom('procedures')
      .select('id')
      .where('title', '=', DEMO_PROCEDURES.subvention)
      .executeTakeFirstOrThrow()
  ).id;
});
after(async () => e?.close());

/** Runs the job queue until the newest export is no longer pending (no polling worker); its id. */
async function waitForNewestExport(): Promise<string> {
  const newest = () =>
    e.app.db.selectFrom('exports').select(['id', 'state']).orderBy('id', 'desc').executeTakeFirstOrThrow();
  await runJobsUntil(e, async () => (await newest()).state !== 'pending', "la génération de l'export");
  const last = await newest();
  assert.equal(last.state, 'generated');
  return last.id;
}

/** The file of an export, downloaded from its row once the page (refreshing itself) shows its link. */
async function download(page: Page, exportId: string): Promise<Buffer> {
  const link = page.locator(`#export-${exportId}`).getByRole('link', { name: /Télécharger l'export/ });
  await link.waitFor({ timeout: 30_000 });
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return fs.readFileSync((await file.path())!);
}

async function runFromMenu(page: Page, template: RegExp, scope: RegExp): Promise<void> {
  await page.goto(`${e.baseUrl}/instructeur/procedures/${procedureId}?statut=tous`);
  await page.getByText('Télécharger les dossiers').click();
  await page.getByLabel("Modèle d'export").selectOption({ label: (await optionLabel(page, template))! });
  await checkA11y(page);
  await page.getByRole('button', { name: scope }).click();
  await page.waitForURL(/\/telechargements/);
  await page.getByText('est en cours de préparation').waitFor();
}

async function optionLabel(page: Page, template: RegExp): Promise<string | undefined> {
  const labels = await page.locator('#export-modele option').allTextContents();
  return labels.map((l) => l.trim()).find((l) => template.test(l));
}

test('create a tabular and a zip template, run both from « Télécharger les dossiers », see them in « Mes téléchargements »', async (t) => {
  const page = e.page;
  const step = journey(t);

  await step('sign in, « Mes téléchargements » of the procedure lists the templates section', async () => {
    const { password } = demoAccount(INSTRUCTEUR);
    await page.goto(`${e.baseUrl}/connexion`);
    await page.locator('#input-email').fill(INSTRUCTEUR);
    await page.locator('#input-password').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
    await page.goto(`${e.baseUrl}/instructeur/procedures/${procedureId}/telechargements`);
    await page.getByRole('heading', { name: "Modèles d'export" }).waitFor();
    await checkA11y(page);
  });

  await step('a tabular template: two columns, reordered and renamed, xlsx', async () => {
    await page.getByRole('link', { name: 'Nouveau modèle de tableur' }).click();
    await page.getByRole('heading', { name: 'Nouveau modèle de tableur' }).waitFor();
    await checkA11y(page);
    await page.getByLabel('Nom du modèle').fill('Suivi simple');
    await page.getByLabel('Format du fichier').selectOption('xlsx');
    const row = (id: string) => page.locator('tbody tr', { has: page.locator(`input[name="colonne"][value="${id}"]`) });
    const numero = row('dossier/id');
    await numero.locator('input[type="checkbox"]').check({ force: true });
    await numero.locator('input[name="position"]').fill('2');
    await numero.locator('input[name="titre"]').fill('Numéro');
    const nom = row('champ/c03');
    await nom.locator('input[type="checkbox"]').check({ force: true });
    await nom.locator('input[name="position"]').fill('1');
    await nom.locator('input[name="titre"]').fill('Association');
    await page.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    await page.getByText('Le modèle « Suivi simple » a été créé.').waitFor();
    await checkA11y(page);
  });

  await step(
    'a zip template: a folder name without the number is refused in French, then a file name pattern',
    async () => {
      await page.getByRole('link', { name: "Nouveau modèle d'archive zip" }).click();
      await page.getByLabel('Nom du modèle').fill('Archive des statuts');
      await page.getByLabel('Nom du dossier de chaque dossier').fill('archive');
      await page.getByLabel('Le PDF du dossier').uncheck({ force: true });
      await page.getByLabel("Nom des fichiers de « Statuts de l'association »").fill('statuts-{numero}-{index}');
      await page.getByRole('button', { name: 'Enregistrer le modèle' }).click();
      await page.getByText('Le nom du dossier doit contenir le numéro du dossier').first().waitFor();
      await checkA11y(page);
      assert.equal(
        await page.getByLabel("Nom des fichiers de « Statuts de l'association »").inputValue(),
        'statuts-{numero}-{index}',
      );
      assert.equal(await page.getByLabel('Le PDF du dossier').isChecked(), false, 'typed values kept');
      await page.getByLabel('Nom du dossier de chaque dossier').fill('subvention-{numero}');
      await page.getByRole('button', { name: 'Enregistrer le modèle' }).click();
      await page.getByText('Le modèle « Archive des statuts » a été créé.').waitFor();
      await page.locator('#modeles-export-titre').waitFor();
      await checkA11y(page);
    },
  );

  await step(
    '« Télécharger à partir d\u2019un modèle »: the tabular one on the « au total » tab, read back',
    async () => {
      await runFromMenu(page, /^Suivi simple/, /Onglet « au total » — à partir du modèle choisi/);
      await checkA11y(page);
      const id = await waitForNewestExport();
      const files = unzipSync(new Uint8Array(await download(page, id)));
      const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
      const header = /<row[^>]*>(.*?)<\/row>/s.exec(sheet)![1];
      const texts = [...header.matchAll(/<t[^>]*>(.*?)<\/t>/g)].map((m) => m[1]);
      assert.deepEqual(texts, ['Association', 'Numéro']);
    },
  );

  await step('the zip one on every dossier: folders and files named by the template', async () => {
    await runFromMenu(page, /^Archive des statuts/, /^Tous les dossiers — à partir du modèle choisi/);
    const id = await waitForNewestExport();
    const names = Object.keys(unzipSync(new Uint8Array(await download(page, id))));
    assert.ok(names.length > 0);
    assert.ok(
      names.every((n) => /^subvention-\d+\//.test(n)),
      names.slice(0, 3).join(', '),
    );
    assert.ok(names.some((n) => /^subvention-(\d+)\/pieces_justificatives\/statuts-\1-01\.[a-z]+$/.test(n)));
    assert.ok(!names.some((n) => /\/dossier-\d+\.pdf$/.test(n)), 'no dossier PDF');
  });

  await step('« Mes téléchargements » lists both with their template', async () => {
    await page.goto(`${e.baseUrl}/instructeur/telechargements`);
    await page.getByRole('heading', { name: 'Mes téléchargements' }).waitFor();
    const text = (await page.locator('table').first().textContent()) ?? '';
    assert.match(text, /Modèle « Suivi simple »/);
    assert.match(text, /Modèle « Archive des statuts »/);
    await checkA11y(page);
  });
});
