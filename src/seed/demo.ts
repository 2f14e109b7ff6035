// Demo data for an empty database (`npm start` on a fresh folder, `guichet seed`): accounts of
// every role, three procedures (published with routing, draft in test, closed) and about a
// thousand dossiers in every state with their history, messages, corrections, avis, labels,
// rendez-vous and badges. Attestations are not stored: the first download (or the e-mail of a
// decision) produces them through attestationFileId, as for a dossier accepted before its
// template was activated. Deterministic (seeded PRNG, dates relative to app.clock.now()); one
// transaction; multi-row INSERTs (see shared.ts). Must stay fast: it runs before the server
// answers (< 6 s on PGlite).
import { sql } from 'kysely';
import type { Services } from '../platform/services.ts';
import type { Trx } from '../platform/db/index.ts';
import { hashPassword } from '../platform/crypto.ts';
import {
  addMonthsUTC,
  aideExceptionnelleForm,
  buildDossier,
  creationTimes,
  DAY_MS,
  flushRows,
  HOUR_MS,
  IdCounter,
  NORD_REGIONS,
  perFileBlobs,
  regionRoutingRule,
  resolveSearchVectors,
  Rng,
  RowBuffer,
  schemaColumns,
  stationnementForm,
  subventionForm,
  SUD_REGIONS,
  type FormSpec,
  type Person,
  type ProcedureCtx,
  type Universe,
} from './shared.ts';
import { SearchVectors } from './search-vectors.ts';

export type DemoRole = 'administrateur' | 'instructeur' | 'expert' | 'usager';

export const DEMO_ACCOUNTS = [
  {
    role: 'administrateur',
    email: 'admin@demo.guichet.fr',
    password: 'demo-admin-guichet',
    firstName: 'Agnès',
    lastName: 'Delmas',
  },
  {
    role: 'instructeur',
    email: 'instructeur@demo.guichet.fr',
    password: 'demo-instructeur-guichet',
    firstName: 'Claire',
    lastName: 'Fontaine',
  },
  {
    role: 'instructeur',
    email: 'instructeur2@demo.guichet.fr',
    password: 'demo-instructeur-guichet',
    firstName: 'Marc',
    lastName: 'Lenoir',
  },
  {
    role: 'instructeur',
    email: 'instructeur3@demo.guichet.fr',
    password: 'demo-instructeur-guichet',
    firstName: 'Sofia',
    lastName: 'Benali',
  },
  {
    role: 'expert',
    email: 'expert@demo.guichet.fr',
    password: 'demo-expert-guichet',
    firstName: 'Henri',
    lastName: 'Vasseur',
  },
  {
    role: 'usager',
    email: 'usager@demo.guichet.fr',
    password: 'demo-usager-guichet',
    firstName: 'Lucie',
    lastName: 'Martin',
  },
  {
    role: 'usager',
    email: 'usager2@demo.guichet.fr',
    password: 'demo-usager-guichet',
    firstName: 'Karim',
    lastName: 'Haddad',
  },
  {
    role: 'usager',
    email: 'usager3@demo.guichet.fr',
    password: 'demo-usager-guichet',
    firstName: 'Élodie',
    lastName: 'Garnier',
  },
] as const satisfies readonly {
  role: DemoRole;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}[];

export const DEMO_PROCEDURES = {
  subvention: 'Demande de subvention pour association',
  stationnement: 'Carte de stationnement résident',
  aide: 'Aide exceptionnelle 2025',
} as const;

/** Dossiers of the published procedure and of the closed one. */
export const DEMO_DOSSIERS = { subvention: 1000, aide: 60 } as const;
const SEED = 20250914;

export async function isEmptyDatabase(app: Services): Promise<boolean> {
  const r = await app.db.selectFrom('users').select('id').limit(1).execute();
  return r.length === 0;
}

export interface DemoSummary {
  dossiers: number;
  seconds: number;
}

export async function seedDemo(app: Services): Promise<DemoSummary> {
  const t0 = performance.now();
  const now = app.clock.now();
  // argon2 is slow: hash each distinct password once, in parallel.
  const passwords = [...new Set(DEMO_ACCOUNTS.map((a) => a.password))];
  const hashes = new Map(await Promise.all(passwords.map(async (p) => [p, await hashPassword(p)] as const)));

  const buf = new RowBuffer();
  const count = await app.db.transaction().execute(async (trx) => {
    const people = await insertAccounts(trx, hashes, now);
    const person = (email: string): Person => ({ id: people.get(email)!, email });
    const admin = person('admin@demo.guichet.fr');
    const i1 = person('instructeur@demo.guichet.fr');
    const i2 = person('instructeur2@demo.guichet.fr');
    const i3 = person('instructeur3@demo.guichet.fr');
    const expert = person('expert@demo.guichet.fr');
    const usagers = ['usager@demo.guichet.fr', 'usager2@demo.guichet.fr', 'usager3@demo.guichet.fr'].map(person);

    // (a) published, routed to two groups
    const pubA = addMonthsUTC(now, -14);
    const formA = subventionForm();
    const a = await insertProcedure(
      trx,
      {
        title: DEMO_PROCEDURES.subvention,
        description:
          "Les associations déclarées depuis plus d'un an peuvent demander une subvention de fonctionnement ou de projet. La demande est instruite par le service de la vie associative de votre territoire.",
        service_name: 'Direction de la vie associative',
        contact_email: 'vie-associative@demo.guichet.fr',
        state: 'publiee',
        rdv_enabled: true,
        created_at: new Date(pubA.getTime() - 21 * DAY_MS),
        published_at: pubA,
        attestation_template: {
          title: "Attestation d'attribution de subvention",
          body: "Le dossier nº --numéro du dossier-- déposé par --prénom-- --nom-- au nom de l'association « --Nom de l'association-- » pour le projet « --Intitulé du projet-- » a été accepté le --date de décision--.\n\nMontant demandé : --Montant demandé (€)-- €.\n\n--motivation--",
          footer: 'Direction de la vie associative – 1 place de la République – 75011 Paris',
          activated: true,
        },
      },
      formA,
      { published: true, draft: true },
      admin,
    );
    const groupsA = await insertGroups(trx, a.id, [
      { label: 'Groupe A — Nord', is_default: true, routing_rule: regionRoutingRule(NORD_REGIONS), members: [i1, i2] },
      { label: 'Groupe B — Sud', is_default: false, routing_rule: regionRoutingRule(SUD_REGIONS), members: [i1, i3] },
    ]);
    const labelsA = await insertLabels(trx, a.id, [
      ['À examiner', 'purple_glycine'],
      ['À relancer', 'yellow_tournesol'],
      ['Complet', 'green_bourgeon'],
      ['Urgent', 'pink_macaron'],
    ]);

    // (b) in test: a draft revision only, no dossiers
    const b = await insertProcedure(
      trx,
      {
        title: DEMO_PROCEDURES.stationnement,
        description:
          'Les résidents peuvent obtenir une carte leur permettant de stationner à tarif réduit dans leur zone de résidence.',
        service_name: 'Service du stationnement',
        contact_email: 'stationnement@demo.guichet.fr',
        state: 'brouillon',
        created_at: new Date(now.getTime() - 10 * DAY_MS),
      },
      stationnementForm(),
      { published: false, draft: true },
      admin,
    );
    await insertGroups(trx, b.id, [{ label: 'défaut', is_default: true, routing_rule: null, members: [i1] }]);

    // (c) closed: what remains to process, and the processed ones
    const pubC = addMonthsUTC(now, -13);
    const closedC = addMonthsUTC(now, -2);
    const formC = aideExceptionnelleForm();
    const cProc = await insertProcedure(
      trx,
      {
        title: DEMO_PROCEDURES.aide,
        description: 'Aide ponctuelle aux foyers confrontés à une dépense imprévue en 2025. Le dispositif est clos.',
        service_name: "Centre communal d'action sociale",
        contact_email: 'ccas@demo.guichet.fr',
        state: 'close',
        created_at: addMonthsUTC(now, -14),
        published_at: pubC,
        closed_at: closedC,
      },
      formC,
      { published: true, draft: true },
      admin,
    );
    const groupsC = await insertGroups(trx, cProc.id, [
      { label: 'défaut', is_default: true, routing_rule: null, members: [i1, i3] },
    ]);
    const labelsC = await insertLabels(trx, cProc.id, [
      ['Complet', 'green_bourgeon'],
      ['À relancer', 'yellow_tournesol'],
    ]);

    await trx
      .insertInto('instructeur_procedures')
      .values([
        { user_id: i1.id, procedure_id: a.id, position: 0 },
        { user_id: i1.id, procedure_id: cProc.id, position: 1 },
        { user_id: i1.id, procedure_id: b.id, position: 2 },
        { user_id: i2.id, procedure_id: a.id, position: 0 },
        { user_id: i3.id, procedure_id: a.id, position: 0 },
        { user_id: i3.id, procedure_id: cProc.id, position: 1 },
      ])
      .execute();

    const ctxA: ProcedureCtx = {
      id: a.id,
      revisionId: a.publishedRevisionId!,
      form: formA,
      retentionMonths: 12,
      expiresWhenTermine: true,
      publishedAt: pubA,
      closedAt: null,
      labels: labelsA,
      contactEmail: 'vie-associative@demo.guichet.fr',
      rendezVousPlace: 'Direction de la vie associative, 1 place de la République, 75011 Paris (bureau 204)',
      groups: [
        { id: groupsA[0], weight: 0.55, regions: NORD_REGIONS, instructors: [i1, i2] },
        { id: groupsA[1], weight: 0.45, regions: SUD_REGIONS, instructors: [i1, i3] },
      ],
    };
    const ctxC: ProcedureCtx = {
      id: cProc.id,
      revisionId: cProc.publishedRevisionId!,
      form: formC,
      retentionMonths: 12,
      expiresWhenTermine: true,
      publishedAt: pubC,
      closedAt: closedC,
      labels: labelsC,
      contactEmail: 'ccas@demo.guichet.fr',
      rendezVousPlace: null,
      groups: [{ id: groupsC[0], weight: 1, regions: [], instructors: [i1, i3] }],
    };
    // ids that events point to: consecutive from the tables' maximum, the sequences set after
    const nextId = async (table: 'messages' | 'rendez_vous') =>
      Number(
        (await sql<{ n: string }>`SELECT coalesce(max(id), 0) + 1 AS n FROM ${sql.table(table)}`.execute(trx)).rows[0]
          .n,
      );
    const ids = {
      messages: new IdCounter(await nextId('messages')),
      rendezVous: new IdCounter(await nextId('rendez_vous')),
    };
    const universe: Universe = { now, usagers, usagerWeights: [5, 3, 2], expert, filePolicy: perFileBlobs(), ids };

    // One timeline for both procedures so that dossier numbers follow creation order.
    const rng = new Rng(SEED);
    const total = DEMO_DOSSIERS.subvention + DEMO_DOSSIERS.aide;
    const times = creationTimes(rng, total, pubA.getTime() + DAY_MS, now.getTime() - HOUR_MS);
    const inWindowC = times
      .map((t, i) => [t, i] as const)
      .filter(([t]) => t >= pubC.getTime() && t < closedC.getTime() - 3 * DAY_MS)
      .map(([, i]) => i);
    const forC = new Set(rng.subset(inWindowC, DEMO_DOSSIERS.aide));
    const firstId = Number(
      (await sql<{ n: string }>`SELECT coalesce(max(id), 0) + 1 AS n FROM dossiers`.execute(trx)).rows[0].n,
    );
    times.forEach((t, i) => {
      buildDossier(buf, rng, firstId + i, t, forC.has(i) ? ctxC : ctxA, universe);
    });

    await resolveSearchVectors(trx, buf, new SearchVectors());
    await flushRows(trx, buf, { chunk: 500, schema: await schemaColumns(trx) });
    await sql`SELECT setval(pg_get_serial_sequence('dossiers', 'id'), (SELECT max(id) FROM dossiers))`.execute(trx);
    for (const [table, counter] of [
      ['messages', ids.messages],
      ['rendez_vous', ids.rendezVous],
    ] as const) {
      if (counter.last > 0)
        await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), ${counter.last})`.execute(trx);
    }
    return total;
  });
  // Bytes of the attached files (one small PDF each), once the rows are committed.
  await writeBlobs(app, buf.blobs);
  const seconds = (performance.now() - t0) / 1000;
  app.logger.info({ dossiers: count, seconds: Number(seconds.toFixed(2)) }, 'données de démonstration créées');
  return { dossiers: count, seconds };
}

async function writeBlobs(app: Services, blobs: { key: string; bytes: Buffer }[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < blobs.length) {
      const b = blobs[next++];
      await app.storage.put(b.key, b.bytes);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

export function printDemoAccounts(): void {
  console.log('\nComptes de démonstration (mots de passe de démonstration uniquement) :');
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(15)} ${a.email.padEnd(34)} ${a.password}`);
}

// ---------------------------------------------------------------------------------------------

async function insertAccounts(trx: Trx, hashes: Map<string, string>, now: Date): Promise<Map<string, string>> {
  const rows = await trx
    .insertInto('users')
    .values(
      DEMO_ACCOUNTS.map((a) => ({
        email: a.email,
        password_hash: hashes.get(a.password)!,
        first_name: a.firstName,
        last_name: a.lastName,
        created_at: new Date(now.getTime() - 450 * DAY_MS),
      })),
    )
    .returning(['id', 'email'])
    .execute();
  const ids = new Map(rows.map((r) => [r.email, r.id]));
  for (const table of ['administrateurs', 'instructeurs', 'experts'] as const) {
    const role = table === 'administrateurs' ? 'administrateur' : table === 'instructeurs' ? 'instructeur' : 'expert';
    const values = DEMO_ACCOUNTS.filter((a) => a.role === role).map((a) => ({ user_id: ids.get(a.email)! }));
    if (values.length) await trx.insertInto(table).values(values).execute();
  }
  return ids;
}

interface ProcedureRow {
  title: string;
  description: string;
  service_name: string;
  contact_email: string;
  state: 'brouillon' | 'publiee' | 'close';
  rdv_enabled?: boolean;
  created_at: Date;
  published_at?: Date;
  closed_at?: Date;
  attestation_template?: { title: string; body: string; footer: string; activated: boolean };
  retention_months?: number;
}

/** A procedure, its revisions (published and/or draft, same form) and its administrator. */
export async function insertProcedure(
  trx: Trx,
  p: ProcedureRow,
  form: FormSpec,
  revisions: { published: boolean; draft: boolean },
  admin: Person,
): Promise<{ id: string; publishedRevisionId: string | null; draftRevisionId: string | null }> {
  const { id } = await trx
    .insertInto('procedures')
    .values({
      title: p.title,
      description: p.description,
      service_name: p.service_name,
      contact_email: p.contact_email,
      state: p.state,
      rdv_enabled: p.rdv_enabled ?? false,
      created_at: p.created_at,
      published_at: p.published_at ?? null,
      closed_at: p.closed_at ?? null,
      attestation_template: p.attestation_template ? JSON.stringify(p.attestation_template) : null,
      retention_months: p.retention_months ?? 12,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('procedure_administrateurs').values({ procedure_id: id, user_id: admin.id }).execute();
  const rev = async (publishedAt: Date | null, createdAt: Date) =>
    (
      await trx
        .insertInto('procedure_revisions')
        .values({
          procedure_id: id,
          fields: JSON.stringify(form.fields),
          annotations: JSON.stringify(form.annotations),
          created_at: createdAt,
          published_at: publishedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const publishedRevisionId = revisions.published ? await rev(p.published_at ?? p.created_at, p.created_at) : null;
  const draftRevisionId = revisions.draft ? await rev(null, p.published_at ?? p.created_at) : null;
  await trx
    .updateTable('procedures')
    .set({ published_revision_id: publishedRevisionId, draft_revision_id: draftRevisionId })
    .where('id', '=', id)
    .execute();
  return { id, publishedRevisionId, draftRevisionId };
}

export async function insertGroups(
  trx: Trx,
  procedureId: string,
  groups: { label: string; is_default: boolean; routing_rule: unknown; members: Person[] }[],
): Promise<string[]> {
  const rows = await trx
    .insertInto('groupes_instructeurs')
    .values(
      groups.map((g) => ({
        procedure_id: procedureId,
        label: g.label,
        is_default: g.is_default,
        routing_rule: g.routing_rule === null ? null : JSON.stringify(g.routing_rule),
      })),
    )
    .returning(['id', 'label'])
    .execute();
  const ids = groups.map((g) => rows.find((r) => r.label === g.label)!.id);
  const members = groups.flatMap((g, i) => g.members.map((m) => ({ groupe_id: ids[i], user_id: m.id })));
  if (members.length) await trx.insertInto('groupe_members').values(members).execute();
  return ids;
}

/** The procedure's labels, in this order. */
export async function insertLabels(
  trx: Trx,
  procedureId: string,
  labels: [string, string][],
): Promise<{ id: string; name: string }[]> {
  const rows = await trx
    .insertInto('labels')
    .values(labels.map(([name, color], position) => ({ procedure_id: procedureId, name, color, position })))
    .returning(['id', 'name'])
    .execute();
  return labels.map(([name]) => ({ id: rows.find((r) => r.name === name)!.id, name }));
}
