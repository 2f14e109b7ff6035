// The tabs of the instructor's dossier page (docs/interface.md §3A): header, Demande (table of contents, values,
// « modifié le », applicant, history, badge cleared), Pièces justificatives (every file, preview,
// download headers), Annotations privées (typed validation, autosave, badges, search, history),
// Avis externes, « précédent / suivant ».
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier } from '../helpers/fixtures.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import {
  browserAs,
  dossierProcedure,
  fileOf,
  follow,
  pdf,
  png,
  textOf,
  type DossierFixture,
} from './dossier-fixture.ts';

let app: TestApp;
let f: DossierFixture;

const ANNOTATIONS: FieldDef[] = [
  { stableId: 'a0', type: 'header_section', label: 'Instruction', mandatory: false, private: true },
  { stableId: 'a1', type: 'text', label: 'Référence interne', mandatory: false, private: true },
  { stableId: 'a2', type: 'yes_no', label: 'Dossier complet', mandatory: true, private: true },
  { stableId: 'a3', type: 'date', label: 'Date de commission', mandatory: false, private: true },
  {
    stableId: 'a4',
    type: 'drop_down_list',
    label: 'Avis du service',
    mandatory: false,
    private: true,
    options: { choices: ['Favorable', 'Défavorable'] },
  },
  {
    stableId: 'a5',
    type: 'integer_number',
    label: 'Note',
    mandatory: false,
    private: true,
    options: { min: 0, max: 20 },
  },
  { stableId: 'a6', type: 'checkbox', label: 'Visite faite', mandatory: false, private: true },
  { stableId: 'a7', type: 'textarea', label: 'Commentaire', mandatory: false, private: true },
];

before(async () => {
  app = await createTestApp();
  f = await dossierProcedure(app, { annotations: ANNOTATIONS });
});
after(async () => closeTestApp(app));

describe(`dossier page tabs (${engine})`, () => {
  test('header: number, procedure, state, badges, labels, expiry, actions, tabs (Réaffectation with several groups)', async () => {
    const id = await dossier(app, f);
    await app.db.insertInto('dossier_labels').values({ dossier_id: id, label_id: f.labels[1] }).execute();
    await app.db
      .updateTable('dossiers')
      .set({ expires_at: new Date('2027-03-02T09:00:00Z') })
      .where('id', '=', id)
      .execute();
    await app.db
      .insertInto('notifications')
      .values({ dossier_id: id, user_id: f.instructeurA.id, kind: 'message', display_at: app.clock.now() })
      .execute();
    const b = await browserAs(app, f.instructeurA);
    const { res, html } = await b.get(`/instructeur/dossiers/${id}`);
    assert.equal(res.status, 200);
    const t = textOf(html);
    for (const s of [
      `Dossier nº ${id}`,
      'Démarche de test',
      'En construction',
      'Message',
      'Complet',
      "Date d'expiration : 2 mars 2027",
      'Passer en instruction',
      'Demander une correction',
      'Suivre le dossier',
      'Demande',
      'Pièces justificatives',
      'Annotations privées',
      'Avis externes',
      'Messagerie',
      'Personnes impliquées',
      'Réaffectation',
      'Télécharger le dossier (PDF)',
    ]) {
      assert.ok(t.includes(s), s);
    }
    assert.ok(!t.includes('Rendez-vous'), 'no rendez-vous tab unless enabled');
    assert.ok(!t.includes('Accepter'), 'no decision en construction');
    // every form of the page carries the CSRF token
    const forms = html.match(/<form method="post"[\s\S]*?<\/form>/g) ?? [];
    assert.ok(forms.length >= 3);
    for (const form of forms) assert.match(form, /name="_csrf"/);
    // the messagerie tab shows a dot for my « message » badge
    assert.match(html, /Messagerie<span class="fr-badge[^>]*>nouveau/);
    await app.db.updateTable('procedures').set({ rdv_enabled: true }).where('id', '=', f.procedureId).execute();
    assert.match(textOf((await b.get(`/instructeur/dossiers/${id}`)).html), /Rendez-vous/);
    await app.db.updateTable('procedures').set({ rdv_enabled: false }).where('id', '=', f.procedureId).execute();
  });

  test('Demande: the form by revision with its table of contents, « modifié le », applicant, history; opening it clears my « dossier modifié » badge', async () => {
    const id = await dossier(app, f, { champs: { c2: 'Jardin', c3: 1200, c4: '2026-05-01' } });
    // the usager changed c3 a day after the deposit
    const later = new Date(app.clock.now().getTime() + 86_400_000).toISOString();
    await sql`UPDATE dossiers SET champs = jsonb_set(champs, '{c3}', ${JSON.stringify({ value: 1500, updatedAt: later })}::jsonb) WHERE id = ${id}`.execute(
      app.db,
    );
    await app.db
      .insertInto('dossier_events')
      .values([
        {
          dossier_id: id,
          type: 'depose',
          actor_id: f.usager.id,
          actor_email: f.usager.email,
          data: '{}',
          created_at: app.clock.now(),
        },
        {
          dossier_id: id,
          type: 'refuse',
          actor_id: f.instructeurA.id,
          actor_email: f.instructeurA.email,
          data: JSON.stringify({ motivation: 'Hors délai' }),
          created_at: app.clock.now(),
        },
        {
          dossier_id: id,
          type: 'message_envoye',
          actor_id: f.instructeurA.id,
          actor_email: f.instructeurA.email,
          data: '{}',
          created_at: app.clock.now(),
        },
      ])
      .execute();
    const b = await browserAs(app, f.instructeurA);
    await b.get(`/instructeur/dossiers/${id}`);
    await b.post(`/instructeur/dossiers/${id}/suivre`);
    await app.db
      .insertInto('notifications')
      .values({ dossier_id: id, user_id: f.instructeurA.id, kind: 'dossier_modifie', display_at: app.clock.now() })
      .execute();
    const seenBefore = (
      await app.db
        .selectFrom('follows')
        .select('demande_seen_at')
        .where('dossier_id', '=', id)
        .executeTakeFirstOrThrow()
    ).demande_seen_at;
    app.clock.advance(5 * 60_000);
    const { html } = await b.get(`/instructeur/dossiers/${id}`);
    const t = textOf(html);
    assert.match(html, /href="#section-c1"/, 'table of contents links to the section');
    assert.match(html, /id="section-c1"/);
    assert.match(t, /Votre projet Nom du projet Jardin Montant demandé 1500 modifié le .* Date de début 01\/05\/2026/);
    assert.ok(!/Jardin modifié le/.test(t), 'unchanged values have no « modifié le »');
    assert.match(t, /Identité Mme Léa Martin/);
    assert.match(t, /Dossier déposé usager\d+@exemple\.fr/);
    assert.match(t, /Refusé instructeur\.a\d+@exemple\.fr Motivation : Hors délai/);
    assert.ok(!t.includes('message_envoye'), 'only state changes in the history');
    assert.ok(!t.includes('Dossier modifié'), 'the badge is gone from the page');
    assert.equal(
      (
        await app.db
          .selectFrom('notifications')
          .select('kind')
          .where('dossier_id', '=', id)
          .where('kind', '=', 'dossier_modifie')
          .execute()
      ).length,
      0,
    );
    const seenAfter = (
      await app.db
        .selectFrom('follows')
        .select('demande_seen_at')
        .where('dossier_id', '=', id)
        .executeTakeFirstOrThrow()
    ).demande_seen_at;
    assert.ok(seenAfter > seenBefore, 'demande_seen_at updated');
  });

  test('Pièces justificatives: every file of the dossier with origin, date, preview and permission-checked download', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const bu = await browserAs(app, f.usager);
    await bu.get(`/dossiers/${id}`);
    const fd = new FormData();
    fd.append('body', 'Voici la photo.');
    fd.append('files', fileOf(png(), 'photo du local.png'));
    await bu.postMultipart(`/dossiers/${id}/messagerie`, fd);
    await app.db
      .insertInto('files')
      .values({
        id: 'champ-file-0001',
        dossier_id: id,
        origin: 'champ',
        origin_ref: 'c2',
        name: 'statuts.pdf',
        content_type: 'application/pdf',
        size: 700,
        sha256: 'x',
        storage_key: `dossiers/${id}/champ-file-0001`,
        created_at: app.clock.now(),
      })
      .execute();
    await app.storage.put(`dossiers/${id}/champ-file-0001`, pdf('Statuts'));
    const b = await browserAs(app, f.instructeurA);
    const { html } = await b.get(`/instructeur/dossiers/${id}/pieces-justificatives`);
    const t = textOf(html);
    assert.match(t, /Pièces justificatives \(2\)/);
    assert.match(t, /photo du local\.png Messagerie/);
    assert.match(t, /statuts\.pdf Formulaire : « Nom du projet »/);
    assert.match(t, /Ajouté le/);
    const img = html.match(/<img src="(\/fichiers\/[^"?]+)\?apercu=1" alt="Aperçu de photo du local\.png"/);
    assert.ok(img, 'inline image preview');
    const inline = await b.request('GET', `${img[1]}?apercu=1`);
    assert.equal(inline.status, 200);
    assert.equal(inline.headers.get('content-type'), 'image/png');
    assert.match(inline.headers.get('content-disposition')!, /^inline;/);
    const dl = await b.request('GET', '/fichiers/champ-file-0001');
    assert.equal(dl.status, 200);
    assert.equal(dl.headers.get('content-type'), 'application/pdf');
    assert.equal(dl.headers.get('content-disposition'), 'attachment; filename=statuts.pdf');
    assert.equal(dl.headers.get('x-content-type-options'), 'nosniff');
    // someone without access to the dossier: 404
    const other = await browserAs(app, f.instructeurB);
    assert.equal((await other.request('GET', '/fichiers/champ-file-0001')).status, 404);
  });

  test('Annotations privées: typed inputs, validation like form fields, saved with the button, badges, search terms, history', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const b = await browserAs(app, f.instructeurA);
    const b2 = await browserAs(app, f.instructeurA2);
    await b2.get(`/instructeur/dossiers/${id}`);
    await b2.post(`/instructeur/dossiers/${id}/suivre`);
    const { html } = await b.get(`/instructeur/dossiers/${id}/annotations`);
    for (const s of [
      'type="text"',
      'type="radio"',
      'type="date"',
      '<select',
      'inputmode="numeric"',
      'type="checkbox"',
      '<textarea',
      'Enregistrer les annotations',
      'data-controller="autosave"',
    ])
      assert.ok(html.includes(s), s);
    assert.match(html, /<label class="fr-label" for="f-champ_a1">Référence interne/);
    // invalid: French messages per field, typed values kept, nothing saved
    let r = await b.post(`/instructeur/dossiers/${id}/annotations`, {
      champ_a1: 'SUB-42',
      champ_a2: '',
      champ_a3: '31/02/2026',
      champ_a4: 'Peut-être',
      champ_a5: '25',
      champ_a6: 'false',
    });
    assert.equal(r.status, 422);
    const bad = await r.text();
    assert.match(bad, /Ce champ est obligatoire/);
    assert.match(bad, /Choisissez une option de la liste/);
    assert.match(bad, /inférieure ou égale à 20/);
    assert.match(bad, /value="SUB-42"/);
    assert.deepEqual(
      (await app.db.selectFrom('dossiers').select('annotations').where('id', '=', id).executeTakeFirstOrThrow())
        .annotations,
      {},
    );
    // valid
    r = await b.post(`/instructeur/dossiers/${id}/annotations`, {
      champ_a1: 'SUB-42',
      champ_a2: 'true',
      champ_a3: '2026-04-15',
      champ_a4: 'Favorable',
      champ_a5: '17',
      champ_a6: ['false', 'on'],
      champ_a7: 'Dossier exemplaire',
    });
    assert.equal(r.status, 303);
    assert.match((await follow(b, r)).html, /Les annotations privées ont été enregistrées/);
    const d = await app.db
      .selectFrom('dossiers')
      .select(['annotations', 'last_annotation_updated_at'])
      .select(sql<boolean>`search_terms @@ plainto_tsquery('french', 'exemplaire')`.as('found'))
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const values = Object.fromEntries(Object.entries(d.annotations).map(([k, v]) => [k, v.value]));
    assert.deepEqual(values, {
      a1: 'SUB-42',
      a2: true,
      a3: '2026-04-15',
      a4: 'Favorable',
      a5: 17,
      a6: true,
      a7: 'Dossier exemplaire',
    });
    assert.ok(d.last_annotation_updated_at);
    assert.equal(d.found, true, 'search terms refreshed');
    const n = await app.db
      .selectFrom('notifications')
      .select(['user_id'])
      .where('dossier_id', '=', id)
      .where('kind', '=', 'annotation_instructeur')
      .execute();
    assert.deepEqual(
      n.map((x) => x.user_id),
      [f.instructeurA2.id],
      'the other instructor is badged, not the author',
    );
    const ev = await app.db
      .selectFrom('dossier_events')
      .select(['data', 'actor_email'])
      .where('dossier_id', '=', id)
      .where('type', '=', 'annotation_modifiee')
      .executeTakeFirstOrThrow();
    assert.equal(ev.actor_email, f.instructeurA.email);
    assert.ok((ev.data as any).fields.includes('Référence interne'));
    // the page shows the values; A2 opening it clears his badge
    const shown = await b2.get(`/instructeur/dossiers/${id}/annotations`);
    assert.match(shown.html, /value="SUB-42"/);
    assert.equal(
      (
        await app.db
          .selectFrom('notifications')
          .select('kind')
          .where('dossier_id', '=', id)
          .where('kind', '=', 'annotation_instructeur')
          .execute()
      ).length,
      0,
    );
  });

  test('Annotations privées: autosave of one field (JSON), other fields untouched; errors as JSON', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    await app.db
      .updateTable('dossiers')
      .set({ annotations: JSON.stringify({ a2: { value: false, updatedAt: '2026-01-01T00:00:00.000Z' } }) })
      .where('id', '=', id)
      .execute();
    const b = await browserAs(app, f.instructeurA);
    await b.get(`/instructeur/dossiers/${id}/annotations`);
    const json = { accept: 'application/json' };
    let r = await b.request(
      'POST',
      `/instructeur/dossiers/${id}/annotations`,
      { _csrf: b.csrf(), _only: 'a1', champ_a1: 'REF-1', champ_a2: 'true', champ_a5: 'pas un nombre' },
      json,
    );
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { ok: true, changed: ['a1'], message: 'Enregistré.' });
    let ann = (await app.db.selectFrom('dossiers').select('annotations').where('id', '=', id).executeTakeFirstOrThrow())
      .annotations;
    assert.equal(ann.a1.value, 'REF-1');
    assert.equal(ann.a2.value, false, 'only the changed field is saved');
    assert.equal(ann.a2.updatedAt, '2026-01-01T00:00:00.000Z');
    r = await b.request(
      'POST',
      `/instructeur/dossiers/${id}/annotations`,
      { _csrf: b.csrf(), _only: 'a5', champ_a5: 'pas un nombre' },
      json,
    );
    assert.equal(r.status, 422);
    const err = (await r.json()) as { ok: boolean; errors: Record<string, string> };
    assert.equal(err.ok, false);
    assert.match(err.errors.a5, /nombre entier/);
    ann = (await app.db.selectFrom('dossiers').select('annotations').where('id', '=', id).executeTakeFirstOrThrow())
      .annotations;
    assert.equal(ann.a5, undefined);
  });

  test('« Aucune annotation privée » when the procedure has none', async () => {
    const g = await dossierProcedure(app, { annotations: [] });
    const id = await dossier(app, g);
    const b = await browserAs(app, g.instructeurA);
    const { html } = await b.get(`/instructeur/dossiers/${id}/annotations`);
    assert.match(textOf(html), /Aucune annotation privée/);
    assert.ok(!html.includes('Enregistrer les annotations'));
  });

  test('Avis externes: question, answer, expert and dates', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const expert = await app.db
      .insertInto('users')
      .values({ email: 'expert.avis@exemple.fr' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.db.insertInto('experts').values({ user_id: expert.id }).execute();
    await app.db
      .insertInto('avis')
      .values([
        {
          dossier_id: id,
          expert_id: expert.id,
          claimant_id: f.instructeurA.id,
          introduction: 'Votre avis sur le budget ?',
          question_label: 'Le budget est-il réaliste ?',
          question_answer: true,
          answer: 'Oui, cohérent.',
          created_at: app.clock.now(),
          answered_at: app.clock.now(),
        },
        {
          dossier_id: id,
          expert_id: expert.id,
          claimant_id: f.instructeurA.id,
          introduction: 'Second regard',
          confidentiel: true,
          created_at: app.clock.now(),
        },
      ])
      .execute();
    const b = await browserAs(app, f.instructeurA);
    const t = textOf((await b.get(`/instructeur/dossiers/${id}/avis`)).html);
    assert.match(t, /Avis externes \(2\)/);
    assert.match(t, /Avis de expert\.avis@exemple\.fr/);
    assert.match(t, /Le budget est-il réaliste \? — Oui/);
    assert.match(t, /Oui, cohérent\./);
    assert.match(t, /en attente de réponse/);
    assert.match(t, /confidentiel/);
    assert.match(t, /Demandé le .* par instructeur\.a\d+@exemple\.fr/);
  });

  test('« dossier précédent / suivant » come from the list the instructor came from (?tab=), hidden otherwise', async () => {
    const g = await dossierProcedure(app);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await dossier(app, g));
      app.clock.advance(60_000);
      await app.db.updateTable('dossiers').set({ updated_at: app.clock.now() }).where('id', '=', ids[i]).execute();
    }
    const b = await browserAs(app, g.instructeurA);
    const plain = await b.get(`/instructeur/dossiers/${ids[1]}`);
    assert.ok(!plain.html.includes('Dossier suivant') && !plain.html.includes('Dossier précédent'));
    const { html } = await b.get(`/instructeur/dossiers/${ids[1]}?tab=a-suivre`);
    // default order: most recently updated first
    assert.match(html, new RegExp(`href="/instructeur/dossiers/${ids[2]}\\?tab=a-suivre"[^>]*>\\s*Dossier précédent`));
    assert.match(html, new RegExp(`href="/instructeur/dossiers/${ids[0]}\\?tab=a-suivre"[^>]*>\\s*Dossier suivant`));
    // the list's link (/instructeur/procedures/:pid/dossiers/:id?statut=…) leads to the same page
    const r = await b.request('GET', `/instructeur/procedures/${g.procedureId}/dossiers/${ids[1]}?statut=a-suivre`);
    assert.equal(r.headers.get('location'), `/instructeur/dossiers/${ids[1]}?tab=a-suivre`);
  });
});
