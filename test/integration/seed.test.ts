// The demo seed (what `npm start` shows on an empty database) and the load seed (`guichet seed
// --dossiers N`): counts, states, lifecycle timestamps, value validity, routing split.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { DEMO_ACCOUNTS, DEMO_DOSSIERS, DEMO_PROCEDURES, isEmptyDatabase, seedDemo } from '../../src/seed/demo.ts';
import { BENCH_GROUP_LABELS, BENCH_INSTRUCTEUR_EMAIL, BENCH_PROCEDURE_TITLE, seedLoad } from '../../src/seed/load.ts';
import { verifyPassword } from '../../src/features/accounts/secrets.ts';
import { allFields, champValues, getFieldType, parseChamps } from '../../src/domain/fields/index.ts';
import { sameValue } from '../../src/domain/fields/shared.ts';
import { FIELD_TYPES, type ChampsMap, type FieldDef } from '../../src/domain/fields/types.ts';
import { DOSSIER_STATES } from '../../src/domain/dossier-state.ts';
import { addMonthsUTC } from '../../src/domain/retention.ts';
import type { App } from '../../src/app.ts';

const count = async (app: App, query: string): Promise<number> => Number((await app.database.pool.query(query)).rows[0].n);

/** A fresh app. pg-pool's end() resolves before its sockets close, so the DROP DATABASE … WITH
 *  (FORCE) of closeTestApp may reach a connection still closing: ignore that error, not crash. */
async function freshApp(): Promise<TestApp> {
  const app = await createTestApp();
  app.database.pool.on('error', () => undefined);
  return app;
}

/** Every stored value passes its type's parse and comes back unchanged; submitted dossiers are complete. */
function checkValues(defs: FieldDef[], champs: ChampsMap, opts: { complete: boolean; now: Date; where: string }): void {
  const known = new Map(defs.map((d) => [d.stableId, d]));
  for (const id of Object.keys(champs)) assert.ok(known.has(id), `${opts.where}: champ inconnu ${id}`);
  if (opts.complete) {
    const parsed = parseChamps(defs, champValues(champs), { now: opts.now.toISOString() });
    assert.deepEqual(parsed.errors, {}, `${opts.where}: ${JSON.stringify(parsed.errors)}`);
    for (const [id, stored] of Object.entries(champs)) {
      assert.ok(parsed.champs[id], `${opts.where}: ${id} stocké mais masqué par sa condition`);
      assert.ok(sameValue(parsed.champs[id].value, stored.value), `${opts.where}: ${id} normalisé autrement (${JSON.stringify(stored.value)})`);
    }
  } else {
    for (const [id, stored] of Object.entries(champs)) {
      const def = { ...known.get(id)!, mandatory: false };
      const module = getFieldType(def.type);
      const r = def.type === 'repetition'
        ? parseChamps([def], { [id]: stored.value }, { now: opts.now.toISOString() }).errors
        : module.parse(def, stored.value, { today: opts.now.toISOString().slice(0, 10) });
      assert.ok('ok' in r ? r.ok : Object.keys(r).length === 0, `${opts.where}: ${id} invalide ${JSON.stringify(r)}`);
    }
  }
  for (const stored of Object.values(champs)) {
    assert.ok(!Number.isNaN(Date.parse(stored.updatedAt)) && Date.parse(stored.updatedAt) <= opts.now.getTime(), `${opts.where}: updatedAt ${stored.updatedAt}`);
  }
}

describe(`demo seed on ${engine}`, () => {
  let app: TestApp;
  let now: Date;
  let seconds = 0;
  before(async () => {
    app = await freshApp();
    now = app.clock.now();
    assert.equal(await isEmptyDatabase(app), true);
    const t0 = performance.now();
    await seedDemo(app);
    seconds = (performance.now() - t0) / 1000;
  });
  after(async () => closeTestApp(app));

  test('is quick enough for npm start (< 6 s) and the database is no longer empty', async () => {
    assert.ok(seconds < 6, `seedDemo a pris ${seconds.toFixed(1)} s`);
    assert.equal(await isEmptyDatabase(app), false);
  });

  test('creates every demo account with its role and a working, once-hashed password', async () => {
    const users = await app.db.selectFrom('users').select(['id', 'email', 'password_hash']).execute();
    const byEmail = new Map(users.map((u) => [u.email, u]));
    const roleOf = async (table: 'administrateurs' | 'instructeurs' | 'experts') =>
      new Set((await app.db.selectFrom(table).innerJoin('users', 'users.id', `${table}.user_id`).select('users.email').execute()).map((r) => r.email));
    const admins = await roleOf('administrateurs');
    const instructeurs = await roleOf('instructeurs');
    const experts = await roleOf('experts');
    assert.deepEqual([...admins], ['admin@demo.guichet.fr']);
    assert.deepEqual([...instructeurs].sort(), ['instructeur2@demo.guichet.fr', 'instructeur3@demo.guichet.fr', 'instructeur@demo.guichet.fr']);
    assert.deepEqual([...experts], ['expert@demo.guichet.fr']);
    assert.equal(DEMO_ACCOUNTS.filter((a) => a.role === 'usager').length, 3);
    for (const a of DEMO_ACCOUNTS) {
      const u = byEmail.get(a.email);
      assert.ok(u, a.email);
      assert.ok(a.password.length >= 12, `${a.email}: mot de passe trop court`);
      if (a.role === 'usager') assert.ok(!admins.has(a.email) && !instructeurs.has(a.email) && !experts.has(a.email));
    }
    // one hash per distinct password, and each one verifies
    const distinct = new Map<string, Set<string>>();
    for (const a of DEMO_ACCOUNTS) (distinct.get(a.password) ?? distinct.set(a.password, new Set()).get(a.password)!).add(byEmail.get(a.email)!.password_hash!);
    for (const [password, hashes] of distinct) {
      assert.equal(hashes.size, 1, `${password} haché plusieurs fois`);
      assert.equal(await verifyPassword([...hashes][0], password), true);
    }
  });

  test('creates the three procedures in their states, with revisions, groups, labels and instructors', async () => {
    const procs = await app.db.selectFrom('procedures').selectAll().orderBy('id').execute();
    const byTitle = new Map(procs.map((p) => [p.title, p]));
    const a = byTitle.get(DEMO_PROCEDURES.subvention)!;
    const b = byTitle.get(DEMO_PROCEDURES.stationnement)!;
    const c = byTitle.get(DEMO_PROCEDURES.aide)!;
    assert.equal(procs.length, 3);
    assert.equal(a.state, 'publiee');
    assert.ok(a.published_at && a.published_revision_id && a.draft_revision_id && a.rdv_enabled);
    assert.equal(a.attestation_template?.activated, true);
    assert.match(a.attestation_template!.body, /--numéro du dossier--/);
    assert.equal(b.state, 'brouillon');
    assert.equal(b.published_revision_id, null);
    assert.ok(b.draft_revision_id);
    assert.equal(c.state, 'close');
    assert.ok(c.closed_at && c.published_revision_id);
    for (const p of procs) {
      const revs = await app.db.selectFrom('procedure_revisions').select(['id', 'published_at']).where('procedure_id', '=', p.id).execute();
      for (const id of [p.published_revision_id, p.draft_revision_id].filter(Boolean)) assert.ok(revs.some((r) => r.id === id), `${p.title}: révision ${id}`);
      const admins = await app.db.selectFrom('procedure_administrateurs').innerJoin('users', 'users.id', 'procedure_administrateurs.user_id').select('email').where('procedure_id', '=', p.id).execute();
      assert.deepEqual(admins.map((x) => x.email), ['admin@demo.guichet.fr']);
      const groups = await app.db.selectFrom('groupes_instructeurs').selectAll().where('procedure_id', '=', p.id).execute();
      assert.equal(groups.filter((g) => g.is_default).length, 1, `${p.title}: un groupe par défaut`);
    }
    const rev = await app.db.selectFrom('procedure_revisions').selectAll().where('id', '=', a.published_revision_id!).executeTakeFirstOrThrow();
    const types = new Set(allFields(rev.fields).map((f) => f.type));
    assert.deepEqual(FIELD_TYPES.filter((t) => !types.has(t)), [], 'types de champ manquants');
    assert.ok(rev.fields.length >= 22 && rev.fields.length <= 32);
    assert.equal(rev.fields.find((f) => f.type === 'repetition')!.children!.length, 3);
    assert.ok(rev.fields.some((f) => f.condition));
    assert.deepEqual(rev.annotations.map((f) => f.type), ['text', 'yes_no', 'date', 'drop_down_list']);
    assert.equal(rev.annotations.filter((f) => f.mandatory).length, 1);
    assert.ok(rev.annotations.every((f) => f.private) && rev.fields.every((f) => !f.private));
    const groupsA = await app.db.selectFrom('groupes_instructeurs').select(['id', 'label']).where('procedure_id', '=', a.id).orderBy('label').execute();
    assert.deepEqual(groupsA.map((g) => g.label), ['Groupe A — Nord', 'Groupe B — Sud']);
    const labels = await app.db.selectFrom('labels').select('name').where('procedure_id', '=', a.id).orderBy('position').execute();
    assert.deepEqual(labels.map((l) => l.name), ['À examiner', 'À relancer', 'Complet', 'Urgent']);
    const members = await app.database.pool.query(`SELECT g.label, string_agg(u.email, ',' ORDER BY u.email) AS emails FROM groupe_members m JOIN groupes_instructeurs g ON g.id = m.groupe_id JOIN users u ON u.id = m.user_id WHERE g.procedure_id = $1 GROUP BY 1 ORDER BY 1`, [a.id]);
    assert.deepEqual(members.rows.map((r) => r.emails), ['instructeur2@demo.guichet.fr,instructeur@demo.guichet.fr', 'instructeur3@demo.guichet.fr,instructeur@demo.guichet.fr']);
    const positions = await app.database.pool.query(`SELECT u.email, array_agg(ip.position ORDER BY ip.position) AS p FROM instructeur_procedures ip JOIN users u ON u.id = ip.user_id GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(positions.rows.map((r) => r.p), [[0], [0, 1], [0, 1, 2]]);
    assert.equal(await count(app, `SELECT count(*) AS n FROM dossiers WHERE procedure_id = ${b.id}`), 0);
  });

  test('creates about a thousand dossiers in every state, in both groups, owned by the three usagers', async () => {
    const total = await count(app, 'SELECT count(*) AS n FROM dossiers');
    assert.ok(total >= 1000, `${total} dossiers`);
    const perProcedure = await app.database.pool.query(`SELECT p.title, count(*)::int AS n FROM dossiers d JOIN procedures p ON p.id = d.procedure_id GROUP BY 1`);
    const n = Object.fromEntries(perProcedure.rows.map((r) => [r.title, r.n]));
    assert.equal(n[DEMO_PROCEDURES.subvention], DEMO_DOSSIERS.subvention);
    assert.equal(n[DEMO_PROCEDURES.aide], DEMO_DOSSIERS.aide);
    const states = await app.database.pool.query(`SELECT d.state, count(*)::int AS n FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE p.title = $1 GROUP BY 1`, [DEMO_PROCEDURES.subvention]);
    const byState = Object.fromEntries(states.rows.map((r) => [r.state, r.n]));
    for (const s of DOSSIER_STATES) assert.ok((byState[s] ?? 0) >= 10, `état ${s} : ${byState[s] ?? 0}`);
    assert.ok(byState.brouillon < 100, 'peu de brouillons');
    const groups = await app.database.pool.query(`SELECT g.label, count(d.id)::int AS n FROM groupes_instructeurs g LEFT JOIN dossiers d ON d.groupe_id = g.id WHERE g.label LIKE 'Groupe %' GROUP BY 1`);
    for (const g of groups.rows) assert.ok(g.n >= 300, `${g.label} : ${g.n}`);
    // routing is consistent with the groups' rules (region field c15)
    assert.equal(await count(app, `SELECT count(*) AS n FROM dossiers d JOIN groupes_instructeurs g ON g.id = d.groupe_id
      WHERE g.routing_rule IS NOT NULL AND d.champs ? 'c15' AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(g.routing_rule->'terms') t WHERE t->>'value' = d.champs->'c15'->>'value')`), 0);
    const owners = await app.database.pool.query(`SELECT user_email, count(*)::int AS n FROM dossiers d JOIN users u ON u.id = d.user_id AND u.email = d.user_email GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(owners.rows.map((r) => r.user_email), ['usager2@demo.guichet.fr', 'usager3@demo.guichet.fr', 'usager@demo.guichet.fr']);
    assert.equal(owners.rows.reduce((s, r) => s + r.n, 0), total);
    assert.ok(await count(app, 'SELECT count(DISTINCT (nom, prenom)) AS n FROM dossiers') > 300, 'noms variés');
    assert.equal(await count(app, "SELECT count(*) AS n FROM dossiers WHERE civilite NOT IN ('M.', 'Mme') OR nom IS NULL OR prenom IS NULL"), 0);
    // numbers follow creation order, without gaps
    assert.equal(await count(app, 'SELECT max(id) - min(id) + 1 - count(*) AS n FROM dossiers'), 0);
    assert.equal(await count(app, 'SELECT count(*) AS n FROM (SELECT created_at < lag(created_at) OVER (ORDER BY id) AS back FROM dossiers) x WHERE back'), 0);
    const next = await app.database.pool.query(`SELECT nextval(pg_get_serial_sequence('dossiers', 'id')) AS v, (SELECT max(id) FROM dossiers) AS m`);
    assert.equal(Number(next.rows[0].v), Number(next.rows[0].m) + 1, 'la séquence suit les numéros');
  });

  test('timestamps are ordered per state and spread over the past 14 months', async () => {
    const violations: Record<string, string> = {
      brouillon: "state = 'brouillon' AND (depose_at IS NOT NULL OR en_instruction_at IS NOT NULL OR processed_at IS NOT NULL)",
      en_construction: "state = 'en_construction' AND (depose_at IS NULL OR depose_at < created_at OR en_construction_at < depose_at OR en_instruction_at IS NOT NULL OR processed_at IS NOT NULL)",
      en_instruction: "state = 'en_instruction' AND (depose_at < created_at OR en_instruction_at < depose_at OR en_instruction_at IS NULL OR processed_at IS NOT NULL OR expires_at IS NOT NULL)",
      termine: "state IN ('accepte', 'refuse', 'sans_suite') AND (depose_at < created_at OR en_instruction_at < depose_at OR processed_at < en_instruction_at OR processed_at IS NULL OR processed_at > $1)",
      updated: 'updated_at < created_at OR updated_at > $1 OR created_at > $1',
      expires: "state <> 'en_instruction' AND (expires_at IS NULL OR expires_at <= $1)",
      motivation: "state IN ('refuse', 'sans_suite') AND (motivation IS NULL OR motivation = '')",
      archived: "(archived OR hidden_by_administration_at IS NOT NULL) AND state NOT IN ('accepte', 'refuse', 'sans_suite')",
      archived_at: 'archived AND (archived_at IS NULL OR archived_at < processed_at)',
      correction: "pending_correction AND (state <> 'en_construction' OR NOT EXISTS (SELECT 1 FROM corrections c JOIN messages m ON m.id = c.message_id WHERE c.dossier_id = dossiers.id AND c.resolved_at IS NULL))",
      search: 'search_terms IS NULL',
    };
    for (const [name, where] of Object.entries(violations)) {
      const r = await app.database.pool.query(`SELECT count(*) AS n, min(id) AS example FROM dossiers WHERE ${where}`, where.includes('$1') ? [now] : []);
      assert.equal(Number(r.rows[0].n), 0, `${name} : dossier nº ${r.rows[0].example}`);
    }
    const r = await app.database.pool.query('SELECT min(created_at) AS first, max(created_at) AS last FROM dossiers');
    assert.ok(r.rows[0].first >= addMonthsUTC(now, -15) && r.rows[0].first <= addMonthsUTC(now, -13), `premier dossier ${r.rows[0].first.toISOString()}`);
    assert.ok(r.rows[0].last <= now && r.rows[0].last >= new Date(now.getTime() - 7 * 86_400_000));
    for (const extra of ['archived', 'hidden_by_administration_at IS NOT NULL', 'pending_correction', 'expiry_notice_sent_at IS NOT NULL']) {
      assert.ok(await count(app, `SELECT count(*) AS n FROM dossiers WHERE ${extra}`) > 0, extra);
    }
  });

  test('every transition has its event, decisions carry their motivation', async () => {
    const missing = {
      depose: "d.state <> 'brouillon' AND NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND e.type = 'depose' AND e.created_at = d.depose_at AND e.actor_email = d.user_email)",
      instruction: "d.en_instruction_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND e.type IN ('passe_en_instruction', 'passe_en_instruction_automatiquement') AND e.created_at = d.en_instruction_at)",
      decision: `d.state IN ('accepte', 'refuse', 'sans_suite') AND NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id
        AND e.type = CASE d.state WHEN 'sans_suite' THEN 'classe_sans_suite' ELSE d.state END AND e.created_at = d.processed_at
        AND e.actor_email LIKE 'instructeur%' AND e.data->>'motivation' IS NOT DISTINCT FROM d.motivation)`,
      archive: "d.archived AND NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND e.type = 'archive')",
      corbeille: "d.hidden_by_administration_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND e.type = 'mis_a_la_corbeille')",
    };
    for (const [name, where] of Object.entries(missing)) {
      assert.equal(await count(app, `SELECT count(*) AS n FROM dossiers d WHERE ${where}`), 0, name);
    }
    assert.equal(await count(app, "SELECT count(*) AS n FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE e.created_at < d.created_at OR e.created_at > d.updated_at + interval '1 second' AND e.type NOT IN ('suivi', 'plus_suivi')"), 0);
  });

  test('follows, messages, avis, labels and badges are there, in proportion and consistent', async () => {
    const enInstruction = await count(app, "SELECT count(*) AS n FROM dossiers WHERE state = 'en_instruction'");
    const followed = await count(app, "SELECT count(DISTINCT d.id) AS n FROM dossiers d JOIN follows f ON f.dossier_id = d.id AND f.unfollowed_at IS NULL WHERE d.state = 'en_instruction'");
    assert.ok(followed / enInstruction > 0.3 && followed / enInstruction < 0.6, `suivis : ${followed}/${enInstruction}`);
    const submitted = await count(app, "SELECT count(*) AS n FROM dossiers WHERE state <> 'brouillon'");
    const withMessages = await count(app, 'SELECT count(DISTINCT dossier_id) AS n FROM messages');
    assert.ok(withMessages / submitted > 0.2 && withMessages / submitted < 0.45, `messages : ${withMessages}/${submitted}`);
    assert.equal(await count(app, "SELECT count(DISTINCT author_kind) AS n FROM messages"), 3);
    const avis = await app.database.pool.query("SELECT count(*)::int AS n, count(answered_at)::int AS answered FROM avis a JOIN users u ON u.id = a.expert_id WHERE u.email = 'expert@demo.guichet.fr'");
    assert.ok(avis.rows[0].n > 20 && avis.rows[0].answered > 0 && avis.rows[0].answered < avis.rows[0].n, JSON.stringify(avis.rows[0]));
    const labelled = await count(app, 'SELECT count(DISTINCT dossier_id) AS n FROM dossier_labels');
    assert.ok(labelled / submitted > 0.12 && labelled / submitted < 0.3, `étiquettes : ${labelled}`);
    assert.equal(await count(app, 'SELECT count(*) AS n FROM dossier_labels dl JOIN dossiers d ON d.id = dl.dossier_id JOIN labels l ON l.id = dl.label_id WHERE l.procedure_id <> d.procedure_id'), 0);
    // the denormalised followers (migration 0002), when the column exists, match the follows
    if (await count(app, "SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'dossiers' AND column_name = 'follower_ids'")) {
      assert.equal(await count(app, `SELECT count(*) AS n FROM dossiers d WHERE d.follower_ids IS DISTINCT FROM
        coalesce((SELECT array_agg(f.user_id ORDER BY f.user_id) FROM follows f WHERE f.dossier_id = d.id AND f.unfollowed_at IS NULL), '{}')`), 0);
    }
    // badges (ds-domain §4)
    const kinds = new Set((await app.database.pool.query('SELECT DISTINCT kind FROM notifications')).rows.map((r) => r.kind));
    for (const k of ['dossier_depose', 'message', 'attente_correction', 'attente_avis', 'dossier_modifie']) assert.ok(kinds.has(k), `notification ${k}`);
    const inconsistent = {
      member: 'NOT EXISTS (SELECT 1 FROM groupe_members m WHERE m.groupe_id = d.groupe_id AND m.user_id = n.user_id)',
      depose: "n.kind = 'dossier_depose' AND (d.state <> 'en_construction' OR n.display_at <> d.depose_at + interval '7 days' OR EXISTS (SELECT 1 FROM follows f WHERE f.dossier_id = d.id AND f.unfollowed_at IS NULL))",
      followed: "n.kind IN ('message', 'dossier_modifie', 'attente_correction', 'attente_avis', 'avis_externe') AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.dossier_id = d.id AND f.user_id = n.user_id AND f.unfollowed_at IS NULL)",
      correction: "n.kind = 'attente_correction' AND NOT d.pending_correction",
      avis: "n.kind = 'attente_avis' AND (d.state <> 'en_instruction' OR NOT EXISTS (SELECT 1 FROM avis a WHERE a.dossier_id = d.id AND a.answered_at IS NULL))",
      expirant: "n.kind = 'dossier_expirant' AND (d.expiry_notice_sent_at IS NULL OR n.display_at <> d.expires_at - interval '14 days')",
    };
    for (const [name, where] of Object.entries(inconsistent)) {
      assert.equal(await count(app, `SELECT count(*) AS n FROM notifications n JOIN dossiers d ON d.id = n.dossier_id WHERE ${where}`), 0, name);
    }
    // every unfollowed en_construction dossier waits with its dossier_depose badge, for each group member
    assert.equal(await count(app, `SELECT count(*) AS n FROM dossiers d JOIN groupe_members m ON m.groupe_id = d.groupe_id
      WHERE d.state = 'en_construction' AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.dossier_id = d.id AND f.unfollowed_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.dossier_id = d.id AND n.user_id = m.user_id AND n.kind = 'dossier_depose')`), 0);
    // attached files exist in storage
    const files = await app.db.selectFrom('files').select(['storage_key', 'size']).limit(20).execute();
    assert.ok(files.length > 0);
    for (const f of files) assert.equal((await app.storage.get(f.storage_key)).length, Number(f.size));
  });

  test('stored champs and annotations are valid for their field types (50 dossiers)', async () => {
    const rows = await app.database.pool.query(`SELECT d.id, d.state, d.champs, d.annotations, r.fields, r.annotations AS annotation_defs
      FROM dossiers d JOIN procedure_revisions r ON r.id = d.revision_id WHERE d.id % 21 = 0 ORDER BY d.id LIMIT 50`);
    assert.equal(rows.rows.length, 50);
    let brouillons = 0;
    for (const row of rows.rows) {
      const complete = row.state !== 'brouillon';
      if (!complete) brouillons++;
      checkValues(row.fields, row.champs, { complete, now, where: `dossier ${row.id} (champs)` });
      checkValues(row.annotation_defs, row.annotations, { complete: false, now, where: `dossier ${row.id} (annotations)` });
      if (['accepte', 'refuse', 'sans_suite'].includes(row.state)) {
        for (const def of row.annotation_defs as FieldDef[]) if (def.mandatory) assert.ok(row.annotations[def.stableId], `dossier ${row.id}: annotation obligatoire ${def.stableId}`);
      }
      if (row.state === 'brouillon' || row.state === 'en_construction') assert.deepEqual(row.annotations, {});
    }
    assert.ok(brouillons < 10);
  });

  test('search terms index identity, e-mail, champs and annotations (accents folded)', async () => {
    const d = (await app.database.pool.query(`SELECT id, nom, user_email, champs->'c03'->>'value' AS asso, annotations->'a01'->>'value' AS ref
      FROM dossiers WHERE annotations ? 'a01' AND champs ? 'c03' ORDER BY id LIMIT 1`)).rows[0];
    for (const words of [d.nom, d.asso, d.ref, d.user_email]) {
      const hit = await app.database.pool.query(`SELECT count(*) AS n FROM dossiers WHERE id = $1 AND search_terms @@ plainto_tsquery('french', f_unaccent($2))`, [d.id, words]);
      assert.equal(Number(hit.rows[0].n), 1, `recherche de « ${words} »`);
    }
  });

  test('is deterministic: the same seed gives the same dossiers', async () => {
    const other = await freshApp();
    try {
      await seedDemo(other);
      const digest = (a: App) => a.database.pool.query(`SELECT md5(string_agg(id || state || nom || prenom || champs::text || coalesce(processed_at::text, ''), '|' ORDER BY id)) AS h FROM dossiers`);
      assert.equal((await digest(other)).rows[0].h, (await digest(app)).rows[0].h);
    } finally {
      await closeTestApp(other);
    }
  });
});

describe(`load seed on ${engine}`, () => {
  let app: TestApp;
  before(async () => {
    app = await freshApp();
    const r = await seedLoad(app, { dossiers: 3000, quiet: true });
    assert.equal(r.dossiers, 3000);
    assert.ok(r.rate_per_s > 0);
  });
  after(async () => closeTestApp(app));

  test('routes 60 % of the big procedure to the measuring instructor, 40 % to another', async () => {
    const rows = (await app.database.pool.query(`SELECT g.label, string_agg(DISTINCT u.email, ',') AS members, count(DISTINCT d.id)::int AS n
      FROM procedures p JOIN groupes_instructeurs g ON g.procedure_id = p.id JOIN groupe_members m ON m.groupe_id = g.id JOIN users u ON u.id = m.user_id
      LEFT JOIN dossiers d ON d.groupe_id = g.id WHERE p.title = $1 GROUP BY 1 ORDER BY 1`, [BENCH_PROCEDURE_TITLE])).rows;
    assert.deepEqual(rows.map((r) => r.label), [...BENCH_GROUP_LABELS]);
    assert.equal(rows[0].members, BENCH_INSTRUCTEUR_EMAIL);
    assert.notEqual(rows[1].members, BENCH_INSTRUCTEUR_EMAIL);
    const total = rows[0].n + rows[1].n;
    assert.equal(total, 3000);
    const share = rows[0].n / total;
    assert.ok(share > 0.57 && share < 0.63, `part du groupe 1 : ${share}`);
    assert.equal(await count(app, "SELECT count(*) AS n FROM users u JOIN instructeurs i ON i.user_id = u.id WHERE u.email = 'bench-instructeur@guichet.test' AND u.password_hash IS NOT NULL"), 1);
  });

  test('has the demo shape: every state, extras in proportion, valid values', async () => {
    const states = (await app.database.pool.query('SELECT DISTINCT state FROM dossiers')).rows.map((r) => r.state).sort();
    assert.deepEqual(states, [...DOSSIER_STATES].sort());
    for (const t of ['dossier_events', 'messages', 'follows', 'avis', 'dossier_labels', 'notifications', 'files', 'corrections']) {
      assert.ok(await count(app, `SELECT count(*) AS n FROM ${t}`) > 0, t);
    }
    assert.ok(await count(app, 'SELECT count(*) AS n FROM dossier_events') > 2 * 3000);
    assert.equal(await count(app, "SELECT count(*) AS n FROM dossiers WHERE state = 'en_instruction' AND expires_at IS NOT NULL"), 0);
    assert.equal(await count(app, 'SELECT count(*) AS n FROM dossiers WHERE search_terms IS NULL'), 0);
    const now = app.clock.now();
    const rows = await app.database.pool.query(`SELECT d.id, d.state, d.champs, r.fields FROM dossiers d JOIN procedure_revisions r ON r.id = d.revision_id WHERE d.id % 97 = 0`);
    for (const row of rows.rows) checkValues(row.fields, row.champs, { complete: row.state !== 'brouillon', now, where: `dossier ${row.id}` });
  });

  test('running it again does nothing; another volume is refused', async () => {
    const again = await seedLoad(app, { dossiers: 3000, quiet: true });
    assert.equal(again.skipped, true);
    assert.equal(await count(app, 'SELECT count(*) AS n FROM dossiers'), 3000);
    await assert.rejects(seedLoad(app, { dossiers: 5000, quiet: true }), /existe déjà/);
  });

  test('with filler procedures: the big procedure holds exactly its share', async () => {
    const other = await freshApp();
    try {
      await seedLoad(other, { dossiers: 2500, procedureDossiers: 1000, quiet: true, batchSize: 700 });
      const r = (await other.database.pool.query(`SELECT p.title = $1 AS bench, count(DISTINCT p.id)::int AS procs, count(d.id)::int AS n
        FROM procedures p LEFT JOIN dossiers d ON d.procedure_id = p.id GROUP BY 1 ORDER BY 1`, [BENCH_PROCEDURE_TITLE])).rows;
      assert.deepEqual(r.map((x) => [x.bench, x.procs, x.n]), [[false, 20, 1500], [true, 1, 1000]]);
      assert.equal(await count(other, 'SELECT max(id) - min(id) + 1 - count(*) AS n FROM dossiers'), 0);
    } finally {
      await closeTestApp(other);
    }
  });
});

