// « Gestion de la démarche » and « Accompagnement des usagers » in Chromium with the demo data: e-mail
// settings and the daily recap at /letter_opener once the clock reaches 10:00 on a weekday (none on
// Sunday), a badge kind set to « Jamais » taking its badge and red dot away, self-management of a
// group, the group's contact information in the next usager e-mail, the statistics, the message to
// the brouillons; axe WCAG 2.1 A/AA on every page visited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, checkA11y, demoAccount, journey, waitForMail, type E2E } from './helpers.ts';
import { DEMO_ACCOUNTS, DEMO_PROCEDURES } from '../../src/seed/demo.ts';
import { samplePdf } from '../../src/seed/data.ts';
import { ManualClock, systemClock } from '../../src/platform/clock.ts';
import { parisDay } from '../../src/domain/email-preferences.ts';
import { parisMidnight } from '../../src/domain/statistics.ts';

let e: E2E;
let procedureId: string;
let me: { id: string; email: string };
let followed: string;
let groupeId: string;

/** The next day after today (Paris) with this weekday rule, at 10:00 Paris time. */
function next10h(wanted: (weekday: number) => boolean): Date {
  for (let k = 1; k <= 8; k++) {
    const day = parisDay(new Date(Date.now() + k * 86_400_000)).day;
    const at = new Date(parisMidnight(day).getTime() + 10 * 3_600_000);
    if (wanted(parisDay(at).weekday)) return at;
  }
  throw new Error('aucun jour trouvé');
}

before(async () => {
  e = await startE2E();
  procedureId = (
    await e.app.db
      .selectFrom('procedures')
      .select('id')
      .where('title', '=', DEMO_PROCEDURES.subvention)
      .executeTakeFirstOrThrow()
  ).id;
  me = await e.app.db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('email', '=', 'instructeur@demo.guichet.fr')
    .executeTakeFirstOrThrow();
  // one followed dossier whose only news for me is a message (the red dot of « suivis » is its own)
  const f = await e.app.db
    .selectFrom('follows')
    .innerJoin('dossiers', 'dossiers.id', 'follows.dossier_id')
    .select(['dossiers.id', 'dossiers.groupe_id'])
    .where('follows.user_id', '=', me.id)
    .where('follows.unfollowed_at', 'is', null)
    .where('dossiers.procedure_id', '=', procedureId)
    .where('dossiers.state', '=', 'en_instruction')
    .where('dossiers.archived', '=', false)
    .where('dossiers.hidden_by_administration_at', 'is', null)
    .where('dossiers.hidden_by_expired_at', 'is', null)
    .orderBy('dossiers.id')
    .executeTakeFirstOrThrow();
  followed = f.id;
  groupeId = f.groupe_id;
  await e.app.db
    .deleteFrom('notifications')
    .where('user_id', '=', me.id)
    .where('kind', 'in', ['message', 'dossier_modifie', 'annotation_instructeur', 'avis_externe'])
    .execute();
  await e.app.db
    .insertInto('notifications')
    .values({ dossier_id: followed, user_id: me.id, kind: 'message', display_at: new Date(Date.now() - 60_000) })
    .execute();
  await e.app.db
    .updateTable('procedures')
    .set({ instructeurs_self_management: true })
    .where('id', '=', procedureId)
    .execute();
});
after(async () => e?.close());

async function signIn(email: string): Promise<void> {
  const { password } = demoAccount(email);
  await e.page.goto(`${e.baseUrl}/deconnexion`).catch(() => undefined);
  await e.page.context().clearCookies();
  await e.page.goto(`${e.baseUrl}/connexion`);
  await e.page.locator('#input-email').fill(email);
  await e.page.locator('#input-password').fill(password);
  await e.page.getByRole('button', { name: 'Se connecter' }).click();
  await e.page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
}

/** Fire the daily recap's schedule at `at` (the clock moved there) and wait for the worker to run it. */
async function fireDailyRecap(at: Date): Promise<void> {
  (e.app as any).clock = new ManualClock(at);
  const id = await e.app.boss.send('recap-daily', {});
  const end = Date.now() + 120_000; // a generous bound for a busy machine: this waits, it measures nothing
  for (;;) {
    const job = (await e.app.boss.getJobById('recap-daily', id!)) as { state: string } | null;
    const pending = await e.app.db
      .selectFrom('instructeur_recaps')
      .select('user_id')
      .where('outcome', 'is', null)
      .execute();
    if (job?.state === 'completed' && pending.length === 0) break;
    if (Date.now() > end) throw new Error('le récapitulatif quotidien ne s’est pas terminé');
    await new Promise((r) => setTimeout(r, 250));
  }
  (e.app as any).clock = systemClock;
}

test('gestion de la démarche et accompagnement des usagers, accessibles', { timeout: 600_000 }, async (t) => {
  const page = e.page;
  const step = journey(t);
  const gestion = `${e.baseUrl}/instructeur/procedures/${procedureId}/gestion`;

  await step('the procedure menu leads to « Gestion de la démarche »', async () => {
    await signIn(me.email);
    await page.goto(`${e.baseUrl}/instructeur/procedures/${procedureId}`);
    await page
      .getByRole('navigation', { name: /Menu de la démarche/ })
      .getByRole('link', { name: 'Gestion de la démarche' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Gestion de la démarche' }).waitFor();
    await checkA11y(page);
  });

  await step('e-mail notifications: the five choices saved', async () => {
    await page.getByRole('link', { name: 'Gestion des notifications par e-mail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gestion des notifications par e-mail' }).waitFor();
    await checkA11y(page);
    await page.locator('label[for="pref-daily_email_summary-oui"]').click();
    await page.locator('label[for="pref-weekly_email_summary-oui"]').click();
    await page.locator('label[for="pref-instant_email_new_dossier-non"]').click();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Vos notifications par e-mail ont été enregistrées.').waitFor();
    assert.ok(await page.locator('#pref-daily_email_summary-oui').isChecked());
    await checkA11y(page);
  });

  await step('no daily recap on Sunday, one at 10:00 on a weekday, readable at /letter_opener', async () => {
    await fireDailyRecap(next10h((w) => w === 0));
    let mails = await e.app.db
      .selectFrom('outbox_emails')
      .select('id')
      .where('to_email', '=', me.email)
      .where('subject', '=', 'Votre récapitulatif quotidien')
      .execute();
    assert.equal(mails.length, 0);
    await fireDailyRecap(next10h((w) => w >= 1 && w <= 6));
    const recap = await waitForMail(e.app, me.email, /^Votre récapitulatif quotidien$/);
    assert.match(recap.text, /Message : 1 dossier/);
    assert.match(recap.text, /\/gestion\/notifications/);
    mails = await e.app.db
      .selectFrom('outbox_emails')
      .select('id')
      .where('to_email', '=', me.email)
      .where('subject', '=', 'Votre récapitulatif quotidien')
      .execute();
    assert.equal(mails.length, 1);
    await signIn('admin@demo.guichet.fr');
    await page.goto(`${e.baseUrl}/letter_opener`);
    await checkA11y(page);
    await page.getByRole('link', { name: 'Votre récapitulatif quotidien' }).first().click();
    await page.getByText('Gérer mes notifications par e-mail').waitFor();
    await checkA11y(page);
  });

  await step('a badge kind set to « Jamais » leaves the list and its red dot', async () => {
    await signIn(me.email);
    await page.goto(`${e.baseUrl}/instructeur/procedures/${procedureId}?statut=suivis`);
    assert.equal(await page.locator('a[aria-current="page"] .gu-news-dot').count(), 1);
    await page.goto(`${gestion}/badges`);
    await checkA11y(page);
    await page.locator('label[for="badge-message-none"]').click();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Vos badges de notification ont été enregistrés.').waitFor();
    await checkA11y(page);
    await page.goto(`${e.baseUrl}/instructeur/procedures/${procedureId}?statut=suivis`);
    await checkA11y(page);
    assert.equal(await page.locator('.gu-news-dot').count(), 0);
  });

  await step('self-management: add an instructor by e-mail, then remove him', async () => {
    await page.goto(`${gestion}/instructeurs/${groupeId}`);
    await checkA11y(page);
    await page.getByLabel('Ajouter un instructeur').fill('nouvel.agent@demo.guichet.fr');
    await page.getByRole('button', { name: "Ajouter l'instructeur" }).click();
    await page.getByText('Invitation envoyée à nouvel.agent@demo.guichet.fr.').waitFor();
    await checkA11y(page);
    await waitForMail(e.app, 'nouvel.agent@demo.guichet.fr', /Invitation à instruire/);
    await page.getByRole('button', { name: 'Retirer nouvel.agent@demo.guichet.fr' }).click();
    await page.getByText('nouvel.agent@demo.guichet.fr a été retiré du groupe.').waitFor();
    await checkA11y(page);
  });

  await step('the group contact information in the next usager e-mail', async () => {
    await page.locator('#contact-service').fill('Service vie associative');
    await page.locator('#contact-adresse').fill('2 rue de la Mairie, 69001 Lyon');
    await page.locator('#contact-email').fill('associations@ville.fr');
    await page.locator('#contact-telephone').fill('04 00 00 00 00');
    await page.locator('#contact-horaires').fill('Du lundi au vendredi, 9 h – 12 h');
    await page.getByRole('button', { name: 'Enregistrer les informations de contact' }).click();
    await page.getByText('Les informations de contact du groupe ont été enregistrées.').waitFor();
    await checkA11y(page);
    const d = await e.app.db
      .selectFrom('dossiers')
      .select('user_email')
      .where('id', '=', followed)
      .executeTakeFirstOrThrow();
    await e.app.boss.send('notify-usager', { dossierId: followed, template: 'en_instruction' });
    const mail = await waitForMail(e.app, d.user_email, new RegExp(`nº ${followed} est en cours`));
    assert.match(mail.text, /Pour nous contacter :\nService vie associative/);
  });

  await step('the usager finds the group contact in his dossier page’s « Aide »', async () => {
    const usagers = DEMO_ACCOUNTS.filter((a) => a.role === 'usager').map((a) => a.email);
    const mine = await e.app.db
      .selectFrom('dossiers')
      .select(['id', 'user_email'])
      .where('procedure_id', '=', procedureId)
      .where('groupe_id', '=', groupeId)
      .where('state', '<>', 'brouillon')
      .where('user_email', 'in', usagers)
      .where('hidden_by_user_at', 'is', null)
      .where('hidden_by_administration_at', 'is', null)
      .where('hidden_by_expired_at', 'is', null)
      .orderBy('id')
      .executeTakeFirst();
    if (!mine) return; // the demo data has no such dossier: the integration tests cover the page
    await signIn(mine.user_email);
    await page.goto(`${e.baseUrl}/dossiers/${mine.id}`);
    await page.locator('summary', { hasText: 'Aide' }).click();
    await page.getByText('Service vie associative').waitFor();
    await checkA11y(page);
    await signIn(me.email);
  });

  await step('statistics, for instructors and for the public', async () => {
    await page.goto(gestion);
    await page.getByRole('link', { name: 'Statistiques de la démarche' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistiques de la démarche' }).waitFor();
    await page.getByRole('img', { name: 'Avancée des dossiers' }).waitFor();
    await page.getByRole('table', { name: 'Dossiers déposés et traités par semaine' }).waitFor();
    await checkA11y(page);
    await page.goto(`${e.baseUrl}/statistiques/${procedureId}`);
    await page.getByRole('img', { name: "Taux d'acceptation" }).waitFor();
    await checkA11y(page);
  });

  await step('the form history and the accompagnement page', async () => {
    await page.goto(`${gestion}/historique`);
    await page.getByRole('heading', { level: 1, name: 'Historique des modifications du formulaire' }).waitFor();
    await checkA11y(page);
    await page.goto(`${e.baseUrl}/instructeur/procedures/${procedureId}`);
    await page
      .getByRole('navigation', { name: /Menu de la démarche/ })
      .getByRole('link', { name: 'Accompagnement des usagers' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Accompagnement des usagers' }).waitFor();
    await checkA11y(page);
    await page.getByRole('link', { name: "Voir le formulaire comme l'usager le voit" }).click();
    await page.getByRole('heading', { level: 1, name: 'Prévisualiser le formulaire' }).waitFor();
    await checkA11y(page);
  });

  await step('a message to the usagers holding a brouillon', async () => {
    const owners = await e.app.db
      .selectFrom('dossiers')
      .select('user_email')
      .where('procedure_id', '=', procedureId)
      .where('state', '=', 'brouillon')
      .where('hidden_by_user_at', 'is', null)
      .where('hidden_by_expired_at', 'is', null)
      .execute();
    await page.goto(`${e.baseUrl}/instructeur/procedures/${procedureId}/accompagnement`);
    await page.locator('#broadcast-subject').fill('Date limite de dépôt');
    await page.locator('#broadcast-body').fill('Les dossiers doivent être déposés avant le 31 mars.');
    await page.locator('#broadcast-file').setInputFiles({
      name: 'calendrier.pdf',
      mimeType: 'application/pdf',
      buffer: samplePdf('Calendrier'),
    });
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    if (owners.length === 0) {
      await page.getByText("Aucun usager n'a de dossier brouillon sur cette démarche").first().waitFor();
    } else {
      await page.getByText(/Le message est envoyé à \d+ usagers?/).waitFor();
      const mail = await waitForMail(e.app, owners[0]!.user_email.toLowerCase(), /^Date limite de dépôt/);
      assert.match(mail.text, /Une pièce jointe accompagne ce message : « calendrier\.pdf »/);
    }
    await checkA11y(page);
  });
});
