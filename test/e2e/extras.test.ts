// Personnes impliquées, Réaffectation, Rendez-vous, PDF, Dossiers supprimés in Chromium with the demo
// data: an instructor opens a dossier → sends it to a colleague → moves it to the other group →
// proposes a rendez-vous (after a refused video link) → downloads the PDF; axe WCAG 2.1 A/AA on
// every page visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, checkA11y, demoAccount, journey, waitForMail, type E2E } from './helpers.ts';
import { DEMO_PROCEDURES } from '../../src/seed/demo.ts';
import { utcToParisLocal } from '../../src/domain/rendez-vous.ts';

let e: E2E;
let procedureId: string;
let dossierId: string;
let groupA: { id: string; label: string };
let groupB: { id: string; label: string };
let colleague: { id: string; email: string };

before(async () => {
  e = await startE2E();
  procedureId = (
    await e.app.db
      .selectFrom('procedures')
      .select('id')
      .where('title', '=', DEMO_PROCEDURES.subvention)
      .executeTakeFirstOrThrow()
  ).id;
  const groups = await e.app.db
    .selectFrom('groupes_instructeurs')
    .select(['id', 'label'])
    .where('procedure_id', '=', procedureId)
    .orderBy('label')
    .execute();
  groupA = groups.find((g) => g.label.startsWith('Groupe A'))!;
  groupB = groups.find((g) => g.label.startsWith('Groupe B'))!;
  colleague = await e.app.db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('email', '=', 'instructeur2@demo.guichet.fr')
    .executeTakeFirstOrThrow();
  const d = await e.app.db
    .selectFrom('dossiers')
    .select('id')
    .where('procedure_id', '=', procedureId)
    .where('groupe_id', '=', groupA.id)
    .where('state', '=', 'en_construction')
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
            .where('follows.user_id', '=', colleague.id),
        ),
      ),
    )
    .orderBy('id', 'desc')
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

async function openTab(name: string): Promise<void> {
  await e.page
    .getByRole('navigation', { name: `Onglets du dossier nº ${dossierId}` })
    .getByRole('link', { name })
    .click();
  await e.page.locator('a[aria-current="page"]', { hasText: name }).waitFor();
  await checkA11y(e.page);
}

test('personnes impliquées → envoyer à un collègue → réaffectation → rendez-vous → PDF, accessible', {
  timeout: 300_000,
}, async (t) => {
  const page = e.page;
  const step = journey(t);

  await step('the instructor opens the dossier', async () => {
    await signIn('instructeur@demo.guichet.fr');
    await page.goto(`${e.baseUrl}/instructeur/dossiers/${dossierId}`);
    await page.getByRole('heading', { level: 1, name: `Dossier nº ${dossierId}` }).waitFor();
    await checkA11y(page);
  });

  // Personnes impliquées → Envoyer à un instructeur
  await step('Personnes impliquées: envoyer à un instructeur', async () => {
    await openTab('Personnes impliquées');
    await page.getByRole('heading', { name: 'Décisions rendues' }).waitFor();
    await page.locator(`label[for="envoyer-${colleague.id}"]`).click();
    assert.ok(await page.locator(`#envoyer-${colleague.id}`).isChecked());
    await page.getByRole('button', { name: 'Envoyer le dossier' }).click();
    await page.getByText(`Le dossier nº ${dossierId} a été envoyé à ${colleague.email}.`).waitFor();
    await checkA11y(page);
    const sent = await waitForMail(e.app, colleague.email, new RegExp(`vous a envoyé le dossier nº ${dossierId}`));
    assert.ok(sent.text.includes(`/instructeur/dossiers/${dossierId}`));
    // a refused choice: none selected
    await page.getByRole('button', { name: 'Envoyer le dossier' }).click();
    await page.getByText('Choisissez au moins un instructeur.').first().waitFor();
    await checkA11y(page);
  });

  // Réaffectation to the other group (I am in both: I stay on the dossier)
  await step('Réaffectation to the other group', async () => {
    await openTab('Réaffectation');
    await page.getByLabel("Nouveau groupe d'instructeurs").selectOption({ label: groupB.label });
    await page.getByRole('button', { name: 'Réaffecter le dossier' }).click();
    await page.getByText(`Le dossier nº ${dossierId} a été réaffecté au groupe « ${groupB.label} ».`).waitFor();
    await checkA11y(page);
    const moved = await e.app.db
      .selectFrom('dossiers')
      .select(['groupe_id', 'forced_groupe'])
      .where('id', '=', dossierId)
      .executeTakeFirstOrThrow();
    assert.equal(moved.groupe_id, groupB.id);
    assert.equal(moved.forced_groupe, true);
    await page.getByRole('table', { name: 'Historique des réaffectations' }).getByText(groupA.label).waitFor();
    // the colleague is not in group B: he no longer follows and is told
    await waitForMail(e.app, colleague.email, new RegExp(`Le dossier nº ${dossierId} a changé de groupe`));
    const follow = await e.app.db
      .selectFrom('follows')
      .select('unfollowed_at')
      .where('dossier_id', '=', dossierId)
      .where('user_id', '=', colleague.id)
      .executeTakeFirstOrThrow();
    assert.ok(follow.unfollowed_at);
  });

  // Rendez-vous: a video slot without a https link is refused (French message), then proposed
  await step('Rendez-vous: a video slot without a https link is refused, then proposed', async () => {
    await openTab('Rendez-vous');
    const soon = utcToParisLocal(new Date(Date.now() + 2 * 86_400_000));
    await page.locator('#rdv-date').fill(soon.date);
    await page.locator('#rdv-time').fill('10:30');
    await page.locator('#rdv-duration').fill('30');
    await page.locator('label[for="rdv-mode-visio"]').click();
    await page.locator('#rdv-place').fill('Salle 12');
    await page.getByRole('button', { name: 'Proposer le rendez-vous' }).click();
    await page.getByText('Indiquez un lien de visioconférence commençant par https://.').first().waitFor();
    await checkA11y(page);
    assert.equal(await page.locator('#rdv-date').inputValue(), soon.date, 'what was typed is kept');
    await page.locator('#rdv-place').fill('https://visio.demo.guichet.fr/salle-12');
    await page.getByRole('button', { name: 'Proposer le rendez-vous' }).click();
    await page.getByText("Le rendez-vous a été proposé à l'usager").waitFor();
    await page.getByRole('heading', { name: 'Rendez-vous à venir' }).waitFor();
    await checkA11y(page);
    const usagerEmail = (
      await e.app.db.selectFrom('dossiers').select('user_email').where('id', '=', dossierId).executeTakeFirstOrThrow()
    ).user_email;
    const invitation = await waitForMail(
      e.app,
      usagerEmail,
      new RegExp(`Rendez-vous proposé pour votre dossier nº ${dossierId}`),
    );
    const att = (invitation.attachments as { filename: string; content?: string }[])[0];
    assert.equal(att.filename, 'rendez-vous.ics');
    assert.match(att.content ?? '', /METHOD:REQUEST/);
    // the change form
    await page
      .getByRole('link', { name: /^Modifier/ })
      .first()
      .click();
    await page.getByRole('heading', { name: /Modifier le rendez-vous du/ }).waitFor();
    await checkA11y(page);
    await page.locator('#rdv-duration').fill('45');
    await page.getByRole('button', { name: 'Enregistrer le nouveau créneau' }).click();
    await page.getByText('Le rendez-vous a été modifié').waitFor();
    await checkA11y(page);
  });

  // Télécharger le dossier (PDF)
  await step('Télécharger le dossier (PDF)', async () => {
    const link = page.getByRole('link', { name: 'Télécharger le dossier (PDF)' });
    const href = await link.getAttribute('href');
    assert.equal(href, `/instructeur/dossiers/${dossierId}/pdf`);
    const res = await page.request.get(`${e.baseUrl}${href}`);
    assert.equal(res.status(), 200);
    assert.equal(res.headers()['content-type'], 'application/pdf');
    assert.match(res.headers()['content-disposition'] ?? '', /^attachment/);
    assert.equal((await res.body()).subarray(0, 5).toString(), '%PDF-');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), `dossier-${dossierId}.pdf`);
  });

  // Dossiers supprimés of the procedure
  await step('Dossiers supprimés of the procedure', async () => {
    await page.goto(`${e.baseUrl}/instructeur/procedures/${procedureId}/dossiers-supprimes`);
    await page.getByRole('heading', { level: 1, name: 'Dossiers supprimés définitivement' }).waitFor();
    await checkA11y(page);
  });
});
