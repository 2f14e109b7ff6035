// The demo seed (what `npm start` shows on an empty database) and the load seed (`guichet seed
// --dossiers N`): counts, states, lifecycle timestamps, value validity, routing split, history events,
// rendez-vous, attestations on demand, referential integrity.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, closeTestApp, engine, type TestApp } from '../helpers/app.ts';
import { DEMO_ACCOUNTS, DEMO_DOSSIERS, DEMO_PROCEDURES, isEmptyDatabase, seedDemo } from '../../src/seed/demo.ts';
import {
  BENCH_GROUP_LABELS,
  BENCH_INSTRUCTEUR_EMAIL,
  BENCH_PROCEDURE_TITLE,
  missingSlices,
  seedLoad,
} from '../../tools/load/load.ts';
import { DEFERRED_INDEXES_KEY, deferSecondaryIndexes } from '../../tools/load/deferred-indexes.ts';
import { verifyPassword } from '../../src/platform/crypto.ts';
import { attestationFileId } from '../../src/features/attestations/ensure-attestation.ts';
import { searchTextOfDossier } from '../../src/queries/search-terms.ts';
import { allFields, champValues, getFieldType, parseChamps } from '../../src/domain/fields/index.ts';
import { sameValue } from '../../src/domain/fields/shared.ts';
import { FIELD_TYPES, type ChampsMap, type FieldDef } from '../../src/domain/fields/types.ts';
import { DOSSIER_STATES } from '../../src/domain/dossier-state.ts';
import { addMonthsUTC } from '../../src/domain/retention.ts';
import type { Services } from '../../src/platform/services.ts';
import { workListCountsDrift } from '../../src/queries/work-list-counts.ts';
import { rebuildBadgeSummary } from '../../src/features/work-list/badge-summary.ts';

const count = async (app: Services, query: string): Promise<number> =>
  Number((await app.database.pool.query(query)).rows[0].n);

/** Dossiers whose search_terms differ from what refreshSearchTerms would write for them. */
async function searchMismatches(app: Services, where: string): Promise<string[]> {
  const rows = (
    await app.database.pool.query(`SELECT d.id::text AS id, d.civilite, d.prenom, d.nom, d.user_email, d.champs, d.annotations,
    r.fields, r.annotations AS annotation_defs FROM dossiers d JOIN procedure_revisions r ON r.id = d.revision_id WHERE ${where}`)
  ).rows;
  const texts = rows.map((row) =>
    searchTextOfDossier({
      civilite: row.civilite,
      prenom: row.prenom,
      nom: row.nom,
      user_email: row.user_email,
      fields: row.fields,
      annotationDefs: row.annotation_defs,
      champs: row.champs,
      annotations: row.annotations,
    }),
  );
  const r = await app.database.pool.query(
    `SELECT v.id::text AS id FROM unnest($1::bigint[], $2::text[]) AS v(id, t) JOIN dossiers d ON d.id = v.id
    WHERE d.search_terms IS DISTINCT FROM to_tsvector('french', f_unaccent(v.t))`,
    [rows.map((row) => row.id), texts],
  );
  assert.ok(rows.length > 0);
  return r.rows.map((x) => x.id);
}

/** A fresh app. pg-pool's end() resolves before its sockets close, so the DROP DATABASE … WITH
 *  (FORCE) of closeTestApp may reach a connection still closing: ignore that error, not crash. */
/** Every index of the schema with its definition, by name. */
async function indexDefinitions(app: TestApp): Promise<string[]> {
  const r = await app.database.pool.query(
    `SELECT indexname || ': ' || indexdef AS d FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`,
  );
  return r.rows.map((x) => x.d as string);
}

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
      assert.ok(
        sameValue(parsed.champs[id].value, stored.value),
        `${opts.where}: ${id} normalisé autrement (${JSON.stringify(stored.value)})`,
      );
    }
  } else {
    for (const [id, stored] of Object.entries(champs)) {
      const def = { ...known.get(id)!, mandatory: false };
      const module = getFieldType(def.type);
      const r =
        def.type === 'repetition'
          ? parseChamps([def], { [id]: stored.value }, { now: opts.now.toISOString() }).errors
          : module.parse(def, stored.value, { today: opts.now.toISOString().slice(0, 10) });
      assert.ok('ok' in r ? r.ok : Object.keys(r).length === 0, `${opts.where}: ${id} invalide ${JSON.stringify(r)}`);
    }
  }
  for (const stored of Object.values(champs)) {
    assert.ok(
      !Number.isNaN(Date.parse(stored.updatedAt)) && Date.parse(stored.updatedAt) <= opts.now.getTime(),
      `${opts.where}: updatedAt ${stored.updatedAt}`,
    );
  }
}

describe(`demo seed on ${engine}`, () => {
  let app: TestApp;
  let now: Date;
  before(async () => {
    app = await freshApp();
    now = app.clock.now();
    assert.equal(await isEmptyDatabase(app), true);
    await seedDemo(app);
  });
  after(async () => closeTestApp(app));

  test('leaves the database no longer empty', async () => {
    assert.equal(await isEmptyDatabase(app), false);
  });

  test('creates every demo account with its role and a working, once-hashed password', async () => {
    const users = await app.db.selectFrom('users').select(['id', 'email', 'password_hash']).execute();
    const byEmail = new Map(users.map((u) => [u.email, u]));
    const roleOf = async (table: 'administrateurs' | 'instructeurs' | 'experts') =>
      new Set(
        (
          await app.db
            .selectFrom(table)
            .innerJoin('users', 'users.id', `${table}.user_id`)
            .select('users.email')
            .execute()
        ).map((r) => r.email),
      );
    const admins = await roleOf('administrateurs');
    const instructeurs = await roleOf('instructeurs');
    const experts = await roleOf('experts');
    assert.deepEqual([...admins], ['admin@demo.guichet.fr']);
    assert.deepEqual([...instructeurs].sort(), [
      'instructeur2@demo.guichet.fr',
      'instructeur3@demo.guichet.fr',
      'instructeur@demo.guichet.fr',
    ]);
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
    for (const a of DEMO_ACCOUNTS)
      (distinct.get(a.password) ?? distinct.set(a.password, new Set()).get(a.password)!).add(
        byEmail.get(a.email)!.password_hash!,
      );
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
      const revs = await app.db
        .selectFrom('procedure_revisions')
        .select(['id', 'published_at'])
        .where('procedure_id', '=', p.id)
        .execute();
      for (const id of [p.published_revision_id, p.draft_revision_id].filter(Boolean))
        assert.ok(
          revs.some((r) => r.id === id),
          `${p.title}: révision ${id}`,
        );
      const admins = await app.db
        .selectFrom('procedure_administrateurs')
        .innerJoin('users', 'users.id', 'procedure_administrateurs.user_id')
        .select('email')
        .where('procedure_id', '=', p.id)
        .execute();
      assert.deepEqual(
        admins.map((x) => x.email),
        ['admin@demo.guichet.fr'],
      );
      const groups = await app.db
        .selectFrom('groupes_instructeurs')
        .selectAll()
        .where('procedure_id', '=', p.id)
        .execute();
      assert.equal(groups.filter((g) => g.is_default).length, 1, `${p.title}: un groupe par défaut`);
    }
    const rev = await app.db
      .selectFrom('procedure_revisions')
      .selectAll()
      .where('id', '=', a.published_revision_id!)
      .executeTakeFirstOrThrow();
    // every type of the catalogue is in the demo: the subvention form, and the territorial and
    // identifier types in the draft of the parking card (no dossier there: the generated dossiers of
    // the subvention stay the same)
    const draftB = await app.db
      .selectFrom('procedure_revisions')
      .selectAll()
      .where('id', '=', b.draft_revision_id!)
      .executeTakeFirstOrThrow();
    const types = new Set([...allFields(rev.fields), ...allFields(draftB.fields)].map((f) => f.type));
    assert.deepEqual(
      FIELD_TYPES.filter((t) => !types.has(t)),
      [],
      'types de champ manquants',
    );
    assert.ok(rev.fields.length >= 22 && rev.fields.length <= 32);
    assert.equal(rev.fields.find((f) => f.type === 'repetition')!.children!.length, 3);
    assert.ok(rev.fields.some((f) => f.condition));
    assert.deepEqual(
      rev.annotations.map((f) => f.type),
      ['text', 'yes_no', 'date', 'drop_down_list'],
    );
    assert.equal(rev.annotations.filter((f) => f.mandatory).length, 1);
    assert.ok(rev.annotations.every((f) => f.private) && rev.fields.every((f) => !f.private));
    const groupsA = await app.db
      .selectFrom('groupes_instructeurs')
      .select(['id', 'label'])
      .where('procedure_id', '=', a.id)
      .orderBy('label')
      .execute();
    assert.deepEqual(
      groupsA.map((g) => g.label),
      ['Groupe A — Nord', 'Groupe B — Sud'],
    );
    const labels = await app.db
      .selectFrom('labels')
      .select('name')
      .where('procedure_id', '=', a.id)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      labels.map((l) => l.name),
      ['À examiner', 'À relancer', 'Complet', 'Urgent'],
    );
    const members = await app.database.pool.query(
      `SELECT g.label, string_agg(u.email, ',' ORDER BY u.email) AS emails FROM groupe_members m JOIN groupes_instructeurs g ON g.id = m.groupe_id JOIN users u ON u.id = m.user_id WHERE g.procedure_id = $1 GROUP BY 1 ORDER BY 1`,
      [a.id],
    );
    assert.deepEqual(
      members.rows.map((r) => r.emails),
      [
        'instructeur2@demo.guichet.fr,instructeur@demo.guichet.fr',
        'instructeur3@demo.guichet.fr,instructeur@demo.guichet.fr',
      ],
    );
    const positions = await app.database.pool.query(
      `SELECT u.email, array_agg(ip.position ORDER BY ip.position) AS p FROM instructeur_procedures ip JOIN users u ON u.id = ip.user_id GROUP BY 1 ORDER BY 1`,
    );
    assert.deepEqual(
      positions.rows.map((r) => r.p),
      [[0], [0, 1], [0, 1, 2]],
    );
    assert.equal(await count(app, `SELECT count(*) AS n FROM dossiers WHERE procedure_id = ${b.id}`), 0);
  });

  test('creates a few hundred dossiers in every state, in both groups, owned by the three usagers', async () => {
    const total = await count(app, 'SELECT count(*) AS n FROM dossiers');
    assert.equal(total, DEMO_DOSSIERS.subvention + DEMO_DOSSIERS.aide);
    const perProcedure = await app.database.pool.query(
      `SELECT p.title, count(*)::int AS n FROM dossiers d JOIN procedures p ON p.id = d.procedure_id GROUP BY 1`,
    );
    const n = Object.fromEntries(perProcedure.rows.map((r) => [r.title, r.n]));
    assert.equal(n[DEMO_PROCEDURES.subvention], DEMO_DOSSIERS.subvention);
    assert.equal(n[DEMO_PROCEDURES.aide], DEMO_DOSSIERS.aide);
    const states = await app.database.pool.query(
      `SELECT d.state, count(*)::int AS n FROM dossiers d JOIN procedures p ON p.id = d.procedure_id WHERE p.title = $1 GROUP BY 1`,
      [DEMO_PROCEDURES.subvention],
    );
    const byState = Object.fromEntries(states.rows.map((r) => [r.state, r.n]));
    for (const s of DOSSIER_STATES) assert.ok((byState[s] ?? 0) >= 10, `état ${s} : ${byState[s] ?? 0}`);
    assert.ok(byState.brouillon < DEMO_DOSSIERS.subvention / 10, 'peu de brouillons');
    const groups = await app.database.pool.query(
      `SELECT g.label, count(d.id)::int AS n FROM groupes_instructeurs g LEFT JOIN dossiers d ON d.groupe_id = g.id WHERE g.label LIKE 'Groupe %' GROUP BY 1`,
    );
    for (const g of groups.rows) assert.ok(g.n >= DEMO_DOSSIERS.subvention * 0.3, `${g.label} : ${g.n}`);
    // routing is consistent with the groups' rules (region field c15)
    assert.equal(
      await count(
        app,
        `SELECT count(*) AS n FROM dossiers d JOIN groupes_instructeurs g ON g.id = d.groupe_id
      WHERE g.routing_rule IS NOT NULL AND d.champs ? 'c15' AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(g.routing_rule->'terms') t WHERE t->>'value' = d.champs->'c15'->>'value')`,
      ),
      0,
    );
    const owners = await app.database.pool.query(
      `SELECT user_email, count(*)::int AS n FROM dossiers d JOIN users u ON u.id = d.user_id AND u.email = d.user_email GROUP BY 1 ORDER BY 1`,
    );
    assert.deepEqual(
      owners.rows.map((r) => r.user_email),
      ['usager2@demo.guichet.fr', 'usager3@demo.guichet.fr', 'usager@demo.guichet.fr'],
    );
    assert.equal(
      owners.rows.reduce((s, r) => s + r.n, 0),
      total,
    );
    assert.ok((await count(app, 'SELECT count(DISTINCT (nom, prenom)) AS n FROM dossiers')) > total / 2, 'noms variés');
    assert.equal(
      await count(
        app,
        "SELECT count(*) AS n FROM dossiers WHERE civilite NOT IN ('M.', 'Mme') OR nom IS NULL OR prenom IS NULL",
      ),
      0,
    );
    // numbers follow creation order, without gaps
    assert.equal(await count(app, 'SELECT max(id) - min(id) + 1 - count(*) AS n FROM dossiers'), 0);
    assert.equal(
      await count(
        app,
        'SELECT count(*) AS n FROM (SELECT created_at < lag(created_at) OVER (ORDER BY id) AS back FROM dossiers) x WHERE back',
      ),
      0,
    );
    const next = await app.database.pool.query(
      `SELECT nextval(pg_get_serial_sequence('dossiers', 'id')) AS v, (SELECT max(id) FROM dossiers) AS m`,
    );
    assert.equal(Number(next.rows[0].v), Number(next.rows[0].m) + 1, 'la séquence suit les numéros');
  });

  test('timestamps are ordered per state and spread over the past 14 months', async () => {
    const violations: Record<string, string> = {
      brouillon:
        "state = 'brouillon' AND (depose_at IS NOT NULL OR en_instruction_at IS NOT NULL OR processed_at IS NOT NULL)",
      en_construction:
        "state = 'en_construction' AND (depose_at IS NULL OR depose_at < created_at OR en_construction_at < depose_at OR en_instruction_at IS NOT NULL OR processed_at IS NOT NULL)",
      en_instruction:
        "state = 'en_instruction' AND (depose_at < created_at OR en_instruction_at < depose_at OR en_instruction_at IS NULL OR processed_at IS NOT NULL OR expires_at IS NOT NULL)",
      termine:
        "state IN ('accepte', 'refuse', 'sans_suite') AND (depose_at < created_at OR en_instruction_at < depose_at OR processed_at < en_instruction_at OR processed_at IS NULL OR processed_at > $1)",
      updated: 'updated_at < created_at OR updated_at > $1 OR created_at > $1',
      expires: "state <> 'en_instruction' AND (expires_at IS NULL OR expires_at <= $1)",
      motivation: "state IN ('refuse', 'sans_suite') AND (motivation IS NULL OR motivation = '')",
      archived:
        "(archived OR hidden_by_administration_at IS NOT NULL) AND state NOT IN ('accepte', 'refuse', 'sans_suite')",
      archived_at: 'archived AND (archived_at IS NULL OR archived_at < processed_at)',
      correction:
        "pending_correction AND (state <> 'en_construction' OR NOT EXISTS (SELECT 1 FROM corrections c JOIN messages m ON m.id = c.message_id WHERE c.dossier_id = dossiers.id AND c.resolved_at IS NULL))",
      search: 'search_terms IS NULL',
    };
    for (const [name, where] of Object.entries(violations)) {
      const r = await app.database.pool.query(
        `SELECT count(*) AS n, min(id) AS example FROM dossiers WHERE ${where}`,
        where.includes('$1') ? [now] : [],
      );
      assert.equal(Number(r.rows[0].n), 0, `${name} : dossier nº ${r.rows[0].example}`);
    }
    const r = await app.database.pool.query('SELECT min(created_at) AS first, max(created_at) AS last FROM dossiers');
    assert.ok(
      r.rows[0].first >= addMonthsUTC(now, -15) && r.rows[0].first <= addMonthsUTC(now, -13),
      `premier dossier ${r.rows[0].first.toISOString()}`,
    );
    assert.ok(r.rows[0].last <= now && r.rows[0].last >= new Date(now.getTime() - 7 * 86_400_000));
    for (const extra of [
      'archived',
      'hidden_by_administration_at IS NOT NULL',
      'pending_correction',
      'expiry_notice_sent_at IS NOT NULL',
    ]) {
      assert.ok((await count(app, `SELECT count(*) AS n FROM dossiers WHERE ${extra}`)) > 0, extra);
    }
  });

  test('every transition has its event, decisions carry their motivation', async () => {
    const missing = {
      depose:
        "d.state <> 'brouillon' AND NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND e.type = 'depose' AND e.created_at = d.depose_at AND e.actor_email = d.user_email)",
      instruction:
        "d.en_instruction_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND e.type IN ('passe_en_instruction', 'passe_en_instruction_automatiquement') AND e.created_at = d.en_instruction_at)",
      decision: `d.state IN ('accepte', 'refuse', 'sans_suite') AND NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id
        AND e.type = CASE d.state WHEN 'sans_suite' THEN 'classe_sans_suite' ELSE d.state END AND e.created_at = d.processed_at
        AND e.actor_email LIKE 'instructeur%' AND e.data->>'motivation' IS NOT DISTINCT FROM d.motivation)`,
      archive:
        "d.archived AND NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND e.type = 'archive')",
      corbeille:
        "d.hidden_by_administration_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND e.type = 'mis_a_la_corbeille')",
    };
    for (const [name, where] of Object.entries(missing)) {
      assert.equal(await count(app, `SELECT count(*) AS n FROM dossiers d WHERE ${where}`), 0, name);
    }
    // transitions carry from/to as applyTransition records them
    assert.equal(
      await count(
        app,
        `SELECT count(*) AS n FROM dossier_events WHERE type IN ('depose', 'passe_en_instruction',
      'passe_en_instruction_automatiquement', 'accepte', 'refuse', 'classe_sans_suite', 'archive', 'mis_a_la_corbeille', 'correction_demandee',
      'depose_correction_usager') AND (data->>'from' IS NULL OR data->>'to' IS NULL)`,
      ),
      0,
    );
    // what the app records without touching updated_at (follow, messagerie, labels, rendez-vous, annotations,
    // expiry warnings) may come later
    assert.equal(
      await count(
        app,
        `SELECT count(*) AS n FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id WHERE e.created_at < d.created_at
      OR e.created_at > d.updated_at + interval '1 second'
      AND e.type NOT IN ('suivi', 'plus_suivi', 'message_envoye', 'labels_modifies', 'rendez_vous_propose', 'rendez_vous_annule',
        'annotation_modifiee', 'expiration_annoncee')`,
      ),
      0,
    );
  });

  test('messages sent through the messagerie and labels set are in the history, as the app records them', async () => {
    const sent = await count(app, "SELECT count(*) AS n FROM dossier_events WHERE type = 'message_envoye'");
    assert.ok(sent > 50, `message_envoye : ${sent}`);
    // each event points to its message: same dossier, author and instant
    assert.equal(
      await count(
        app,
        `SELECT count(*) AS n FROM dossier_events e WHERE e.type = 'message_envoye' AND NOT EXISTS (SELECT 1 FROM messages m
      WHERE m.id = (e.data->>'message_id')::bigint AND m.dossier_id = e.dossier_id AND m.author_kind = e.data->>'author'
      AND m.author_email = e.actor_email AND m.created_at = e.created_at)`,
      ),
      0,
    );
    // every usager or instructor message has one, except a correction's (its event is correction_demandee); system messages none
    assert.equal(
      await count(
        app,
        `SELECT count(*) AS n FROM messages m WHERE (m.author_kind IN ('usager', 'instructeur')
      AND NOT EXISTS (SELECT 1 FROM corrections c WHERE c.message_id = m.id)) <> EXISTS (SELECT 1 FROM dossier_events e
      WHERE e.type = 'message_envoye' AND e.dossier_id = m.dossier_id AND e.data->>'message_id' = m.id::text)`,
      ),
      0,
    );
    assert.equal(
      await count(
        app,
        `SELECT count(*) AS n FROM corrections c JOIN messages m ON m.id = c.message_id
      WHERE m.dossier_id <> c.dossier_id OR m.author_kind <> 'instructeur' OR m.created_at <> c.created_at`,
      ),
      0,
    );
    // the labels of a dossier are those its labels_modifies event added
    assert.equal(
      await count(
        app,
        `SELECT count(*) AS n FROM dossiers d WHERE EXISTS (SELECT 1 FROM dossier_labels dl WHERE dl.dossier_id = d.id)
      AND NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND e.type = 'labels_modifies' AND e.actor_email LIKE 'instructeur%'
        AND e.data->'removed' = '[]' AND (SELECT array_agg(x ORDER BY x) FROM jsonb_array_elements_text(e.data->'added') x)
          = (SELECT array_agg(l.name ORDER BY l.name) FROM dossier_labels dl JOIN labels l ON l.id = dl.label_id WHERE dl.dossier_id = d.id))`,
      ),
      0,
    );
    // later messages get the next numbers
    const next = await app.database.pool.query(
      `SELECT nextval(pg_get_serial_sequence('messages', 'id')) AS v, (SELECT max(id) FROM messages) AS m`,
    );
    assert.ok(Number(next.rows[0].v) > Number(next.rows[0].m));
  });

  test('rendez-vous on the procedure that offers them, as propose-rendez-vous writes them', async () => {
    const rows = (
      await app.database.pool.query(
        `SELECT p.title, count(*)::int AS n, count(r.cancelled_at)::int AS cancelled,
        count(*) FILTER (WHERE r.starts_at > $1 AND r.cancelled_at IS NULL)::int AS upcoming
      FROM rendez_vous r JOIN dossiers d ON d.id = r.dossier_id JOIN procedures p ON p.id = d.procedure_id GROUP BY 1`,
        [now],
      )
    ).rows;
    assert.deepEqual(
      rows.map((r) => r.title),
      [DEMO_PROCEDURES.subvention],
    );
    assert.ok(rows[0].n >= 10 && rows[0].cancelled > 0 && rows[0].upcoming > 0, JSON.stringify(rows[0]));
    const invalid = {
      // proposed while the dossier was open: deposited, neither archived nor deleted yet, before the decision
      open: `d.depose_at IS NULL OR r.created_at < d.depose_at OR r.created_at > $1 OR (d.archived_at IS NOT NULL AND d.archived_at <= r.created_at)
        OR d.hidden_by_administration_at <= r.created_at OR (d.processed_at IS NOT NULL AND r.starts_at >= d.processed_at)`,
      // a slot ahead (at most 12 months), on a weekday in Paris working hours, of a valid length, mode and place
      slot: `r.starts_at <= r.created_at OR r.starts_at > r.created_at + interval '12 months' OR r.duration_minutes NOT BETWEEN 5 AND 480
        OR extract(isodow FROM r.starts_at AT TIME ZONE 'Europe/Paris') > 5 OR (r.starts_at AT TIME ZONE 'Europe/Paris')::time NOT BETWEEN '09:00' AND '16:00'
        OR r.mode NOT IN ('sur_place', 'telephone', 'visio') OR r.place = '' OR (r.mode = 'visio' AND r.place !~ 'https://')`,
      cancelled:
        'r.cancelled_at IS NOT NULL AND (r.cancelled_at <= r.created_at OR r.cancelled_at >= r.starts_at OR r.cancelled_at > $1)',
      author:
        'NOT EXISTS (SELECT 1 FROM groupe_members m WHERE m.groupe_id = d.groupe_id AND m.user_id = r.created_by)',
      proposed: `NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = r.dossier_id AND e.type = 'rendez_vous_propose' AND e.created_at = r.created_at
        AND e.actor_id = r.created_by AND e.data->>'rendez_vous_id' = r.id::text AND (e.data->>'sequence')::int = 0
        AND (e.data->>'starts_at')::timestamptz = r.starts_at AND (e.data->>'duration_minutes')::int = r.duration_minutes
        AND e.data->>'mode' = r.mode AND e.data->>'place' = r.place)`,
      annule: `(r.cancelled_at IS NOT NULL) <> EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = r.dossier_id AND e.type = 'rendez_vous_annule'
        AND e.created_at = r.cancelled_at AND e.data->>'rendez_vous_id' = r.id::text AND (e.data->>'sequence')::int = 1)`,
    };
    for (const [name, where] of Object.entries(invalid)) {
      const r = await app.database.pool.query(
        `SELECT count(*) AS n, min(r.id) AS example FROM rendez_vous r JOIN dossiers d ON d.id = r.dossier_id WHERE ${where}`,
        where.includes('$1') ? [now] : [],
      );
      assert.equal(Number(r.rows[0].n), 0, `${name} : rendez-vous nº ${r.rows[0].example}`);
    }
    const next = await app.database.pool.query(
      `SELECT nextval(pg_get_serial_sequence('rendez_vous', 'id')) AS v, (SELECT max(id) FROM rendez_vous) AS m`,
    );
    assert.ok(Number(next.rows[0].v) > Number(next.rows[0].m));
  });

  test('follows, messages, avis, labels and badges are there, in proportion and consistent', async () => {
    const enInstruction = await count(app, "SELECT count(*) AS n FROM dossiers WHERE state = 'en_instruction'");
    const followed = await count(
      app,
      "SELECT count(DISTINCT d.id) AS n FROM dossiers d JOIN follows f ON f.dossier_id = d.id AND f.unfollowed_at IS NULL WHERE d.state = 'en_instruction'",
    );
    assert.ok(
      followed / enInstruction > 0.3 && followed / enInstruction < 0.6,
      `suivis : ${followed}/${enInstruction}`,
    );
    const submitted = await count(app, "SELECT count(*) AS n FROM dossiers WHERE state <> 'brouillon'");
    // every deposit, passage en instruction and decision writes its system message; the others are written
    const withMessages = await count(
      app,
      "SELECT count(DISTINCT dossier_id) AS n FROM messages WHERE author_kind <> 'system'",
    );
    assert.ok(
      withMessages / submitted > 0.1 && withMessages / submitted < 0.45,
      `messages : ${withMessages}/${submitted}`,
    );
    assert.equal(await count(app, 'SELECT count(DISTINCT author_kind) AS n FROM messages'), 3);
    const avis = await app.database.pool.query(
      "SELECT count(*)::int AS n, count(answered_at)::int AS answered FROM avis a JOIN users u ON u.id = a.expert_id WHERE u.email = 'expert@demo.guichet.fr'",
    );
    assert.ok(
      avis.rows[0].n >= 5 && avis.rows[0].answered > 0 && avis.rows[0].answered < avis.rows[0].n,
      JSON.stringify(avis.rows[0]),
    );
    const labelled = await count(app, 'SELECT count(DISTINCT dossier_id) AS n FROM dossier_labels');
    assert.ok(labelled / submitted > 0.12 && labelled / submitted < 0.3, `étiquettes : ${labelled}`);
    assert.equal(
      await count(
        app,
        'SELECT count(*) AS n FROM dossier_labels dl JOIN dossiers d ON d.id = dl.dossier_id JOIN labels l ON l.id = dl.label_id WHERE l.procedure_id <> d.procedure_id',
      ),
      0,
    );
    // the denormalised followers (migration 0002), when the column exists, match the follows
    if (
      await count(
        app,
        "SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'dossiers' AND column_name = 'follower_ids'",
      )
    ) {
      assert.equal(
        await count(
          app,
          `SELECT count(*) AS n FROM dossiers d WHERE d.follower_ids IS DISTINCT FROM
        coalesce((SELECT array_agg(f.user_id ORDER BY f.user_id) FROM follows f WHERE f.dossier_id = d.id AND f.unfollowed_at IS NULL), '{}')`,
        ),
        0,
      );
    }
    // badges (docs/domain.md §4)
    const kinds = new Set(
      (await app.database.pool.query('SELECT DISTINCT kind FROM notifications')).rows.map((r) => r.kind),
    );
    for (const k of ['dossier_depose', 'message', 'attente_correction', 'attente_avis', 'dossier_modifie'])
      assert.ok(kinds.has(k), `notification ${k}`);
    const inconsistent = {
      member: 'NOT EXISTS (SELECT 1 FROM groupe_members m WHERE m.groupe_id = d.groupe_id AND m.user_id = n.user_id)',
      depose:
        "n.kind = 'dossier_depose' AND (d.state <> 'en_construction' OR n.display_at <> d.depose_at + interval '7 days' OR EXISTS (SELECT 1 FROM follows f WHERE f.dossier_id = d.id AND f.unfollowed_at IS NULL))",
      followed:
        "n.kind IN ('message', 'dossier_modifie', 'attente_correction', 'attente_avis', 'avis_externe') AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.dossier_id = d.id AND f.user_id = n.user_id AND f.unfollowed_at IS NULL)",
      correction: "n.kind = 'attente_correction' AND NOT d.pending_correction",
      avis: "n.kind = 'attente_avis' AND (d.state <> 'en_instruction' OR NOT EXISTS (SELECT 1 FROM avis a WHERE a.dossier_id = d.id AND a.answered_at IS NULL))",
      expirant:
        "n.kind = 'dossier_expirant' AND (d.expiry_notice_sent_at IS NULL OR n.display_at <> d.expires_at - interval '14 days')",
    };
    for (const [name, where] of Object.entries(inconsistent)) {
      assert.equal(
        await count(
          app,
          `SELECT count(*) AS n FROM notifications n JOIN dossiers d ON d.id = n.dossier_id WHERE ${where}`,
        ),
        0,
        name,
      );
    }
    // every unfollowed en_construction dossier waits with its dossier_depose badge, for each group member
    assert.equal(
      await count(
        app,
        `SELECT count(*) AS n FROM dossiers d JOIN groupe_members m ON m.groupe_id = d.groupe_id
      WHERE d.state = 'en_construction' AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.dossier_id = d.id AND f.unfollowed_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.dossier_id = d.id AND n.user_id = m.user_id AND n.kind = 'dossier_depose')`,
      ),
      0,
    );
    // attached files exist in storage
    const files = await app.db.selectFrom('files').select(['storage_key', 'size']).limit(20).execute();
    assert.ok(files.length > 0);
    for (const f of files) assert.equal((await app.storage.get(f.storage_key)).length, Number(f.size));
  });

  test('stored champs and annotations are valid for their field types (50 dossiers)', async () => {
    const rows =
      await app.database.pool.query(`SELECT d.id, d.state, d.champs, d.annotations, r.fields, r.annotations AS annotation_defs
      FROM dossiers d JOIN procedure_revisions r ON r.id = d.revision_id WHERE d.id % 6 = 0 ORDER BY d.id LIMIT 50`);
    assert.equal(rows.rows.length, 50);
    let brouillons = 0;
    for (const row of rows.rows) {
      const complete = row.state !== 'brouillon';
      if (!complete) brouillons++;
      checkValues(row.fields, row.champs, { complete, now, where: `dossier ${row.id} (champs)` });
      checkValues(row.annotation_defs, row.annotations, {
        complete: false,
        now,
        where: `dossier ${row.id} (annotations)`,
      });
      if (['accepte', 'refuse', 'sans_suite'].includes(row.state)) {
        for (const def of row.annotation_defs as FieldDef[])
          if (def.mandatory)
            assert.ok(row.annotations[def.stableId], `dossier ${row.id}: annotation obligatoire ${def.stableId}`);
      }
      if (row.state === 'brouillon' || row.state === 'en_construction') assert.deepEqual(row.annotations, {});
    }
    assert.ok(brouillons < 10);
  });

  test('search terms are exactly what refreshSearchTerms writes', async () => {
    assert.deepEqual(await searchMismatches(app, 'true'), []);
  });

  test('search terms index identity, e-mail, champs and annotations (accents folded)', async () => {
    const d = (
      await app.database.pool.query(`SELECT id, nom, user_email, champs->'c03'->>'value' AS asso, annotations->'a01'->>'value' AS ref
      FROM dossiers WHERE annotations->'a01'->>'value' IS NOT NULL AND champs ? 'c03' ORDER BY id LIMIT 1`)
    ).rows[0];
    for (const words of [d.nom, d.asso, d.ref, d.user_email]) {
      const hit = await app.database.pool.query(
        `SELECT count(*) AS n FROM dossiers WHERE id = $1 AND search_terms @@ plainto_tsquery('french', f_unaccent($2))`,
        [d.id, words],
      );
      assert.equal(Number(hit.rows[0].n), 1, `recherche de « ${words} »`);
    }
  });

  test('is deterministic: the same seed gives the same dossiers', async () => {
    const other = await freshApp();
    try {
      await seedDemo(other);
      const digest = (a: Services) =>
        a.database.pool.query(
          `SELECT md5(string_agg(id || state || nom || prenom || champs::text || coalesce(processed_at::text, ''), '|' ORDER BY id)) AS h FROM dossiers`,
        );
      assert.equal((await digest(other)).rows[0].h, (await digest(app)).rows[0].h);
    } finally {
      await closeTestApp(other);
    }
  });

  // Last: producing an attestation appends an event at the present time.
  test('attestations are produced on first download for accepted dossiers of the procedure with a template', async () => {
    assert.equal(
      await count(app, 'SELECT count(*) AS n FROM attestations'),
      0,
      'le jeu de démonstration ne stocke pas les attestations',
    );
    const pick = async (title: string, state: string) =>
      (
        await app.database.pool.query(
          `SELECT d.id::text AS id FROM dossiers d
      JOIN procedures p ON p.id = d.procedure_id WHERE p.title = $1 AND d.state = $2 ORDER BY d.id LIMIT 1`,
          [title, state],
        )
      ).rows[0].id as string;
    const accepted = await pick(DEMO_PROCEDURES.subvention, 'accepte');
    const fileId = await attestationFileId(app, accepted);
    assert.ok(fileId);
    const file = await app.db.selectFrom('files').selectAll().where('id', '=', fileId).executeTakeFirstOrThrow();
    assert.equal(file.origin, 'attestation');
    assert.equal(file.dossier_id, accepted);
    const bytes = await app.storage.get(file.storage_key);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(bytes.length, Number(file.size));
    assert.equal(await attestationFileId(app, accepted), fileId, 'produite une fois');
    assert.equal(await attestationFileId(app, await pick(DEMO_PROCEDURES.subvention, 'refuse')), null);
    assert.equal(
      await attestationFileId(app, await pick(DEMO_PROCEDURES.aide, 'accepte')),
      null,
      'pas de modèle sur la démarche close',
    );
  });
});

describe(`load seed on ${engine}`, () => {
  let app: TestApp;
  let indexesBefore: string[] = [];
  before(async () => {
    app = await freshApp();
    indexesBefore = await indexDefinitions(app);
    // the secondary B-trees built at the end, as a large load does by default (PostgreSQL)
    const r = await seedLoad(app, { dossiers: 3000, quiet: true, deferIndexes: true });
    assert.equal(r.dossiers, 3000);
    assert.ok(r.rate_per_s > 0);
  });
  after(async () => closeTestApp(app));

  test('routes 60 % of the big procedure to the measuring instructor, 40 % to another', async () => {
    const rows = (
      await app.database.pool.query(
        `SELECT g.label, string_agg(DISTINCT u.email, ',') AS members, count(DISTINCT d.id)::int AS n
      FROM procedures p JOIN groupes_instructeurs g ON g.procedure_id = p.id JOIN groupe_members m ON m.groupe_id = g.id JOIN users u ON u.id = m.user_id
      LEFT JOIN dossiers d ON d.groupe_id = g.id WHERE p.title = $1 GROUP BY 1 ORDER BY 1`,
        [BENCH_PROCEDURE_TITLE],
      )
    ).rows;
    assert.deepEqual(
      rows.map((r) => r.label),
      [...BENCH_GROUP_LABELS],
    );
    // the measuring instructor is in the first group only (the load's other instructors are spread
    // over both groups, tools/load/instructors.ts)
    assert.ok(rows[0].members.split(',').includes(BENCH_INSTRUCTEUR_EMAIL));
    assert.ok(!rows[1].members.split(',').includes(BENCH_INSTRUCTEUR_EMAIL));
    const total = rows[0].n + rows[1].n;
    assert.equal(total, 3000);
    const share = rows[0].n / total;
    assert.ok(share > 0.57 && share < 0.63, `part du groupe 1 : ${share}`);
    assert.equal(
      await count(
        app,
        "SELECT count(*) AS n FROM users u JOIN instructeurs i ON i.user_id = u.id WHERE u.email = 'bench-instructeur@guichet.test' AND u.password_hash IS NOT NULL",
      ),
      1,
    );
  });

  test('has the demo shape: every state, extras in proportion, valid values', async () => {
    const states = (await app.database.pool.query('SELECT DISTINCT state FROM dossiers')).rows
      .map((r) => r.state)
      .sort();
    assert.deepEqual(states, [...DOSSIER_STATES].sort());
    for (const t of [
      'dossier_events',
      'messages',
      'follows',
      'avis',
      'dossier_labels',
      'notifications',
      'files',
      'corrections',
      'rendez_vous',
    ]) {
      assert.ok((await count(app, `SELECT count(*) AS n FROM ${t}`)) > 0, t);
    }
    assert.ok((await count(app, 'SELECT count(*) AS n FROM dossier_events')) > 2 * 3000);
    assert.equal(
      await count(app, "SELECT count(*) AS n FROM dossiers WHERE state = 'en_instruction' AND expires_at IS NOT NULL"),
      0,
    );
    assert.equal(await count(app, 'SELECT count(*) AS n FROM dossiers WHERE search_terms IS NULL'), 0);
    const now = app.clock.now();
    const rows = await app.database.pool.query(
      `SELECT d.id, d.state, d.champs, r.fields FROM dossiers d JOIN procedure_revisions r ON r.id = d.revision_id WHERE d.id % 97 = 0`,
    );
    for (const row of rows.rows)
      checkValues(row.fields, row.champs, { complete: row.state !== 'brouillon', now, where: `dossier ${row.id}` });
  });

  test('ends with fresh planner statistics: follower_ids analysed on its own, every other column too', async () => {
    const cols = (
      await app.database.pool.query(
        `SELECT attname FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'dossiers'`,
      )
    ).rows.map((r) => r.attname);
    for (const c of ['follower_ids', 'procedure_id', 'groupe_id', 'state', 'search_terms', 'updated_at'])
      assert.ok(cols.includes(c), c);
    // statistics 0 (migration 0006): never analysed
    assert.ok(!cols.includes('champs'));
    const analysed = (
      await app.database.pool.query(
        `SELECT relname FROM pg_stat_user_tables WHERE relname = ANY($1::text[]) AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL)`,
        [['dossiers', 'dossier_events', 'messages', 'files', 'follows']],
      )
    ).rows
      .map((r) => r.relname)
      .sort();
    assert.deepEqual(analysed, ['dossier_events', 'dossiers', 'files', 'follows', 'messages']);
  });

  test('rows reference what exists (the load may skip the per-row checks) and followers match the follows', async () => {
    const orphans = {
      dossiers: `NOT EXISTS (SELECT 1 FROM procedures p WHERE p.id = x.procedure_id) OR NOT EXISTS (SELECT 1 FROM procedure_revisions r WHERE r.id = x.revision_id)
        OR NOT EXISTS (SELECT 1 FROM groupes_instructeurs g WHERE g.id = x.groupe_id AND g.procedure_id = x.procedure_id) OR NOT EXISTS (SELECT 1 FROM users u WHERE u.id = x.user_id)`,
      files:
        'NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.id = x.dossier_id) OR NOT EXISTS (SELECT 1 FROM users u WHERE u.id = x.uploaded_by)',
      dossier_events: 'NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.id = x.dossier_id)',
      follows:
        'NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.id = x.dossier_id) OR NOT EXISTS (SELECT 1 FROM instructeurs i WHERE i.user_id = x.user_id)',
      messages: 'NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.id = x.dossier_id)',
      corrections: 'NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = x.message_id AND m.dossier_id = x.dossier_id)',
      rendez_vous:
        'NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.id = x.dossier_id) OR NOT EXISTS (SELECT 1 FROM users u WHERE u.id = x.created_by)',
      avis: 'NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.id = x.dossier_id) OR NOT EXISTS (SELECT 1 FROM experts e WHERE e.user_id = x.expert_id)',
      dossier_labels:
        'NOT EXISTS (SELECT 1 FROM dossiers d JOIN labels l ON l.procedure_id = d.procedure_id WHERE d.id = x.dossier_id AND l.id = x.label_id)',
      notifications:
        'NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.id = x.dossier_id) OR NOT EXISTS (SELECT 1 FROM instructeurs i WHERE i.user_id = x.user_id)',
    };
    for (const [table, where] of Object.entries(orphans))
      assert.equal(await count(app, `SELECT count(*) AS n FROM ${table} x WHERE ${where}`), 0, table);
    assert.equal(
      await count(
        app,
        `SELECT count(*) AS n FROM dossier_events e WHERE (e.type = 'message_envoye' AND NOT EXISTS (SELECT 1 FROM messages m
      WHERE m.id = (e.data->>'message_id')::bigint AND m.dossier_id = e.dossier_id)) OR (e.type = 'rendez_vous_propose' AND NOT EXISTS
      (SELECT 1 FROM rendez_vous r WHERE r.id = (e.data->>'rendez_vous_id')::bigint AND r.dossier_id = e.dossier_id))`,
      ),
      0,
    );
    assert.equal(
      await count(
        app,
        `SELECT count(*) AS n FROM dossiers d WHERE d.follower_ids IS DISTINCT FROM
      coalesce((SELECT array_agg(f.user_id ORDER BY f.user_id) FROM follows f WHERE f.dossier_id = d.id AND f.unfollowed_at IS NULL), '{}')`,
      ),
      0,
    );
    // the tab counts kept for the load (written by the seed itself when the triggers are off)
    assert.equal(await workListCountsDrift(app.db), 0);
    // the badge summary (migration 0024): kept by the triggers, or filled at the end when they were off
    const summary = async () =>
      (
        await app.db
          .selectFrom('dossier_badges')
          .select(['dossier_id', 'user_id', 'from_at', 'until_at', 'importance', 'news', 'wl_class', 'mine'])
          .orderBy('dossier_id')
          .orderBy('user_id')
          .orderBy('from_at')
          .execute()
      ).map((r) => JSON.stringify(r));
    const kept = await summary();
    assert.ok(kept.length > 0);
    await rebuildBadgeSummary(app.db);
    assert.deepEqual(await summary(), kept);
    // and folded at the end of the load (two batches here): one row per key, as list pages read them
    assert.equal(
      await count(
        app,
        `SELECT count(*) AS n FROM (SELECT 1 FROM work_list_counts
        GROUP BY procedure_id, groupe_id, wl_class, follower_id HAVING count(*) > 1) k`,
      ),
      0,
    );
    // rendez-vous on the big procedure only (the fillers do not offer them)
    const rdv = (
      await app.database.pool.query(`SELECT p.title, count(*)::int AS n FROM rendez_vous r JOIN dossiers d ON d.id = r.dossier_id
      JOIN procedures p ON p.id = d.procedure_id GROUP BY 1`)
    ).rows;
    assert.deepEqual(
      rdv.map((r) => r.title),
      [BENCH_PROCEDURE_TITLE],
    );
    assert.ok(rdv[0].n > 30, `rendez-vous : ${rdv[0].n}`);
    for (const table of ['dossiers', 'messages', 'rendez_vous']) {
      const next = await app.database.pool.query(
        `SELECT nextval(pg_get_serial_sequence('${table}', 'id')) AS v, (SELECT max(id) FROM ${table}) AS m`,
      );
      assert.ok(Number(next.rows[0].v) > Number(next.rows[0].m), table);
    }
  });

  test('search terms are exactly what refreshSearchTerms writes', async () => {
    assert.deepEqual(await searchMismatches(app, 'true'), []);
  });

  test('a resumed load writes exactly the slices its committed batches did not (they commit out of order)', () => {
    const cases: [string, { start: number; count: number }[], { start: number; count: number }[]][] = [
      [
        'nothing written',
        [],
        [
          { start: 0, count: 4 },
          { start: 4, count: 4 },
          { start: 8, count: 2 },
        ],
      ],
      [
        'a prefix (a load from before the records)',
        [{ start: 0, count: 5 }],
        [
          { start: 5, count: 4 },
          { start: 9, count: 1 },
        ],
      ],
      [
        'holes left by batches committed out of order',
        [
          { start: 4, count: 4 },
          { start: 0, count: 2 },
        ],
        [
          { start: 2, count: 2 },
          { start: 8, count: 2 },
        ],
      ],
      [
        'everything',
        [
          { start: 0, count: 4 },
          { start: 4, count: 4 },
          { start: 8, count: 2 },
        ],
        [],
      ],
    ];
    for (const [name, written, expected] of cases) assert.deepEqual(missingSlices(written, 10, 4), expected, name);
  });

  test('running it again does nothing; another volume is refused', async () => {
    assert.equal(
      await count(app, "SELECT count(*) AS n FROM app_settings WHERE key LIKE 'seed_load_batch:%'"),
      0,
      'les lots enregistrés pendant le chargement sont effacés',
    );
    // ids reserved one batch after the other: dossier numbers follow the creation dates
    assert.equal(
      await count(
        app,
        `SELECT count(*) AS n FROM (SELECT created_at < lag(created_at) OVER (ORDER BY id) AS back FROM dossiers) x WHERE back`,
      ),
      0,
    );
    const again = await seedLoad(app, { dossiers: 3000, quiet: true });
    assert.equal(again.skipped, true);
    assert.equal(await count(app, 'SELECT count(*) AS n FROM dossiers'), 3000);
    await assert.rejects(seedLoad(app, { dossiers: 5000, quiet: true }), /existe déjà/);
  });

  test('the indexes dropped for the load are all there again, as the migrations define them', async () => {
    assert.ok(indexesBefore.length > 30);
    assert.deepEqual(await indexDefinitions(app), indexesBefore);
    assert.equal(await count(app, `SELECT count(*) AS n FROM app_settings WHERE key = '${DEFERRED_INDEXES_KEY}'`), 0);
  });

  test('a load interrupted after dropping its secondary indexes, or during its end, is finished when it runs again', async () => {
    const other = await freshApp();
    try {
      const before = await indexDefinitions(other);
      // what an interrupted load leaves: the indexes dropped, their definitions recorded
      const dropped = await deferSecondaryIndexes(other, ['dossiers', 'files', 'dossier_events']);
      if (engine === 'postgres') {
        assert.ok(dropped >= 10, `${dropped} dropped`);
        assert.notDeepEqual(await indexDefinitions(other), before);
      } else assert.equal(dropped, 0, 'PGlite keeps its indexes');
      await seedLoad(other, { dossiers: 400, procedureDossiers: 100, quiet: true, deferIndexes: false });
      assert.deepEqual(await indexDefinitions(other), before);
      const leftovers = `SELECT count(*) AS n FROM app_settings WHERE key = '${DEFERRED_INDEXES_KEY}' OR key LIKE 'seed_load_batch:%'`;
      assert.equal(await count(other, leftovers), 0);

      // interrupted during its end, after every dossier was written: indexes dropped, badge summary
      // not computed, batch records left — the same command finishes it
      const badges = await count(other, 'SELECT count(*) AS n FROM dossier_badges');
      assert.ok(badges > 0);
      await other.database.pool.query('DELETE FROM dossier_badges');
      await other.database.pool.query(`INSERT INTO app_settings (key, value) VALUES ('seed_load_batch:0', '400')`);
      await deferSecondaryIndexes(other, ['follows', 'notifications']);
      const again = await seedLoad(other, { dossiers: 400, procedureDossiers: 100, quiet: true });
      assert.equal(again.skipped, true);
      assert.equal(await count(other, 'SELECT count(*) AS n FROM dossier_badges'), badges);
      assert.deepEqual(await indexDefinitions(other), before);
      assert.equal(await count(other, leftovers), 0);
    } finally {
      await closeTestApp(other);
    }
  });

  test('with filler procedures: the big procedure holds exactly its share', async () => {
    const other = await freshApp();
    try {
      await seedLoad(other, { dossiers: 2500, procedureDossiers: 1000, quiet: true, batchSize: 700 });
      const r = (
        await other.database.pool.query(
          `SELECT p.title = $1 AS bench, count(DISTINCT p.id)::int AS procs, count(d.id)::int AS n
        FROM procedures p LEFT JOIN dossiers d ON d.procedure_id = p.id GROUP BY 1 ORDER BY 1`,
          [BENCH_PROCEDURE_TITLE],
        )
      ).rows;
      assert.deepEqual(
        r.map((x) => [x.bench, x.procs, x.n]),
        [
          [false, 20, 1500],
          [true, 1, 1000],
        ],
      );
      assert.equal(await count(other, 'SELECT max(id) - min(id) + 1 - count(*) AS n FROM dossiers'), 0);
    } finally {
      await closeTestApp(other);
    }
  });
});
