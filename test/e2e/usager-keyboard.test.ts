// The usager's form with the keyboard only (docs/interface.md §7D): Tab to each control, typing,
// Space on radios and checkboxes, arrows in radio groups and lists, Enter on buttons — every field
// type of the subvention form, a condition shown then hidden at the root and inside a repetition row
// (live, with the browser's copy of the rules), a row added and another removed, a file chosen
// (the system's file dialog is out of reach: setInputFiles), saved with the upload progress path,
// deposited. Each control reached shows its focus (an outline, on it or on its label), and axe runs
// on each page. The instructors' « Prévisualiser le formulaire » shows the same conditions live.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { startE2E, checkA11y, journey, type E2E } from './helpers.ts';
import { subventionForm } from '../../src/seed/data.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import { samplePdf } from '../../tools/load/shared.ts';
import { createGroupe, createProcedure, createUser, type TestUser } from '../factories/index.ts';

let e: E2E;
let procedureId = '';
let usager: TestUser;
let instructeur: TestUser;
const PASSWORD = 'un mot de passe vraiment long';

before(async () => {
  e = await startE2E();
  e.context.setDefaultTimeout(45_000);
  e.context.setDefaultNavigationTimeout(60_000);
  // the subvention form, its budget rows with a child shown by its sibling « Nature »
  const fields: FieldDef[] = subventionForm().fields.map((f) =>
    f.stableId === 'c23'
      ? {
          ...f,
          children: [
            ...(f.children ?? []),
            {
              stableId: 'r04',
              type: 'text',
              label: "Nature de l'investissement",
              mandatory: true,
              private: false,
              condition: { op: 'eq', field: 'r03', value: 'Investissement' },
            },
          ],
        }
      : f,
  );
  const p = await createProcedure(e.app, { title: 'Subvention au clavier', fields });
  procedureId = p.id;
  usager = await createUser(e.app, { password: PASSWORD });
  instructeur = await createUser(e.app, { roles: ['instructeur'], password: PASSWORD });
  await createGroupe(e.app, procedureId, { label: 'Tous', members: [instructeur] });
});
after(async () => e?.close());

/** Whether the focused control shows its focus: an outline on it, on its label or on the label's marks.
 *  (A string: the test runner's transpiler would add helpers unknown to the page to a function.) */
const FOCUS_SHOWN = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { ok: true, what: 'body', target: false };
  const outlined = (s) => s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const label = el.id ? document.querySelector('label[for="' + CSS.escape(el.id) + '"]') : null;
  const ok = outlined(getComputedStyle(el)) || (!!label && (outlined(getComputedStyle(label)) ||
    outlined(getComputedStyle(label, '::before')) || outlined(getComputedStyle(label, '::after')))) ||
    // the DSFR's enlarged links (the header's brand) draw the ring around their block
    (!!el.closest('.fr-enlarge-link') && ['', '::before', '::after'].some((p) =>
      outlined(getComputedStyle(el, p || null)) || outlined(getComputedStyle(el.closest('.fr-enlarge-link'), p || null))));
  const what = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.type ? '[' + el.type + ']' : '') +
    ' « ' + (el.textContent || (label && label.textContent) || '').trim().slice(0, 40) + ' »';
  return { ok, what, target: el.hasAttribute('data-keyboard-target') };
})()`;

async function focusShown(page: Page): Promise<{ ok: boolean; what: string; target: boolean }> {
  return page.evaluate(FOCUS_SHOWN);
}

const unseenFocus: string[] = [];

/** Tab (forwards) until `target` has the focus; every stop on the way must show its focus. One
 *  round trip per key: the target is marked, and the page says at once whether it was reached. */
async function tabTo(page: Page, target: Locator, max = 400): Promise<void> {
  await target.evaluate((el) => el.setAttribute('data-keyboard-target', ''));
  try {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const f = await focusShown(page);
      if (!f.ok && !unseenFocus.includes(f.what)) unseenFocus.push(f.what);
      if (f.target) return;
    }
  } finally {
    await target.evaluate((el) => el.removeAttribute('data-keyboard-target')).catch(() => undefined);
  }
  throw new Error(`la touche Tab n'atteint pas ${target}`);
}

async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** A closed <select>: the arrows change its option, as a keyboard user does. */
async function choose(page: Page, select: Locator, label: string): Promise<void> {
  await tabTo(page, select);
  await page.keyboard.press('Home');
  for (let i = 0; i < 300; i++) {
    const current = await select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent?.trim() ?? '');
    if (current === label) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`option « ${label} » introuvable au clavier`);
}

const field = (page: Page, id: string) => page.locator(`#f-champ_${id}`);

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${e.baseUrl}/connexion`);
  await typeInto(page, page.locator('#input-email'), email);
  await typeInto(page, page.locator('#input-password'), PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
}

test('a usager fills, saves and deposits the whole form with the keyboard only', async (t) => {
  const step = journey(t);
  const { page, baseUrl } = e;
  let dossierId = '';
  const uploads: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.resourceType() === 'xhr' && /\/brouillon$/.test(new URL(r.url()).pathname))
      uploads.push(r.url());
  });

  await step('« Commencer la démarche » with Enter', async () => {
    await signIn(page, usager.email);
    await page.goto(`${baseUrl}/commencer/${procedureId}`);
    await checkA11y(page);
    await tabTo(page, page.getByRole('button', { name: 'Commencer la démarche' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/dossiers\/\d+\/brouillon/);
    dossierId = page.url().match(/\/dossiers\/(\d+)\/brouillon/)![1];
    await checkA11y(page);
  });

  await step('identity and the association: radios with Space, text typed, lists with the arrows', async () => {
    await tabTo(page, page.locator('#identite-civilite-0'));
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#identite-civilite-0').isChecked(), true);
    await typeInto(page, page.locator('#identite-nom'), 'Lefèvre');
    await typeInto(page, page.locator('#identite-prenom'), 'Camille');
    await typeInto(page, field(page, 'c03'), 'Les Amis du théâtre de Lille');
    await typeInto(page, field(page, 'c04'), '732 829 320 00074');
    await typeInto(page, field(page, 'c06'), '12 rue de la République 59000 Lille');
    await typeInto(page, field(page, 'c07'), 'contact@amis-theatre.fr');
    await tabTo(page, field(page, 'c09'));
    // day = month: the same keys whatever order the browser's date input shows
    await page.keyboard.type('05052010');
    assert.equal(await field(page, 'c09').inputValue(), '2010-05-05');
    await choose(page, field(page, 'c10'), 'Culture');
    await typeInto(page, field(page, 'c11'), '42');
  });

  await step('the project: textarea, linked lists, a multiple choice with Space, numbers', async () => {
    await typeInto(page, field(page, 'c13'), 'Festival de printemps');
    await typeInto(page, field(page, 'c14'), 'Un festival de théâtre amateur ouvert à tous.');
    await choose(page, field(page, 'c15'), 'Hauts-de-France');
    await choose(page, page.locator('#f-champ_c16-primary'), '59 – Nord');
    await choose(page, page.locator('#f-champ_c16-secondary'), 'Lille');
    const familles = page.locator('#f-champ_c17').getByLabel('Familles');
    await tabTo(page, familles);
    await page.keyboard.press('Space');
    assert.equal(await familles.isChecked(), true);
    await typeInto(page, field(page, 'c19'), '1500');
  });

  await step('a condition shown by « Oui » and hidden by « Non », with Space and the arrows', async () => {
    const previous = page.locator('[data-condition-key="c21"]');
    assert.equal(await previous.isHidden(), true);
    const oui = page.locator('#f-champ_c20').getByLabel('Oui');
    await tabTo(page, oui);
    await page.keyboard.press('Space');
    await previous.waitFor({ state: 'visible' });
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator('#f-champ_c20').getByLabel('Non').isChecked(), true);
    await previous.waitFor({ state: 'hidden' });
    await checkA11y(page);
  });

  await step('budget rows: two added and one removed with Enter; a row’s child shown by its sibling', async () => {
    const add = page.getByRole('button', { name: /Ajouter une ligne à « Budget prévisionnel »/ });
    await tabTo(page, add);
    await page.keyboard.press('Enter');
    await page.getByText('Budget prévisionnel — ligne 1').waitFor();
    await tabTo(page, add);
    await page.keyboard.press('Enter');
    await page.getByText('Budget prévisionnel — ligne 2').waitFor();
    await tabTo(page, page.getByRole('button', { name: 'Supprimer la ligne 2' }));
    await page.keyboard.press('Enter');
    await page.getByText('Budget prévisionnel — ligne 2').waitFor({ state: 'detached' });
    const row = page.locator('fieldset[id^="f-champ_c23-"]').first();
    await typeInto(page, row.getByLabel('Poste de dépense'), 'Achat de projecteurs');
    await typeInto(page, row.getByLabel('Montant (€)'), '800');
    const nature = row.locator('[data-condition-key$="/r04"]');
    assert.equal(await nature.isHidden(), true);
    await choose(page, row.locator('select[id$="__r03"]'), 'Investissement');
    await nature.waitFor({ state: 'visible' });
    await choose(page, row.locator('select[id$="__r03"]'), 'Fonctionnement');
    await nature.waitFor({ state: 'hidden' });
    await checkA11y(page);
  });

  await step('the representative, a file chosen, the IBAN, the attestation; saved with the progress path', async () => {
    await tabTo(page, page.locator('#f-champ_c25').getByLabel('Madame'));
    await page.keyboard.press('Space');
    const file = page.locator('#f-champ_c26-files');
    await tabTo(page, file);
    await file.setInputFiles({ name: 'statuts.pdf', mimeType: 'application/pdf', buffer: samplePdf('Statuts') });
    await typeInto(page, field(page, 'c27'), 'FR76 3000 6000 0112 3456 7890 189');
    await tabTo(page, page.locator('#f-champ_c28'));
    await page.keyboard.press('Space');
    assert.equal(await page.locator('#f-champ_c28').isChecked(), true);
    await tabTo(page, page.getByRole('button', { name: 'Enregistrer le brouillon' }).last());
    await page.keyboard.press('Enter');
    await page.getByText('Brouillon enregistré.').first().waitFor();
    await page.getByText('Conserver « statuts.pdf »').waitFor();
    assert.ok(uploads.length >= 1, 'the files were sent by the progress bar’s request');
    await checkA11y(page);
  });

  await step('« Déposer le dossier » with Enter', async () => {
    await tabTo(page, page.getByRole('button', { name: 'Déposer le dossier' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/dossiers/${dossierId}$`));
    await page.getByText(`Votre dossier nº ${dossierId} a été déposé`).waitFor();
    await checkA11y(page);
    const d = await e.app.db
      .selectFrom('dossiers')
      .select(['state', 'champs'])
      .where('id', '=', dossierId)
      .executeTakeFirstOrThrow();
    assert.equal(d.state, 'en_construction');
    assert.equal(d.champs.c13?.value, 'Festival de printemps');
    assert.equal(d.champs.c20?.value, false);
    const rows = d.champs.c23?.value as { values: Record<string, unknown> }[];
    assert.equal(rows.length, 1);
    assert.equal(rows[0].values.r03, 'Fonctionnement');
    assert.equal(rows[0].values.r04, undefined, 'the hidden child is not kept');
  });

  await step('every control reached with Tab showed its focus', async () => {
    assert.deepEqual(unseenFocus, [], `focus invisible sur : ${unseenFocus.join(' ; ')}`);
  });
});

test('« Prévisualiser le formulaire » shows conditions as one answers, nothing saved', async (t) => {
  const step = journey(t);
  const { page, baseUrl } = e;
  await step('the preview reacts to « Oui » without a request', async () => {
    await page.context().clearCookies();
    await signIn(page, instructeur.email);
    const before = (await e.app.db.selectFrom('dossiers').select('id').execute()).length;
    await page.goto(`${baseUrl}/instructeur/procedures/${procedureId}/accompagnement/apercu`);
    await checkA11y(page);
    const previous = page.locator('[data-condition-key="c21"]');
    assert.equal(await previous.isHidden(), true);
    await tabTo(page, page.locator('#f-champ_c20').getByLabel('Oui'));
    await page.keyboard.press('Space');
    await previous.waitFor({ state: 'visible' });
    assert.equal((await e.app.db.selectFrom('dossiers').select('id').execute()).length, before);
  });
});
