// Browser checks of the daily irritants (docs/interface.md): with JavaScript on (Turbo), the usager
// adds and removes rows of a repeated block in « Modifier le dossier » and keeps what he typed; the
// filter bar's fields do not overlap at 1280 and 1920 pixels wide; axe WCAG 2.1 A/AA on every page
// visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, checkA11y, demoAccount, journey, type E2E } from './helpers.ts';
import { DEMO_PROCEDURES } from '../../src/seed/demo.ts';

let e: E2E;
let dossierId: string;

before(async () => {
  e = await startE2E();
  const d = await e.app.db
    .selectFrom('dossiers')
    .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
    .innerJoin('users', 'users.id', 'dossiers.user_id')
    .select('dossiers.id')
    .where('procedures.title', '=', DEMO_PROCEDURES.subvention)
    .where('users.email', '=', 'usager@demo.guichet.fr')
    .where('dossiers.state', '=', 'en_construction')
    .where('dossiers.hidden_by_user_at', 'is', null)
    .where('dossiers.hidden_by_expired_at', 'is', null)
    .orderBy('dossiers.id', 'desc')
    .executeTakeFirstOrThrow();
  dossierId = d.id;
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

test('repeated block rows with JavaScript on: added and removed, typed values kept', async (t) => {
  const step = journey(t);
  const rows = () => e.page.locator('fieldset[id*="c23-"] > legend', { hasText: 'Budget prévisionnel — ligne' });
  let before = 0;
  await step('the usager opens « Modifier le dossier »', async () => {
    await signIn('usager@demo.guichet.fr');
    await e.page.goto(`${e.baseUrl}/dossiers/${dossierId}/modifier`);
    await checkA11y(e.page);
    before = await rows().count();
  });
  await step('he types a name, then adds a row: the page answers and keeps the name', async () => {
    await e.page.getByLabel('Intitulé du projet').fill('Projet tapé avant la ligne');
    await e.page.getByRole('button', { name: 'Ajouter une ligne à « Budget prévisionnel »' }).click();
    await e.page.waitForFunction(
      (n) => document.querySelectorAll('fieldset[id*="c23-"] > legend').length === n,
      before + 1,
    );
    assert.equal(await e.page.getByLabel('Intitulé du projet').inputValue(), 'Projet tapé avant la ligne');
    await checkA11y(e.page);
  });
  await step('he fills the new row and removes the first one', async () => {
    const last = before + 1;
    const legend = e.page.locator('legend', { hasText: `Budget prévisionnel — ligne ${last}` });
    const row = e.page.locator('fieldset', { has: legend }).last();
    await row.getByLabel('Poste de dépense').fill('Location de salle');
    await e.page.getByRole('button', { name: 'Supprimer la ligne 1', exact: true }).click();
    await e.page.waitForFunction(
      (n) => document.querySelectorAll('fieldset[id*="c23-"] > legend').length === n,
      before,
    );
    const values = await e.page
      .locator('input[name$="__r01"]')
      .evaluateAll((l) => l.map((x) => (x as HTMLInputElement).value));
    assert.ok(values.includes('Location de salle'), `the typed row is kept: ${values.join(', ')}`);
    assert.equal(await e.page.getByLabel('Intitulé du projet').inputValue(), 'Projet tapé avant la ligne');
    await checkA11y(e.page);
  });
});

test('the filter bar: no field overlaps another at 1280 and 1920 pixels wide', async (t) => {
  const step = journey(t);
  const procedureId = (
    await e.app.db
      .selectFrom('procedures')
      .select('id')
      .where('title', '=', DEMO_PROCEDURES.subvention)
      .executeTakeFirstOrThrow()
  ).id;
  await step('the instructor opens the filter bar', async () => {
    await e.context.clearCookies();
    await signIn('instructeur@demo.guichet.fr');
    await e.page.goto(`${e.baseUrl}/instructeur/procedures/${procedureId}`);
    await e.page.locator('summary', { hasText: 'Filtrer les dossiers' }).click();
    await checkA11y(e.page);
  });
  for (const width of [1280, 1920]) {
    await step(`at ${width} pixels wide`, async () => {
      await e.page.setViewportSize({ width, height: 900 });
      const boxes = await e.page.locator('form[action$="/filtres/barre"]').evaluate((form) =>
        [...form.querySelectorAll('label.fr-label, input.fr-input, select.fr-select, legend, button, .fr-hint-text')]
          .filter((el) => !(el.closest('label') && el.tagName !== 'LABEL' && el.classList.contains('fr-hint-text')))
          .map((el) => {
            const r = el.getBoundingClientRect();
            return {
              what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}: ${(el.textContent ?? '').trim().slice(0, 30)}`,
              x: r.left,
              y: r.top,
              w: r.width,
              h: r.height,
            };
          })
          .filter((b) => b.w > 0 && b.h > 0),
      );
      assert.ok(boxes.length >= 10, `${boxes.length} éléments mesurés`);
      const overlaps: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i];
          const b = boxes[j];
          const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
          const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
          if (ox > 1 && oy > 1) overlaps.push(`${a.what} ⟷ ${b.what}`);
        }
      assert.deepEqual(overlaps, [], `chevauchements à ${width} px`);
    });
  }
});
