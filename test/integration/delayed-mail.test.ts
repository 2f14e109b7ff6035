// A delayed e-mail re-checks, when it is sent, that what it announces still holds: the « correction
// demandée » e-mail leaves five minutes after the request, and not at all once the correction was
// answered (or the dossier decided) meanwhile.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { notifyUsagerJob } from '../../src/jobs/notify-usager.ts';
import { closeTestApp, createTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier } from '../helpers/fixtures.ts';
import { browserAs, type DossierFixture, dossierProcedure } from './dossier-fixture.ts';

let app: TestApp;
let f: DossierFixture;

before(async () => {
  app = await createTestApp();
  f = await dossierProcedure(app);
});
after(async () => closeTestApp(app));

const correctionMails = (id: string) =>
  app.db
    .selectFrom('outbox_emails')
    .select('id')
    .where('to_email', '=', f.usager.email)
    .where('subject', 'like', `%correction est demandée sur votre dossier nº ${id} %`)
    .execute();

describe(`delayed e-mails re-check what they announce (${engine})`, () => {
  for (const [name, later] of [
    ['still pending: sent', null],
    ['answered meanwhile: not sent', { pending_correction: false }],
    ['answered and accepted meanwhile: not sent', { pending_correction: false, state: 'accepte' as const }],
  ] as const) {
    test(`« correction demandée », ${name}`, async () => {
      const id = await dossier(app, f, { state: 'en_instruction' });
      const bi = await browserAs(app, f.instructeurA);
      const form = await bi.get(`/instructeur/dossiers/${id}/actions/demander-une-correction`);
      const r = await bi.post(`/instructeur/dossiers/${id}/actions/demander-une-correction`, {
        lockVersion: form.html.match(/name="lockVersion" value="(\d+)"/)![1],
        correctionMessage: 'Pièce manquante.',
      });
      assert.equal(r.status, 303);
      const message = await app.db
        .selectFrom('messages')
        .select('id')
        .where('dossier_id', '=', id)
        .where('body', '=', 'Pièce manquante.')
        .executeTakeFirstOrThrow();
      if (later) await app.db.updateTable('dossiers').set(later).where('id', '=', id).execute();
      const handler = await notifyUsagerJob.handler();
      await handler(app, { dossierId: id, template: 'correction', messageId: String(message.id) });
      assert.equal((await correctionMails(id)).length, later ? 0 : 1);
    });
  }
});
