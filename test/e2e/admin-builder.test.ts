// The administrator builds and publishes a démarche in Chromium with the demo data: « Créer une
// nouvelle démarche » → description → a form of several field types with a condition and a
// repetition block → two annotations → routing on a drop-down between two groups → an instructor
// invited (link read at /letter_opener) who sets his password → acceptance attestation previewed →
// « Publier ». Then the démarche's life: a test dossier started while en test (deleted at the
// publication), the field editor's autosave, a usager filing on the public link and routed to the
// right group, a mandatory field added and « Publier les modifications », the instructor reading the
// change in « Historique des modifications du formulaire » and the new field asked of new dossiers.
// Axe WCAG 2.1 A/AA on every page visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, checkA11y, demoAccount, journey, waitForMail, type E2E } from './helpers.ts';
import { samplePdf } from '../../tools/load/shared.ts';

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

async function signOut(): Promise<void> {
  await e.page.getByRole('button', { name: 'Se déconnecter' }).first().click();
  await e.page.getByText('Vous êtes déconnecté.').waitFor();
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
    await addField('phone', 'Téléphone du vendeur', async () => {
      await page.locator('label[for="f-mandatory"]').click();
    });
    await addField('checkbox', "J'accepte d'être recontacté", async () => {
      await page.locator('label[for="f-mandatory"]').click();
    });
    await addField('communes', 'Commune du domicile');
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

  await step('fields reordered by keyboard and by drag and drop; the draft version follows', async () => {
    // the root fields' labels in the page's order (the root items are the draggable ones)
    const order = () => page.locator('li[draggable="true"] > p > strong').allTextContents();
    const item = (label: string) =>
      page.locator('li[draggable="true"]', { has: page.locator('p > strong', { hasText: label }) });
    await page.goto(`${e.baseUrl}${base}/champs`);
    assert.deepEqual((await order()).slice(0, 3), ['Votre demande', 'Marque du vélo', 'Région']);
    // keyboard only: focus « Descendre » and press Enter
    await page.getByRole('button', { name: 'Descendre « Marque du vélo »' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Le champ a été descendu.').waitFor();
    assert.deepEqual((await order()).slice(0, 3), ['Votre demande', 'Région', 'Marque du vélo']);
    // the mouse: « Marque du vélo » dropped on the top half of « Région », saved at once
    await item('Marque du vélo').dragTo(item('Région'), {
      sourcePosition: { x: 8, y: 8 },
      targetPosition: { x: 8, y: 4 },
    });
    await page.getByText('Ordre des champs enregistré.').waitFor({ state: 'attached' });
    assert.deepEqual((await order()).slice(0, 3), ['Votre demande', 'Marque du vélo', 'Région']);
    // the page's forms carry the draft's new version: the next action is not taken for a stale one
    await page.getByRole('button', { name: 'Monter « Prix du vélo »' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Le champ a été monté.').waitFor();
    await checkA11y(page);
    assert.deepEqual((await order()).slice(0, 6), [
      'Votre demande',
      'Marque du vélo',
      'Région',
      'Avez-vous déjà un vélo ?',
      'Prix du vélo',
      'Décrivez votre vélo actuel',
    ]);
  });

  await step('the field editor saves as the administrator types: « Enregistré »', async () => {
    await page.goto(`${e.baseUrl}${base}/champs`);
    await page.getByRole('link', { name: 'Modifier « Marque du vélo »' }).click();
    await page.getByRole('heading', { name: 'Modifier le champ « Marque du vélo »' }).waitFor();
    await checkA11y(page);
    await page.getByLabel("Texte d'aide (facultatif)").fill('Telle qu’elle figure sur la facture.');
    await page.locator('[data-autosave-status]', { hasText: /Enregistré à/ }).waitFor({ timeout: 30_000 });
    await checkA11y(page);
    // the button still works after the autosave (the form carries the draft's new version)
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Le champ « Marque du vélo » est enregistré.').waitFor();
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

  await step('a test dossier started from the public link while the démarche is en test', async () => {
    await page.goto(`${e.baseUrl}/commencer/${base.split('/').pop()}`);
    await page.getByText('Cette démarche est en test').waitFor();
    await checkA11y(page);
    await page.getByRole('button', { name: 'Commencer la démarche' }).click();
    await page.waitForURL(/\/dossiers\/\d+\/brouillon/);
    await page.getByText('Dossier de test').first().waitFor();
    await checkA11y(page);
  });

  await step('« Publier »', async () => {
    await page.goto(`${e.baseUrl}${base}`);
    await page.getByText('La démarche est prête à être publiée.').waitFor();
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await page.getByText('La démarche est publiée. 1 dossier(s) de test supprimé(s).').waitFor();
    await checkA11y(page);
    const p = await e.app.db
      .selectFrom('procedures')
      .select(['state', 'published_revision_id', 'draft_revision_id'])
      .where('id', '=', base.split('/').pop()!)
      .executeTakeFirstOrThrow();
    assert.equal(p.state, 'publiee');
    assert.notEqual(p.published_revision_id, p.draft_revision_id);
  });
  let dossierId = '';
  await step('a usager files on the public link and lands in the group of his region', async () => {
    await signOut();
    await signIn('usager@demo.guichet.fr');
    await page.goto(`${e.baseUrl}/commencer/${base.split('/').pop()}`);
    await checkA11y(page);
    await page.getByRole('button', { name: 'Commencer la démarche' }).click();
    await page.waitForURL(/\/dossiers\/\d+\/brouillon/);
    dossierId = page.url().match(/\/dossiers\/(\d+)\/brouillon/)![1]!;
    await page.getByLabel('Monsieur').first().check({ force: true });
    await page.locator('#identite-nom').fill('Martin');
    await page.locator('#identite-prenom').fill('Paul');
    await page.getByLabel('Marque du vélo').fill('Vélodémo');
    await page.getByLabel(/^Région/).selectOption('Sud');
    await page
      .getByRole('group', { name: /Avez-vous déjà un vélo/ })
      .getByLabel('Non')
      .check({ force: true });
    await page.getByLabel('Prix du vélo').fill('1200');
    await page.getByLabel("Date d'achat").fill('2026-01-15');
    await page.getByLabel('Adresse du vendeur').fill('vendeur@velo.demo');
    await page.getByLabel(/^Commune du domicile/).fill('Lyon (69123)');
    await page.getByRole('button', { name: /Ajouter une ligne à « Accessoires »/ }).click();
    await page.getByText('Accessoires — ligne 1').waitFor();
    await page.getByRole('group', { name: 'Accessoires — ligne 1' }).getByLabel('Accessoire').fill('Antivol');
    await page
      .locator('input[type="file"]')
      .first()
      .setInputFiles({
        name: 'facture.pdf',
        mimeType: 'application/pdf',
        buffer: samplePdf('Facture'),
      });
    await checkA11y(page);
    await page.getByRole('button', { name: 'Déposer le dossier' }).click();
    await page.waitForURL(new RegExp(`/dossiers/${dossierId}$`));
    await checkA11y(page);
    const d = await e.app.db
      .selectFrom('dossiers')
      .innerJoin('groupes_instructeurs', 'groupes_instructeurs.id', 'dossiers.groupe_id')
      .select(['dossiers.state', 'dossiers.is_test', 'dossiers.champs', 'groupes_instructeurs.label'])
      .where('dossiers.id', '=', dossierId)
      .executeTakeFirstOrThrow();
    assert.deepEqual([d.state, d.is_test, d.label], ['en_construction', false, 'Sud']);
    assert.match(JSON.stringify(d.champs), /"69123"/, 'the commune is stored with its INSEE code');
  });

  await step('the administrator adds a mandatory field and « Publier les modifications »', async () => {
    await signOut();
    await signIn('admin@demo.guichet.fr');
    await addField('text', 'Numéro de cadre');
    await page.goto(`${e.baseUrl}${base}`);
    await page.getByRole('button', { name: 'Publier les modifications' }).click();
    await page.getByText(/Les modifications sont publiées\./).waitFor();
    await checkA11y(page);
  });

  await step('the instructor reads the change in the history; new dossiers are asked the new field', async () => {
    await signOut();
    await page.goto(`${e.baseUrl}/connexion`);
    await page.locator('#input-email').fill('agent.sud@demo.guichet.fr');
    await page.locator('#input-password').fill('un-mot-de-passe-solide');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
    const id = base.split('/').pop()!;
    await page.goto(`${e.baseUrl}/instructeur/procedures/${id}/gestion/historique`);
    await page.getByRole('heading', { name: 'Historique des modifications du formulaire' }).waitFor();
    await page.getByText('Champ « Numéro de cadre » ajouté.').waitFor();
    await checkA11y(page);
    // the usager's dossier is in the Sud group's list
    await page.goto(`${e.baseUrl}/instructeur/procedures/${id}?statut=a-suivre`);
    await page.getByRole('link', { name: `Nº ${dossierId}` }).waitFor();
    await checkA11y(page);
    // the dossier deposited before keeps its answers and is not asked the new field; a new one is
    await signOut();
    await signIn('usager@demo.guichet.fr');
    await page.goto(`${e.baseUrl}/commencer/${id}`);
    await page.getByRole('button', { name: 'Commencer la démarche' }).click();
    await page.waitForURL(/\/dossiers\/\d+\/brouillon/);
    await page.getByLabel('Numéro de cadre').waitFor();
    await checkA11y(page);
    const old = await e.app.db
      .selectFrom('dossiers')
      .select('champs')
      .where('id', '=', dossierId)
      .executeTakeFirstOrThrow();
    assert.ok(
      Object.values(old.champs).some((c) => c?.value === 'Vélodémo'),
      'the answers of kept fields are kept',
    );
  });
});
