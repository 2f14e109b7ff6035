// Search as you type in a commune field, in Chromium (docs/interface.md §7D): the usager types the
// start of a name, the suggestions of the reference list fill the input's list (homonyms with their
// département), the value chosen is saved with its INSEE code; the country is a select. Axe WCAG 2.1
// A/AA on the form.
import crypto from 'node:crypto';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, checkA11y, journey, type E2E } from './helpers.ts';
import { createGroupe, createProcedure, createUser } from '../factories/index.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import { sha256 } from '../../src/platform/crypto.ts';

const FIELDS: FieldDef[] = [
  { stableId: 'commune', type: 'communes', label: 'Commune du projet', mandatory: true, private: false },
  { stableId: 'pays', type: 'pays', label: 'Pays de naissance', mandatory: false, private: false },
];

let e: E2E;
let procedureId = '';
let token = '';

before(async () => {
  e = await startE2E();
  e.context.setDefaultTimeout(45_000);
  e.context.setDefaultNavigationTimeout(60_000);
  const p = await createProcedure(e.app, { title: 'Aide aux territoires', fields: FIELDS });
  procedureId = p.id;
  await createGroupe(e.app, p.id, { label: 'National' });
  // signed in as the sign-in command does (a session row): the account pages have their own journey
  const usager = await createUser(e.app);
  token = crypto.randomBytes(32).toString('base64url');
  await e.app.db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      user_id: usager.id,
      csrf_token: crypto.randomBytes(32).toString('base64url'),
      expires_at: new Date(Date.now() + 86_400_000),
    })
    .execute();
});
after(async () => e?.close());

test('a commune is found while typing and saved with its INSEE code', async (t) => {
  const step = journey(t);
  const { page, baseUrl } = e;

  await step('the usager opens a brouillon', async () => {
    await e.context.addCookies([{ name: 'guichet_session', value: token, url: baseUrl }]);
    await page.goto(`${baseUrl}/commencer/${procedureId}`);
    await page.getByRole('button', { name: /Commencer la démarche/ }).click();
    await page.waitForURL(/\/brouillon/);
  });

  await step('typing the start of a name fills the suggestions, homonyms with their département', async () => {
    const input = page.getByLabel(/Commune du projet/);
    await input.pressSequentially('saint-marcel', { delay: 20 });
    const option = page.locator('#f-champ_commune-suggestions option[value="Saint-Marcel (71445)"]');
    await option.waitFor({ state: 'attached' });
    assert.equal(await option.getAttribute('label'), 'Saône-et-Loire (71)');
    await checkA11y(page);
  });

  await step('the suggestion chosen and a country picked are saved with their codes', async () => {
    await page.getByLabel(/Commune du projet/).fill('Saint-Marcel (71445)');
    await page.getByLabel(/Pays de naissance/).selectOption('DE');
    // the visible button (the first one, hidden, is the Enter key's default)
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).last().click();
    const read = () =>
      e.app.db
        .selectFrom('dossiers')
        .select('champs')
        .where('procedure_id', '=', procedureId)
        .executeTakeFirstOrThrow();
    // a bound on waiting for the save on a busy machine, not a speed check
    let row = await read();
    for (let i = 0; i < 240 && !row.champs.pays; i++) {
      await new Promise((r) => setTimeout(r, 250));
      row = await read();
    }
    await page.waitForLoadState('load');
    assert.deepEqual(row.champs.commune?.value, { code: '71445', name: 'Saint-Marcel', departement: '71' });
    assert.deepEqual(row.champs.pays?.value, { code: 'DE', name: 'Allemagne' });
    assert.equal(await page.getByLabel(/Commune du projet/).inputValue(), 'Saint-Marcel (71445)');
    await checkA11y(page);
  });
});
