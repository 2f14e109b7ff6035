// Avis externes in Chromium with the demo data (docs/interface.md §3 and §5): the instructor asks an
// avis with a yes/no question and the confidential flag; the invitation is read in the development
// inbox as the demo administrator; the new expert chooses his password, signs in, answers « Oui »;
// the instructor sees the « Avis externe » badge, the answer, the list's yes/no column and filter.
// Axe WCAG 2.1 A/AA on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, checkA11y, demoAccount, journey, type E2E } from './helpers.ts';
import { DEMO_PROCEDURES } from '../../src/seed/demo.ts';
import { samplePdf } from '../../src/seed/data.ts';

let e: E2E;
let procedureId: string;
let dossierId: string;
const EXPERT = 'nouvel.expert@exemple.fr';
const PASSWORD = 'mot de passe de l’expert';

before(async () => {
  e = await startE2E();
  procedureId = (
    await e.app.db
      .selectFrom('procedures')
      .select('id')
      .where('title', '=', DEMO_PROCEDURES.subvention)
      .executeTakeFirstOrThrow()
  ).id;
  const instructeur = await e.app.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'instructeur@demo.guichet.fr')
    .executeTakeFirstOrThrow();
  // a dossier en instruction of one of the demo instructor's groups, visible
  const d = await e.app.db
    .selectFrom('dossiers')
    .innerJoin('groupe_members', 'groupe_members.groupe_id', 'dossiers.groupe_id')
    .select('dossiers.id')
    .where('dossiers.procedure_id', '=', procedureId)
    .where('groupe_members.user_id', '=', instructeur.id)
    .where('dossiers.state', '=', 'en_instruction')
    .where('dossiers.archived', '=', false)
    .where('dossiers.hidden_by_administration_at', 'is', null)
    .where('dossiers.hidden_by_expired_at', 'is', null)
    .orderBy('dossiers.id')
    .executeTakeFirstOrThrow();
  dossierId = d.id;
});
after(async () => e?.close());

async function signIn(email: string, password = demoAccount(email).password): Promise<void> {
  await e.page.goto(`${e.baseUrl}/connexion`);
  await checkA11y(e.page);
  await e.page.locator('#input-email').fill(email);
  await e.page.locator('#input-password').fill(password);
  await e.page.getByRole('button', { name: 'Se connecter' }).click();
  await e.page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
}

async function signOut(): Promise<void> {
  await e.page.getByRole('button', { name: 'Se déconnecter' }).click();
  await e.page.waitForURL((u) => u.pathname === '/' || u.pathname.startsWith('/connexion'));
}

test('an avis asked, answered by a new expert, seen by the instructor, accessible', { timeout: 300_000 }, async (t) => {
  const page = e.page;
  const step = journey(t);
  const avisTab = `${e.baseUrl}/instructeur/dossiers/${dossierId}/avis`;

  await step('the instructor asks an avis with a question, a file and the confidential flag', async () => {
    await signIn('instructeur@demo.guichet.fr');
    await page.goto(avisTab);
    await page.getByRole('heading', { name: /Avis externes \(\d+\)/ }).waitFor();
    await checkA11y(page);
    // a bad address: a French message, what was typed is kept
    await page.getByLabel(/Adresses électroniques des experts/).fill('pas-une-adresse');
    await page.getByLabel('Message').fill('Merci de votre regard sur le budget.');
    await page.getByRole('button', { name: 'Demander un avis' }).click();
    await page.getByText('Adresse électronique non valide : pas-une-adresse.').first().waitFor();
    await checkA11y(page);
    assert.equal(await page.getByLabel('Message').inputValue(), 'Merci de votre regard sur le budget.');
    await page.getByLabel(/Adresses électroniques des experts/).fill(EXPERT);
    await page.getByLabel(/Question à laquelle l'expert répondra/).fill('Le budget est-il réaliste ?');
    await page.locator('#avis-file').setInputFiles({
      name: 'budget.pdf',
      mimeType: 'application/pdf',
      buffer: samplePdf('Budget'),
    });
    await page.locator('label[for="avis-confidentiel"]').click();
    await page.getByRole('button', { name: 'Demander un avis' }).click();
    await page.getByText(`Une demande d'avis a été envoyée à ${EXPERT}.`).waitFor();
    await checkA11y(page);
    await page.getByRole('heading', { name: `Avis de ${EXPERT} en attente de réponse confidentiel` }).waitFor();
    await page
      .getByRole('link', { name: /budget\.pdf/ })
      .first()
      .waitFor();
    await signOut();
  });

  let invitation = '';
  await step('the demo administrator reads the invitation in the development inbox', async () => {
    await signIn('admin@demo.guichet.fr');
    const subject = `Demande d'avis sur le dossier nº ${dossierId}`;
    for (let i = 0; i < 60; i++) {
      await page.goto(`${e.baseUrl}/letter_opener`);
      if ((await page.getByRole('link', { name: subject }).count()) > 0) break;
      await page.waitForTimeout(250);
    }
    await checkA11y(page);
    await page.getByRole('link', { name: subject }).first().click();
    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
    await checkA11y(page);
    const text = (await page.locator('pre').textContent()) ?? '';
    const m = text.match(/\/invitation-expert\/[A-Za-z0-9_-]+/);
    assert.ok(m, "the e-mail carries the link to activate the expert's account");
    invitation = m[0];
    await signOut();
  });

  await step('the expert chooses his password, is signed in: his space lists the avis to give', async () => {
    await page.goto(`${e.baseUrl}${invitation}`);
    await page.getByRole('heading', { name: 'Activer votre compte expert' }).waitFor();
    await checkA11y(page);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('input[name="confirmation"]').fill(PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.waitForURL(/\/expert\/avis$/);
    await page.getByText('Votre compte est activé : vous êtes connecté.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Avis' }).waitFor();
    await checkA11y(page);
    await page.getByRole('heading', { name: 'Avis à donner (1)' }).waitFor();
    await page.getByRole('link', { name: `Dossier nº ${dossierId}` }).click();
    await page.getByRole('heading', { level: 1, name: `Dossier nº ${dossierId}` }).waitFor();
    await checkA11y(page);
    assert.equal(await page.getByText('Annotations privées').count(), 0, 'never the annotations');
  });

  await step('the expert answers « Oui » with a text', async () => {
    // the question needs its answer: a French message, the text kept
    await page.getByLabel(/Votre avis/).fill('Le budget est cohérent avec le projet.');
    await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await page.getByText('Répondez à la question par oui ou par non.').first().waitFor();
    await checkA11y(page);
    assert.equal(await page.getByLabel(/Votre avis/).inputValue(), 'Le budget est cohérent avec le projet.');
    await page.locator('label', { hasText: /^Oui$/ }).click();
    await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await page.getByText('Votre avis a été enregistré.').waitFor();
    await checkA11y(page);
    // still editable while the dossier is not traité
    await page.getByRole('button', { name: 'Enregistrer mon avis' }).waitFor();
    await page.goto(`${e.baseUrl}/expert/avis`);
    await page.getByRole('heading', { name: 'Avis donnés (1)' }).waitFor();
    await checkA11y(page);
    await signOut();
  });

  await step('the instructor sees the « Avis externe » badge and the answer', async () => {
    await signIn('instructeur@demo.guichet.fr');
    await page.goto(`${e.baseUrl}/instructeur/procedures/${procedureId}?statut=suivis`);
    const row = page.locator('table tbody tr', {
      has: page.locator('a', { hasText: new RegExp(`^Nº ${dossierId}$`) }),
    });
    await row.getByText('Avis externe', { exact: true }).waitFor();
    await checkA11y(page);
    await page.goto(avisTab);
    await page.getByText('Le budget est cohérent avec le projet.').waitFor();
    await page.getByText('Le budget est-il réaliste ? — Oui').waitFor();
    await checkA11y(page);
  });

  await step('the yes/no answer as a list column and a filter', async () => {
    await page.goto(`${e.baseUrl}/instructeur/procedures/${procedureId}?statut=tous`);
    await page.getByRole('link', { name: 'Personnaliser le tableau' }).click();
    await page.waitForURL(/\/colonnes/);
    await page.getByLabel('Avis externe (oui/non)', { exact: true }).check({ force: true });
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Le tableau a été enregistré.').waitFor();
    await page.locator('th', { hasText: 'Avis externe (oui/non)' }).first().waitFor();
    await checkA11y(page);
    await page.getByRole('link', { name: 'Ajouter un filtre' }).click();
    await page.waitForURL(/\/filtres/);
    await page.getByLabel('Colonne à filtrer').selectOption({ label: 'Avis externe (oui/non)' });
    await page.getByRole('button', { name: 'Choisir cette colonne' }).click();
    await page.getByRole('heading', { name: /Filtre sur « Avis externe \(oui\/non\) »/ }).waitFor();
    await checkA11y(page);
    await page.locator('label[for="filtre-op-is_true"]').click();
    await page.getByRole('button', { name: 'Ajouter le filtre' }).click();
    await page.getByText('Le filtre a été ajouté.').waitFor();
    await checkA11y(page);
    assert.match((await page.locator('table caption').textContent()) ?? '', /correspondant aux filtres/);
    const numbers = (await page.locator('table tbody th a').allTextContents()).map((n) => n.replace(/\D/g, ''));
    assert.ok(numbers.includes(dossierId), 'the dossier whose avis answered « Oui » is listed');
    const answers = await e.app.db
      .selectFrom('avis')
      .select('dossier_id')
      .where('question_answer', '=', true)
      .where('revoked_at', 'is', null)
      .execute();
    for (const n of numbers)
      assert.ok(
        answers.some((a) => a.dossier_id === n),
        `nº ${n} has a « Oui » avis`,
      );
  });
});
