// The instructor's day in Chromium: customise the columns, add a field
// filter, sort by a column and reverse it, follow a dossier and see it move from « à suivre » to
// « suivis par moi », reorder the procedures with the keyboard, find a dossier by a word — with an
// axe WCAG 2.1 A/AA check on every page visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, checkA11y, demoAccount, journey, type E2E } from './helpers.ts';
import { DEMO_PROCEDURES } from '../../src/seed/demo.ts';

let e: E2E;
let procedureId: string;

before(async () => {
  e = await startE2E();
  procedureId = (
    await e.app.db
      .selectFrom('procedures')
      .select('id')
      .where('title', '=', DEMO_PROCEDURES.subvention)
      .executeTakeFirstOrThrow()
  ).id;
});
after(async () => e?.close());

async function signIn(email: string): Promise<void> {
  const { password } = demoAccount(email);
  await e.page.goto(`${e.baseUrl}/connexion`);
  await e.page.locator('#input-email').fill(email);
  await e.page.locator('#input-password').fill(password);
  await e.page.getByRole('button', { name: 'Se connecter' }).click();
  await e.page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
}

const listUrl = (q = '') => `${e.baseUrl}/instructeur/procedures/${procedureId}${q}`;

test('the instructor work list, end to end, accessible', async (t) => {
  const page = e.page;
  const step = journey(t);

  await step('sign in as the instructor', async () => {
    await signIn('instructeur@demo.guichet.fr');
  });

  // procedures page, reorder with the keyboard
  await step('procedures page: reorder with the keyboard', async () => {
    await page.goto(`${e.baseUrl}/instructeur/procedures`);
    await checkA11y(page);
    const titles = async () => page.locator('main h2 a').allTextContents();
    const before = await titles();
    assert.ok(before.length >= 2, 'at least two procedures en cours');
    await page.getByRole('link', { name: "Personnaliser l'ordre" }).click();
    await page.waitForURL(/ordre=1/);
    await checkA11y(page);
    const down = page.getByRole('button', { name: `Descendre « ${before[0]} »` });
    await down.focus();
    await page.keyboard.press('Enter');
    await page.waitForLoadState('load');
    await page.getByText('Ordre des démarches enregistré.').waitFor();
    await checkA11y(page);
    await page.goto(`${e.baseUrl}/instructeur/procedures`);
    const after = await titles();
    assert.equal(after[1], before[0], 'moved down one place');
    assert.equal(after[0], before[1]);
  });

  // the list
  await step('the list: columns, sort, filter', async () => {
    await page.goto(listUrl('?statut=tous'));
    await checkA11y(page);

    // customise the columns: add « Nom de l'association »
    await page.getByRole('link', { name: 'Personnaliser le tableau' }).click();
    await page.waitForURL(/\/colonnes/);
    await checkA11y(page);
    await page.getByLabel("Nom de l'association", { exact: true }).check({ force: true }); // DSFR: the label covers the box
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Le tableau a été enregistré.').waitFor();
    await checkA11y(page);
    const header = page.locator('th', { hasText: "Nom de l'association" });
    await header.first().waitFor();

    // sort by it, then reverse
    const names = async () => {
      const index = await page
        .locator('table thead th')
        .evaluateAll((ths) => ths.findIndex((th) => th.textContent?.includes("Nom de l'association")));
      return page.locator(`table tbody tr td:nth-child(${index + 1})`).allTextContents();
    };
    await page.getByRole('button', { name: /Trier par « Nom de l'association », ordre croissant/ }).click();
    await page.locator('th[aria-sort="ascending"]', { hasText: "Nom de l'association" }).waitFor();
    await checkA11y(page);
    const asc = (await names()).filter((n) => n.trim() !== '');
    const collator = new Intl.Collator('fr');
    assert.deepEqual(asc, [...asc].sort(collator.compare), 'ascending, French order');
    await page.getByRole('button', { name: /Trier par « Nom de l'association », ordre décroissant/ }).click();
    await page.locator('th[aria-sort="descending"]', { hasText: "Nom de l'association" }).waitFor();
    const desc = (await names()).filter((n) => n.trim() !== '');
    assert.deepEqual(desc, [...desc].sort(collator.compare).reverse(), 'reversed');
    assert.notDeepEqual(desc, asc);

    // add a field filter: « Domaine d'activité » is one of the first choice
    const totalText = async () => (await page.locator('table caption').textContent()) ?? '';
    const unfiltered = await totalText();
    await page.getByRole('link', { name: 'Ajouter un filtre' }).click();
    await page.waitForURL(/\/filtres/);
    await checkA11y(page);
    await page.getByLabel('Colonne à filtrer').selectOption({ label: "Domaine d'activité" });
    await page.getByRole('button', { name: 'Choisir cette colonne' }).click();
    await page.getByRole('heading', { name: /Filtre sur « Domaine d'activité »/ }).waitFor();
    await checkA11y(page);
    const firstOption = page.locator('#filtre-valeurs input[type="checkbox"]').first();
    const optionLabel = (await page.locator('#filtre-valeurs label').first().textContent())!.trim();
    await firstOption.check({ force: true });
    await page.getByRole('button', { name: 'Ajouter le filtre' }).click();
    await page.getByText('Le filtre a été ajouté.').waitFor();
    await checkA11y(page);
    await page
      .getByRole('button', { name: new RegExp(`Retirer le filtre Domaine d'activité est l'un de « ${optionLabel} »`) })
      .waitFor();
    const filtered = await totalText();
    assert.match(filtered, /correspondant aux filtres/);
    assert.notEqual(filtered, unfiltered);
    // remove it again
    await page.getByRole('button', { name: /Retirer le filtre Domaine d'activité/ }).click();
    await page.getByText('Le filtre a été retiré.').waitFor();
  });

  // follow a dossier: from « à suivre » to « suivis par moi »
  await step('follow a dossier: from « à suivre » to « suivis par moi »', async () => {
    await page.goto(listUrl('?statut=a-suivre'));
    await checkA11y(page);
    const firstRow = page.locator('table tbody tr').first();
    const number = ((await firstRow.locator('th a').textContent()) ?? '').replace(/\D/g, '');
    assert.ok(number);
    await firstRow.getByRole('button', { name: `Suivre le dossier nº ${number}` }).click();
    await page.getByText(`Vous suivez le dossier nº ${number}.`).waitFor();
    await checkA11y(page);
    assert.equal(
      await page.locator('table tbody th a', { hasText: new RegExp(`^Nº ${number}$`) }).count(),
      0,
      'left « à suivre »',
    );
    await page
      .getByRole('link', { name: /suivis par moi/ })
      .first()
      .click();
    await page.waitForURL(/statut=suivis/);
    await page
      .locator('table tbody th a', { hasText: new RegExp(`^Nº ${number}$`) })
      .first()
      .waitFor();
    await checkA11y(page);
  });

  // find a dossier by a word
  await step('find a dossier by a word', async () => {
    const target = await e.app.db
      .selectFrom('dossiers')
      .select(['id', 'champs'])
      .where('procedure_id', '=', procedureId)
      .where('state', '=', 'en_instruction')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const name = String((target.champs as any).c03?.value ?? '');
    const word = name.split(/\s+/).sort((a, b) => b.length - a.length)[0];
    assert.ok(word, `a word of « ${name} »`);
    await page.getByLabel('Rechercher un dossier (numéro ou mots-clés)').fill(word.toLowerCase());
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.waitForURL(/\/instructeur\/recherche\?q=/);
    await page.getByRole('heading', { name: /Résultats de la recherche/ }).waitFor();
    await checkA11y(page);
    const found = await page.locator('table tbody th a').allTextContents();
    assert.ok(found.length > 0, `results for « ${word} »`);
    // every result page is reachable and the dossier is among the results (pages of 25)
    let seen = found.some((t) => t.replace(/\D/g, '') === target.id);
    while (!seen && (await page.getByRole('link', { name: 'Page suivante' }).count()) > 0) {
      await page.getByRole('link', { name: 'Page suivante' }).click();
      await page.waitForLoadState('load');
      seen = (await page.locator('table tbody th a').allTextContents()).some((t) => t.replace(/\D/g, '') === target.id);
    }
    assert.ok(seen, `dossier ${target.id} found by « ${word} »`);
  });
});
