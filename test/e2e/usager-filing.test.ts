// A new usager files a dossier in Chromium with the demo data (docs/interface.md §3): from the
// démarche's public link he creates his account, confirms it from the development inbox (read by
// the administrator), fills the subvention form (every field type; a conditional field shown then
// hidden; a repetition row added and removed; a file uploaded), leaves, comes back to the brouillon
// from « Mes dossiers », deposits, invites a co-editor who modifies a field; the instructor of the
// group the rules chose finds the dossier in « à suivre ». Axe WCAG 2.1 A/AA on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startE2E, checkA11y, demoAccount, journey, waitForMail, type E2E } from './helpers.ts';
import { DEMO_PROCEDURES } from '../../src/seed/demo.ts';
import { samplePdf } from '../../tools/load/shared.ts';
import { commencerPath } from '../../src/web/views/usager/links.ts';

let e: E2E;
let procedure: { id: string; title: string };
const EMAIL = 'nouvelle.usagere@exemple.fr';
const PASSWORD = 'un mot de passe vraiment long';
let dossierId = '';

before(async () => {
  e = await startE2E();
  // the machine may be busy: a slower first page is not a failure of the journey
  e.context.setDefaultTimeout(45_000);
  e.context.setDefaultNavigationTimeout(60_000);
  procedure = await e.app.db
    .selectFrom('procedures')
    .select(['id', 'title'])
    .where('title', '=', DEMO_PROCEDURES.subvention)
    .executeTakeFirstOrThrow();
});
after(async () => e?.close());

/** Sign in through the form (by the inputs' ids), saying where the browser was if it fails. */
async function signIn(email: string, password: string): Promise<void> {
  const { page, baseUrl } = e;
  await page.goto(`${baseUrl}/connexion`);
  try {
    await page.locator('#input-email').fill(email);
    await page.locator('#input-password').fill(password);
  } catch (err) {
    throw new Error(
      `connexion impossible sur ${page.url()} : ${(await page.locator('h1').allInnerTexts()).join(' | ')}`,
      {
        cause: err,
      },
    );
  }
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
}

const field = (page: Page, stableId: string) => page.locator(`#f-champ_${stableId}`);
/** Wait for the autosave's answer after the last change. */
async function autosaved(page: Page): Promise<void> {
  await page.locator('[data-brouillon-target="status"]', { hasText: 'Brouillon enregistré' }).waitFor();
}

test('a new usager files a dossier from the public link to the instructor’s list', async (t) => {
  const step = journey(t);
  const { page, baseUrl } = e;

  await step('the public page offers to create an account', async () => {
    await page.goto(`${baseUrl}${commencerPath(procedure)}`);
    await checkA11y(page);
    await page.getByRole('link', { name: 'Créer un compte' }).click();
    await page.waitForURL(/\/compte\/creer/);
    await checkA11y(page);
    await page.getByLabel('Adresse électronique').fill(EMAIL);
    await page.locator('#input-password').fill(PASSWORD);
    await page.locator('#input-confirmation').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByText('Confirmez votre adresse électronique : un e-mail vient').waitFor();
    await checkA11y(page);
  });

  let confirmation = '';
  await step('the confirmation e-mail is read in the development inbox', async () => {
    await waitForMail(e.app, EMAIL, /Confirmez votre adresse/);
    const admin = demoAccount('admin@demo.guichet.fr');
    await signIn(admin.email, admin.password);
    await checkA11y(page);
    await page.goto(`${baseUrl}/letter_opener`);
    await checkA11y(page);
    await page.getByRole('link', { name: 'Confirmez votre adresse électronique' }).first().click();
    await checkA11y(page);
    const text = await page.locator('pre').innerText();
    confirmation = text.match(/https?:\/\/\S+\/compte\/confirmer\/[A-Za-z0-9_-]+/)![0];
    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.waitForURL(/\/connexion/);
  });

  await step('the link confirms the account; signing in leads back to the démarche', async () => {
    await page.goto(confirmation);
    await page.waitForURL(/\/connexion\?redirect=/);
    await page.getByText('Votre adresse électronique est confirmée').waitFor();
    await checkA11y(page);
    await page.locator('#input-email').fill(EMAIL);
    await page.locator('#input-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/commencer\//);
    await page.getByRole('button', { name: 'Commencer la démarche' }).click();
    await page.waitForURL(/\/dossiers\/\d+\/brouillon/);
    dossierId = page.url().match(/\/dossiers\/(\d+)\/brouillon/)![1];
    await checkA11y(page);
  });

  await step('the form is filled; the conditional field appears and disappears as the answer changes', async () => {
    await page.getByLabel('Madame').first().check({ force: true });
    await page.locator('#identite-nom').fill('Lefèvre');
    await page.locator('#identite-prenom').fill('Camille');
    await field(page, 'c03').fill('Les Amis du théâtre de Lille');
    await field(page, 'c04').fill('732 829 320 00074');
    await field(page, 'c06').fill('12 rue de la République 59000 Lille');
    await field(page, 'c07').fill('contact@amis-theatre.fr');
    await field(page, 'c08').fill('03 20 00 00 00');
    await field(page, 'c09').fill('2010-05-12');
    await field(page, 'c10').selectOption('Culture');
    await field(page, 'c11').fill('42');
    await field(page, 'c13').fill('Festival de printemps');
    await field(page, 'c14').fill('Un festival de théâtre amateur ouvert à tous.');
    await field(page, 'c15').selectOption('Hauts-de-France');
    await page.locator('#f-champ_c16-primary').selectOption('59 – Nord');
    await page.locator('#f-champ_c16-secondary').selectOption('Lille');
    await page.getByLabel('Familles').check({ force: true });
    await field(page, 'c19').fill('1500');
    const previous = page.locator('[data-stable-id="c21"]');
    assert.equal(await previous.isHidden(), true);
    await page.locator('#f-champ_c20').getByLabel('Oui').check({ force: true });
    await previous.waitFor({ state: 'visible' });
    await page.locator('#f-champ_c20').getByLabel('Non').check({ force: true });
    await previous.waitFor({ state: 'hidden' });
    await page.locator('#f-champ_c25').getByLabel('Madame').check({ force: true });
    await field(page, 'c27').fill('FR76 3000 6000 0112 3456 7890 189');
    await page.locator('#f-champ_c28').check({ force: true });
    await autosaved(page);
    await checkA11y(page);
  });

  await step('a row of the budget is added and another removed; a file is uploaded', async () => {
    await page.getByRole('button', { name: /Ajouter une ligne à « Budget prévisionnel »/ }).click();
    await page.getByText('Budget prévisionnel — ligne 1').waitFor();
    await page.getByRole('button', { name: /Ajouter une ligne à « Budget prévisionnel »/ }).click();
    await page.getByText('Budget prévisionnel — ligne 2').waitFor();
    await page.getByRole('button', { name: 'Supprimer la ligne 2' }).click();
    await page.getByText('Budget prévisionnel — ligne 2').waitFor({ state: 'detached' });
    const row = page.locator('fieldset[id^="f-champ_c23-"]').first();
    await row.getByLabel('Poste de dépense').fill('Location de salle');
    await row.getByLabel('Montant (€)').fill('800');
    await row.getByLabel('Nature').selectOption('Fonctionnement');
    await page.locator('#f-champ_c26-files').setInputFiles({
      name: 'statuts.pdf',
      mimeType: 'application/pdf',
      buffer: samplePdf('Statuts'),
    });
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).last().click();
    await page.getByText('Brouillon enregistré.').first().waitFor();
    await page.getByText('Conserver « statuts.pdf »').waitFor();
    await checkA11y(page);
  });

  await step('the usager leaves and comes back to the brouillon from « Mes dossiers »', async () => {
    await page.goto(`${baseUrl}/`);
    await page.goto(`${baseUrl}/dossiers?statut=brouillons`);
    await checkA11y(page);
    await page.getByRole('link', { name: `Reprendre le brouillon nº ${dossierId}` }).click();
    await page.waitForURL(new RegExp(`/dossiers/${dossierId}/brouillon`));
    assert.equal(await field(page, 'c13').inputValue(), 'Festival de printemps');
    assert.equal(await page.locator('fieldset[id^="f-champ_c23-"]').count(), 1);
  });

  await step('« Déposer le dossier »: en construction, e-mail with the number', async () => {
    await page.getByRole('button', { name: 'Déposer le dossier' }).click();
    await page.waitForURL(new RegExp(`/dossiers/${dossierId}$`));
    await page.getByText(`Votre dossier nº ${dossierId} a été déposé`).waitFor();
    await checkA11y(page);
    const mail = await waitForMail(e.app, EMAIL, new RegExp(`${dossierId}|déposé|construction`, 'i'));
    assert.ok(mail);
    const d = await e.app.db
      .selectFrom('dossiers')
      .innerJoin('groupes_instructeurs', 'groupes_instructeurs.id', 'dossiers.groupe_id')
      .select(['dossiers.state', 'groupes_instructeurs.label'])
      .where('dossiers.id', '=', dossierId)
      .executeTakeFirstOrThrow();
    assert.equal(d.state, 'en_construction');
    assert.match(d.label, /Nord/, 'routed by the region');
  });

  await step('a co-editor is invited, signs in and modifies a field', async () => {
    const coEditor = demoAccount('usager2@demo.guichet.fr');
    await page.getByLabel('Inviter une personne à modifier ce dossier').fill(coEditor.email);
    await page.getByRole('button', { name: "Envoyer l'invitation" }).click();
    await page.getByText(`Une invitation a été envoyée à ${coEditor.email}`).waitFor();
    await checkA11y(page);
    await waitForMail(e.app, coEditor.email, new RegExp(`dossier nº ${dossierId}`));
    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await signIn(coEditor.email, coEditor.password);
    await page.goto(`${baseUrl}/dossiers/${dossierId}/modifier`);
    await checkA11y(page);
    await field(page, 'c13').fill('Festival de printemps 2027');
    await page.getByRole('button', { name: 'Déposer les modifications' }).last().click();
    await page.waitForURL(new RegExp(`/dossiers/${dossierId}$`));
    const champs = await e.app.db
      .selectFrom('dossiers')
      .select('champs')
      .where('id', '=', dossierId)
      .executeTakeFirstOrThrow();
    assert.equal(champs.champs.c13?.value, 'Festival de printemps 2027');
    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
  });

  await step('the instructor of the Nord group finds it in « à suivre »', async () => {
    const instr = demoAccount('instructeur2@demo.guichet.fr');
    await signIn(instr.email, instr.password);
    let found = false;
    for (let p = 1; p <= 30 && !found; p++) {
      await page.goto(`${baseUrl}/instructeur/procedures/${procedure.id}?statut=a-suivre&page=${p}`);
      found = (await page.locator(`a[href^="/instructeur/dossiers/${dossierId}"]`).count()) > 0;
      if (p === 1) await checkA11y(page);
    }
    assert.ok(found, `dossier ${dossierId} dans « à suivre »`);
  });
});
