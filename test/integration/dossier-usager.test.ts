// The usager's side on the demo procedure (its ~30 fields of every type, repetition, files,
// conditions): the edit form renders every stored value so that submitting it unchanged changes
// nothing; a bad value gets a French message with the typed values kept; a row of the repeated
// block is added without JavaScript; resubmission resolves the correction.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { transitionDossier } from '../../src/features/instruction/transition-dossier.ts';
import { browserAs, follow, textOf } from './dossier-fixture.ts';
import { loadEditDraft } from '../../src/queries/edit-drafts.ts';

let app: TestApp;
before(async () => {
  app = await createTestApp();
  await seedDemo(app);
});
after(async () => closeTestApp(app));

/** The fields a browser would send for the form (checked boxes, selected options, textareas). */
function serialize(html: string, formAction: string): [string, string][] {
  const start = html.indexOf(`action="${formAction}"`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const out: [string, string][] = [];
  const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
  const unescape = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  for (const m of form.matchAll(/<input\b[^>]*>|<select\b[\s\S]*?<\/select>|<textarea\b[^>]*>[\s\S]*?<\/textarea>/g)) {
    const tag = m[0];
    const name = attr(tag, 'name');
    if (!name || name === '_csrf') continue;
    if (tag.startsWith('<input')) {
      const type = attr(tag, 'type') ?? 'text';
      if (type === 'file' || type === 'submit') continue;
      if ((type === 'checkbox' || type === 'radio') && !/\schecked/.test(tag)) continue;
      out.push([name, unescape(attr(tag, 'value') ?? '')]);
    } else if (tag.startsWith('<select')) {
      const selected = tag.match(/<option value="([^"]*)" selected/);
      out.push([name, unescape(selected?.[1] ?? '')]);
    } else {
      out.push([name, unescape(tag.replace(/^<textarea[^>]*>/, '').replace(/<\/textarea>$/, ''))]);
    }
  }
  return out;
}

function toForm(fields: [string, string][]): FormData {
  const fd = new FormData();
  for (const [k, v] of fields) fd.append(k, v);
  return fd;
}

describe(`the usager edits his dossier (${engine})`, () => {
  test('every field type round-trips through the edit form; errors keep what was typed; rows added without JS; resubmission resolves the correction', async () => {
    const d = await app.db
      .selectFrom('dossiers')
      .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
      .innerJoin('users', 'users.id', 'dossiers.user_id')
      .select(['dossiers.id', 'dossiers.champs', 'users.id as user_id', 'users.email', 'dossiers.groupe_id'])
      .where('procedures.title', '=', 'Demande de subvention pour association')
      .where('dossiers.state', '=', 'en_construction')
      .where('dossiers.pending_correction', '=', false)
      .where('dossiers.hidden_by_user_at', 'is', null)
      .orderBy('dossiers.id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const instr = await app.db
      .selectFrom('groupe_members')
      .innerJoin('users', 'users.id', 'groupe_members.user_id')
      .select(['users.id', 'users.email'])
      .where('groupe_id', '=', d.groupe_id)
      .executeTakeFirstOrThrow();
    await transitionDossier(
      app,
      { userId: instr.id, email: instr.email },
      {
        dossierId: d.id,
        action: 'demander_correction',
        correctionMessage: 'Précisez le budget.',
        correctionReason: 'incomplete',
      },
    );

    const b = await browserAs(app, { id: d.user_id });
    const edit = await b.get(`/dossiers/${d.id}/modifier`);
    assert.equal(edit.res.status, 200);
    assert.match(textOf(edit.html), /Précisez le budget\./);
    const action = `/dossiers/${d.id}/modifier`;
    const fields = serialize(edit.html, action);
    assert.ok(fields.length > 25, `${fields.length} champs envoyés`);

    // a bad value: French message, what was typed is kept, nothing saved
    const bad = fields.map(([k, v]) => [k, k === 'champ_c11' ? 'beaucoup' : v] as [string, string]);
    let r = await b.postMultipart(action, toForm(bad));
    assert.equal(r.status, 422);
    const badHtml = await r.text();
    assert.match(badHtml, /Vos modifications n&#39;ont pas été déposées|Vos modifications n'ont pas été déposées/);
    assert.match(badHtml, /value="beaucoup"/);
    assert.equal(
      (
        await app.db
          .selectFrom('dossiers')
          .select('pending_correction')
          .where('id', '=', d.id)
          .executeTakeFirstOrThrow()
      ).pending_correction,
      true,
    );

    // « Ajouter une ligne » to the budget without JavaScript: a redirect (what Turbo accepts too) to the
    // form with one more row and the values as typed, nothing saved
    const rowsBefore = fields.filter(([k]) => k === 'champ_c23__rows').length;
    r = await b.postMultipart(action, toForm([...bad, ['_repetition', 'add:c23']]));
    assert.equal(r.status, 303);
    assert.match(r.headers.get('location') ?? '', /\/modifier\?saisie=[A-Za-z0-9_-]+#f-champ_c23$/);
    const withRow = (await follow(b, r)).html;
    const sent = serialize(withRow, action);
    assert.equal(sent.filter(([k]) => k === 'champ_c23__rows').length, rowsBefore + 1);
    assert.ok(
      sent.some(([k, v]) => k === 'champ_c11' && v === 'beaucoup'),
      'the typed value is kept',
    );
    // and a row removed the same way
    const firstRow = sent.find(([k]) => k === 'champ_c23__rows')![1];
    r = await b.postMultipart(action, toForm([...sent, ['_repetition', `remove:c23:${firstRow}`]]));
    assert.equal(r.status, 303);
    const withoutRow = serialize((await follow(b, r)).html, action);
    assert.equal(withoutRow.filter(([k]) => k === 'champ_c23__rows').length, rowsBefore);
    assert.ok(!withoutRow.some(([k, v]) => k === 'champ_c23__rows' && v === firstRow));
    // the values kept are the usager's own: nobody else reads them
    const draft = (r.headers.get('location') ?? '').match(/saisie=([A-Za-z0-9_-]+)/)![1];
    assert.ok(await loadEditDraft(app.db, { id: draft, userId: d.user_id, dossierId: d.id }));
    assert.equal(await loadEditDraft(app.db, { id: draft, userId: instr.id, dossierId: d.id }), null);

    // unchanged: every stored value is sent back as it was
    r = await b.postMultipart(action, toForm(fields));
    assert.equal(r.status, 303, textOf(await r.clone().text()).slice(0, 2000));
    const page = await follow(b, r);
    assert.match(page.html, /Vos modifications ont été déposées/);
    const after = await app.db
      .selectFrom('dossiers')
      .select(['champs', 'pending_correction', 'last_champ_updated_at'])
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    assert.equal(after.pending_correction, false);
    const values = (m: Record<string, { value: unknown }>) =>
      Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.value]));
    assert.deepEqual(values(after.champs), values(d.champs), 'nothing changed');
    const ev = await app.db
      .selectFrom('dossier_events')
      .select(['type', 'data'])
      .where('dossier_id', '=', d.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(ev.type, 'depose_correction_usager');
    assert.equal((ev.data as any).correction_resolved, true);
  });
});
