// Rendez-vous through the routes and the database: propose, change, cancel, with history; the
// usager's e-mails carry an .ics invitation (REQUEST, same UID with a growing SEQUENCE, then CANCEL);
// the usager's view lists the slots; bad input gets a French message and nothing is stored.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier, procedureFixture, type Fixture } from '../helpers/fixtures.ts';
import { browserAs, follow, textOf } from './dossier-fixture.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { loadUsagerRendezVous } from '../../src/queries/rendez-vous.ts';
import { UsagerRendezVous } from '../../src/web/views/dossier/rendez-vous-usager.tsx';
import type { Browser } from '../helpers/http.ts';
import { jsx } from 'hono/jsx';

let app: TestApp;
let f: Fixture;
let a: Browser;

before(async () => {
  // 2 March 2026, 10:00 in Paris (winter time, UTC+1)
  app = await createTestApp({ now: '2026-03-02T09:00:00Z' });
  f = await procedureFixture(app);
  await app.db
    .updateTable('procedures')
    .set({ rdv_enabled: true, service_name: 'Service des sports', contact_email: 'sports@exemple.fr' })
    .where('id', '=', f.procedureId)
    .execute();
  a = await browserAs(app, f.instructeurA);
  await a.get('/dossiers');
});
after(async () => closeTestApp(app));

const rdvMails = async () =>
  (
    await app.db.selectFrom('outbox_emails').selectAll().where('to_email', '=', f.usager.email).orderBy('id').execute()
  ).filter((m) => /Rendez-vous/.test(m.subject));
const icsOf = (m: { attachments: unknown }) => {
  const att = (m.attachments as { filename: string; contentType: string; content?: string }[])[0];
  assert.ok(att, 'an attachment');
  assert.match(att.filename, /\.ics$/);
  assert.match(att.contentType, /^text\/calendar/);
  return att.content!;
};
/** RFC 5545 unfolding: a CRLF followed by a space continues the previous line. */
const unfold = (ics: string) => ics.replace(/\r\n /g, '');
const prop = (ics: string, name: string) => new RegExp(`\r\n${name}[:;]([^\r]*)`).exec(unfold(ics))?.[1];

/** The usager's component, rendered to HTML (the test files are .ts: no JSX syntax here). */
const usagerView = (items: Awaited<ReturnType<typeof loadUsagerRendezVous>>) =>
  String(jsx(UsagerRendezVous as any, { rendezVous: items, now: app.clock.now() }));

const SLOT = {
  date: '2026-03-10',
  time: '10:30',
  duration: '45',
  mode: 'sur_place',
  place: 'Mairie annexe, 2 place du Marché, 69001 Lyon',
};

describe(`rendez-vous (${engine})`, () => {
  test('propose → change → cancel, each e-mailed with its invitation, with history', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const tab = await a.get(`/instructeur/dossiers/${id}/rendez-vous`);
    assert.equal(tab.res.status, 200);
    assert.match(textOf(tab.html), /Aucun rendez-vous n'est prévu avec l'usager/);
    for (const label of [
      'for="rdv-date"',
      'for="rdv-time"',
      'for="rdv-duration"',
      'for="rdv-place"',
      'for="rdv-mode-visio"',
    ])
      assert.ok(tab.html.includes(label), label);

    // propose
    const res = await a.post(`/instructeur/dossiers/${id}/rendez-vous`, SLOT);
    assert.equal(res.status, 303);
    assert.match(textOf((await follow(a, res)).html), /Le rendez-vous a été proposé à l'usager/);
    const [row] = await app.db.selectFrom('rendez_vous').selectAll().where('dossier_id', '=', id).execute();
    assert.equal(row.starts_at.toISOString(), '2026-03-10T09:30:00.000Z', '10:30 in Paris in winter is 09:30 UTC');
    assert.equal(row.duration_minutes, 45);
    assert.equal(row.mode, 'sur_place');
    assert.equal(row.created_by, f.instructeurA.id);
    await drainJobs(app);
    let mails = await rdvMails();
    assert.equal(mails.length, 1);
    assert.equal(mails[0].subject, `Rendez-vous proposé pour votre dossier nº ${id}`);
    assert.match(mails[0].text, /mardi 10 mars 2026 à 10:30 \(45 minutes, heure de Paris\)/);
    const ics1 = icsOf(mails[0]);
    assert.match(ics1, /^BEGIN:VCALENDAR\r\n/);
    assert.match(ics1, /\r\nMETHOD:REQUEST\r\n/);
    assert.equal(prop(ics1, 'DTSTART'), '20260310T093000Z');
    assert.equal(prop(ics1, 'DTEND'), '20260310T101500Z');
    assert.equal(prop(ics1, 'SEQUENCE'), '0');
    assert.equal(prop(ics1, 'UID'), `rendez-vous-${row.id}@guichet.test`);
    assert.match(ics1, /\r\nLOCATION:Mairie annexe\\, 2 place du Marché\\, 69001 Lyon\r\n/);
    assert.match(ics1, /\r\nORGANIZER;CN="Service des sports":mailto:sports@exemple\.fr\r\n/);
    assert.match(
      unfold(ics1),
      new RegExp(
        `ATTENDEE;CN="Léa Martin";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${f.usager.email.replace('.', '\\.')}`,
      ),
    );
    for (const line of ics1.split('\r\n'))
      assert.ok(Buffer.byteLength(line) <= 75, `ligne de plus de 75 octets : ${line}`);

    // the usager sees it
    const items = await loadUsagerRendezVous(app.db, id);
    const html = usagerView(items);
    assert.match(
      textOf(html),
      /Votre rendez-vous .*10 mars 2026 à 10:30 \(45 minutes\).*Sur place — Adresse : Mairie annexe/,
    );
    // … on his own dossier page
    const u = await browserAs(app, f.usager);
    const own = await u.get(`/dossiers/${id}`);
    assert.equal(own.res.status, 200);
    assert.match(
      textOf(own.html),
      /Votre rendez-vous .*10 mars 2026 à 10:30 \(45 minutes\).*Sur place — Adresse : Mairie annexe/,
    );

    // change
    const edit = await a.get(`/instructeur/dossiers/${id}/rendez-vous/${row.id}/modifier`);
    assert.equal(edit.res.status, 200);
    assert.ok(
      edit.html.includes('value="2026-03-10"') && edit.html.includes('value="10:30"'),
      'the form holds the current slot (Paris time)',
    );
    const changed = await a.post(`/instructeur/dossiers/${id}/rendez-vous/${row.id}/modifier`, {
      ...SLOT,
      date: '2026-04-02',
      time: '14:00',
      duration: '30',
      mode: 'visio',
      place: 'https://visio.exemple.fr/salle-42',
    });
    assert.equal(changed.status, 303);
    const after = await app.db.selectFrom('rendez_vous').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.equal(after.starts_at.toISOString(), '2026-04-02T12:00:00.000Z', '14:00 in Paris in summer is 12:00 UTC');
    assert.equal(after.mode, 'visio');
    await drainJobs(app);
    mails = await rdvMails();
    assert.equal(mails.length, 2);
    assert.equal(mails[1].subject, `Rendez-vous modifié pour votre dossier nº ${id}`);
    const ics2 = icsOf(mails[1]);
    assert.equal(prop(ics2, 'METHOD'), 'REQUEST');
    assert.equal(prop(ics2, 'UID'), prop(ics1, 'UID'));
    assert.equal(prop(ics2, 'SEQUENCE'), '1');
    assert.equal(prop(ics2, 'DTSTART'), '20260402T120000Z');

    // cancel
    const cancelled = await a.post(`/instructeur/dossiers/${id}/rendez-vous/${row.id}/annuler`);
    assert.equal(cancelled.status, 303);
    assert.match(textOf((await follow(a, cancelled)).html), /Le rendez-vous a été annulé/);
    assert.ok(
      (await app.db.selectFrom('rendez_vous').select('cancelled_at').where('id', '=', row.id).executeTakeFirstOrThrow())
        .cancelled_at,
    );
    await drainJobs(app);
    mails = await rdvMails();
    assert.equal(mails.length, 3);
    assert.equal(mails[2].subject, `Rendez-vous annulé pour votre dossier nº ${id}`);
    const ics3 = icsOf(mails[2]);
    assert.equal(prop(ics3, 'METHOD'), 'CANCEL');
    assert.equal(prop(ics3, 'STATUS'), 'CANCELLED');
    assert.equal(prop(ics3, 'UID'), prop(ics1, 'UID'));
    assert.equal(prop(ics3, 'SEQUENCE'), '2');

    // cancelling twice: a French message, nothing more
    await a.get(`/instructeur/dossiers/${id}/rendez-vous`);
    const again = await a.post(`/instructeur/dossiers/${id}/rendez-vous/${row.id}/annuler`);
    assert.match(textOf((await follow(a, again)).html), /Ce rendez-vous a déjà été annulé/);
    await drainJobs(app);
    assert.equal((await rdvMails()).length, 3);

    // history, in order
    const evs = await app.db
      .selectFrom('dossier_events')
      .select(['type', 'actor_email'])
      .where('dossier_id', '=', id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      evs.map((e) => e.type),
      ['rendez_vous_propose', 'rendez_vous_modifie', 'rendez_vous_annule'],
    );
    assert.ok(evs.every((e) => e.actor_email === f.instructeurA.email));
    const page = textOf((await a.get(`/instructeur/dossiers/${id}/rendez-vous`)).html);
    assert.match(page, /Historique des rendez-vous .*Rendez-vous proposé .*Rendez-vous modifié .*Rendez-vous annulé/);
    // a cancelled past-or-future slot is still shown to the usager as cancelled
    const usagerHtml = usagerView(await loadUsagerRendezVous(app.db, id));
    assert.match(textOf(usagerHtml), /annulé/);
  });

  test('bad input: French messages, nothing stored, never a 500', async () => {
    const id = await dossier(app, f, { state: 'en_construction' });
    await a.get(`/instructeur/dossiers/${id}/rendez-vous`);
    const cases: [Record<string, string>, string, string][] = [
      [{ date: '2026-03-01' }, 'date', 'La date du rendez-vous est déjà passée'],
      [{ date: '2026-03-02', time: '09:59' }, 'date', 'La date du rendez-vous est déjà passée'],
      [{ date: '2026-02-30' }, 'date', 'La date du rendez-vous n&#39;est pas valide'],
      [{ date: '' }, 'date', 'Indiquez la date du rendez-vous.'],
      [{ time: '25:00' }, 'time', 'L&#39;heure du rendez-vous n&#39;est pas valide'],
      [{ date: '2028-01-01' }, 'date', 'dans les 12 prochains mois'],
      [{ duration: '4' }, 'duration', 'La durée doit être comprise entre 5 et 480 minutes.'],
      [{ duration: '481' }, 'duration', 'La durée doit être comprise entre 5 et 480 minutes.'],
      [{ duration: 'une heure' }, 'duration', 'La durée doit être un nombre entier de minutes.'],
      [{ duration: '' }, 'duration', 'Indiquez la durée du rendez-vous, en minutes.'],
      [{ mode: 'pigeon' }, 'mode', 'Choisissez le type de rendez-vous'],
      [{ place: '' }, 'place', 'Indiquez l&#39;adresse du rendez-vous.'],
      [{ mode: 'visio', place: 'salle 12' }, 'place', 'commençant par https://'],
      [{ place: 'x'.repeat(501) }, 'place', 'Ce texte ne doit pas dépasser 500 caractères.'],
    ];
    for (const [patch, field, message] of cases) {
      const res = await a.post(`/instructeur/dossiers/${id}/rendez-vous`, { ...SLOT, ...patch });
      const html = await res.text();
      assert.equal(res.status, 422, JSON.stringify(patch));
      assert.ok(html.includes(message), `${JSON.stringify(patch)} → ${message}`);
      assert.ok(
        html.includes(`id="rdv-${field}-error"`) || html.includes('rdv-mode-messages'),
        `${field} error is tied to its control`,
      );
    }
    assert.equal(
      (await app.db.selectFrom('rendez_vous').select('id').where('dossier_id', '=', id).execute()).length,
      0,
    );
    assert.equal(
      (await app.db.selectFrom('dossier_events').select('id').where('dossier_id', '=', id).execute()).length,
      0,
    );
  });

  test('no rendez-vous on a procedure without the option, nor on an archived or trashed dossier', async () => {
    const other = await procedureFixture(app);
    const id = await dossier(app, other, { state: 'en_construction' });
    const b = await browserAs(app, other.instructeurA);
    assert.equal((await b.get(`/instructeur/dossiers/${id}/rendez-vous`)).res.status, 404);
    assert.ok(!(await b.get(`/instructeur/dossiers/${id}`)).html.includes('/rendez-vous"'), 'no Rendez-vous tab');

    const archived = await dossier(app, f, { state: 'accepte' });
    await app.db
      .updateTable('dossiers')
      .set({ archived: true, archived_at: app.clock.now() })
      .where('id', '=', archived)
      .execute();
    const page = await a.get(`/instructeur/dossiers/${archived}/rendez-vous`);
    assert.match(textOf(page.html), /Ce dossier est archivé : aucun rendez-vous ne peut être proposé/);
    const res = await a.post(`/instructeur/dossiers/${archived}/rendez-vous`, SLOT);
    assert.equal(res.status, 422);
    assert.equal(
      (await app.db.selectFrom('rendez_vous').select('id').where('dossier_id', '=', archived).execute()).length,
      0,
    );
  });
});
