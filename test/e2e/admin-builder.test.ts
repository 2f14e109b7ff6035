// The administrator builds and publishes a démarche in Chromium with the demo data: « Créer une
// nouvelle démarche » → description → a form of several field types with a condition and a
// repetition block → two annotations → routing on a drop-down between two groups → an instructor
// invited (link read at /letter_opener) who sets his password → acceptance attestation previewed →
// « Publier ». Axe WCAG 2.1 A/AA on every page visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, checkA11y, demoAccount, journey, waitForMail, type E2E } from './helpers.ts';

let e: E2E;
let base = '';

before(async () => {
  e = await startE2E();
});
after(async () => e?.close());

async function signIn(email: string): Promise<void> {
  const { password } = demoAccount(email);
  await e.page.goto(`${e.baseUrl}/connexion`);
  await checkA11y(e.page);
  await e.page.locator('#input-email').fill(email);
  await e.page.locator('#input-password').fill(password);
  await e.page.getByRole('button', { name: 'Se connecter' }).click();
  await e.page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
}

async function addField(type: string, label: string, fill?: () => Promise<void>, check = false) {
  const { page } = e;
  await page.goto(`${e.baseUrl}${base}/champs/nouveau?type=${type}`);
  if (check) await checkA11y(page);
  await page.getByLabel('Libellé du champ').fill(label);
  if (fill) await fill();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForURL((u) => u.pathname.endsWith('/champs'));
  await page.getByText(`Le champ « ${label} » a été ajouté.`).waitFor();
}

test('an administrator builds, routes, staffs and publishes a démarche', async (t) => {
  const step = journey(t);
  const { page } = e;

  await step('« Créer une nouvelle démarche »', async () => {
    await signIn('admin@demo.guichet.fr');
    await page.goto(`${e.baseUrl}/admin/procedures`);
    await checkA11y(page);
    await page.getByRole('link', { name: 'Créer une nouvelle démarche' }).click();
    await checkA11y(page);
    await page.getByLabel('Titre de la démarche').fill('Aide au vélo électrique');
    await page.getByRole('button', { name: 'Créer la démarche' }).click();
    await page.waitForURL(/\/admin\/procedures\/[0-9]+$/);
    base = new URL(page.url()).pathname;
    await page.getByText('Ajoutez au moins un champ au formulaire.').waitFor();
    await checkA11y(page);
  });

  await step('description and organisation', async () => {
    await page.getByRole('link', { name: 'Modifier la description' }).click();
    await checkA11y(page);
    await page.locator('#input-description').fill('Une aide pour acheter un vélo électrique.');
    await page.getByLabel("Nom de l'organisme").fill('Mairie de Démo');
    await page.getByLabel('Adresse électronique de contact').fill('velo@mairie.demo');
    await page.getByRole('button', { name: 'Enregistrer' }).first().click();
    await page.getByText('La description est enregistrée.').waitFor();
  });

  await step('a form of several types, a condition, a repetition block', async () => {
    await addField('header_section', 'Votre demande', undefined, true);
    await addField('text', 'Marque du vélo');
    await addField('drop_down_list', 'Région', async () => {
      await page.getByLabel('Options').fill('Nord\nSud');
    });
    await addField('yes_no', 'Avez-vous déjà un vélo ?');
    await addField('textarea', 'Décrivez votre vélo actuel', async () => {
      await page.getByLabel('Règle 1 : champ').selectOption({ label: 'Avez-vous déjà un vélo ?' });
      await page.getByLabel('opérateur').first().selectOption('eq');
      await page.getByLabel('valeur').first().fill('Oui');
    });
    await addField('integer_number', 'Prix du vélo', async () => {
      await page.getByLabel('Valeur minimale (facultative)').fill('1');
    });
    await addField('date', "Date d'achat");
    await addField('email', 'Adresse du vendeur');
    await addField('piece_justificative', 'Facture');
    await addField('repetition', 'Accessoires');
    await page.getByRole('link', { name: 'Ajouter un champ dans « Accessoires »' }).click();
    await page.getByLabel('Libellé du champ').fill('Accessoire');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Le champ « Accessoire » a été ajouté.').waitFor();
    await page.getByText('Affiché si « Avez-vous déjà un vélo ? » est égal à « Oui »').waitFor();
    await checkA11y(page);
    // keyboard: « Monter » on the last root field
    await page.getByRole('button', { name: 'Monter « Accessoires »' }).click();
    await page.getByText('Le champ a été monté.').waitFor();
  });

  await step('two annotations privées', async () => {
    for (const [type, label] of [
      ['yes_no', 'Dossier complet'],
      ['text', 'Avis du service'],
    ]) {
      await page.goto(`${e.baseUrl}${base}/annotations/nouveau?type=${type}`);
      await page.getByLabel('Libellé du champ').fill(label);
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText(`Le champ « ${label} » a été ajouté.`).waitFor();
    }
    await checkA11y(page);
  });

  await step('routing on the drop-down between two groups; an instructor invited', async () => {
    await page.goto(`${e.baseUrl}${base}/groupes`);
    await checkA11y(page);
    await page.getByLabel('Nom du nouveau groupe').fill('Sud');
    await page.getByRole('button', { name: 'Ajouter le groupe' }).click();
    await page.getByText('Le groupe « Sud » a été ajouté.').waitFor();
    const sud = page.locator('section', { has: page.getByRole('heading', { name: 'Sud' }) });
    await sud.getByText('Renommer, clore, règle de routage').click();
    await sud.getByLabel('Champ', { exact: true }).selectOption({ label: 'Région' });
    await sud.getByLabel('Opérateur').selectOption('eq');
    await sud.getByLabel('Valeur').fill('Sud');
    await sud.getByRole('button', { name: 'Enregistrer la règle' }).click();
    await page.getByText('La règle de routage est enregistrée.').waitFor();
    for (const [groupe, email] of [
      ['défaut', 'agent.nord@demo.guichet.fr'],
      ['Sud', 'agent.sud@demo.guichet.fr'],
    ]) {
      const section = page.locator('section', { has: page.getByRole('heading', { name: groupe }) });
      await section.getByLabel('Ajouter un instructeur').fill(email);
      await section.getByRole('button', { name: 'Inviter' }).click();
      await page.getByText(`Invitation envoyée à ${email}.`).waitFor();
    }
    await checkA11y(page);
  });

  await step('the invitation read at /letter_opener; the instructor sets his password', async () => {
    await waitForMail(e.app, 'agent.sud@demo.guichet.fr', /Invitation à instruire/);
    await page.goto(`${e.baseUrl}/letter_opener`);
    await checkA11y(page);
    await page
      .getByRole('row', { name: /agent\.sud@demo\.guichet\.fr/ })
      .getByRole('link')
      .click();
    const text = await page.locator('pre').textContent();
    const link = (text ?? '').match(/https?:\/\/\S+\/invitation\/[A-Za-z0-9_-]+/)![0];
    const agent = await e.context.browser()?.newContext();
    const other = agent ? await agent.newPage() : await e.context.newPage();
    await other.goto(link);
    await checkA11y(other);
    await other.locator('#input-password').fill('un-mot-de-passe-solide');
    await other.locator('#input-confirmation').fill('un-mot-de-passe-solide');
    await other.getByRole('button', { name: /Enregistrer/ }).click();
    await other.getByText('Votre compte est activé').waitFor();
    await other.close();
  });

  await step('acceptance attestation written and previewed', async () => {
    await page.goto(`${e.baseUrl}${base}/attestations`);
    await checkA11y(page);
    const acc = page.locator('section', { has: page.getByRole('heading', { name: "Attestation d'acceptation" }) });
    await acc.locator('label[for="activated-acceptation"]').click();
    await acc.getByLabel('Titre').fill('Attestation de versement');
    await acc
      .getByLabel('Corps')
      .fill('Le dossier nº --numéro du dossier-- (--Marque du vélo--) est accepté le --date de décision--.');
    await acc.getByRole('button', { name: 'Prévisualiser' }).click();
    await page.getByText('Le dossier nº 12345 ((Marque du vélo)) est accepté le').waitFor();
    await checkA11y(page);
    const again = page.locator('section', { has: page.getByRole('heading', { name: "Attestation d'acceptation" }) });
    await again.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText("L'attestation est enregistrée.").waitFor();
  });

  await step('« Publier »', async () => {
    await page.goto(`${e.baseUrl}${base}`);
    await page.getByText('La démarche est prête à être publiée.').waitFor();
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await page.getByText('La démarche est publiée.').waitFor();
    await checkA11y(page);
    const p = await e.app.db
      .selectFrom('procedures')
      .select(['state', 'published_revision_id', 'draft_revision_id'])
      .where('id', '=', base.split('/').pop()!)
      .executeTakeFirstOrThrow();
    assert.equal(p.state, 'publiee');
    assert.notEqual(p.published_revision_id, p.draft_revision_id);
  });
});
