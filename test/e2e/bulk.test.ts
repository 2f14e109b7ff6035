// « Instruction en masse » in Chromium (docs/interface.md §4): in « suivis par moi » filtered on a few
// dossiers, select every dossier of the tab, accept them with one motivation, watch the banner go
// from « en cours » to « terminée » by itself, with the dossier that could not be accepted listed
// and why — an axe WCAG 2.1 A/AA check on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, checkA11y, demoAccount, journey, type E2E } from './helpers.ts';
import { DEMO_PROCEDURES } from '../../src/seed/demo.ts';
import { insertFollowedDossiers } from '../../tools/load/bulk-seed.ts';
import { samplePdf } from '../../tools/load/shared.ts';

let e: E2E;
let procedureId: string;
let eligible: string[];
let ineligible: string;

before(async () => {
  e = await startE2E();
  const db = e.app.db;
  const p = await db
    .selectFrom('procedures')
    .select(['id', 'published_revision_id'])
    .where('title', '=', DEMO_PROCEDURES.subvention)
    .executeTakeFirstOrThrow();
  procedureId = p.id;
  const instructeur = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'instructeur@demo.guichet.fr')
    .executeTakeFirstOrThrow();
  const group = await db
    .selectFrom('groupe_members')
    .innerJoin('groupes_instructeurs', 'groupes_instructeurs.id', 'groupe_members.groupe_id')
    .select('groupes_instructeurs.id')
    .where('groupe_members.user_id', '=', instructeur.id)
    .where('groupes_instructeurs.procedure_id', '=', p.id)
    .executeTakeFirstOrThrow();
  const usager = await db
    .selectFrom('dossiers')
    .select(['user_id', 'user_email'])
    .where('procedure_id', '=', p.id)
    .where('user_id', 'is not', null)
    .executeTakeFirstOrThrow();
  const common = {
    procedureId: p.id,
    revisionId: p.published_revision_id!,
    groupeId: group.id,
    usagerId: usager.user_id!,
    usagerEmail: usager.user_email,
    instructeurId: instructeur.id,
  };
  eligible = await insertFollowedDossiers(e.app, { ...common, n: 4 });
  // the procedure's mandatory private annotations are filled in: the decision requires them
  const rev = await db
    .selectFrom('procedure_revisions')
    .select('annotations')
    .where('id', '=', p.published_revision_id!)
    .executeTakeFirstOrThrow();
  const filled = Object.fromEntries(
    (rev.annotations as { stableId: string; type: string; mandatory: boolean }[])
      .filter((d) => d.mandatory)
      .map((d) => [d.stableId, { value: d.type === 'yes_no' ? true : 'Vérifié' }]),
  );
  await db
    .updateTable('dossiers')
    .set({ annotations: JSON.stringify(filled) })
    .where('id', 'in', eligible)
    .execute();
  // en construction: it cannot be accepted, the operation reports it
  [ineligible] = await insertFollowedDossiers(e.app, { ...common, n: 1, state: 'en_construction' });
});
after(async () => e?.close());

test('bulk acceptance of every dossier of a filtered tab, with the banner and a failure listed', async (t) => {
  const page = e.page;
  const step = journey(t);

  await step('sign in as the instructor', async () => {
    const { password } = demoAccount('instructeur@demo.guichet.fr');
    await page.goto(`${e.baseUrl}/connexion`);
    await page.locator('#input-email').fill('instructeur@demo.guichet.fr');
    await page.locator('#input-password').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
  });

  await step('filter « suivis par moi » on five dossiers', async () => {
    await page.goto(`${e.baseUrl}/instructeur/procedures/${procedureId}?statut=suivis`);
    await checkA11y(page);
    await page.locator('summary', { hasText: 'Filtrer les dossiers' }).click();
    await page.getByLabel('Numéro du dossier').fill([...eligible, ineligible].join(' '));
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await page.getByText('Les filtres ont été appliqués.').waitFor();
    await checkA11y(page);
  });

  await step('select every dossier of the tab and accept them with one motivation', async () => {
    await page.getByRole('link', { name: "Sélectionner les 5 dossiers de l'onglet" }).click();
    await page.getByText("Les 5 dossiers de l'onglet sont sélectionnés.").waitFor();
    await page.locator('summary', { hasText: 'Instruire les dossiers' }).click();
    await page.getByLabel('Accepter les dossiers').check({ force: true }); // DSFR: the label covers the radio
    await page.getByLabel('Motivation').fill('Dossiers complets : acceptés.');
    await page.getByLabel('Justificatif (facultatif)').setInputFiles({
      name: 'décision collective.pdf',
      mimeType: 'application/pdf',
      buffer: samplePdf('Décision collective'),
    });
    await checkA11y(page);
    await page.getByRole('button', { name: 'Valider la décision pour 5 dossiers' }).click();
    await page.getByText("Acceptation des dossiers : l'action de masse a commencé.").waitFor();
    await checkA11y(page);
  });

  await step('the banner reaches « terminée » by itself, with the failure and its reason', async () => {
    await page.getByText("L'action de masse est terminée").waitFor({ timeout: 60_000 });
    await page.getByText(`Dossier nº ${ineligible} : le dossier a changé d’état`).waitFor();
    await checkA11y(page);
    for (const id of eligible) {
      const d = await e.app.db.selectFrom('dossiers').select('state').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(d.state, 'accepte', `dossier ${id}`);
    }
    // the justificatif chosen once is every accepted dossier's, on the same stored bytes
    const justificatifs = await e.app.db
      .selectFrom('files')
      .select(['dossier_id', 'name', 'storage_key'])
      .where('origin', '=', 'justificatif')
      .where('dossier_id', 'in', eligible)
      .execute();
    assert.equal(justificatifs.length, eligible.length);
    assert.ok(justificatifs.every((j) => j.name === 'décision collective.pdf'));
    assert.equal(new Set(justificatifs.map((j) => j.storage_key)).size, 1);
    const left = await e.app.db
      .selectFrom('dossiers')
      .select('state')
      .where('id', '=', ineligible)
      .executeTakeFirstOrThrow();
    assert.equal(left.state, 'en_construction');
  });

  await step('dismiss the banner', async () => {
    await page.getByRole('button', { name: 'Masquer ce message' }).click();
    // the form answers with a redirect that Turbo follows: wait for the banner to go
    await page.getByText("L'action de masse est terminée").waitFor({ state: 'detached' });
    assert.equal(await page.getByText("L'action de masse est terminée").count(), 0);
    await checkA11y(page);
  });

  await step(
    '« Demander un avis » in bulk: the dossier left in the tab gets its avis and the expert his invitation',
    async () => {
      // the filter on the five numbers is kept: only the dossier left en construction is still « suivi »
      await page.goto(`${e.baseUrl}/instructeur/procedures/${procedureId}?statut=suivis`);
      await page.getByRole('link', { name: "Sélectionner le dossier de l'onglet" }).click();
      await page.getByText("Le dossier de l'onglet est sélectionné.").waitFor();
      await page.locator('summary', { hasText: 'Instruire les dossiers' }).click();
      await page.locator('summary', { hasText: 'Demander un avis' }).click();
      await page.getByLabel('Adresses électroniques des experts').fill('expert.masse@exemple.fr');
      await page.getByLabel('Message aux experts').fill('Votre avis sur ce dossier, merci.');
      await page.getByLabel('Question (facultatif)').fill('Le projet est-il conforme ?');
      await checkA11y(page);
      await page.locator('button[data-bulk-action="demander_avis"]').click();
      await page.getByText("L'action de masse est terminée").waitFor({ timeout: 60_000 });
      await checkA11y(page);
      const avis = await e.app.db
        .selectFrom('avis')
        .innerJoin('users', 'users.id', 'avis.expert_id')
        .select(['avis.dossier_id', 'avis.question_label', 'users.email'])
        .where('avis.dossier_id', '=', ineligible)
        .execute();
      assert.deepEqual(
        avis.map((a) => [a.dossier_id, a.question_label, a.email]),
        [[ineligible, 'Le projet est-il conforme ?', 'expert.masse@exemple.fr']],
      );
    },
  );
});
