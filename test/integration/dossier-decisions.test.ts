// The instructor's decisions through the real web routes and database (docs/interface.md §3B–§3C): follow,
// passer en instruction, correction answered by the usager, acceptance with motivation, justificatif
// and attestation (previewed, then generated and downloaded), archive, corbeille, the four-month
// warning, optimistic concurrency, and refusals that leave nothing behind.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { dossier } from '../helpers/fixtures.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { CONFLICT_MESSAGE } from '../../src/features/instruction/transition.ts';
import { DECISION_AGE_WARNING } from '../../src/domain/dossier-state.ts';
import {
  browserAs,
  dossierProcedure,
  exe,
  fileOf,
  follow,
  pdf,
  textOf,
  type DossierFixture,
} from './dossier-fixture.ts';
import type { Browser } from '../helpers/http.ts';

let app: TestApp;
let f: DossierFixture;

before(async () => {
  app = await createTestApp();
  f = await dossierProcedure(app);
});
after(async () => closeTestApp(app));

const lockOf = (html: string): string => html.match(/name="lockVersion" value="(\d+)"/)![1];
const state = async (id: string) =>
  app.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const filesOf = async (id: string) => app.db.selectFrom('files').selectAll().where('dossier_id', '=', id).execute();

async function act(b: Browser, id: string, action: string) {
  const { html } = await b.get(`/instructeur/dossiers/${id}`);
  return b.post(`/instructeur/dossiers/${id}/actions`, { action, lockVersion: lockOf(html) });
}

describe(`decisions on the dossier page (${engine})`, () => {
  test('the seed journey: suivre → instruction → correction → resubmission → acceptance with justificatif and attestation → archive → corbeille', async () => {
    const id = await dossier(app, f);
    const bi = await browserAs(app, f.instructeurA);
    const page = await bi.get(`/instructeur/dossiers/${id}`);
    assert.equal(page.res.status, 200);
    const text = textOf(page.html);
    for (const s of [
      `Dossier nº ${id}`,
      'En construction',
      'Suivre le dossier',
      'Passer en instruction',
      'Demander une correction',
      f.usager.email,
    ])
      assert.ok(text.includes(s), s);

    // Suivre le dossier
    let r = await bi.post(`/instructeur/dossiers/${id}/suivre`, { lockVersion: lockOf(page.html) });
    assert.equal(r.status, 303);
    assert.match((await follow(bi, r)).html, /Vous suivez le dossier/);
    assert.ok(
      await app.db
        .selectFrom('follows')
        .select('user_id')
        .where('dossier_id', '=', id)
        .where('user_id', '=', f.instructeurA.id)
        .executeTakeFirst(),
    );

    // Passer en instruction
    r = await act(bi, id, 'passer_en_instruction');
    assert.match((await follow(bi, r)).html, /Le dossier est passé en instruction/);
    assert.equal((await state(id)).state, 'en_instruction');

    // Demander une correction (form page, message + reason)
    const form = await bi.get(`/instructeur/dossiers/${id}/actions/demander-une-correction`);
    assert.equal(form.res.status, 200);
    assert.match(form.html, /Motif de la correction/);
    r = await bi.post(`/instructeur/dossiers/${id}/actions/demander-une-correction`, {
      lockVersion: lockOf(form.html),
      correctionReason: 'incomplete',
      correctionMessage: 'Merci de préciser le montant demandé.',
    });
    assert.equal(r.status, 303);
    const afterCorrection = await follow(bi, r);
    assert.match(afterCorrection.html, /en attente de correction/);
    let d = await state(id);
    assert.equal(d.state, 'en_construction');
    assert.equal(d.pending_correction, true);

    // The usager sees the request, corrects (a bad value first: French message, typed value kept, nothing saved) and resubmits
    const bu = await browserAs(app, f.usager);
    const list = await bu.get('/dossiers');
    assert.match(textOf(list.html), new RegExp(`Dossier nº ${id}.*correction demandée`));
    const mine = await bu.get(`/dossiers/${id}`);
    assert.match(textOf(mine.html), /Merci de préciser le montant demandé/);
    assert.match(mine.html, /Corriger mon dossier/);
    app.clock.advance(3_600_000);
    const edit = await bu.get(`/dossiers/${id}/modifier`);
    assert.equal(edit.res.status, 200);
    r = await bu.post(`/dossiers/${id}/modifier`, {
      lockVersion: lockOf(edit.html),
      champ_c2: 'Jardin partagé du quartier',
      champ_c3: 'douze cents',
      champ_c4: '',
    });
    assert.equal(r.status, 422);
    const bad = await r.text();
    assert.match(bad, /Saisissez un nombre entier|nombre/);
    assert.match(bad, /value="douze cents"/);
    assert.equal((await state(id)).pending_correction, true, 'nothing saved');
    r = await bu.post(`/dossiers/${id}/modifier`, {
      lockVersion: lockOf(edit.html),
      champ_c2: 'Jardin partagé du quartier',
      champ_c3: '1500',
      champ_c4: '2026-04-01',
    });
    assert.equal(r.status, 303);
    assert.match((await follow(bu, r)).html, /Vos modifications ont été déposées/);
    d = await state(id);
    assert.equal(d.pending_correction, false);
    assert.equal((d.champs as any).c3.value, 1500);
    assert.equal(
      (
        await app.db
          .selectFrom('corrections')
          .select('resolved_at')
          .where('dossier_id', '=', id)
          .executeTakeFirstOrThrow()
      ).resolved_at !== null,
      true,
    );
    const badge = await app.db
      .selectFrom('notifications')
      .select('kind')
      .where('dossier_id', '=', id)
      .where('user_id', '=', f.instructeurA.id)
      .execute();
    assert.ok(
      badge.some((n) => n.kind === 'dossier_modifie'),
      'the follower is told the dossier changed',
    );

    // The instructor sees « modifié le », and opening Demande clears the badge
    const demande = await bi.get(`/instructeur/dossiers/${id}`);
    assert.match(textOf(demande.html), /Nom du projet Jardin partagé du quartier modifié le/);
    assert.equal(
      (
        await app.db
          .selectFrom('notifications')
          .select('kind')
          .where('dossier_id', '=', id)
          .where('user_id', '=', f.instructeurA.id)
          .where('kind', '=', 'dossier_modifie')
          .execute()
      ).length,
      0,
    );

    // Passer en instruction again, then fill an annotation
    r = await act(bi, id, 'passer_en_instruction');
    assert.equal((await state(id)).state, 'en_instruction');
    const ann = await bi.get(`/instructeur/dossiers/${id}/annotations`);
    r = await bi.post(`/instructeur/dossiers/${id}/annotations`, { champ_a1: 'Favorable', champ_a2: 'true' });
    assert.equal(r.status, 303, await r.clone().text());
    assert.equal((await state(id)).annotations.a1.value, 'Favorable');
    assert.ok(ann);

    // Accepter: the form offers the attestation preview (a PDF, nothing stored)
    const acc = await bi.get(`/instructeur/dossiers/${id}/actions/accepter`);
    assert.match(acc.html, /Prévisualiser l&#39;attestation|Prévisualiser l'attestation/);
    assert.match(acc.html, /Valider la décision/);
    const preview = await bi.post(`/instructeur/dossiers/${id}/attestation/apercu`, { motivation: 'Projet conforme.' });
    assert.equal(preview.status, 200);
    assert.equal(preview.headers.get('content-type'), 'application/pdf');
    assert.equal(
      Buffer.from(await preview.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );
    const previewGet = await bi.request(
      'GET',
      `/instructeur/dossiers/${id}/attestation/apercu?motivation=${encodeURIComponent('Projet conforme.')}`,
    );
    assert.equal(previewGet.status, 200);
    assert.equal((await filesOf(id)).length, 0, 'the preview stores nothing');

    // Valider la décision, with a justificatif
    const fd = new FormData();
    fd.append('lockVersion', lockOf(acc.html));
    fd.append('motivation', 'Projet conforme aux critères.');
    fd.append('justificatif', fileOf(pdf('Décision'), 'décision signée.pdf', 'application/pdf'));
    r = await bi.postMultipart(`/instructeur/dossiers/${id}/actions/accepter`, fd);
    assert.equal(r.status, 303);
    assert.match((await follow(bi, r)).html, /Le dossier a été accepté/);
    d = await state(id);
    assert.equal(d.state, 'accepte');
    assert.equal(d.motivation, 'Projet conforme aux critères.');
    const justificatif = (await filesOf(id)).find((x) => x.origin === 'justificatif')!;
    assert.equal(justificatif.name, 'décision signée.pdf');
    assert.equal(justificatif.content_type, 'application/pdf');
    assert.ok(app.storage.files.has(justificatif.storage_key));

    // The attestation job, then the usager's e-mail (with the attestation attached)
    await drainJobs(app);
    const att = await app.db
      .selectFrom('attestations')
      .innerJoin('files', 'files.id', 'attestations.file_id')
      .selectAll('files')
      .where('attestations.dossier_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(att.content_type, 'application/pdf');
    assert.equal(app.storage.files.get(att.storage_key)!.subarray(0, 5).toString(), '%PDF-');
    const mail = await app.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('to_email', '=', f.usager.email)
      .where('subject', 'like', '%accepté%')
      .executeTakeFirstOrThrow();
    assert.equal((mail.attachments as unknown[]).length, 1);

    // The usager sees the decision, its motivation and justificatif, and downloads the attestation
    const decided = await bu.get(`/dossiers/${id}`);
    const dt = textOf(decided.html);
    assert.match(dt, /Votre dossier a été accepté/);
    assert.match(dt, /Projet conforme aux critères\./);
    assert.match(dt, /décision signée\.pdf/);
    assert.match(dt, /Télécharger l'attestation/);
    const link = await bu.request('GET', `/dossiers/${id}/attestation`);
    assert.equal(link.headers.get('location'), `/fichiers/${att.id}`);
    const dl = await bu.request('GET', `/fichiers/${att.id}`);
    assert.equal(dl.status, 200);
    assert.equal(dl.headers.get('content-type'), 'application/pdf');
    assert.match(dl.headers.get('content-disposition')!, /^attachment; filename=attestation-dossier-\d+\.pdf$/);
    assert.equal(dl.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(
      Buffer.from(await dl.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );

    // Archiver / Désarchiver, Mettre à la corbeille / Restaurer
    for (const [action, check] of [
      ['archiver', (x: any) => x.archived === true && x.archived_at !== null],
      ['desarchiver', (x: any) => x.archived === false],
      ['supprimer', (x: any) => x.hidden_by_administration_at !== null],
      ['restaurer', (x: any) => x.hidden_by_administration_at === null],
    ] as const) {
      if (action === 'restaurer') {
        // in the corbeille the dossier is not opened any more: it is restored from the list
        assert.equal((await bi.request('GET', `/instructeur/dossiers/${id}`)).status, 404);
        r = await bi.post(`/instructeur/dossiers/${id}/actions`, { action });
      } else if (action === 'supprimer') {
        // « Mettre à la corbeille » asks for confirmation first
        const step = await bi.get(`/instructeur/dossiers/${id}/actions/mettre-a-la-corbeille`);
        r = await bi.post(`/instructeur/dossiers/${id}/actions/mettre-a-la-corbeille`, {
          lockVersion: lockOf(step.html),
        });
      } else r = await act(bi, id, action);
      assert.equal(r.status, 303, action);
      assert.ok(check(await state(id)), action);
    }

    // The history shows every state change with its author and motivation
    const history = textOf((await bi.get(`/instructeur/dossiers/${id}`)).html);
    for (const s of [
      'Passé en instruction',
      'Correction demandée',
      "Modifications déposées par l'usager",
      'Accepté',
      'Archivé',
      'Désarchivé',
      'Mis à la corbeille',
      'Restauré',
      'Motivation : Projet conforme aux critères.',
      f.instructeurA.email,
    ]) {
      assert.ok(history.includes(s), `historique : ${s}`);
    }
  });

  test('an accepted dossier without its attestation yet (no job was asked): the download asks for it, says it is being produced, then gives it (usager and instructor)', async () => {
    const id = await dossier(app, f, { state: 'accepte' });
    const bu = await browserAs(app, f.usager);
    const page = await bu.get(`/dossiers/${id}`);
    assert.match(page.html, new RegExp(`href="/dossiers/${id}/attestation"`));
    const pending = await bu.get(`/dossiers/${id}/attestation`);
    assert.equal(pending.res.status, 200);
    assert.match(textOf(pending.html), /L'attestation est en cours de génération/);
    await drainJobs(app);
    const r = await bu.request('GET', `/dossiers/${id}/attestation`);
    assert.equal(r.status, 302);
    const file = await app.db
      .selectFrom('attestations')
      .select('file_id')
      .where('dossier_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(r.headers.get('location'), `/fichiers/${file.file_id}`);
    const bi = await browserAs(app, f.instructeurA);
    const ri = await bi.request('GET', `/instructeur/dossiers/${id}/attestation`);
    assert.equal(ri.headers.get('location'), `/fichiers/${file.file_id}`, 'the same attestation, not a second one');
    const refused = await dossier(app, f, { state: 'refuse' });
    assert.equal((await bu.request('GET', `/dossiers/${refused}/attestation`)).status, 404);
  });

  test('repasser en construction asks for confirmation', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const bi = await browserAs(app, f.instructeurA);
    const { html } = await bi.get(`/instructeur/dossiers/${id}`);
    assert.match(html, new RegExp(`href="/instructeur/dossiers/${id}/actions/repasser-en-construction"`));
    // the header button of a step action leads to its page, even when posted
    const posted = await bi.post(`/instructeur/dossiers/${id}/actions`, {
      action: 'repasser_en_construction',
      lockVersion: lockOf(html),
    });
    assert.equal(posted.headers.get('location'), `/instructeur/dossiers/${id}/actions/repasser-en-construction`);
    assert.equal((await state(id)).state, 'en_instruction');
    const confirm = await bi.get(`/instructeur/dossiers/${id}/actions/repasser-en-construction`);
    assert.match(confirm.html, /Valider et repasser en construction/);
    const r = await bi.post(`/instructeur/dossiers/${id}/actions/repasser-en-construction`, {
      lockVersion: lockOf(confirm.html),
    });
    assert.equal(r.status, 303);
    assert.equal((await state(id)).state, 'en_construction');
  });

  test('repasser en instruction: the four-month warning, then the attestation goes', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const bi = await browserAs(app, f.instructeurA);
    const acc = await bi.get(`/instructeur/dossiers/${id}/actions/accepter`);
    await bi.post(`/instructeur/dossiers/${id}/actions/accepter`, { lockVersion: lockOf(acc.html), motivation: '' });
    await drainJobs(app);
    assert.ok(
      await app.db.selectFrom('attestations').select('file_id').where('dossier_id', '=', id).executeTakeFirst(),
    );
    // the decision's justificatif (stored as decide-dossier stores it)
    await app.storage.put('justificatif-test', Buffer.from('%PDF-1.4 justificatif'));
    await app.db
      .insertInto('files')
      .values({
        id: `j-${id}`,
        dossier_id: id,
        origin: 'justificatif',
        origin_ref: 'accepter',
        name: 'decision.pdf',
        content_type: 'application/pdf',
        size: 21,
        sha256: 'x',
        storage_key: 'justificatif-test',
      })
      .execute();
    const recent = await bi.get(`/instructeur/dossiers/${id}/actions/repasser-en-instruction`);
    assert.ok(!recent.html.includes('plus de quatre mois'));
    app.clock.advanceDays(130);
    try {
      const old = await bi.get(`/instructeur/dossiers/${id}/actions/repasser-en-instruction`);
      assert.ok(textOf(old.html).includes(DECISION_AGE_WARNING), 'warning shown on the confirmation step');
      const r = await bi.post(`/instructeur/dossiers/${id}/actions/repasser-en-instruction`, {
        lockVersion: lockOf(old.html),
      });
      assert.equal(r.status, 303);
      const d = await state(id);
      assert.equal(d.state, 'en_instruction');
      assert.equal(d.motivation, null);
      assert.equal(
        await app.db.selectFrom('attestations').select('file_id').where('dossier_id', '=', id).executeTakeFirst(),
        undefined,
      );
      await drainJobs(app);
      assert.equal(
        (await filesOf(id)).filter((x) => x.origin === 'attestation' || x.origin === 'justificatif').length,
        0,
      );
      assert.equal(app.storage.files.has('justificatif-test'), false, 'the justificatif bytes are deleted too');
    } finally {
      app.clock.advanceDays(-130);
    }
  });

  test('two instructors at once: the second gets the French conflict message and a fresh page, nothing half-applied', async () => {
    const id = await dossier(app, f, { state: 'en_instruction' });
    const b1 = await browserAs(app, f.instructeurA);
    const b2 = await browserAs(app, f.instructeurA2);
    const p1 = await b1.get(`/instructeur/dossiers/${id}/actions/refuser`);
    const p2 = await b2.get(`/instructeur/dossiers/${id}/actions/accepter`);
    const r1 = await b1.post(`/instructeur/dossiers/${id}/actions/refuser`, {
      lockVersion: lockOf(p1.html),
      motivation: 'Hors délai.',
    });
    assert.equal(r1.status, 303);
    const fd = new FormData();
    fd.append('lockVersion', lockOf(p2.html));
    fd.append('justificatif', fileOf(pdf(), 'accord.pdf'));
    const r2 = await b2.postMultipart(`/instructeur/dossiers/${id}/actions/accepter`, fd);
    assert.equal(r2.status, 303);
    assert.equal(r2.headers.get('location'), `/instructeur/dossiers/${id}`);
    const fresh = await follow(b2, r2);
    assert.ok(textOf(fresh.html).includes(CONFLICT_MESSAGE));
    assert.match(fresh.html, /Refusé/);
    const d = await state(id);
    assert.equal(d.state, 'refuse');
    assert.equal(d.motivation, 'Hors délai.');
    assert.equal((await filesOf(id)).length, 0, "the loser's justificatif is not kept");
    assert.equal(
      app.storage.files.size,
      [...app.storage.files.keys()].filter((k) => !k.includes(`dossiers/${id}/`)).length,
    );
  });

  test('refusals: French message, nothing stored (table)', async () => {
    const bi = await browserAs(app, f.instructeurA);
    const cases: {
      name: string;
      state: 'en_construction' | 'en_instruction';
      path: string;
      fields: Record<string, string>;
      file?: File;
      expect: RegExp;
      status: number;
    }[] = [
      {
        name: 'refuser without motivation',
        state: 'en_instruction',
        path: 'actions/refuser',
        fields: { motivation: '  ' },
        file: fileOf(pdf(), 'refus.pdf'),
        expect: /La motivation est obligatoire pour refuser un dossier/,
        status: 422,
      },
      {
        name: 'classer sans suite without motivation',
        state: 'en_instruction',
        path: 'actions/classer-sans-suite',
        fields: {},
        expect: /La motivation est obligatoire pour classer un dossier sans suite/,
        status: 422,
      },
      {
        name: 'justificatif of a refused type',
        state: 'en_instruction',
        path: 'actions/accepter',
        fields: { motivation: 'ok' },
        file: fileOf(exe(), 'programme.pdf'),
        expect: /n&#39;est pas d&#39;un type accepté|n'est pas d'un type accepté/,
        status: 422,
      },
      {
        name: 'a decision on a dossier en construction',
        state: 'en_construction',
        path: 'actions/accepter',
        fields: { motivation: 'ok' },
        file: fileOf(pdf(), 'a.pdf'),
        expect:
          /Le dossier doit être en instruction pour qu&#39;une décision soit prise|Le dossier doit être en instruction/,
        status: 303,
      },
      {
        name: 'archiver a dossier not processed',
        state: 'en_construction',
        path: 'actions',
        fields: { action: 'archiver' },
        expect: /Seul un dossier traité peut être archivé/,
        status: 303,
      },
      {
        name: 'a correction without message',
        state: 'en_instruction',
        path: 'actions/demander-une-correction',
        fields: { correctionMessage: '' },
        expect: /Le message de la demande de correction est obligatoire/,
        status: 422,
      },
    ];
    for (const c of cases) {
      const id = await dossier(app, f, { state: c.state });
      const before = await state(id);
      const { html } = await bi.get(`/instructeur/dossiers/${id}`);
      const fd = new FormData();
      fd.append('lockVersion', lockOf(html));
      for (const [k, v] of Object.entries(c.fields)) fd.append(k, v);
      if (c.file) fd.append('justificatif', c.file);
      const keys = app.storage.files.size;
      const r = await bi.postMultipart(`/instructeur/dossiers/${id}/${c.path}`, fd);
      assert.equal(r.status, c.status, c.name);
      const body = r.status === 303 ? (await follow(bi, r)).html : await r.text();
      assert.match(body, c.expect, c.name);
      const after = await state(id);
      assert.equal(after.state, before.state, c.name);
      assert.equal(after.lock_version, before.lock_version, c.name);
      assert.equal((await filesOf(id)).length, 0, c.name);
      assert.equal(app.storage.files.size, keys, `${c.name}: no bytes left in storage`);
      assert.equal(
        (await app.db.selectFrom('dossier_events').select('id').where('dossier_id', '=', id).execute()).length,
        0,
        c.name,
      );
    }
  });

  test('a justificatif over the size limit is refused before anything is stored', async () => {
    const small = await createTestApp({ env: { UPLOAD_MAX_BYTES: '2000' } });
    try {
      const g = await dossierProcedure(small);
      const id = await dossier(small, g, { state: 'en_instruction' });
      const bi = await browserAs(small, g.instructeurA);
      const { html } = await bi.get(`/instructeur/dossiers/${id}/actions/accepter`);
      const fd = new FormData();
      fd.append('lockVersion', lockOf(html));
      fd.append('justificatif', fileOf(Buffer.concat([pdf(), Buffer.alloc(3000, 0x20)]), 'gros.pdf'));
      const r = await bi.postMultipart(`/instructeur/dossiers/${id}/actions/accepter`, fd);
      assert.equal(r.status, 422);
      assert.match(await r.text(), /dépasse la taille maximale autorisée \(2 Ko\)/);
      assert.equal(
        (await small.db.selectFrom('dossiers').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state,
        'en_instruction',
      );
      assert.equal(small.storage.files.size, 0);
    } finally {
      await closeTestApp(small);
    }
  });

  test('labels: the instructor sets the procedure labels of the dossier', async () => {
    const id = await dossier(app, f);
    const bi = await browserAs(app, f.instructeurA);
    const { html } = await bi.get(`/instructeur/dossiers/${id}`);
    assert.match(html, /Modifier les labels/);
    assert.match(html, /Aucun label/);
    let r = await bi.post(`/instructeur/dossiers/${id}/labels`, {
      lockVersion: lockOf(html),
      labels: [f.labels[0], f.labels[2]],
    });
    assert.equal(r.status, 303);
    const shown = await follow(bi, r);
    assert.match(shown.html, /Urgent/);
    let rows = await app.db
      .selectFrom('dossier_labels')
      .select('label_id')
      .where('dossier_id', '=', id)
      .orderBy('label_id')
      .execute();
    assert.deepEqual(
      rows.map((x) => x.label_id),
      [f.labels[0], f.labels[2]],
    );
    r = await bi.post(`/instructeur/dossiers/${id}/labels`, { labels: [f.labels[1]] });
    rows = await app.db.selectFrom('dossier_labels').select('label_id').where('dossier_id', '=', id).execute();
    assert.deepEqual(
      rows.map((x) => x.label_id),
      [f.labels[1]],
    );
    const events = await app.db
      .selectFrom('dossier_events')
      .select('data')
      .where('dossier_id', '=', id)
      .where('type', '=', 'labels_modifies')
      .execute();
    assert.equal(events.length, 2);
    assert.deepEqual((events[1].data as any).added, ['Complet']);
    // a label of another procedure is refused
    const other = await dossierProcedure(app);
    r = await bi.post(`/instructeur/dossiers/${id}/labels`, { labels: [other.labels[0]] });
    assert.match((await follow(bi, r)).html, /n&#39;existe pas sur cette démarche|n'existe pas sur cette démarche/);
    rows = await app.db.selectFrom('dossier_labels').select('label_id').where('dossier_id', '=', id).execute();
    assert.deepEqual(
      rows.map((x) => x.label_id),
      [f.labels[1]],
    );
  });

  test("prolonger la conservation d'un mois", async () => {
    const id = await dossier(app, f);
    await app.db
      .updateTable('dossiers')
      .set({ expires_at: new Date(app.clock.now().getTime() + 5 * 86_400_000) })
      .where('id', '=', id)
      .execute();
    const bi = await browserAs(app, f.instructeurA);
    const { html } = await bi.get(`/instructeur/dossiers/${id}`);
    assert.match(html, /Prolonger la conservation d&#39;un mois|Prolonger la conservation d'un mois/);
    const r = await bi.post(`/instructeur/dossiers/${id}/actions`, {
      action: 'prolonger_conservation',
      lockVersion: lockOf(html),
    });
    assert.match((await follow(bi, r)).html, /prolongée d&#39;un mois|prolongée d'un mois/);
    const d = await state(id);
    assert.equal(d.conservation_extension_months, 1);
    assert.ok(d.expires_at! > new Date(app.clock.now().getTime() + 300 * 86_400_000));
  });
});
