// Routing at re-submission (docs/domain.md §10): a dossier en construction whose routing answer
// changed moves, when the usager deposits his modifications, to the group the rules now give — with
// the réaffectation's effects (history, followers told and removed, badges moved); a group forced by
// an instructor is kept; an unchanged answer moves nothing.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { followDossier } from '../../src/features/instruction/follow-dossier.ts';
import { reassignDossier } from '../../src/features/reassignment/reassign-dossier.ts';
import { createGroupe, createProcedure, createUser, type TestProcedure, type TestUser } from '../factories/index.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import type { Browser } from '../helpers/http.ts';
import { browserAs } from './dossier-fixture.ts';

const FIELDS: FieldDef[] = [
  { stableId: 'nom_projet', type: 'text', label: 'Nom du projet', mandatory: true, private: false },
  {
    stableId: 'type',
    type: 'drop_down_list',
    label: 'Type de projet',
    mandatory: true,
    private: false,
    options: { choices: ['Culture', 'Sport'] },
  },
];

let app: TestApp;
let procedure: TestProcedure;
let groupeCulture: string;
let groupeSport: string;
let culture: TestUser;
let sport: TestUser;
const as = (u: TestUser) => ({ userId: u.id, email: u.email });

before(async () => {
  app = await createTestApp();
  procedure = await createProcedure(app, { title: 'Subvention aux associations', fields: FIELDS });
  culture = await createUser(app, { roles: ['instructeur'] });
  sport = await createUser(app, { roles: ['instructeur'] });
  groupeCulture = await createGroupe(app, procedure.id, { label: 'Culture', members: [culture] });
  groupeSport = await createGroupe(app, procedure.id, { label: 'Sport', isDefault: false, members: [sport] });
  await app.db
    .updateTable('groupes_instructeurs')
    .set({ routing_rule: JSON.stringify({ op: 'eq', field: 'type', value: 'Sport' }) })
    .where('id', '=', groupeSport)
    .execute();
});
after(async () => closeTestApp(app));

const row = (id: string) => app.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const groupeChanges = (id: string) =>
  app.db
    .selectFrom('dossier_events')
    .select('data')
    .where('dossier_id', '=', id)
    .where('type', '=', 'groupe_change')
    .orderBy('id')
    .execute();

/** A usager deposits a Culture dossier; it lands in the Culture group. */
async function depositCulture(): Promise<{ b: Browser; id: string }> {
  const b = await browserAs(app, await createUser(app));
  const slug = `/commencer/${procedure.id}`;
  await b.get(slug);
  const path = (await b.post(slug)).headers.get('location')!;
  const id = path.match(/\/dossiers\/(\d+)\//)![1];
  await b.get(path);
  const ok = await b.post(path, {
    _submit: 'deposer',
    lockVersion: '0',
    civilite: 'Mme',
    nom: 'Petit',
    prenom: 'Anne',
    champ_nom_projet: 'Chorale',
    champ_type: 'Culture',
  });
  assert.equal(ok.status, 303);
  assert.equal((await row(id)).groupe_id, groupeCulture);
  return { b, id };
}

async function resubmit(b: Browser, id: string, type: string): Promise<void> {
  await b.get(`/dossiers/${id}/modifier`);
  const r = await b.post(`/dossiers/${id}/modifier`, {
    lockVersion: String((await row(id)).lock_version),
    champ_nom_projet: 'Chorale',
    champ_type: type,
  });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/dossiers/${id}`);
}

describe(`routing at re-submission (${engine})`, () => {
  test('a changed routing answer moves the dossier en construction to the group the rules give, with the réaffectation’s effects', async () => {
    const { b, id } = await depositCulture();
    await followDossier(app, as(culture), { dossierId: id });
    await resubmit(b, id, 'Sport');

    const d = await row(id);
    assert.equal(d.groupe_id, groupeSport, 'the Sport rule now holds');
    assert.equal(d.forced_groupe, false, 'routing does not force the group: a later answer may move it again');
    assert.equal(d.state, 'en_construction');
    const changes = await groupeChanges(id);
    assert.equal(changes.length, 1);
    assert.deepEqual(
      { ...(changes[0].data as object) },
      { from: groupeCulture, to: groupeSport, from_label: 'Culture', to_label: 'Sport', mode: 'routing' },
    );
    const stillFollowing = await app.db
      .selectFrom('follows')
      .select('user_id')
      .where('dossier_id', '=', id)
      .where('unfollowed_at', 'is', null)
      .execute();
    assert.deepEqual(stillFollowing, [], 'the Culture instructor no longer follows a dossier of another group');
    const cultureBadges = await app.db
      .selectFrom('notifications')
      .select('kind')
      .where('dossier_id', '=', id)
      .where('user_id', '=', culture.id)
      .execute();
    assert.deepEqual(cultureBadges, [], 'badges leave with the dossier');

    await drainJobs(app);
    const mail = await app.db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('to_email', '=', culture.email)
      .where('subject', 'like', '%changé de groupe%')
      .executeTakeFirstOrThrow();
    assert.match(mail.text, /règles de routage/);
    assert.match(mail.text, /« Culture » au groupe « Sport »/);
    assert.doesNotMatch(mail.text, /@/, "the usager's address is not given as the one who moved it");

    // the instructors' pages follow: the Sport instructor reaches it, the Culture one no longer
    const bs = await browserAs(app, sport);
    assert.equal((await bs.get(`/instructeur/dossiers/${id}`)).res.status, 200);
    const bc = await browserAs(app, culture);
    assert.equal((await bc.get(`/instructeur/dossiers/${id}`)).res.status, 404);

    // the answer changed back: the rules send it to the default group again
    await resubmit(b, id, 'Culture');
    assert.equal((await row(id)).groupe_id, groupeCulture);
    assert.equal((await groupeChanges(id)).length, 2);
  });

  test('an unchanged answer moves nothing; a group forced by a réaffectation is kept', async () => {
    const { b, id } = await depositCulture();
    await resubmit(b, id, 'Culture');
    assert.equal((await row(id)).groupe_id, groupeCulture);
    assert.equal((await groupeChanges(id)).length, 0, 'no move, no history line');

    await reassignDossier(app, as(culture), { dossierId: id, groupeId: groupeSport });
    await reassignDossier(app, as(sport), { dossierId: id, groupeId: groupeCulture });
    assert.equal((await row(id)).forced_groupe, true);
    await resubmit(b, id, 'Sport');
    const d = await row(id);
    assert.equal(d.groupe_id, groupeCulture, 'the instructor’s choice stands over the rules');
    assert.deepEqual(
      (await groupeChanges(id)).map((e) => (e.data as { mode: string }).mode),
      ['manual', 'manual'],
    );
  });
});
