// The administrator builds, publishes and runs a procedure (docs/domain.md §1.1, §12): creation and
// cloning, settings, the builder's commands and their validation, the optimistic lock, publishing
// with test dossiers and with open dossiers, closing — through the commands and the real web app.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, type TestApp } from '../helpers/app.ts';
import { createDossier, createUser, type TestUser } from '../factories/index.ts';
import { browserAs } from './dossier-fixture.ts';
import { Browser } from '../helpers/http.ts';
import { drainJobs } from '../../src/jobs/index.ts';
import { createProcedure } from '../../src/features/procedures/create-procedure.ts';
import { updateProcedure } from '../../src/features/procedures/update-procedure.ts';
import { addField } from '../../src/features/procedures/add-field.ts';
import { updateField } from '../../src/features/procedures/update-field.ts';
import { removeField } from '../../src/features/procedures/remove-field.ts';
import { duplicateField } from '../../src/features/procedures/duplicate-field.ts';
import { moveField } from '../../src/features/procedures/move-field.ts';
import { publishProcedure } from '../../src/features/procedures/publish-procedure.ts';
import { changeProcedureState } from '../../src/features/procedures/change-procedure-state.ts';
import { closeExpiredProcedures } from '../../src/features/procedures/close-expired-procedures.ts';
import { setProcedureLogo } from '../../src/features/procedures/set-procedure-logo.ts';
import { inviteInstructeur } from '../../src/features/accounts/invite-instructeur.ts';
import { SYSTEM_ACTOR } from '../../src/features/command.ts';
import { procedureForAdmin } from '../../src/queries/admin-procedure.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';

let app: TestApp;
let admin: TestUser;
let other: TestUser;

before(async () => {
  app = await createTestApp();
  admin = await createUser(app, { roles: ['administrateur'] });
  other = await createUser(app, { roles: ['administrateur'] });
});
after(async () => closeTestApp(app));

const blank = { description: '', mandatory: false, choices: '', conditions: [] };
const field = (type: string, label: string, extra: Record<string, unknown> = {}) => ({
  ...blank,
  type,
  label,
  ...extra,
});

const SETTINGS = {
  title: 'Subvention vélo',
  description: 'Aide à l’achat d’un vélo.',
  service_name: 'Mairie de Test',
  service_address: '1 place de la Mairie',
  contact_email: 'contact@mairie.test',
  contact_phone: '01 23 45 67 89',
  contact_hours: '9 h – 17 h',
  for_individual: true,
  slug: 'subvention-velo',
  closes_on: '',
  retention_months: 12,
  declarative: 'none' as const,
  rdv_enabled: false,
  allow_expert_review: true,
  allow_expert_messaging: true,
  instructeurs_self_management: false,
};

async function rejects(p: Promise<unknown>, code: string, field?: string): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DomainError, String(e));
    assert.equal(e.code, code, e.message);
    if (field) assert.ok(e.fields?.[field], `erreur attendue sur ${field} : ${JSON.stringify(e.fields)}`);
    return e;
  }
  assert.fail('la commande aurait dû être refusée');
}

async function draftFields(id: string): Promise<FieldDef[]> {
  return (await procedureForAdmin(app.db, id)).draft_fields;
}
async function version(id: string): Promise<number> {
  return (await procedureForAdmin(app.db, id)).draft_lock_version!;
}

/** A procedure ready to publish: settings, one field, one instructor. */
async function ready(title = 'Prête'): Promise<{ id: string; instructeur: TestUser }> {
  const { id } = await createProcedure(app, admin, { title });
  await updateProcedure(app, admin, { ...SETTINGS, title, slug: `prete-${id}`, procedureId: id });
  await addField(app, admin, {
    procedureId: id,
    list: 'fields',
    field: field('text', 'Nom du vélo', { mandatory: true }),
  });
  const instructeur = await createUser(app, { roles: ['instructeur'] });
  const g = await app.db
    .selectFrom('groupes_instructeurs')
    .select('id')
    .where('procedure_id', '=', id)
    .executeTakeFirstOrThrow();
  await inviteInstructeur(app, admin, { email: instructeur.email, groupeId: g.id });
  return { id, instructeur };
}

describe('creating a procedure', () => {
  test('from scratch: en test, an empty draft, a default group, a unique slug from the title', async () => {
    const a = await createProcedure(app, admin, { title: 'Aide à la rénovation' });
    const b = await createProcedure(app, admin, { title: 'Aide à la rénovation' });
    const pa = await procedureForAdmin(app.db, a.id);
    const pb = await procedureForAdmin(app.db, b.id);
    assert.equal(pa.state, 'brouillon');
    assert.equal(pa.slug, 'aide-a-la-renovation');
    assert.equal(pb.slug, 'aide-a-la-renovation-2');
    assert.deepEqual(pa.draft_fields, []);
    assert.equal(pa.published_fields, null);
    const groups = await app.db
      .selectFrom('groupes_instructeurs')
      .selectAll()
      .where('procedure_id', '=', a.id)
      .execute();
    assert.deepEqual(
      groups.map((g) => [g.label, g.is_default]),
      [['défaut', true]],
    );
  });

  test('an empty title is refused in French; a non-administrator may not create', async () => {
    await rejects(createProcedure(app, admin, { title: '   ' }), 'invalid_input', 'title');
    const usager = await createUser(app);
    await rejects(createProcedure(app, usager, { title: 'X' }), 'forbidden');
  });

  test('cloning copies form, annotations, groups, templates and settings but never dossiers; only my own', async () => {
    const { id } = await ready('Source');
    await addField(app, admin, { procedureId: id, list: 'annotations', field: field('text', 'Avis') });
    await app.db
      .updateTable('procedures')
      .set({ attestation_template: JSON.stringify({ title: 'A', body: 'B', footer: 'C', activated: true }) })
      .where('id', '=', id)
      .execute();
    await publishProcedure(app, admin, { procedureId: id });
    const p = await procedureForAdmin(app.db, id);
    const usager = await createUser(app);
    const g = await app.db
      .selectFrom('groupes_instructeurs')
      .select('id')
      .where('procedure_id', '=', id)
      .executeTakeFirstOrThrow();
    await createDossier(app, {
      procedure: { id, revisionId: p.published_revision_id!, admin },
      groupeId: g.id,
      usager,
      champs: { [p.draft_fields[0].stableId]: 'Mon vélo' },
    });
    await rejects(createProcedure(app, other, { cloneFromId: id }), 'not_found');
    const clone = await createProcedure(app, admin, { cloneFromId: id });
    const c = await procedureForAdmin(app.db, clone.id);
    assert.equal(c.title, 'Prête (copie)'.replace('Prête', 'Source'));
    assert.equal(c.state, 'brouillon');
    assert.deepEqual(
      c.draft_fields.map((f) => f.label),
      ['Nom du vélo'],
    );
    assert.deepEqual(
      c.draft_annotations.map((f) => f.label),
      ['Avis'],
    );
    assert.equal(c.description, SETTINGS.description);
    assert.equal(c.attestation_template?.body, 'B');
    const members = await app.db
      .selectFrom('groupe_members')
      .innerJoin('groupes_instructeurs', 'groupes_instructeurs.id', 'groupe_members.groupe_id')
      .select('user_id')
      .where('procedure_id', '=', clone.id)
      .execute();
    assert.equal(members.length, 1);
    const dossiers = await app.db.selectFrom('dossiers').select('id').where('procedure_id', '=', clone.id).execute();
    assert.equal(dossiers.length, 0);
  });
});

describe('settings', () => {
  test('bad input gives French errors per field; a taken slug is refused', async () => {
    const { id } = await createProcedure(app, admin, { title: 'Réglages' });
    const e = await rejects(
      updateProcedure(app, admin, {
        ...SETTINGS,
        procedureId: id,
        title: '',
        slug: 'Avec Espaces',
        retention_months: 61,
        contact_email: 'pas-une-adresse',
        closes_on: '2000-01-01',
      }),
      'invalid_input',
    );
    for (const k of ['title', 'slug', 'retention_months', 'contact_email', 'closes_on']) assert.ok(e.fields?.[k], k);
    const taken = await createProcedure(app, admin, { title: 'Déjà pris' });
    await rejects(
      updateProcedure(app, admin, { ...SETTINGS, procedureId: id, slug: 'deja-pris' }),
      'invalid_input',
      'slug',
    );
    await updateProcedure(app, admin, { ...SETTINGS, procedureId: id, slug: 'reglages-ok' });
    assert.equal((await procedureForAdmin(app.db, id)).slug, 'reglages-ok');
    assert.ok(taken.id);
  });

  test('the slug stays once published; a stale version is a conflict', async () => {
    const { id } = await ready('Lien figé');
    await publishProcedure(app, admin, { procedureId: id });
    const before = (await procedureForAdmin(app.db, id)).slug;
    const seen = (await procedureForAdmin(app.db, id)).lock_version;
    await updateProcedure(app, admin, { ...SETTINGS, procedureId: id, slug: 'autre-lien', lockVersion: seen });
    assert.equal((await procedureForAdmin(app.db, id)).slug, before);
    await rejects(updateProcedure(app, admin, { ...SETTINGS, procedureId: id, lockVersion: seen }), 'conflict');
  });

  test('a foreign administrator gets not_found', async () => {
    const { id } = await createProcedure(app, admin, { title: 'À moi' });
    await rejects(updateProcedure(app, other, { ...SETTINGS, procedureId: id }), 'not_found');
    await rejects(addField(app, other, { procedureId: id, list: 'fields', field: field('text', 'X') }), 'not_found');
    await rejects(publishProcedure(app, other, { procedureId: id }), 'not_found');
  });

  test('the logo is checked by its content and size', async () => {
    const { id } = await createProcedure(app, admin, { title: 'Logo' });
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
    await setProcedureLogo(app, admin, { procedureId: id, bytes: png });
    assert.equal((await procedureForAdmin(app.db, id)).logo_content_type, 'image/png');
    await rejects(
      setProcedureLogo(app, admin, { procedureId: id, bytes: Buffer.from('MZ not an image') }),
      'invalid_input',
    );
    const huge = Buffer.concat([png, Buffer.alloc(600 * 1024)]);
    await rejects(setProcedureLogo(app, admin, { procedureId: id, bytes: huge }), 'invalid_input');
  });
});

describe('the builder commands', () => {
  test('add, update, duplicate, move, remove; repetition children; conditions on fields above', async () => {
    const { id } = await createProcedure(app, admin, { title: 'Constructeur' });
    const yn = await addField(app, admin, {
      procedureId: id,
      list: 'fields',
      field: field('yes_no', 'Avez-vous un vélo ?'),
    });
    const list = await addField(app, admin, {
      procedureId: id,
      list: 'fields',
      field: field('drop_down_list', 'Type', { choices: 'Électrique\nMécanique\n\nÉlectrique' }),
    });
    const cond = await addField(app, admin, {
      procedureId: id,
      list: 'fields',
      field: field('text', 'Marque', { conditions: [{ field: yn.stableId, op: 'eq', value: 'true' }] }),
    });
    const rep = await addField(app, admin, {
      procedureId: id,
      list: 'fields',
      field: field('repetition', 'Accessoires'),
    });
    await addField(app, admin, {
      procedureId: id,
      list: 'fields',
      parentId: rep.stableId,
      field: field('text', 'Nom'),
    });
    let defs = await draftFields(id);
    assert.deepEqual(
      defs.map((d) => d.label),
      ['Avez-vous un vélo ?', 'Type', 'Marque', 'Accessoires'],
    );
    assert.deepEqual(defs[1].options?.choices, ['Électrique', 'Mécanique']);
    assert.deepEqual(defs[2].condition, { op: 'eq', field: yn.stableId, value: 'true' });
    assert.equal(defs[3].children?.[0].label, 'Nom');

    // a repetition inside a repetition, an empty list, min > max, a condition on a field below: refused
    await rejects(
      addField(app, admin, {
        procedureId: id,
        list: 'fields',
        parentId: rep.stableId,
        field: field('repetition', 'R'),
      }),
      'invalid_input',
    );
    await rejects(
      addField(app, admin, { procedureId: id, list: 'fields', field: field('drop_down_list', 'Vide') }),
      'invalid_input',
      'choices',
    );
    await rejects(
      addField(app, admin, {
        procedureId: id,
        list: 'fields',
        field: field('integer_number', 'N', { min: '5', max: '1' }),
      }),
      'invalid_input',
      'max',
    );
    await rejects(
      addField(app, admin, { procedureId: id, list: 'fields', field: field('text', '') }),
      'invalid_input',
      'label',
    );
    await rejects(
      updateField(app, admin, {
        procedureId: id,
        list: 'fields',
        stableId: yn.stableId,
        field: field('yes_no', 'Avez-vous un vélo ?', {
          conditions: [{ field: list.stableId, op: 'eq', value: 'Mécanique' }],
        }),
      }),
      'invalid_input',
      'conditions',
    );
    await rejects(
      updateField(app, admin, {
        procedureId: id,
        list: 'fields',
        stableId: cond.stableId,
        field: field('text', 'Marque', { conditions: [{ field: list.stableId, op: 'eq', value: 'Tandem' }] }),
      }),
      'invalid_input',
      'conditions',
    );

    await duplicateField(app, admin, { procedureId: id, list: 'fields', stableId: list.stableId });
    defs = await draftFields(id);
    assert.equal(defs[2].label, 'Type (copie)');
    assert.notEqual(defs[2].stableId, list.stableId);
    await moveField(app, admin, { procedureId: id, list: 'fields', stableId: cond.stableId, direction: 'up' });
    await moveField(app, admin, { procedureId: id, list: 'fields', stableId: yn.stableId, direction: 'up' });
    defs = await draftFields(id);
    assert.deepEqual(
      defs.map((d) => d.label),
      ['Avez-vous un vélo ?', 'Type', 'Marque', 'Type (copie)', 'Accessoires'],
    );
    await moveField(app, admin, {
      procedureId: id,
      list: 'fields',
      parentId: null,
      order: [cond.stableId, yn.stableId],
    });
    // the condition now reads a field placed after it: kept, flagged before publishing
    const p = await procedureForAdmin(app.db, id);
    assert.deepEqual(p.draft_fields[0].condition, { op: 'eq', field: yn.stableId, value: 'true' });
    const { publicationBlockersOf } = await import('../../src/queries/admin-procedure.ts');
    assert.ok((await publicationBlockersOf(app.db, id)).some((b) => b.includes('placé après')));
    await removeField(app, admin, { procedureId: id, list: 'fields', stableId: yn.stableId });
    assert.ok((await publicationBlockersOf(app.db, id)).some((b) => b.includes("n'existe pas")));
  });

  test('two administrators at once: the second gets a conflict, nothing is lost silently', async () => {
    const { id } = await createProcedure(app, admin, { title: 'Concurrence' });
    const seen = await version(id);
    await addField(app, admin, { procedureId: id, list: 'fields', field: field('text', 'A'), lockVersion: seen });
    const e = await rejects(
      addField(app, admin, { procedureId: id, list: 'fields', field: field('text', 'B'), lockVersion: seen }),
      'conflict',
    );
    assert.match(e.message, /autre administrateur/);
    assert.deepEqual(
      (await draftFields(id)).map((d) => d.label),
      ['A'],
    );
  });

  test('annotations are private fields', async () => {
    const { id } = await createProcedure(app, admin, { title: 'Annotations' });
    await addField(app, admin, { procedureId: id, list: 'annotations', field: field('yes_no', 'Complet') });
    const p = await procedureForAdmin(app.db, id);
    assert.equal(p.draft_annotations[0].private, true);
    assert.equal(p.draft_fields.length, 0);
  });
});

describe('publishing', () => {
  test('refused while something is missing', async () => {
    const { id } = await createProcedure(app, admin, { title: 'Incomplète' });
    const e = await rejects(publishProcedure(app, admin, { procedureId: id }), 'invalid_input');
    assert.match(e.message, /ne peut pas encore être publiée/);
  });

  test('first publication deletes test dossiers; later edits go to a new draft', async () => {
    const { id } = await ready('Avec tests');
    const p = await procedureForAdmin(app.db, id);
    const g = await app.db
      .selectFrom('groupes_instructeurs')
      .select('id')
      .where('procedure_id', '=', id)
      .executeTakeFirstOrThrow();
    const usager = await createUser(app);
    await app.db
      .insertInto('dossiers')
      .values({
        procedure_id: id,
        revision_id: p.draft_id!,
        groupe_id: g.id,
        user_id: usager.id,
        user_email: usager.email,
        champs: '{}',
      })
      .execute();
    const r = await publishProcedure(app, admin, { procedureId: id });
    assert.equal(r.first, true);
    assert.equal(r.deletedTestDossiers, 1);
    const after = await procedureForAdmin(app.db, id);
    assert.equal(after.state, 'publiee');
    assert.equal(after.published_revision_id, p.draft_id);
    assert.notEqual(after.draft_id, p.draft_id);
    // the published revision is immutable: edits change the new draft only
    await addField(app, admin, { procedureId: id, list: 'fields', field: field('text', 'Nouveau') });
    const again = await procedureForAdmin(app.db, id);
    assert.equal(again.published_fields?.length, 1);
    assert.equal(again.draft_fields.length, 2);
    await rejects(
      publishProcedure(app, admin, { procedureId: id }).then(() => publishProcedure(app, admin, { procedureId: id })),
      'invalid_transition',
    );
  });

  test('publishing changes moves open dossiers to the new revision, values kept; decided ones stay', async () => {
    const { id, instructeur } = await ready('Avec dossiers');
    await publishProcedure(app, admin, { procedureId: id });
    const p1 = await procedureForAdmin(app.db, id);
    const rev1 = p1.published_revision_id!;
    const nameId = p1.published_fields![0].stableId;
    const g = await app.db
      .selectFrom('groupes_instructeurs')
      .select('id')
      .where('procedure_id', '=', id)
      .executeTakeFirstOrThrow();
    const usager = await createUser(app);
    const procedure = { id, revisionId: rev1, admin };
    const open = await createDossier(app, { procedure, groupeId: g.id, usager, champs: { [nameId]: 'Rouge' } });
    const instr = await createDossier(app, {
      procedure,
      groupeId: g.id,
      usager,
      instructeur,
      state: 'en_instruction',
      champs: { [nameId]: 'Bleu' },
    });
    const done = await createDossier(app, {
      procedure,
      groupeId: g.id,
      usager,
      instructeur,
      state: 'refuse',
      champs: { [nameId]: 'Vert' },
    });
    await addField(app, admin, {
      procedureId: id,
      list: 'fields',
      field: field('text', 'Couleur', { mandatory: true }),
    });
    const r = await publishProcedure(app, admin, { procedureId: id });
    assert.equal(r.first, false);
    assert.equal(r.movedDossiers, 2);
    const rows = await app.db
      .selectFrom('dossiers')
      .select(['id', 'revision_id', 'champs'])
      .where('procedure_id', '=', id)
      .execute();
    const by = new Map(rows.map((x) => [x.id, x]));
    assert.equal(by.get(open)!.revision_id, r.revisionId);
    assert.equal(by.get(instr)!.revision_id, r.revisionId);
    assert.equal(by.get(done)!.revision_id, rev1);
    assert.equal((by.get(instr)!.champs as any)[nameId].value, 'Bleu');
    const revs = await app.db
      .selectFrom('procedure_revisions')
      .select(['id', 'published_at'])
      .where('procedure_id', '=', id)
      .execute();
    assert.equal(revs.filter((x) => x.published_at).length, 2);
  });

  test('clore, dépublier, réactiver follow the rules; the schedule closes at the closing date', async () => {
    const { id } = await ready('Cycle');
    await rejects(changeProcedureState(app, admin, { procedureId: id, action: 'clore' }), 'invalid_transition');
    await publishProcedure(app, admin, { procedureId: id });
    await changeProcedureState(app, admin, {
      procedureId: id,
      action: 'clore',
      closingMessage: 'Voir la nouvelle démarche.',
    });
    let p = await procedureForAdmin(app.db, id);
    assert.equal(p.state, 'close');
    assert.equal(p.closing_message, 'Voir la nouvelle démarche.');
    await rejects(changeProcedureState(app, admin, { procedureId: id, action: 'depublier' }), 'invalid_transition');
    await changeProcedureState(app, admin, { procedureId: id, action: 'reactiver' });
    await changeProcedureState(app, admin, { procedureId: id, action: 'depublier' });
    p = await procedureForAdmin(app.db, id);
    assert.equal(p.state, 'depubliee');
    await changeProcedureState(app, admin, { procedureId: id, action: 'reactiver' });
    await app.db
      .updateTable('procedures')
      .set({ closes_at: new Date(app.clock.now().getTime() - 1000) })
      .where('id', '=', id)
      .execute();
    const r = await closeExpiredProcedures(app, SYSTEM_ACTOR, {});
    assert.ok(r.closed.includes(id));
    assert.equal((await procedureForAdmin(app.db, id)).state, 'close');
  });
});

describe('web pages', () => {
  test('the administrator creates, describes, and sees the dashboard; another gets 404 on every page', async () => {
    const b = await browserAs(app, admin);
    await b.get('/admin/procedures/nouvelle');
    let res = await b.post('/admin/procedures', { title: '' });
    assert.equal(res.status, 422);
    await b.get('/admin/procedures/nouvelle');
    res = await b.post('/admin/procedures', { title: 'Démarche web' });
    assert.equal(res.status, 303);
    const url = res.headers.get('location')!.replace('http://guichet.test', '');
    const id = url.split('/').pop()!;
    const { html } = await b.get(url);
    assert.match(html, /Avant de publier/);
    assert.match(html, /Ajoutez au moins un champ/);
    await b.get(`${url}/description`);
    res = await b.post(`${url}/description`, {
      title: 'Démarche web',
      description: '',
      service_name: 'Service',
      slug: 'Mauvais lien',
      retention_months: '70',
      for_individual: '1',
      declarative: 'none',
      lockVersion: '0',
    });
    assert.equal(res.status, 422);
    const page = await res.text();
    assert.match(page, /Indiquez la description/);
    assert.match(page, /value="Mauvais lien"/);

    const o = await browserAs(app, other);
    for (const path of ['', '/description', '/logo'])
      assert.equal((await o.get(`${url}${path}`)).res.status, 404, path);
    await o.get('/admin/procedures');
    for (const path of ['/publier', '/clore', '/description', '/cloner']) {
      const r = await o.post(`/admin/procedures/${id}${path}`, { title: 'x' });
      assert.equal(r.status, 404, path);
    }
  });
});

describe('the builder pages', () => {
  test('add a drop-down, a field shown on a condition, a repetition with a child; move, duplicate, remove; bad input kept', async () => {
    const { id } = await createProcedure(app, admin, { title: 'Constructeur web' });
    const b = await browserAs(app, admin);
    const base = `/admin/procedures/${id}/champs`;
    let { html } = await b.get(`${base}/nouveau?type=drop_down_list`);
    assert.match(html, /Une option par ligne/);
    let res = await b.post(base, { type: 'drop_down_list', label: 'Catégorie', choices: '', lockVersion: '0' });
    assert.equal(res.status, 422);
    html = await res.text();
    assert.match(html, /Indiquez au moins une option/);
    assert.match(html, /value="Catégorie"/);
    res = await b.post(base, {
      type: 'drop_down_list',
      label: 'Catégorie',
      choices: 'A\nB',
      mandatory: '1',
      lockVersion: '0',
    });
    assert.equal(res.status, 303);
    const cat = (await draftFields(id))[0].stableId;
    ({ html } = await b.get(`${base}/nouveau?type=text`));
    assert.match(html, /<option value="[^"]+">Catégorie<\/option>/);
    res = await b.post(base, {
      type: 'text',
      label: 'Précisez',
      cond_field_0: cat,
      cond_op_0: 'eq',
      cond_value_0: 'B',
      lockVersion: String(await version(id)),
    });
    assert.equal(res.status, 303);
    await b.get(`${base}/nouveau?type=repetition`);
    res = await b.post(base, { type: 'repetition', label: 'Personnes', lockVersion: String(await version(id)) });
    const rep = (await draftFields(id))[2].stableId;
    ({ html } = await b.get(`${base}/nouveau?parent=${rep}`));
    assert.doesNotMatch(html, /value="repetition"/);
    res = await b.post(base, { type: 'text', label: 'Prénom', parentId: rep, lockVersion: String(await version(id)) });
    assert.equal(res.status, 303);
    ({ html } = await b.get(base));
    assert.match(html, /Affiché si « Catégorie » est égal à « B »/);
    assert.match(html, /Prénom/);
    const seen = String(await version(id));
    res = await b.post(`${base}/${rep}/monter`, { lockVersion: seen });
    assert.equal(res.status, 303);
    // a second form from the same stale page: conflict message, nothing changed
    res = await b.post(`${base}/${cat}/supprimer`, { lockVersion: seen });
    assert.equal(res.status, 303);
    const flash = await b.visit(res.headers.get('location')!.replace('http://guichet.test', ''));
    assert.match(flash.html, /modifié entre-temps par un autre administrateur/);
    assert.deepEqual(
      (await draftFields(id)).map((d) => d.label),
      ['Catégorie', 'Personnes', 'Précisez'],
    );
    // drag and drop (JSON) with the current version
    await b.get(base);
    const json = (order: string[], lockVersion: number) =>
      b.web.request(`http://guichet.test${base}/ordre`, {
        method: 'POST',
        headers: {
          host: 'guichet.test',
          cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'content-type': 'application/json',
          'x-csrf-token': b.csrf(),
        },
        body: JSON.stringify({ order, lockVersion }),
      });
    const ids = (await draftFields(id)).map((d) => d.stableId);
    const v = await version(id);
    res = await json([ids[2], ids[0], ids[1]], v);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { lockVersion: number }).lockVersion, v + 1);
    assert.deepEqual(
      (await draftFields(id)).map((d) => d.label),
      ['Précisez', 'Catégorie', 'Personnes'],
    );
    res = await json(ids, v);
    assert.equal(res.status, 409);
    ({ html } = await b.get(base));
    assert.match(html, /placé après/);
  });

  test('annotations have their own builder; a foreign administrator gets 404 on every builder route', async () => {
    const { id } = await createProcedure(app, admin, { title: 'Annotations web' });
    await addField(app, admin, { procedureId: id, list: 'annotations', field: field('text', 'Note') });
    const sid = (await procedureForAdmin(app.db, id)).draft_annotations[0].stableId;
    const b = await browserAs(app, admin);
    const { html } = await b.get(`/admin/procedures/${id}/annotations`);
    assert.match(html, /Annotations privées/);
    assert.match(html, /Note/);
    const o = await browserAs(app, other);
    for (const seg of ['champs', 'annotations']) {
      for (const path of ['', '/nouveau', `/${sid}`])
        assert.equal((await o.get(`/admin/procedures/${id}/${seg}${path}`)).res.status, 404);
      await o.get('/admin/procedures');
      for (const path of ['', `/${sid}`, `/${sid}/supprimer`, `/${sid}/monter`, `/${sid}/dupliquer`])
        assert.equal(
          (await o.post(`/admin/procedures/${id}/${seg}${path}`, { label: 'x', type: 'text' })).status,
          404,
          path,
        );
    }
  });
});

describe('groups, routing and people', () => {
  test('groups: create, rename, close (never the default); routing rule checked; preview by routeDossier', async () => {
    const { id, instructeur } = await ready('Routage');
    const list = await addField(app, admin, {
      procedureId: id,
      list: 'fields',
      field: field('drop_down_list', 'Région', { choices: 'Nord\nSud', mandatory: true }),
    });
    await publishProcedure(app, admin, { procedureId: id });
    const { createGroupe } = await import('../../src/features/procedures/create-groupe.ts');
    const { updateGroupe } = await import('../../src/features/procedures/update-groupe.ts');
    const { setRoutingRule } = await import('../../src/features/procedures/set-routing-rule.ts');
    const { routingPreview } = await import('../../src/queries/admin-routing.ts');
    const def = await app.db
      .selectFrom('groupes_instructeurs')
      .select('id')
      .where('procedure_id', '=', id)
      .executeTakeFirstOrThrow();
    await rejects(createGroupe(app, admin, { procedureId: id, label: ' ' }), 'invalid_input', 'label');
    await rejects(
      createGroupe(app, admin, { procedureId: id, label: 'DÉFAUT'.toLowerCase() }),
      'invalid_input',
      'label',
    );
    const { groupeId: sud } = await createGroupe(app, admin, { procedureId: id, label: 'Sud' });
    await updateGroupe(app, admin, { procedureId: id, groupeId: sud, label: 'Groupe Sud' });
    await rejects(updateGroupe(app, admin, { procedureId: id, groupeId: def.id, closed: true }), 'invalid_input');
    await rejects(
      setRoutingRule(app, admin, {
        procedureId: id,
        groupeId: sud,
        rule: { field: list.stableId, op: 'eq', value: 'Ouest' },
      }),
      'invalid_input',
      'rule',
    );
    await rejects(
      setRoutingRule(app, admin, {
        procedureId: id,
        groupeId: sud,
        rule: { field: 'inconnu', op: 'eq', value: 'Sud' },
      }),
      'invalid_input',
    );
    const p = await procedureForAdmin(app.db, id);
    const usager = await createUser(app);
    const procedure = { id, revisionId: p.published_revision_id!, admin };
    const nameId = p.published_fields![0].stableId;
    const d1 = await createDossier(app, {
      procedure,
      groupeId: def.id,
      usager,
      champs: { [nameId]: 'a', [list.stableId]: 'Sud' },
    });
    const d2 = await createDossier(app, {
      procedure,
      groupeId: def.id,
      usager,
      champs: { [nameId]: 'b', [list.stableId]: 'Nord' },
    });
    // deposited before the rule: they stay where they are, the preview says where they would go
    await setRoutingRule(app, admin, {
      procedureId: id,
      groupeId: sud,
      rule: { field: list.stableId, op: 'eq', value: 'Sud' },
    });
    const preview = await routingPreview(app.db, id, p.draft_fields);
    const by = new Map(preview.map((x) => [x.id, x.wouldGo]));
    assert.equal(by.get(d1), 'Groupe Sud');
    assert.equal(by.get(d2), 'défaut');
    // changing rules never moves deposited dossiers
    const rows = await app.db
      .selectFrom('dossiers')
      .select(['id', 'groupe_id'])
      .where('procedure_id', '=', id)
      .execute();
    assert.ok(rows.every((r) => r.groupe_id === def.id));
    await updateGroupe(app, admin, { procedureId: id, groupeId: sud, closed: true });
    assert.equal(
      new Map((await routingPreview(app.db, id, p.draft_fields)).map((x) => [x.id, x.wouldGo])).get(d1),
      'défaut',
    );
    assert.ok(instructeur);
  });

  test('instructors: never the last removed; re-send; CSV import with a report of bad lines', async () => {
    const { id, instructeur } = await ready('Personnes');
    const { removeInstructeur } = await import('../../src/features/procedures/remove-instructeur.ts');
    const { importGroupes } = await import('../../src/features/procedures/import-groupes.ts');
    const g = await app.db
      .selectFrom('groupes_instructeurs')
      .select('id')
      .where('procedure_id', '=', id)
      .executeTakeFirstOrThrow();
    await rejects(
      removeInstructeur(app, admin, { procedureId: id, groupeId: g.id, email: instructeur.email }),
      'invalid_input',
    );
    const r = await importGroupes(app, admin, {
      procedureId: id,
      csv: 'groupe,email\nNord,agent.nord@exemple.fr\nNord,pas-une-adresse\nSud\n,vide@exemple.fr\ndéfaut,second@exemple.fr\n',
    });
    assert.equal(r.createdGroups, 1);
    assert.equal(r.invited, 2);
    assert.deepEqual(
      r.errors.map((e) => e.line),
      [3, 4, 5],
    );
    await removeInstructeur(app, admin, { procedureId: id, groupeId: g.id, email: instructeur.email });
    const left = await app.db.selectFrom('groupe_members').select('user_id').where('groupe_id', '=', g.id).execute();
    assert.equal(left.length, 1);
    // a group of another procedure is not found
    const foreign = await ready('Autre');
    const fg = await app.db
      .selectFrom('groupes_instructeurs')
      .select('id')
      .where('procedure_id', '=', foreign.id)
      .executeTakeFirstOrThrow();
    await rejects(
      removeInstructeur(app, admin, { procedureId: id, groupeId: fg.id, email: foreign.instructeur.email }),
      'not_found',
    );
  });

  test('administrators: invite another, leave, never the last', async () => {
    const { id } = await createProcedure(app, admin, { title: 'Admins' });
    const { inviteAdministrateur } = await import('../../src/features/procedures/invite-administrateur.ts');
    const { leaveProcedure } = await import('../../src/features/procedures/leave-procedure.ts');
    await rejects(leaveProcedure(app, admin, { procedureId: id }), 'invalid_input');
    await inviteAdministrateur(app, admin, { procedureId: id, email: other.email });
    await leaveProcedure(app, admin, { procedureId: id });
    await rejects(updateProcedure(app, admin, { ...SETTINGS, procedureId: id }), 'not_found');
    await rejects(leaveProcedure(app, other, { procedureId: id }), 'invalid_input');
  });

  test('a new administrator activates his account from the e-mail, is signed in and lands on his démarches', async () => {
    const { id } = await createProcedure(app, admin, { title: 'Nouvel administrateur' });
    const { inviteAdministrateur } = await import('../../src/features/procedures/invite-administrateur.ts');
    await inviteAdministrateur(app, admin, { procedureId: id, email: 'nouvel.admin@exemple.fr' });
    await drainJobs(app);
    const mail = await app.db
      .selectFrom('outbox_emails')
      .select('text')
      .where('to_email', '=', 'nouvel.admin@exemple.fr')
      .executeTakeFirstOrThrow();
    const token = mail.text.match(/\/invitation-administrateur\/([A-Za-z0-9_-]+)/)?.[1];
    assert.ok(token, 'the e-mail links to the administrator invitation page');
    const b = new Browser(app);
    const form = await b.get(`/invitation-administrateur/${token}`);
    assert.match(form.html, /Activer votre compte administrateur/);
    const set = await b.post(`/invitation-administrateur/${token}`, {
      password: 'un mot de passe solide',
      confirmation: 'un mot de passe solide',
    });
    assert.equal(set.status, 303);
    assert.match(set.headers.get('location') ?? '', /\/admin\/procedures$/);
    const list = await b.get('/admin/procedures');
    assert.match(list.html, /Nouvel administrateur/);
  });

  test('the groups page: forms work, bad input kept, a foreign administrator gets 404', async () => {
    const { id } = await ready('Page groupes');
    const b = await browserAs(app, admin);
    let { html } = await b.get(`/admin/procedures/${id}/groupes`);
    assert.match(html, /Aperçu du routage/);
    let res = await b.post(`/admin/procedures/${id}/groupes`, { label: '' });
    assert.equal(res.status, 422);
    res = await b.post(`/admin/procedures/${id}/groupes`, { label: 'Est' });
    assert.equal(res.status, 303);
    ({ html } = await b.get(`/admin/procedures/${id}/groupes`));
    assert.match(html, /Est/);
    const fd = new FormData();
    fd.append('csv', new File(['groupe,email\nEst,est@exemple.fr\nmauvaise ligne\n'], 'g.csv', { type: 'text/csv' }));
    res = await b.postMultipart(`/admin/procedures/${id}/groupes/import`, fd);
    html = await res.text();
    assert.match(html, /1 instructeur\(s\) ajouté\(s\)/);
    assert.match(html, /Ligne 3/);
    const o = await browserAs(app, other);
    assert.equal((await o.get(`/admin/procedures/${id}/groupes`)).res.status, 404);
    await o.get('/admin/procedures');
    const g = await app.db
      .selectFrom('groupes_instructeurs')
      .select('id')
      .where('procedure_id', '=', id)
      .executeTakeFirstOrThrow();
    for (const path of [
      '/groupes',
      `/groupes/${g.id}/renommer`,
      `/groupes/${g.id}/routage`,
      `/groupes/${g.id}/retirer`,
      `/groupes/${g.id}/instructeurs`,
      '/administrateurs',
      '/quitter',
    ])
      assert.equal(
        (await o.post(`/admin/procedures/${id}${path}`, { label: 'x', email: 'x@exemple.fr' })).status,
        404,
        path,
      );
  });
});

describe('templates', () => {
  test('attestation tags are checked before saving; preview with a sample dossier; a bad activated template blocks publishing', async () => {
    const { id } = await ready('Modèles');
    const { saveAttestationTemplate } = await import('../../src/features/procedures/save-attestation-template.ts');
    const e = await rejects(
      saveAttestationTemplate(app, admin, {
        procedureId: id,
        kind: 'acceptation',
        title: 'Attestation',
        body: 'Dossier --numéro du dossier-- de --nom-- : --inconnue--',
        footer: '',
        activated: true,
      }),
      'invalid_input',
      'body',
    );
    assert.match(e.message, /--inconnue--/);
    await saveAttestationTemplate(app, admin, {
      procedureId: id,
      kind: 'refus',
      title: 'Refus',
      body: 'Refusé le --date de décision-- : --motivation--. Vélo : --Nom du vélo--',
      footer: 'Mairie',
      activated: true,
    });
    const { procedureMailTemplates } = await import('../../src/queries/admin-procedure.ts');
    assert.equal((await procedureMailTemplates(app.db, id)).refusal?.title, 'Refus');

    const b = await browserAs(app, admin);
    await b.get(`/admin/procedures/${id}/attestations`);
    let res = await b.post(`/admin/procedures/${id}/attestations/acceptation/apercu`, {
      title: 'Attestation',
      body: 'Dossier nº --numéro du dossier-- accepté pour --Nom du vélo--.',
      footer: '',
      activated: '1',
    });
    let html = await res.text();
    assert.match(html, /Dossier nº 12345 accepté pour \(Nom du vélo\)/);
    res = await b.post(`/admin/procedures/${id}/attestations/acceptation`, {
      title: 'A',
      body: '--faux--',
      footer: '',
      activated: '1',
    });
    assert.equal(res.status, 422);
    html = await res.text();
    assert.match(html, /--faux--/);
    // an activated template whose field was removed blocks the publication
    await app.db
      .updateTable('procedures')
      .set({
        attestation_template: JSON.stringify({ title: 'A', body: '--Champ disparu--', footer: '', activated: true }),
      })
      .where('id', '=', id)
      .execute();
    const { publicationBlockersOf } = await import('../../src/queries/admin-procedure.ts');
    assert.ok((await publicationBlockersOf(app.db, id)).some((x) => /Attestation/.test(x)));
  });

  test('e-mails: tags checked, preview, reset to default; a foreign administrator gets 404', async () => {
    const { id } = await createProcedure(app, admin, { title: 'E-mails' });
    const { saveMailTemplate } = await import('../../src/features/procedures/save-mail-template.ts');
    await rejects(
      saveMailTemplate(app, admin, {
        procedureId: id,
        template: 'accepte',
        subject: 'Accepté',
        body: '--nom-- accepté',
      }),
      'invalid_input',
      'body',
    );
    await saveMailTemplate(app, admin, {
      procedureId: id,
      template: 'accepte',
      subject: 'Dossier --numéro du dossier-- accepté',
      body: 'Bonne nouvelle : --lien dossier--',
    });
    const b = await browserAs(app, admin);
    let { html } = await b.get(`/admin/procedures/${id}/emails`);
    assert.match(html, /personnalisé/);
    assert.match(html, /a bien été déposé/);
    const res = await b.post(`/admin/procedures/${id}/emails/accepte/apercu`, {
      subject: 'Dossier --numéro du dossier--',
      body: 'x',
    });
    assert.match(await res.text(), /Dossier 12345/);
    await b.get(`/admin/procedures/${id}/emails`);
    await b.post(`/admin/procedures/${id}/emails/accepte/defaut`);
    ({ html } = await b.get(`/admin/procedures/${id}/emails`));
    assert.doesNotMatch(html, /personnalisé/);
    const o = await browserAs(app, other);
    for (const path of ['/emails', '/attestations'])
      assert.equal((await o.get(`/admin/procedures/${id}${path}`)).res.status, 404);
    await o.get('/admin/procedures');
    for (const path of [
      '/emails/accepte',
      '/emails/accepte/defaut',
      '/attestations/acceptation',
      '/attestations/refus/apercu',
    ])
      assert.equal(
        (await o.post(`/admin/procedures/${id}${path}`, { subject: 'x', body: 'y', title: 't' })).status,
        404,
        path,
      );
  });
});
