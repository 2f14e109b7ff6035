// « Télécharger les dossiers » in Chromium: a filtered tab exported as xlsx, followed in « Mes
// téléchargements » until it is ready, its e-mail, the file downloaded and read back (unzipped, its
// sheet's rows counted: exactly the dossiers of the filtered tab) — axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { startE2E, checkA11y, demoAccount, journey, runJobsUntil, waitForMail, type E2E } from './helpers.ts';
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

test('export a filtered tab as xlsx, see it in « Mes téléchargements », get its e-mail, download it', async (t) => {
  const page = e.page;
  const step = journey(t);
  let filteredTotal = 0;

  await step('sign in and filter the « au total » tab', async () => {
    const { password } = demoAccount(INSTRUCTEUR);
    await page.goto(`${e.baseUrl}/connexion`);
    await page.locator('#input-email').fill(INSTRUCTEUR);
    await page.locator('#input-password').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
    await page.goto(`${e.baseUrl}/instructeur/procedures/${procedureId}?statut=tous`);
    await page.getByRole('link', { name: 'Ajouter un filtre' }).click();
    await page.waitForURL(/\/filtres/);
    await page.getByLabel('Colonne à filtrer').selectOption({ label: "Domaine d'activité" });
    await page.getByRole('button', { name: 'Choisir cette colonne' }).click();
    await page.locator('#filtre-valeurs input[type="checkbox"]').first().check({ force: true });
    await page.getByRole('button', { name: 'Ajouter le filtre' }).click();
    await page.getByText('Le filtre a été ajouté.').waitFor();
    const caption = (await page.locator('table caption').textContent()) ?? '';
    assert.match(caption, /correspondant aux filtres/);
    filteredTotal = Number(/: ([\d\s\u202f]+) dossier/.exec(caption)![1].replace(/\D/g, ''));
    assert.ok(filteredTotal > 0);
    await checkA11y(page);
  });

  await step('« Télécharger les dossiers » → .xlsx of the tab', async () => {
    await page.getByText('Télécharger les dossiers').click();
    await checkA11y(page);
    await page.getByRole('button', { name: /Demander un export au format \.xlsx — onglet « au total »/ }).click();
    await page.waitForURL(/\/telechargements/);
    await page.getByText('est en cours de préparation').waitFor();
    await checkA11y(page);
  });

  await step('it becomes ready (the page refreshes itself), with its e-mail', async () => {
    // the journey runs the job queue (no polling worker); the page reloads itself every 3 s while pending
    const newest = () => e.app.db.selectFrom('exports').select('state').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await runJobsUntil(e, async () => (await newest()).state !== 'pending', "la génération de l'export");
    assert.equal((await newest()).state, 'generated');
    await page.getByRole('link', { name: /Télécharger l'export/ }).waitFor({ timeout: 30_000 });
    await checkA11y(page);
    const row = page.locator('tbody tr').first();
    assert.match((await row.textContent()) ?? '', /Prêt/);
    assert.match((await row.textContent()) ?? '', /Onglet « au total »/);
    assert.match((await row.textContent()) ?? '', /3[12] h/, 'expire dans 31 or 32 h');
    const mail = await waitForMail(e.app, INSTRUCTEUR, /est prêt/);
    assert.match(mail.text, /Mes téléchargements/);
  });

  await step('the file holds exactly the filtered dossiers', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Télécharger l'export/ }).click(),
    ]);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const bytes = fs.readFileSync((await download.path())!);
    const files = unzipSync(new Uint8Array(bytes));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
    const rows = sheet.match(/<row>/g) ?? [];
    assert.equal(rows.length, filteredTotal + 1, 'header + each filtered dossier once');
  });

  await step('the global « Mes téléchargements » page lists it too', async () => {
    await page.goto(`${e.baseUrl}/instructeur/telechargements`);
    await page.getByRole('heading', { name: 'Mes téléchargements' }).waitFor();
    await checkA11y(page);
  });
});
