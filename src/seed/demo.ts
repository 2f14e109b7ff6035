// Demo data for an empty database (`npm start` on a fresh folder, `guichet seed`): accounts of
// every role, three procedures (published with routing, draft in test, closed) and a few hundred
// dossiers in every state with their history. What has no command yet is written directly: users
// and roles, procedures, revisions, groups, labels (procedures.ts), each dossier's first row as a
// brouillon with its champs and files (there is no « create dossier » command), and the avis (no
// avis command either). Everything that happens to a dossier afterwards goes through the
// application's commands (src/features), by the usager or the instructor who does it, with a
// manual clock moved to the moment it happens: deposit, corrections, resubmission, follows,
// messages, annotations, labels, rendez-vous, passage en instruction, decisions with their
// motivation, archive, corbeille and the expiry warnings. Its history is therefore what the
// application writes. The jobs those commands queue (e-mails to the fictitious usagers,
// attestations) are not kept: attestations are produced on first download (attestationFileId).
// Deterministic: a seeded PRNG, dates relative to app.clock.now().
import { sql } from 'kysely';
import type { Services } from '../platform/services.ts';
import { ManualClock } from '../platform/clock.ts';
import { hashPassword } from '../platform/crypto.ts';
import type { Trx } from '../platform/db/index.ts';
import type { Actor } from '../features/command.ts';
import { transitionDossier } from '../features/instruction/transition-dossier.ts';
import { followDossier, unfollowDossier } from '../features/instruction/follow-dossier.ts';
import { decideDossier } from '../features/dossiers/decide-dossier.ts';
import { resubmitDossier } from '../features/dossiers/resubmit-dossier.ts';
import { sendMessage } from '../features/messages/send-message.ts';
import { saveAnnotations } from '../features/annotations/save-annotations.ts';
import { setDossierLabels } from '../features/labels/set-labels.ts';
import { proposeRendezVous } from '../features/rendez-vous/propose-rendez-vous.ts';
import { cancelRendezVous } from '../features/rendez-vous/cancel-rendez-vous.ts';
import { runRetentionStep } from '../features/retention/run-retention.ts';
import { createNotifications } from '../features/notifications/notify.ts';
import { refreshSearchTerms } from '../features/work-list/refresh-search-terms.ts';
import { addMonthsUTC, computeExpiresAt } from '../domain/retention.ts';
import { parisLocalToUtc } from '../domain/rendez-vous.ts';
import { formatPhone } from '../domain/fields/phone.ts';
import type { ChampsMap, FieldValue } from '../domain/fields/types.ts';
import {
  AVIS_REPONSES,
  aideExceptionnelleForm,
  between,
  CORRECTIONS,
  creationTimes,
  DAY_MS,
  generateValues,
  HOUR_MS,
  makePersona,
  MOTIVATIONS,
  NORD_REGIONS,
  QUESTIONS_USAGER,
  randomPhone,
  regionRoutingRule,
  REGIONS,
  REPONSES_INSTRUCTEUR,
  Rng,
  stationnementForm,
  subventionForm,
  SUD_REGIONS,
  type FilePolicy,
  type FormSpec,
  type ValueContext,
  genericValue,
  samplePdf,
  ymd,
  dossierTimeline,
} from './data.ts';
import { depositDossier } from '../features/dossiers/deposit-dossier.ts';
import { insertGroups, insertLabels, insertProcedure, type Person } from './procedures.ts';
import crypto from 'node:crypto';

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
export const DEMO_DOSSIERS = { subvention: 300, aide: 30 } as const;
const SEED = 20250914;

export async function isEmptyDatabase(app: Services): Promise<boolean> {
  const r = await app.db.selectFrom('users').select('id').limit(1).execute();
  return r.length === 0;
}

export interface DemoSummary {
  dossiers: number;
  seconds: number;
}

/** A procedure as the dossiers' histories need it. */
interface DemoProcedure {
  id: string;
  revisionId: string;
  form: FormSpec;
  publishedAt: Date;
  /** closed procedure: no deposit after, what is still en construction is passed en instruction then */
  closedAt: Date | null;
  groups: { id: string; weight: number; regions: readonly string[]; instructors: Person[] }[];
  labels: { id: string; name: string }[];
  /** where rendez-vous « sur place » happen; null when the procedure does not offer rendez-vous */
  rendezVousPlace: string | null;
}

export async function seedDemo(app: Services): Promise<DemoSummary> {
  const t0 = performance.now();
  const now = app.clock.now();
  // argon2 is slow: hash each distinct password once, in parallel.
  const passwords = [...new Set(DEMO_ACCOUNTS.map((a) => a.password))];
  const hashes = new Map(await Promise.all(passwords.map(async (p) => [p, await hashPassword(p)] as const)));

  const setup = await app.db.transaction().execute(async (trx) => insertProceduresAndAccounts(trx, hashes, now));
  const { usagers, expert, procA, procC } = setup;

  // One timeline for both procedures so that dossier numbers follow creation order.
  const rng = new Rng(SEED);
  const total = DEMO_DOSSIERS.subvention + DEMO_DOSSIERS.aide;
  const pubA = procA.publishedAt.getTime();
  const times = creationTimes(rng, total, pubA + DAY_MS, now.getTime() - HOUR_MS);
  const closedC = procC.closedAt!.getTime();
  const inWindowC = times
    .map((t, i) => [t, i] as const)
    .filter(([t]) => t >= procC.publishedAt.getTime() && t < closedC - 3 * DAY_MS)
    .map(([, i]) => i);
  const forC = new Set(rng.subset(inWindowC, DEMO_DOSSIERS.aide));

  // 1. The first rows, as brouillons, in creation order (numbers reserved from the sequence).
  const blobs: { key: string; bytes: Buffer }[] = [];
  const plans: Planned[] = [];
  await app.db.transaction().execute(async (trx) => {
    const ids = (
      await sql<{ n: string }>`SELECT nextval(pg_get_serial_sequence('dossiers', 'id')) AS n
        FROM generate_series(1, ${total}::int) ORDER BY n`.execute(trx)
    ).rows.map((r) => String(r.n));
    for (const [i, t] of times.entries()) {
      const p = planDossier(rng, ids[i], t, forC.has(i) ? procC : procA, { now, usagers, expert });
      for (const f of p.files) if (f.bytes) blobs.push({ key: f.key, bytes: f.bytes });
      plans.push(p);
    }
    await insertFirstRows(trx, plans);
    await refreshSearchTerms(
      trx,
      plans.map((p) => p.id),
    );
  });
  await writeBlobs(app, blobs);

  // 2. Their histories, through the commands, each at its moment.
  const clock = new ManualClock(now);
  const at: Services = { ...app, clock, boss: withoutJobs(app.boss) };
  // All of them in time order, with the closing of the closed procedure (no command for it yet).
  const steps = plans.flatMap((p) => p.steps);
  steps.push({
    t: closedC,
    run: (a) =>
      a.db
        .updateTable('procedures')
        .set({ state: 'close', closed_at: procC.closedAt })
        .where('id', '=', procC.id)
        .execute(),
  });
  steps.sort((x, y) => x.t - y.t);
  for (const step of steps) {
    clock.set(new Date(Math.trunc(step.t)));
    await step.run(at);
  }
  // 3. The daily expiry warnings of the last days (docs/domain.md §5).
  for (const days of [12, 8, 4, 0]) {
    clock.set(new Date(now.getTime() - days * DAY_MS));
    await runRetentionStep(at, 'warn');
  }

  const seconds = (performance.now() - t0) / 1000;
  app.logger.info({ dossiers: total, seconds: Number(seconds.toFixed(2)) }, 'données de démonstration créées');
  return { dossiers: total, seconds };
}

/**
 * The seed's Services do not queue jobs: the e-mails its commands announce would go to fictitious
 * usagers and instructors, and attestations are produced on first download.
 */
function withoutJobs(boss: Services['boss']): Services['boss'] {
  return new Proxy(boss, {
    get: (target, prop, receiver) => (prop === 'send' ? async () => null : Reflect.get(target, prop, receiver)),
  });
}

/** The avis: no command yet either; the row, the follow and the badges as an avis request makes them. */
async function insertAvis(
  app: Services,
  instr: Actor,
  dossierId: string,
  avis: {
    expertId: string;
    question: string | null;
    answer: string | null;
    questionAnswer: boolean | null;
    confidentiel: boolean;
    answeredAt: Date | null;
    pending: boolean;
  },
): Promise<void> {
  await followDossier(app, instr, { dossierId });
  const now = app.clock.now();
  await app.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('avis')
      .values({
        dossier_id: dossierId,
        expert_id: avis.expertId,
        claimant_id: instr.userId,
        introduction: 'Bonjour, merci de me donner votre avis sur ce dossier.',
        question_label: avis.question,
        question_answer: avis.questionAnswer,
        answer: avis.answer,
        confidentiel: avis.confidentiel,
        created_at: now,
        answered_at: avis.answeredAt,
      })
      .execute();
    const d = await trx
      .selectFrom('dossiers')
      .select(['id', 'groupe_id', 'procedure_id', 'depose_at', 'expires_at'])
      .where('id', '=', dossierId)
      .executeTakeFirstOrThrow();
    if (avis.pending) await createNotifications(trx, d, 'attente_avis', { now });
    if (avis.answeredAt) await createNotifications(trx, d, 'avis_externe', { now: avis.answeredAt });
  });
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
// Accounts and procedures (no commands for them yet)

async function insertProceduresAndAccounts(trx: Trx, hashes: Map<string, string>, now: Date) {
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
      // closed at closedC, during the histories (below)
      state: 'publiee',
      created_at: addMonthsUTC(now, -14),
      published_at: pubC,
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

  const procA: DemoProcedure = {
    id: a.id,
    revisionId: a.publishedRevisionId!,
    form: formA,
    publishedAt: pubA,
    closedAt: null,
    labels: labelsA,
    rendezVousPlace: 'Direction de la vie associative, 1 place de la République, 75011 Paris (bureau 204)',
    groups: [
      { id: groupsA[0], weight: 0.55, regions: NORD_REGIONS, instructors: [i1, i2] },
      { id: groupsA[1], weight: 0.45, regions: SUD_REGIONS, instructors: [i1, i3] },
    ],
  };
  const procC: DemoProcedure = {
    id: cProc.id,
    revisionId: cProc.publishedRevisionId!,
    form: formC,
    publishedAt: pubC,
    closedAt: closedC,
    labels: labelsC,
    rendezVousPlace: null,
    groups: [{ id: groupsC[0], weight: 1, regions: [], instructors: [i1, i3] }],
  };
  return { usagers, expert, procA, procC };
}

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

// ---------------------------------------------------------------------------------------------
// One dossier: its first row, and the steps of its history

interface Step {
  t: number;
  run: (app: Services) => Promise<unknown>;
}
interface Planned {
  id: string;
  proc: DemoProcedure;
  groupeId: string;
  owner: Person;
  persona: ReturnType<typeof makePersona>;
  champs: ChampsMap;
  createdMs: number;
  /** last edit of a brouillon */
  brouillonUpdated: number | null;
  files: ValueContext['files'];
  steps: Step[];
}

/** Proportions of the lifecycle extras (docs/domain.md §2–§7). */
const P = {
  abandon: 0.3,
  constructionDays: 45,
  instructionDays: 80,
  outcome: [
    ['accepte', 62],
    ['refuse', 24],
    ['sans_suite', 14],
  ] as const,
  followEnConstruction: 0.25,
  pendingCorrection: 0.1,
  modifiedFollowed: 0.4,
  keepFollowingEnInstruction: 0.35,
  keepFollowingTermine: 0.35,
  messages: 0.3,
  avisEnInstruction: 0.1,
  avisTermine: 0.05,
  labels: 0.2,
  rendezVousEnConstruction: 0.03,
  rendezVousEnInstruction: 0.12,
  rendezVousTermine: 0.06,
  rendezVousCancelled: 0.1,
  archive: 0.35,
  corbeille: 0.015,
};
const RDV_TIMES = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '14:00', '14:30', '15:00', '15:30', '16:00'];
const RDV_DURATIONS = [15, 30, 30, 45, 60];
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const demoFiles: FilePolicy = {
  blobFor(fileId, name) {
    const bytes = samplePdf(name);
    return { key: `seed/${fileId}`, size: bytes.length, sha256: sha256(bytes), bytes };
  },
};
const actor = (p: Person): Actor => ({ userId: p.id, email: p.email });
/** What the form sends for stored values: the values, and the ids of the files to keep. */
const rawOf = (champs: ChampsMap): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(champs).map(([k, c]) => [
      k,
      Array.isArray(c.value) && c.value.length && typeof c.value[0] === 'object' && 'fileId' in (c.value[0] as object)
        ? { keep: (c.value as { fileId: string }[]).map((f) => f.fileId) }
        : c.value,
    ]),
  );

/**
 * Dossier `id`, created at `createdMs`. The lifecycle runs forward from the creation: deposit,
 * passage en instruction, decision, each after a random delay; the state is where that timeline
 * stands at `now`. Returns its first row and the commands of its history, each at its instant.
 */
function planDossier(
  rng: Rng,
  id: string,
  createdMs: number,
  proc: DemoProcedure,
  u: { now: Date; usagers: Person[]; expert: Person },
): Planned {
  const now = u.now.getTime();
  const closed = proc.closedAt?.getTime() ?? null;
  const group =
    proc.groups.length === 1 ? proc.groups[0] : rng.weighted(proc.groups.map((g) => [g, g.weight] as const));
  const instrP = rng.pick(group.instructors);
  const instr = actor(instrP);
  const owner = rng.weighted(u.usagers.map((p, i) => [p, [5, 3, 2][i]] as const));
  const usager = actor(owner);
  const persona = makePersona(rng, group.regions.length ? group.regions : REGIONS.map((r) => r.name));

  // --- timeline
  const { state, depose, enInstr, processed, termine, end, brouillonUpdated } = dossierTimeline(
    rng,
    createdMs,
    closed,
    now,
    P,
  );

  // --- values typed by the usager before the deposit
  const files: ValueContext['files'] = [];
  const valueCtx: ValueContext = {
    rng,
    persona,
    dossierId: Number(id),
    from: createdMs,
    to: depose ?? brouillonUpdated ?? createdMs,
    today: ymd(u.now),
    state,
    files,
    filePolicy: demoFiles,
  };
  const champs = generateValues(valueCtx, proc.form.fields, proc.form.hints, {
    partial: state === 'brouillon',
    fillRate: 0.85,
  });

  const steps: Step[] = [];
  const step = (t: number, run: Step['run']) => steps.push({ t, run });
  const dossierId = id;
  if (depose === null)
    return { id, proc, groupeId: group.id, owner, persona, champs, createdMs, brouillonUpdated, files, steps };
  step(depose, (app) => depositDossier(app, usager, { dossierId }));

  // --- en construction: a correction asked, or a follow and the usager's modifications
  if (state === 'en_construction') {
    if (depose < now - 2 * DAY_MS && rng.chance(P.pendingCorrection)) {
      const reason = rng.weighted([
        ['incorrect', 6],
        ['incomplete', 3],
        ['outdated', 1],
      ] as const);
      const message = rng.pick(CORRECTIONS);
      step(between(rng, depose, now - DAY_MS), (app) =>
        transitionDossier(app, instr, {
          dossierId,
          action: 'demander_correction',
          correctionReason: reason,
          correctionMessage: message,
        }),
      );
    } else if (rng.chance(P.followEnConstruction)) {
      const followed = between(rng, depose, now);
      step(followed, (app) => followDossier(app, instr, { dossierId }));
      if (followed < now - HOUR_MS && rng.chance(P.modifiedFollowed))
        step(between(rng, followed, now), (app) => resubmitDossier(app, usager, { dossierId, raw: rawOf(champs) }));
    }
  }

  // --- instruction: the instructor who passes it follows it, and may stop later
  let following = false;
  if (enInstr !== null) {
    step(enInstr, (app) => transitionDossier(app, instr, { dossierId, action: 'passer_en_instruction' }));
    following = rng.chance(termine ? P.keepFollowingTermine : P.keepFollowingEnInstruction);
  }

  // annotations, saved in one go during the instruction (the mandatory ones always: the form requires them)
  if (enInstr !== null && (termine || rng.chance(0.6))) {
    const annCtx: ValueContext = {
      ...valueCtx,
      state: termine ? state : 'en_instruction',
      from: enInstr,
      to: Math.min(end, enInstr + 20 * DAY_MS),
      files: [],
    };
    const annotations = generateValues(annCtx, proc.form.annotations, proc.form.annotationHints, {
      fillRate: termine ? 0.9 : 0.6,
    });
    for (const def of proc.form.annotations) {
      if (def.mandatory && !annotations[def.stableId]) {
        const value: FieldValue | null =
          proc.form.annotationHints[def.stableId]?.({ ...annCtx, state: 'accepte' }, def) ?? genericValue(annCtx, def);
        if (value !== null) annotations[def.stableId] = { value, updatedAt: '' };
      }
    }
    if (Object.keys(annotations).length)
      step(between(rng, annCtx.from, Math.min(annCtx.to, end - 60_000)), (app) =>
        saveAnnotations(app, instr, { dossierId, raw: rawOf(annotations) }),
      );
  }

  // messages: a question of the usager, sometimes the instructor's answer
  if (rng.chance(P.messages)) {
    const n = rng.int(1, 3);
    if (n >= 2) {
      const asked = between(rng, depose + HOUR_MS, end);
      const body = rng.pick(QUESTIONS_USAGER);
      step(asked, (app) => sendMessage(app, usager, { dossierId, as: 'usager', body }));
      if (n >= 3 && asked < end - HOUR_MS) {
        const answer = rng.pick(REPONSES_INSTRUCTEUR);
        step(between(rng, asked + HOUR_MS, end), (app) =>
          sendMessage(app, instr, { dossierId, as: 'instructeur', body: answer }),
        );
      }
    }
  }

  // avis of the expert, asked during the instruction
  let avisAsked = false;
  if (enInstr !== null && rng.chance(termine ? P.avisTermine : P.avisEnInstruction) && end - enInstr > 2 * HOUR_MS) {
    avisAsked = true;
    const created = between(rng, enInstr, end - HOUR_MS);
    const answered = rng.chance(termine ? 0.8 : 0.5) ? between(rng, created, end) : null;
    const question = rng.chance(0.5) ? 'Le projet vous paraît-il éligible au dispositif ?' : null;
    const avis = {
      expertId: u.expert.id,
      question,
      questionAnswer: answered !== null && question ? rng.chance(0.7) : null,
      answer: answered !== null ? rng.pick(AVIS_REPONSES) : null,
      confidentiel: rng.chance(0.2),
      answeredAt: answered === null ? null : new Date(Math.trunc(answered)),
      pending: answered === null && !termine,
    };
    step(created, (app) => insertAvis(app, instr, dossierId, avis));
  }

  // labels, set by the instructor in one go
  if (proc.labels.length && rng.chance(P.labels)) {
    const labelIds = rng.subset(proc.labels, rng.int(1, 2)).map((l) => l.id);
    step(between(rng, enInstr ?? depose, end), (app) => setDossierLabels(app, instr, { dossierId, labelIds }));
  }

  // rendez-vous, proposed while the dossier is open, sometimes cancelled before it starts
  if (proc.rendezVousPlace !== null) {
    const chance =
      state === 'en_construction'
        ? P.rendezVousEnConstruction
        : state === 'en_instruction'
          ? P.rendezVousEnInstruction
          : P.rendezVousTermine;
    if (rng.chance(chance))
      planRendezVous(rng, step, instr, dossierId, proc.rendezVousPlace, {
        from: enInstr ?? depose,
        until: end,
        held: termine,
        now,
      });
  }

  // no longer followed (not while an avis is pending on it)
  if (enInstr !== null && !following && !avisAsked) {
    step(between(rng, enInstr + 60_000, end - 60_000), (app) => unfollowDossier(app, instr, { dossierId }));
  }

  // decision, then archive or corbeille
  if (termine) {
    const st = state as 'accepte' | 'refuse' | 'sans_suite';
    const motivation =
      st === 'accepte' ? (rng.chance(0.3) ? rng.pick(MOTIVATIONS.accepte) : undefined) : rng.pick(MOTIVATIONS[st]);
    const action = st === 'accepte' ? 'accepter' : st === 'refuse' ? 'refuser' : 'classer_sans_suite';
    step(processed!, (app) => decideDossier(app, instr, { dossierId, action, motivation }));
    if (processed! < now - 30 * DAY_MS && rng.chance(P.archive)) {
      step(between(rng, processed! + DAY_MS, Math.min(now, processed! + 30 * DAY_MS)), (app) =>
        transitionDossier(app, instr, { dossierId, action: 'archiver' }),
      );
    } else if (rng.chance(P.corbeille)) {
      step(between(rng, processed! + 60_000, now), (app) =>
        transitionDossier(app, instr, { dossierId, action: 'supprimer' }),
      );
    }
  }
  return { id, proc, groupeId: group.id, owner, persona, champs, createdMs, brouillonUpdated, files, steps };
}

/**
 * A rendez-vous proposed between `from` and `until` (ms): a weekday slot in Paris time 1 to 20 days
 * ahead (before the decision when `held`), sometimes cancelled before it starts.
 */
function planRendezVous(
  rng: Rng,
  step: (t: number, run: Step['run']) => void,
  instr: Actor,
  dossierId: string,
  address: string,
  w: { from: number; until: number; held: boolean; now: number },
): void {
  const latest = w.held ? w.until - 3 * DAY_MS : w.until - HOUR_MS;
  if (latest <= w.from) return;
  const proposed = between(rng, w.from, latest);
  const maxDays = w.held ? Math.min(20, Math.floor((w.until - proposed) / DAY_MS)) : 20;
  let day = Math.floor(proposed / DAY_MS) + rng.int(1, maxDays);
  const weekday = new Date(day * DAY_MS).getUTCDay();
  if (weekday === 0 || weekday === 6) day -= weekday === 0 ? 2 : 1; // the Friday before
  const date = ymd(new Date(day * DAY_MS));
  const time = rng.pick(RDV_TIMES);
  const startsAt = parisLocalToUtc(date, time)!.getTime();
  if (startsAt <= proposed + HOUR_MS || (w.held && startsAt >= w.until)) return;
  const mode = rng.weighted([
    ['sur_place', 6],
    ['telephone', 3],
    ['visio', 1],
  ] as const);
  const place =
    mode === 'sur_place'
      ? address
      : mode === 'telephone'
        ? `Nous vous appellerons au ${formatPhone(randomPhone(rng))}.`
        : `Lien de la visioconférence : https://visio.guichet.test/rdv-${rng.hex(12)}`;
  const duration = rng.pick(RDV_DURATIONS);
  let rendezVousId = '';
  step(proposed, async (app) => {
    const r = await proposeRendezVous(app, instr, { dossierId, date, time, duration, mode, place });
    rendezVousId = String((r as { id: string }).id);
  });
  const lastCancel = Math.min(startsAt, w.held ? w.until : w.now);
  if (rng.chance(P.rendezVousCancelled) && lastCancel - proposed > 2 * HOUR_MS)
    step(between(rng, proposed + HOUR_MS, lastCancel - HOUR_MS), (app) =>
      cancelRendezVous(app, instr, { dossierId, rendezVousId }),
    );
}

/** The dossiers' first rows, as brouillons, with the files of their champs (no command creates them yet). */
async function insertFirstRows(trx: Trx, plans: Planned[]): Promise<void> {
  const date = (ms: number) => new Date(Math.trunc(ms));
  const rows = plans.map((p) => {
    const lastEdit = p.brouillonUpdated ?? p.createdMs;
    const expires = computeExpiresAt(
      {
        state: 'brouillon',
        en_construction_at: null,
        processed_at: null,
        conservation_extension_months: 0,
        expiry_notice_sent_at: null,
      },
      { retention_months: 12, expires_when_termine: true },
      { brouillonReference: date(lastEdit) },
    );
    return {
      id: p.id,
      procedure_id: p.proc.id,
      revision_id: p.proc.revisionId,
      groupe_id: p.groupeId,
      user_id: p.owner.id,
      user_email: p.owner.email,
      state: 'brouillon' as const,
      civilite: p.persona.civilite,
      nom: p.persona.nom,
      prenom: p.persona.prenom,
      champs: JSON.stringify(p.champs),
      annotations: '{}',
      created_at: date(p.createdMs),
      updated_at: date(lastEdit),
      last_champ_updated_at: Object.keys(p.champs).length ? date(lastEdit) : null,
      expires_at: expires,
    };
  });
  const files = plans.flatMap((p) =>
    p.files.map((f) => ({
      id: f.fileId,
      dossier_id: p.id,
      origin: 'champ' as const,
      origin_ref: f.originRef,
      name: f.name,
      content_type: f.contentType,
      size: f.size,
      sha256: f.sha256,
      storage_key: f.key,
      uploaded_by: p.owner.id,
      created_at: date(Math.min(f.at, p.brouillonUpdated ?? p.createdMs)),
    })),
  );
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('dossiers')
      .values(rows.slice(i, i + 200))
      .execute();
  for (let i = 0; i < files.length; i += 500)
    await trx
      .insertInto('files')
      .values(files.slice(i, i + 500))
      .execute();
}
