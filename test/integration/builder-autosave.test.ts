// The builder's field editor saved as the administrator types (docs/interface.md §A): the page wires the
// `autosave` controller on an existing field only; its background save answers JSON with the draft's
// new version (the next save goes with it), a French message for bad input, and the conflict message
// when a second administrator saved in between — his change is never overwritten; without JavaScript
// the « Enregistrer » button keeps working.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { createUser, type TestUser } from '../factories/index.ts';
import { browserAs } from './dossier-fixture.ts';
import { createProcedure } from '../../src/features/procedures/create-procedure.ts';
import { addField } from '../../src/features/procedures/add-field.ts';
import { inviteAdministrateur } from '../../src/features/procedures/invite-administrateur.ts';
import { procedureForAdmin } from '../../src/queries/admin-procedure.ts';
import type { Browser } from '../helpers/http.ts';

let app: TestApp;
let admin: TestUser;
let colleague: TestUser;
let procedureId: string;
let stableId: string;

before(async () => {
  app = await createTestApp();
  admin = await createUser(app, { roles: ['administrateur'] });
  colleague = await createUser(app, { roles: ['administrateur'] });
  procedureId = (await createProcedure(app, admin, { title: 'Autosave' })).id;
  await inviteAdministrateur(app, admin, { procedureId, email: colleague.email });
  const r = await addField(app, admin, {
    procedureId,
    list: 'fields',
    field: { type: 'text', label: 'Nom', description: '', mandatory: false, choices: '', conditions: [] },
  });
  stableId = r.stableId;
});
after(async () => closeTestApp(app));

const editor = () => `/admin/procedures/${procedureId}/champs/${stableId}`;

async function labels(): Promise<string[]> {
  return (await procedureForAdmin(app.db, procedureId)).draft_fields.map((f) => f.label);
}

function autosave(b: Browser, fields: Record<string, string>) {
  return b.request(
    'POST',
    editor(),
    { _csrf: b.csrf(), type: 'text', _only: stableId, ...fields },
    {
      Accept: 'application/json',
    },
  );
}

describe(`the builder's autosave (${engine})`, () => {
  test('the editor of an existing field autosaves; a new field is created by the button only', async () => {
    const b = await browserAs(app, admin);
    const page = await b.get(editor());
    assert.equal(page.res.status, 200);
    assert.match(page.html, /data-controller="autosave"/);
    assert.match(page.html, /Vos modifications sont enregistrées au fur et à mesure/);
    assert.match(page.html, /data-autosave-status/);
    const fresh = await b.get(`/admin/procedures/${procedureId}/champs/nouveau?type=text`);
    assert.doesNotMatch(fresh.html, /data-controller="autosave"/);
  });

  test('each save answers the new version, the next one goes with it; bad input gets its French message', async () => {
    const b = await browserAs(app, admin);
    await b.get(editor());
    const v0 = (await procedureForAdmin(app.db, procedureId)).draft_lock_version!;
    const first = await autosave(b, { label: 'Nom de fam', lockVersion: String(v0) });
    assert.equal(first.status, 200);
    const j1 = (await first.json()) as { ok: boolean; lockVersion: number; message: string };
    assert.deepEqual([j1.ok, j1.lockVersion, j1.message], [true, v0 + 1, 'Enregistré.']);
    const second = await autosave(b, { label: 'Nom de famille', lockVersion: String(j1.lockVersion) });
    assert.equal(second.status, 200);
    assert.deepEqual(await labels(), ['Nom de famille']);
    const empty = await autosave(b, { label: '  ', lockVersion: String(v0 + 2) });
    assert.equal(empty.status, 422);
    const je = (await empty.json()) as { ok: boolean; message: string; errors: Record<string, string> };
    assert.equal(je.ok, false);
    assert.ok(je.errors.label, 'the message is about the label');
    assert.deepEqual(await labels(), ['Nom de famille'], 'nothing saved');
  });

  test('two administrators: the second save from a stale page gets the conflict message, the first is kept', async () => {
    const a = await browserAs(app, admin);
    const c = await browserAs(app, colleague);
    await a.get(editor());
    await c.get(editor());
    const seen = (await procedureForAdmin(app.db, procedureId)).draft_lock_version!;
    assert.equal((await autosave(a, { label: 'Nom (A)', lockVersion: String(seen) })).status, 200);
    const stale = await autosave(c, { label: 'Nom (C)', lockVersion: String(seen) });
    assert.equal(stale.status, 409);
    assert.match(
      ((await stale.json()) as { message: string }).message,
      /modifié entre-temps par un autre administrateur/,
    );
    assert.deepEqual(await labels(), ['Nom (A)']);
    // without JavaScript: the same page's button gets the conflict page, what was typed kept
    const form = await c.post(editor(), { type: 'text', label: 'Nom (C)', lockVersion: String(seen) });
    assert.equal(form.status, 409);
    const html = await form.text();
    assert.match(html, /modifié entre-temps/);
    assert.match(html, /value="Nom \(C\)"/);
    // the button with the current version saves and goes back to the list
    const now = (await procedureForAdmin(app.db, procedureId)).draft_lock_version!;
    const ok = await c.post(editor(), { type: 'text', label: 'Nom (C)', lockVersion: String(now) });
    assert.equal(ok.status, 303);
    assert.deepEqual(await labels(), ['Nom (C)']);
  });
});
