// The seed's journey (docs/interface.md §3) in Chromium, with the demo data: open a dossier →
// Suivre → Passer en instruction → Demander une correction → (the usager corrects and resubmits) →
// Passer en instruction → fill an annotation → Accepter with a motivation and a justificatif,
// previewing the attestation → the usager sees the decision and downloads the attestation →
// Archiver → Désarchiver → Mettre à la corbeille → Restaurer. Axe WCAG 2.1 A/AA on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startE2E, checkA11y, demoAccount, journey, waitForMail, type E2E } from './helpers.ts';
import { DEMO_PROCEDURES } from '../../src/seed/demo.ts';
import { samplePdf } from '../../src/seed/data.ts';

let e: E2E;
let procedureId: string;
let dossierId: string;

before(async () => {
  e = await startE2E();
  procedureId = (
    await e.app.db
      .selectFrom('procedures')
      .select('id')
      .where('title', '=', DEMO_PROCEDURES.subvention)
      .executeTakeFirstOrThrow()
  ).id;
  const usager = await e.app.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'usager@demo.guichet.fr')
    .executeTakeFirstOrThrow();
  // a dossier en construction of the demo usager that nobody follows yet
  const d = await e.app.db
    .selectFrom('dossiers')
    .select('id')
    .where('procedure_id', '=', procedureId)
    .where('user_id', '=', usager.id)
    .where('state', '=', 'en_construction')
    .where('pending_correction', '=', false)
    .where('hidden_by_user_at', 'is', null)
    .where('hidden_by_administration_at', 'is', null)
    .where('hidden_by_expired_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('follows')
            .select('follows.user_id')
            .whereRef('follows.dossier_id', '=', 'dossiers.id')
            .where('follows.unfollowed_at', 'is', null),
        ),
      ),
    )
    .orderBy('id')
    .executeTakeFirstOrThrow();
  dossierId = d.id;
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
  await e.page.getByRole('button', { name: 'Se déconnecter' }).click();
  await e.page.waitForURL((u) => u.pathname === '/' || u.pathname.startsWith('/connexion'));
}

/** Clicks a button of the dossier header and waits for the French confirmation. */
async function headerAction(name: string, done: string): Promise<void> {
  await e.page.getByRole('button', { name, exact: true }).click();
  await e.page.getByText(done).waitFor();
  await checkA11y(e.page);
}

const state = () => e.app.db.selectFrom('dossiers').selectAll().where('id', '=', dossierId).executeTakeFirstOrThrow();

test("the seed's instruction journey, end to end, accessible", { timeout: 300_000 }, async (t) => {
  const page = e.page;
  const step = journey(t);

  await step("the instructor opens the dossier from the list's link; every tab is accessible", async () => {
    await signIn('instructeur@demo.guichet.fr');
    // the list tab travels along
    await page.goto(`${e.baseUrl}/instructeur/procedures/${procedureId}/dossiers/${dossierId}?statut=tous`);
    await page.waitForURL(new RegExp(`/instructeur/dossiers/${dossierId}\\?tab=tous$`));
    await page.getByRole('heading', { level: 1, name: `Dossier nº ${dossierId}` }).waitFor();
    await checkA11y(page);
    for (const tab of ['Pièces justificatives', 'Avis externes', 'Messagerie', 'Demande']) {
      await page
        .getByRole('navigation', { name: `Onglets du dossier nº ${dossierId}` })
        .getByRole('link', { name: tab })
        .click();
      await page.locator(`a[aria-current="page"]`, { hasText: tab }).waitFor();
      await checkA11y(page);
    }
  });

  await step('Suivre, then Passer en instruction', async () => {
    await headerAction('Suivre le dossier', `Vous suivez le dossier nº ${dossierId}.`);
    await headerAction('Passer en instruction', 'Le dossier est passé en instruction.');
    assert.equal((await state()).state, 'en_instruction');
  });

  await step('Demander une correction', async () => {
    await page.getByRole('link', { name: 'Demander une correction' }).click();
    await page.getByRole('heading', { level: 1, name: /Demander une correction/ }).waitFor();
    await checkA11y(page);
    await page.getByLabel('Le dossier est incomplet (pièces ou informations manquantes)').check({ force: true });
    await page.getByLabel("Message à l'usager").fill("Merci d'indiquer le nombre d'adhérents à jour.");
    await page.getByRole('button', { name: 'Demander une correction' }).click();
    await page.getByText("La demande de correction a été envoyée à l'usager.").waitFor();
    await page.getByText('en attente de correction').first().waitFor();
    await checkA11y(page);
    assert.equal((await state()).pending_correction, true);
    await signOut();
  });

  await step('the usager corrects and resubmits', async () => {
    await signIn('usager@demo.guichet.fr');
    await page.goto(`${e.baseUrl}/dossiers`);
    await checkA11y(page);
    await page.getByRole('link', { name: `Dossier nº ${dossierId}`, exact: true }).click();
    await page.getByText("Merci d'indiquer le nombre d'adhérents à jour.").first().waitFor();
    await checkA11y(page);
    await page.getByRole('link', { name: 'Corriger mon dossier' }).click();
    await page.getByRole('heading', { level: 1, name: `Modifier le dossier nº ${dossierId}` }).waitFor();
    await checkA11y(page);
    await page.getByLabel("Nombre d'adhérents").fill('128');
    await page.getByRole('button', { name: 'Déposer les modifications' }).last().click();
    await page.getByText('Vos modifications ont été déposées').waitFor();
    await checkA11y(page);
    const d = await state();
    assert.equal(d.pending_correction, false);
    assert.equal((d.champs as any).c11.value, 128);
    await signOut();
  });

  await step(
    'the instructor passes it en instruction again and fills the annotations (autosave and button)',
    async () => {
      await signIn('instructeur@demo.guichet.fr');
      await page.goto(`${e.baseUrl}/instructeur/dossiers/${dossierId}`);
      await page.getByText('modifié le').first().waitFor();
      await checkA11y(page);
      await headerAction('Passer en instruction', 'Le dossier est passé en instruction.');

      await page
        .getByRole('navigation', { name: `Onglets du dossier nº ${dossierId}` })
        .getByRole('link', { name: 'Annotations privées' })
        .click();
      await page.getByRole('heading', { level: 2, name: 'Annotations privées' }).waitFor();
      await checkA11y(page);
      // autosave, field by field (JavaScript)
      await page.getByLabel('Référence interne').fill('SUB-E2E-001');
      await page.getByLabel('Référence interne').press('Tab');
      await page.locator('[data-autosave-field="a01"] [data-autosave-status]', { hasText: 'Enregistré' }).waitFor();
      await page
        .getByRole('group', { name: /Dossier complet/ })
        .getByLabel('Oui')
        .check({ force: true });
      await page.locator('[data-autosave-field="a02"] [data-autosave-status]', { hasText: 'Enregistré' }).waitFor();
      await checkA11y(page);
      const d = await state();
      assert.equal((d.annotations as any).a01.value, 'SUB-E2E-001');
      assert.equal((d.annotations as any).a02.value, true);
      // and the button (no JavaScript needed)
      await page.getByRole('button', { name: 'Enregistrer les annotations' }).click();
      await page
        .getByText(/annotation/)
        .first()
        .waitFor();
      await checkA11y(page);
    },
  );

  await step(
    'Accepter with a motivation and a justificatif, after previewing the attestation; the usager is e-mailed',
    async () => {
      await page.getByRole('link', { name: 'Accepter', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: /Accepter le dossier/ }).waitFor();
      await checkA11y(page);
      await page.getByLabel(/Motivation/).fill('Projet conforme aux critères du dispositif.');
      const justificatif = `${fs.mkdtempSync('/tmp/guichet-e2e-')}/decision-signee.pdf`;
      fs.writeFileSync(justificatif, samplePdf('Decision signee'));
      await page.getByLabel(/Justificatif/).setInputFiles(justificatif);
      // preview of the attestation: a PDF, in a new tab, nothing stored
      const [preview] = await Promise.all([
        e.context.waitForEvent('response', (r) =>
          r.url().includes(`/instructeur/dossiers/${dossierId}/attestation/apercu`),
        ),
        page.getByRole('button', { name: "Prévisualiser l'attestation" }).click(),
      ]);
      assert.equal(preview.status(), 200);
      assert.equal(preview.headers()['content-type'], 'application/pdf');
      // (Chrome's PDF viewer takes over the tab's body: read the same URL again for the bytes)
      assert.match(preview.url(), /\?motivation=Projet\+conforme|\?motivation=Projet%20conforme/);
      const again = await page.request.get(preview.url());
      assert.equal((await again.body()).subarray(0, 5).toString(), '%PDF-');
      for (const p of e.context.pages()) if (p !== page) await p.close();
      assert.equal(
        (await e.app.db.selectFrom('attestations').select('file_id').where('dossier_id', '=', dossierId).execute())
          .length,
        0,
      );
      await page.getByRole('button', { name: 'Valider la décision' }).click();
      await page.getByText('Le dossier a été accepté.').waitFor();
      await checkA11y(page);
      const d = await state();
      assert.equal(d.state, 'accepte');
      assert.equal(d.motivation, 'Projet conforme aux critères du dispositif.');
      const files = await e.app.db
        .selectFrom('files')
        .select(['origin', 'name'])
        .where('dossier_id', '=', dossierId)
        .where('origin', '=', 'justificatif')
        .execute();
      assert.deepEqual(files, [{ origin: 'justificatif', name: 'decision-signee.pdf' }]);
      // the usager receives the decision e-mail, with the motivation and the attestation attached
      const mail = await waitForMail(
        e.app,
        'usager@demo.guichet.fr',
        new RegExp(`dossier nº ${dossierId} a été accepté`),
      );
      assert.match(mail.html, /Projet conforme aux critères du dispositif\./);
      assert.deepEqual(
        (mail.attachments as { filename: string }[]).map((a) => a.filename),
        [`attestation-dossier-${dossierId}.pdf`],
      );
      await signOut();
    },
  );

  await step('the usager sees the decision and downloads the attestation', async () => {
    await signIn('usager@demo.guichet.fr');
    await page.goto(`${e.baseUrl}/dossiers/${dossierId}`);
    await page.getByText('Votre dossier a été accepté').waitFor();
    await page.getByText('Projet conforme aux critères du dispositif.').first().waitFor();
    await checkA11y(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: "Télécharger l'attestation" }).click(),
    ]);
    assert.match(download.suggestedFilename(), new RegExp(`^attestation-dossier-${dossierId}\\.pdf$`));
    const bytes = fs.readFileSync((await download.path())!);
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    await signOut();
  });

  await step('Archiver, Désarchiver, Mettre à la corbeille, Restaurer', async () => {
    await signIn('instructeur@demo.guichet.fr');
    await page.goto(`${e.baseUrl}/instructeur/dossiers/${dossierId}`);
    await checkA11y(page);
    await headerAction('Archiver le dossier', 'Le dossier a été archivé.');
    assert.equal((await state()).archived, true);
    await page
      .getByRole('navigation', { name: `Onglets du dossier nº ${dossierId}` })
      .getByRole('link', { name: 'Messagerie' })
      .click();
    await page.getByText('La messagerie est désactivée pour les dossiers archivés').waitFor();
    await checkA11y(page);
    await headerAction('Désarchiver le dossier', 'Le dossier a été désarchivé.');
    // « Mettre à la corbeille » asks for confirmation and says when the dossier will be deleted
    await page.getByRole('link', { name: 'Mettre à la corbeille', exact: true }).click();
    await page.getByText('supprimé définitivement le').waitFor();
    await checkA11y(page);
    await page.getByRole('button', { name: 'Valider et mettre à la corbeille' }).click();
    await page.getByText(`Le dossier nº ${dossierId} a été mis à la corbeille`).waitFor();
    await checkA11y(page);
    assert.ok((await state()).hidden_by_administration_at);
    // a dossier in the corbeille is no longer opened: it is restored from the list's corbeille tab
    await page.goto(`${e.baseUrl}/instructeur/procedures/${procedureId}?statut=supprimes`);
    await checkA11y(page);
    await headerAction(`Restaurer le dossier nº ${dossierId}`, 'Le dossier a été restauré.');
    const d = await state();
    assert.equal(d.hidden_by_administration_at, null);
    assert.equal(d.archived, false);
  });

  await step('the history has every step, in order', async () => {
    const events = (
      await e.app.db
        .selectFrom('dossier_events')
        .select('type')
        .where('dossier_id', '=', dossierId)
        .orderBy('id')
        .execute()
    ).map((x) => x.type);
    const journey = [
      'suivi',
      'passe_en_instruction',
      'correction_demandee',
      'depose_correction_usager',
      'passe_en_instruction',
      'annotation_modifiee',
      'accepte',
      'archive',
      'desarchive',
      'mis_a_la_corbeille',
      'restaure',
    ];
    let i = 0;
    for (const t of events) if (t === journey[i]) i++;
    assert.equal(i, journey.length, `history in order: ${events.join(', ')}`);
  });
});
