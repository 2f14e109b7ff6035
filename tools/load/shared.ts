// The load seed's generator (tools/load/load.ts): the dossier lifecycle generator (one dossier → its row
// and its events, follows, messages, corrections, avis, labels, rendez-vous, notifications and files,
// all consistent with docs/domain.md §2–§5 and with the events the features record), the tables it
// writes, and a multi-row INSERT … SELECT FROM unnest(…) writer (one parameter per column, whatever the
// number of rows). The PRNG, word banks, procedure forms and value generators are the demo seed's
// (src/seed/data.ts), re-exported here for the load's modules, tests and benches.
import type { Executor } from '../../src/platform/db/index.ts';
import { executeRaw } from '../../src/platform/db/index.ts';
import type { DossierState } from '../../src/domain/dossier-state.ts';
import { getFieldType } from '../../src/domain/fields/index.ts';
import type { ChampsMap, FieldDef } from '../../src/domain/fields/types.ts';
import { DEPOSE_NOTIFICATION_DELAY_DAYS } from '../../src/domain/notifications.ts';
import { parisLocalToUtc, type RdvMode } from '../../src/domain/rendez-vous.ts';
import { addDaysUTC, addMonthsUTC, computeExpiresAt, WARNING_DAYS } from '../../src/domain/retention.ts';
import type { ByteWriter } from './byte-writer.ts';
import { loadPhoneSearchText } from './phones.ts';
import { type SearchVectors, tsvectorLiteral } from './search-vectors.ts';
import {
  AVIS_REPONSES,
  at,
  between,
  CORRECTIONS,
  DAY_MS,
  type FilePolicy,
  type FormSpec,
  generateValues,
  genericValue,
  HOUR_MS,
  isoOf,
  MOTIVATIONS,
  makePersona,
  QUESTIONS_USAGER,
  REGIONS,
  REPONSES_INSTRUCTEUR,
  type Rng,
  randomPhone,
  type ValueContext,
  ymd,
  DEFAULT_MIX,
  dossierTimeline,
  type StateMix,
} from '../../src/seed/data.ts';

export * from '../../src/seed/data.ts';

// ---------------------------------------------------------------------------------------------
// The universe a dossier lives in

export interface Person {
  id: string;
  email: string;
}
export interface GroupCtx {
  id: string;
  /** share of the procedure's dossiers routed here */
  weight: number;
  /** regions routed to this group (subvention form) */
  regions: string[];
  instructors: Person[];
}
export interface ProcedureCtx {
  id: string;
  revisionId: string;
  form: FormSpec;
  retentionMonths: number;
  expiresWhenTermine: boolean;
  /** dossiers are created after this */
  publishedAt: Date;
  /** closed procedure: no deposit after, en_construction passed en instruction automatically at this time */
  closedAt: Date | null;
  groups: GroupCtx[];
  labels: { id: string; name: string }[];
  contactEmail: string;
  /** where rendez-vous « sur place » happen; null when the procedure does not offer rendez-vous */
  rendezVousPlace: string | null;
}
export interface Universe {
  now: Date;
  usagers: Person[];
  /** relative weight of each usager as owner */
  usagerWeights?: number[];
  expert: Person;
  filePolicy: FilePolicy;
  /** ids of the rows that events point to, chosen before the INSERT */
  ids: { messages: IdSource; rendezVous: IdSource };
}

/** Identity values handed out in TypeScript (rows written with OVERRIDING SYSTEM VALUE). */
export interface IdSource {
  take(): string;
}
/** Consecutive ids from a start (the demo: one transaction on an empty database). */
export class IdCounter implements IdSource {
  constructor(private next: number) {}
  take(): string {
    return String(this.next++);
  }
  /** the last id handed out (start - 1 when none) */
  get last(): number {
    return this.next - 1;
  }
}
/** Ids reserved from the table's sequence for one batch (the load: other writers may take ids meanwhile). */
export class IdPool implements IdSource {
  private next = 0;
  constructor(private readonly ids: string[]) {}
  take(): string {
    if (this.next >= this.ids.length) throw new Error('IdPool: réserve épuisée');
    return this.ids[this.next++];
  }
}
/** Upper bounds per dossier, for reserving ids before generating (see buildDossier). */
export const MAX_PER_DOSSIER = { messages: 4, rendezVous: 1 } as const;

// ---------------------------------------------------------------------------------------------
// Row buffers and the unnest writer

export interface ColumnSpec {
  name: string;
  type: string;
  /** the selected expression (default u.<name>) */
  expr?: string;
  /** written only when the table has it (columns added by later migrations) */
  optional?: boolean;
}
export interface TableSpec {
  table: string;
  columns: ColumnSpec[];
  /** the identity column is written (ids from an IdSource) */
  overriding?: boolean;
}

const col = (name: string, type: string, expr?: string, optional?: boolean): ColumnSpec => ({
  name,
  type,
  expr,
  optional,
});
/** Instants travel as epoch milliseconds (float8): cheaper to write and to read than ISO text. */
const ts = (name: string): ColumnSpec => ({ name, type: 'float8', expr: `to_timestamp(u.${name} / 1000)` });
export const TABLES = {
  dossiers: {
    table: 'dossiers',
    columns: [
      col('id', 'bigint'),
      col('procedure_id', 'bigint'),
      col('revision_id', 'bigint'),
      col('groupe_id', 'bigint'),
      col('user_id', 'bigint'),
      col('user_email', 'text'),
      col('state', 'text'),
      col('civilite', 'text'),
      col('nom', 'text'),
      col('prenom', 'text'),
      col('champs', 'jsonb'),
      col('annotations', 'jsonb'),
      ts('created_at'),
      ts('updated_at'),
      ts('depose_at'),
      ts('en_construction_at'),
      ts('en_instruction_at'),
      ts('processed_at'),
      ts('last_champ_updated_at'),
      ts('last_annotation_updated_at'),
      ts('last_message_at'),
      col('motivation', 'text'),
      col('archived', 'boolean'),
      ts('archived_at'),
      ts('hidden_by_administration_at'),
      ts('expires_at'),
      ts('expiry_notice_sent_at'),
      col('pending_correction', 'boolean'),
      ts('declarative_triggered_at'),
      // active followers, denormalised by migration 0002 (its trigger on follows then finds nothing to change)
      col('follower_ids', 'text', 'u.follower_ids::bigint[]', true),
      // the generator puts the text's parts here; resolveSearchVectors turns them into vectors (binary form)
      col('search_terms', 'tsvector'),
    ],
  },
  files: {
    table: 'files',
    columns: [
      col('id', 'text'),
      col('dossier_id', 'bigint'),
      col('origin', 'text'),
      col('origin_ref', 'text'),
      col('name', 'text'),
      col('content_type', 'text'),
      col('size', 'bigint'),
      col('sha256', 'text'),
      col('storage_key', 'text'),
      col('uploaded_by', 'bigint'),
      ts('created_at'),
    ],
  },
  dossier_events: {
    table: 'dossier_events',
    columns: [
      col('dossier_id', 'bigint'),
      col('type', 'text'),
      col('actor_id', 'bigint'),
      col('actor_email', 'text'),
      col('data', 'jsonb'),
      ts('created_at'),
    ],
  },
  follows: {
    table: 'follows',
    columns: [
      col('dossier_id', 'bigint'),
      col('user_id', 'bigint'),
      ts('created_at'),
      ts('unfollowed_at'),
      ts('demande_seen_at'),
      ts('annotations_seen_at'),
      ts('avis_seen_at'),
      ts('messagerie_seen_at'),
    ],
  },
  messages: {
    table: 'messages',
    overriding: true,
    columns: [
      col('id', 'bigint'),
      col('dossier_id', 'bigint'),
      col('author_kind', 'text'),
      col('author_id', 'bigint'),
      col('author_email', 'text'),
      col('body', 'text'),
      ts('created_at'),
      ts('seen_by_recipient_at'),
    ],
  },
  corrections: {
    table: 'corrections',
    columns: [col('dossier_id', 'bigint'), col('message_id', 'bigint'), col('reason', 'text'), ts('created_at')],
  },
  rendez_vous: {
    table: 'rendez_vous',
    overriding: true,
    columns: [
      col('id', 'bigint'),
      col('dossier_id', 'bigint'),
      ts('starts_at'),
      col('duration_minutes', 'integer'),
      col('mode', 'text'),
      col('place', 'text'),
      col('created_by', 'bigint'),
      ts('created_at'),
      ts('cancelled_at'),
    ],
  },
  avis: {
    table: 'avis',
    columns: [
      col('dossier_id', 'bigint'),
      col('expert_id', 'bigint'),
      col('claimant_id', 'bigint'),
      col('introduction', 'text'),
      col('question_label', 'text'),
      col('question_answer', 'boolean'),
      col('answer', 'text'),
      col('confidentiel', 'boolean'),
      ts('created_at'),
      ts('answered_at'),
    ],
  },
  dossier_labels: { table: 'dossier_labels', columns: [col('dossier_id', 'bigint'), col('label_id', 'bigint')] },
  notifications: {
    table: 'notifications',
    columns: [
      col('dossier_id', 'bigint'),
      col('user_id', 'bigint'),
      col('kind', 'text'),
      ts('display_at'),
      ts('created_at'),
    ],
  },
} satisfies Record<string, TableSpec>;
export type TableName = keyof typeof TABLES;
/** Insert order (foreign keys). */
export const TABLE_ORDER: TableName[] = [
  'dossiers',
  'files',
  'dossier_events',
  'follows',
  'messages',
  'corrections',
  'rendez_vous',
  'avis',
  'dossier_labels',
  'notifications',
];

/** Indexes of each table's jsonb columns. */
const JSONB_COLUMNS = Object.fromEntries(
  TABLE_ORDER.map((t) => [t, TABLES[t].columns.flatMap((c: ColumnSpec, i: number) => (c.type === 'jsonb' ? [i] : []))]),
) as Record<TableName, number[]>;
/** Indexes of each table's instant columns (see ts()). */
const INSTANT_COLUMNS = Object.fromEntries(
  TABLE_ORDER.map((t) => [
    t,
    TABLES[t].columns.flatMap((c: ColumnSpec, i: number) => (c.expr?.startsWith('to_timestamp(') ? [i] : [])),
  ]),
) as Record<TableName, number[]>;
// Each kind of column from its own array literal: V8 gives the arrays of one literal the elements
// kind the others took, and one column of texts would make every instant a heap number of its own.
const instantColumn = (): number[] => [];
const column = (): unknown[] => [];

/**
 * Column-major buffers, one per table; values in the order of TABLES[t].columns.
 * What a batch keeps on the heap until it is encoded is copied by every scavenge (docs/load-seed.md,
 * ninth session), so with an arena (the generator's) a jsonb text is written there as it is added, in
 * COPY's binary form (length, version 1, UTF-8 text), and its column holds the offset of those bytes
 * (jsonText reads it back); and a missing instant is NaN, not null: a column of numbers only stays an
 * array of unboxed doubles.
 */
export class RowBuffer {
  readonly columns = new Map<TableName, unknown[][]>();
  readonly counts = new Map<TableName, number>();
  /** blobs to write to storage (demo: one per file) */
  readonly blobs: { key: string; bytes: Buffer }[] = [];
  /** jsonb texts as bytes, valid until the arena is reset (the next batch) */
  constructor(readonly arena: ByteWriter | null = null) {}
  add(table: TableName, row: unknown[]): void {
    let cols = this.columns.get(table);
    if (!cols) {
      const instants = INSTANT_COLUMNS[table];
      cols = TABLES[table].columns.map((_c, i) => (instants.includes(i) ? instantColumn() : column()));
      this.columns.set(table, cols);
    }
    const arena = this.arena;
    if (arena !== null)
      for (const i of JSONB_COLUMNS[table]) {
        const v = row[i];
        if (typeof v !== 'string') continue;
        const at = arena.length;
        arena.int32(0);
        arena.uint8(1);
        arena.utf8(v);
        arena.patchInt32(at, arena.length - at - 4);
        row[i] = at;
      }
    for (const i of INSTANT_COLUMNS[table]) if (row[i] === null || row[i] === undefined) row[i] = Number.NaN;
    for (let i = 0; i < cols.length; i++) cols[i].push(row[i] ?? null);
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
  }
  count(table: TableName): number {
    return this.counts.get(table) ?? 0;
  }
  /** The JSON text of a jsonb value of this buffer. */
  jsonText(v: unknown): string {
    if (typeof v !== 'number') return v as string;
    const bytes = this.arena!.bytes();
    return bytes.toString('utf8', v + 5, v + 4 + bytes.readInt32BE(v));
  }
}

/**
 * One INSERT … SELECT FROM ROWS FROM (unnest($1::t1[]), …) per table, `chunk` rows per statement:
 * one parameter per column, whatever the number of rows. jsonb columns travel as one JSON array
 * text expanded by json_array_elements, each element then cast to jsonb (escaping JSON inside a
 * PostgreSQL array literal costs more than generating it; parsing the whole array as jsonb first
 * costs a third more); their values must be JSON texts, never null.
 */
export async function flushRows(
  ex: Executor,
  buffer: RowBuffer,
  opts: { chunk?: number; schema: SchemaColumns },
): Promise<void> {
  const chunk = opts.chunk ?? 5000;
  for (const table of TABLE_ORDER) {
    const cols = buffer.columns.get(table);
    if (!cols || cols[0].length === 0) continue;
    const spec: TableSpec = TABLES[table];
    const present = opts.schema.get(spec.table);
    const used = spec.columns.map((c, i) => [c, i] as const).filter(([c]) => !c.optional || present?.has(c.name));
    const names = used.map(([c]) => c.name);
    const sources = used
      .map(([c], k) => (c.type === 'jsonb' ? `json_array_elements($${k + 1}::json)` : `unnest($${k + 1}::${c.type}[])`))
      .join(', ');
    const select = used.map(([c]) => c.expr ?? (c.type === 'jsonb' ? `u.${c.name}::jsonb` : `u.${c.name}`)).join(', ');
    const text =
      `INSERT INTO ${spec.table} (${names.join(', ')}) ${spec.overriding ? 'OVERRIDING SYSTEM VALUE ' : ''}` +
      `SELECT ${select} FROM ROWS FROM (${sources}) AS u(${names.join(', ')})`;
    const total = cols[0].length;
    for (let start = 0; start < total; start += chunk) {
      const values = used.map(([c, i]) => {
        const part = start === 0 && total <= chunk ? cols[i] : cols[i].slice(start, start + chunk);
        if (c.type === 'jsonb') return `[${part.map((v) => buffer.jsonText(v)).join(',')}]`;
        return arrayLiteral(
          c.type === 'tsvector' ? part.map((v) => (v === null ? null : tsvectorLiteral(v as Uint8Array))) : part,
        );
      });
      await executeRaw(ex, text, values);
    }
  }
}

const ARRAY_ESCAPE = /[\\"]/;
/** A PostgreSQL array literal (what pg would send, built without its per-element recursion). */
export function arrayLiteral(values: unknown[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // NaN: a missing instant of a RowBuffer
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) parts[i] = 'NULL';
    else if (typeof v === 'number') parts[i] = String(v);
    else if (typeof v === 'boolean') parts[i] = v ? 't' : 'f';
    else {
      const text = String(v);
      parts[i] = ARRAY_ESCAPE.test(text) ? `"${text.replace(/[\\"]/g, '\\$&')}"` : `"${text}"`;
    }
  }
  return `{${parts.join(',')}}`;
}

/** Turns the buffered dossiers' search parts into their vectors (before flushRows or encodeCopy). */
export async function resolveSearchVectors(ex: Executor, buffer: RowBuffer, vectors: SearchVectors): Promise<void> {
  const cols = buffer.columns.get('dossiers');
  if (!cols) return;
  const k = TABLES.dossiers.columns.findIndex((c) => c.name === 'search_terms');
  cols[k] = await vectors.vectors(ex, cols[k] as string[][]);
}

/** Columns of the seeded tables, as the migrations left them, with their type names (enums: 'enum'). */
export type SchemaColumns = Map<string, Map<string, string>>;
export async function schemaColumns(ex: Executor): Promise<SchemaColumns> {
  const tables = TABLE_ORDER.map((t) => TABLES[t].table);
  const r = await executeRaw(
    ex,
    `SELECT c.relname AS table_name, a.attname AS column_name,
      CASE WHEN t.typtype = 'e' THEN 'enum' ELSE t.typname END AS type_name
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY ($1::text[]) AND a.attnum > 0 AND NOT a.attisdropped`,
    [tables],
  );
  const out: SchemaColumns = new Map();
  for (const row of r.rows) {
    const columns = out.get(row.table_name) ?? new Map<string, string>();
    columns.set(row.column_name, row.type_name);
    out.set(row.table_name, columns);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// One dossier and everything around it

/** Proportions of the lifecycle extras (docs/domain.md §2–§7). */
const P = {
  followEnConstruction: 0.25,
  followEnInstruction: 0.4,
  unfollowedEnInstruction: 0.2,
  followTermine: 0.35,
  pendingCorrection: 0.1,
  modifiedFollowed: 0.4,
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

const iso = (t: number | null | undefined): string | null => (t === null || t === undefined ? null : isoOf(t));
/** An instant for a row buffer: epoch milliseconds, whole (see ts()). */
const ms = (t: number | null | undefined): number | null => (t === null || t === undefined ? null : Math.trunc(t));

function pickGroup(rng: Rng, groups: GroupCtx[]): GroupCtx {
  return groups.length === 1 ? groups[0] : rng.weighted(groups.map((g) => [g, g.weight] as const));
}

/**
 * The search text's parts of these champs, added to `out`: what searchPartsOfDossier
 * (src/queries/search-terms.ts) gives after the identity — one part per filled champ, none for a list
 * whose search text fails — with the phone numbers' text from loadPhoneSearchText instead of
 * libphonenumber (docs/load-seed.md, ninth session). seed.test.ts compares the seeded vectors with
 * to_tsvector of searchTextOfDossier.
 */
export function addSearchParts(defs: FieldDef[], champs: ChampsMap, out: string[]): void {
  const from = out.length;
  try {
    for (const def of defs) {
      const module = getFieldType(def.type);
      const value = champs[def.stableId]?.value;
      if (!module.fillable || module.isEmpty(value)) continue;
      const phone = def.type === 'phone' && typeof value === 'string' ? loadPhoneSearchText(value) : null;
      const words = phone ?? module.searchText(def, value).trim();
      if (words) out.push(words);
    }
  } catch {
    out.length = from;
  }
}

type EventSink = (type: string, actor: Person | null, data: object, t: number) => void;
const parisSlots = new Map<string, number>();
/** The instant of a Paris wall-clock time on a UTC day (Intl is slow: a few hundred distinct slots). */
function parisSlot(day: number, time: string): number {
  const key = `${day} ${time}`;
  let t = parisSlots.get(key);
  if (t === undefined) {
    t = parisLocalToUtc(ymd(at(day * DAY_MS)), time)!.getTime();
    parisSlots.set(key, t);
  }
  return t;
}
const RDV_TIMES = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '14:00', '14:30', '15:00', '15:30', '16:00'];
const RDV_DURATIONS = [15, 30, 30, 45, 60];

/**
 * A rendez-vous proposed by the instructor between `from` and `until` (ms), as propose-rendez-vous
 * writes it: a weekday slot in Paris time 1 to 20 days ahead (before the decision when `held`),
 * sometimes cancelled before it starts; with its history events.
 */
function addRendezVous(
  buf: RowBuffer,
  rng: Rng,
  dossierId: number,
  w: { from: number; until: number; held: boolean; now: number },
  instr: Person,
  address: string,
  u: Universe,
  ev: EventSink,
): void {
  const latest = w.held ? w.until - 3 * DAY_MS : w.until - HOUR_MS;
  if (latest <= w.from) return;
  const proposed = between(rng, w.from, latest);
  const maxDays = w.held ? Math.min(20, Math.floor((w.until - proposed) / DAY_MS)) : 20;
  let day = Math.floor(proposed / DAY_MS) + rng.int(1, maxDays);
  const weekday = new Date(day * DAY_MS).getUTCDay();
  if (weekday === 0 || weekday === 6) day -= weekday === 0 ? 2 : 1; // the Friday before
  const startsAt = parisSlot(day, rng.pick(RDV_TIMES));
  if (startsAt <= proposed || (w.held && startsAt >= w.until)) return;
  const mode: RdvMode = rng.weighted([
    ['sur_place', 6],
    ['telephone', 3],
    ['visio', 1],
  ] as const);
  const place =
    mode === 'sur_place'
      ? address
      : mode === 'telephone'
        ? `Nous vous appellerons au ${randomPhone(rng)}.`
        : `Lien de la visioconférence : https://visio.guichet.test/rdv-${rng.hex(12)}`;
  const lastCancel = Math.min(startsAt, w.now);
  const cancelled =
    rng.chance(P.rendezVousCancelled) && lastCancel - proposed > HOUR_MS
      ? between(rng, proposed + HOUR_MS, lastCancel)
      : null;
  const rendezVousId = u.ids.rendezVous.take();
  const duration = rng.pick(RDV_DURATIONS);
  buf.add('rendez_vous', [
    rendezVousId,
    dossierId,
    ms(startsAt),
    duration,
    mode,
    place,
    instr.id,
    ms(proposed),
    ms(cancelled),
  ]);
  const slot = { starts_at: isoOf(startsAt), duration_minutes: duration, mode, place };
  ev('rendez_vous_propose', instr, { rendez_vous_id: rendezVousId, sequence: 0, ...slot }, proposed);
  if (cancelled !== null)
    ev('rendez_vous_annule', instr, { rendez_vous_id: rendezVousId, sequence: 1, ...slot }, cancelled);
}

/**
 * Generate dossier `id`, created at `createdMs`, with its rows into `buf`. The lifecycle runs
 * forward from the creation: deposit, passage en instruction, decision, each after a random delay;
 * the state is where that timeline stands at `now` (so ids follow creation order).
 */
export function buildDossier(
  buf: RowBuffer,
  rng: Rng,
  id: number,
  createdMs: number,
  proc: ProcedureCtx,
  u: Universe,
  mix: StateMix = DEFAULT_MIX,
): DossierState {
  const now = u.now.getTime();
  const closed = proc.closedAt?.getTime() ?? null;
  const group = pickGroup(rng, proc.groups);
  const instr = rng.pick(group.instructors);
  const owner = u.usagerWeights
    ? rng.weighted(u.usagers.map((p, i) => [p, u.usagerWeights![i]] as const))
    : rng.pick(u.usagers);
  const persona = makePersona(rng, group.regions.length ? group.regions : REGIONS.map((r) => r.name));

  // --- timeline
  const { state, depose, enInstr, processed, automatic, termine, end, brouillonUpdated } = dossierTimeline(
    rng,
    createdMs,
    closed,
    now,
    mix,
  );

  // --- values
  const files: ValueContext['files'] = [];
  const valueCtx: ValueContext = {
    rng,
    persona,
    dossierId: id,
    from: createdMs,
    to: depose ?? brouillonUpdated ?? createdMs,
    today: ymd(u.now),
    state,
    files,
    filePolicy: u.filePolicy,
  };
  const champs = generateValues(valueCtx, proc.form.fields, proc.form.hints, {
    partial: state === 'brouillon',
    fillRate: 0.85,
  });
  let annotations: ChampsMap = {};
  let lastAnnotation: number | null = null;
  if (enInstr !== null && (termine || rng.chance(0.6))) {
    const annCtx: ValueContext = { ...valueCtx, from: enInstr, to: Math.min(end, enInstr + 20 * DAY_MS), files: [] };
    annotations = generateValues(annCtx, proc.form.annotations, proc.form.annotationHints, {
      fillRate: termine ? 0.9 : 0.6,
    });
    // a decision needs the mandatory annotations
    for (const def of proc.form.annotations) {
      if (termine && def.mandatory && !annotations[def.stableId]) {
        const value =
          proc.form.annotationHints[def.stableId]?.({ ...annCtx, state: 'accepte' }, def) ?? genericValue(annCtx, def);
        if (value !== null)
          annotations[def.stableId] = { value, updatedAt: iso(between(rng, annCtx.from, annCtx.to))! };
      }
    }
    for (const a of Object.values(annotations)) lastAnnotation = Math.max(lastAnnotation ?? 0, Date.parse(a.updatedAt));
  }

  // --- extras: follows, corrections, modifications, messages, avis
  const events: [string, string | null, string | null, object, number][] = [];
  const ev = (type: string, actor: Person | null, data: object, t: number) =>
    events.push([type, actor?.id ?? null, actor?.email ?? (actor === null ? 'systeme' : null), data, t]);
  const notifs = new Map<string, [string, string, number, number]>(); // key kind|user → row
  const notify = (kind: string, userId: string, displayAt: number, createdAt: number) => {
    notifs.set(`${kind}|${userId}`, [userId, kind, displayAt, createdAt]);
  };
  interface Follow {
    user: Person;
    created: number;
    unfollowed: number | null;
    demandeSeen: number;
    annotationsSeen: number;
    avisSeen: number;
    messagerieSeen: number;
  }
  let follow: Follow | null = null;
  const startFollow = (t: number): Follow =>
    (follow ??= {
      user: instr,
      created: t,
      unfollowed: null,
      demandeSeen: t,
      annotationsSeen: t,
      avisSeen: t,
      messagerieSeen: t,
    });

  if (depose !== null) ev('depose', owner, { from: 'brouillon', to: 'en_construction' }, depose);
  let pendingCorrection = false;
  let correctionAt: number | null = null;
  let modifiedAt: number | null = null;
  if (state === 'en_construction') {
    if (depose! < now - 2 * DAY_MS && rng.chance(P.pendingCorrection)) {
      pendingCorrection = true;
      const f0 = startFollow(between(rng, depose!, now - DAY_MS));
      correctionAt = between(rng, f0.created, now);
    } else if (rng.chance(P.followEnConstruction)) {
      const f0 = startFollow(between(rng, depose!, now));
      if (f0.created < now - HOUR_MS && rng.chance(P.modifiedFollowed)) modifiedAt = between(rng, f0.created, now);
    }
  } else if (state === 'en_instruction') {
    if (rng.chance(P.followEnInstruction)) startFollow(enInstr!);
    else if (!automatic && rng.chance(P.unfollowedEnInstruction)) {
      const f0 = startFollow(enInstr!);
      f0.unfollowed = between(rng, enInstr!, now);
    }
  } else if (termine && !automatic && rng.chance(P.followTermine)) {
    startFollow(enInstr!);
  }

  if (enInstr !== null) {
    const data = { from: 'en_construction', to: 'en_instruction' };
    if (automatic) ev('passe_en_instruction_automatiquement', null, data, enInstr);
    else ev('passe_en_instruction', instr, data, enInstr);
  }
  let motivation: string | null = null;
  if (termine) {
    const st = state as 'accepte' | 'refuse' | 'sans_suite';
    motivation =
      st === 'accepte' ? (rng.chance(0.3) ? rng.pick(MOTIVATIONS.accepte) : null) : rng.pick(MOTIVATIONS[st]);
    ev(
      st === 'sans_suite' ? 'classe_sans_suite' : st,
      instr,
      { from: 'en_instruction', to: st, motivation },
      processed!,
    );
  }

  // messages (at most MAX_PER_DOSSIER.messages); those sent through the messagerie are in the
  // history as the messagerie records them, the others come with their transition's event
  const messages: [string, string, string | null, string, string, number, number | null][] = [];
  let lastMessage: number | null = null;
  const addMessage = (
    kind: 'system' | 'usager' | 'instructeur',
    author: Person | null,
    email: string,
    body: string,
    t: number,
    seen: number | null,
    sent: boolean,
  ): string => {
    const messageId = u.ids.messages.take();
    messages.push([messageId, kind, author?.id ?? null, email, body, t, seen]);
    lastMessage = Math.max(lastMessage ?? 0, t);
    if (sent)
      ev('message_envoye', author, { message_id: messageId, author: kind, file_count: 0, awaiting_reply: false }, t);
    return messageId;
  };
  if (correctionAt !== null) {
    const reason = rng.weighted([
      ['incorrect', 6],
      ['incomplete', 3],
      ['outdated', 1],
    ] as const);
    const messageId = addMessage('instructeur', instr, instr.email, rng.pick(CORRECTIONS), correctionAt, null, false);
    buf.add('corrections', [id, messageId, reason, ms(correctionAt)]);
    ev(
      'correction_demandee',
      instr,
      { from: 'en_construction', to: 'en_construction', reason, repasse_en_construction: false },
      correctionAt,
    );
    notify('attente_correction', instr.id, correctionAt, correctionAt);
  }
  if (modifiedAt !== null) {
    ev(
      'depose_correction_usager',
      owner,
      { from: 'en_construction', to: 'en_construction', correction_resolved: false },
      modifiedAt,
    );
    notify('dossier_modifie', follow!.user.id, modifiedAt, modifiedAt);
  }
  let usagerMessageAt: number | null = null;
  if (depose !== null && rng.chance(P.messages)) {
    const n = rng.int(1, 3);
    addMessage(
      'system',
      null,
      proc.contactEmail,
      `Votre dossier nº ${id} a bien été déposé. Vous pouvez suivre son avancement depuis votre espace.`,
      depose + 1000,
      null,
      false,
    );
    if (n >= 2) {
      usagerMessageAt = between(rng, depose + HOUR_MS, end);
      addMessage('usager', owner, owner.email, rng.pick(QUESTIONS_USAGER), usagerMessageAt, null, true);
    }
    if (n >= 3 && usagerMessageAt !== null && usagerMessageAt < end - HOUR_MS) {
      const t = between(rng, usagerMessageAt + HOUR_MS, end);
      addMessage(
        'instructeur',
        instr,
        instr.email,
        rng.pick(REPONSES_INSTRUCTEUR),
        t,
        rng.chance(0.6) ? between(rng, t, now) : null,
        true,
      );
    }
  }
  if (usagerMessageAt !== null && follow !== null) {
    const fl: Follow = follow;
    if (usagerMessageAt > fl.created && rng.chance(0.5))
      notify('message', fl.user.id, usagerMessageAt, usagerMessageAt);
    else fl.messagerieSeen = Math.max(fl.messagerieSeen, Math.min(now, usagerMessageAt + HOUR_MS));
  }

  // avis
  if (enInstr !== null && rng.chance(termine ? P.avisTermine : P.avisEnInstruction) && end - enInstr > 2 * HOUR_MS) {
    const created = between(rng, enInstr, end - HOUR_MS);
    const answered = rng.chance(termine ? 0.8 : 0.5) ? between(rng, created, end) : null;
    const question = rng.chance(0.5) ? 'Le projet vous paraît-il éligible au dispositif ?' : null;
    const fl = follow ?? startFollow(created);
    if (fl.unfollowed !== null) fl.unfollowed = null;
    buf.add('avis', [
      id,
      u.expert.id,
      instr.id,
      'Bonjour, merci de me donner votre avis sur ce dossier.',
      question,
      answered !== null && question ? rng.chance(0.7) : null,
      answered !== null ? rng.pick(AVIS_REPONSES) : null,
      rng.chance(0.2),
      ms(created),
      ms(answered),
    ]);
    if (answered === null && !termine) notify('attente_avis', fl.user.id, created, created);
    if (answered !== null && rng.chance(0.5)) notify('avis_externe', fl.user.id, answered, answered);
    else if (answered !== null) fl.avisSeen = Math.max(fl.avisSeen, Math.min(now, answered + HOUR_MS));
  }

  // labels, set by the instructor in one go
  if (depose !== null && proc.labels.length && rng.chance(P.labels)) {
    const chosen = rng.subset(proc.labels, rng.int(1, 2));
    for (const label of chosen) buf.add('dossier_labels', [id, label.id]);
    ev(
      'labels_modifies',
      instr,
      { added: chosen.map((l) => l.name), removed: [] },
      between(rng, enInstr ?? depose, end),
    );
  }

  // rendez-vous, proposed while the dossier is open (never archived nor deleted at that time)
  if (proc.rendezVousPlace !== null && depose !== null) {
    const chance =
      state === 'en_construction'
        ? P.rendezVousEnConstruction
        : state === 'en_instruction'
          ? P.rendezVousEnInstruction
          : P.rendezVousTermine;
    if (rng.chance(chance))
      addRendezVous(
        buf,
        rng,
        id,
        { from: enInstr ?? depose, until: end, held: termine, now },
        instr,
        proc.rendezVousPlace,
        u,
        ev,
      );
  }

  // archive, corbeille
  let archivedAt: number | null = null;
  let hiddenAt: number | null = null;
  if (termine && processed! < now - 30 * DAY_MS && rng.chance(P.archive)) {
    archivedAt = between(rng, processed! + DAY_MS, Math.min(now, processed! + 30 * DAY_MS));
    ev('archive', instr, { from: state, to: state }, archivedAt);
  } else if (termine && rng.chance(P.corbeille)) {
    hiddenAt = between(rng, processed!, now);
    ev('mis_a_la_corbeille', instr, { from: state, to: state }, hiddenAt);
  }

  // expiry (docs/domain.md §5): a dossier whose expiry is within the warning window was warned
  const facts = {
    state,
    en_construction_at: depose === null ? null : at(depose),
    processed_at: processed === null ? null : at(processed),
    conservation_extension_months: 0,
    expiry_notice_sent_at: null,
  };
  const retention = { retention_months: proc.retentionMonths, expires_when_termine: proc.expiresWhenTermine };
  let expires =
    computeExpiresAt(facts, retention, {
      brouillonReference: brouillonUpdated === null ? undefined : at(brouillonUpdated),
    })?.getTime() ?? null;
  let notice: number | null = null;
  if (expires !== null && state !== 'brouillon' && expires <= now + WARNING_DAYS * DAY_MS) {
    notice = Math.max(expires - WARNING_DAYS * DAY_MS, now - between(rng, 1, 13) * DAY_MS);
    expires = notice + WARNING_DAYS * DAY_MS;
    for (const g of group.instructors) notify('dossier_expirant', g.id, notice, notice);
  }
  // dossier_depose: nobody took it (display 7 days after the deposit, everyone of the group)
  if (state === 'en_construction' && follow === null) {
    for (const g of group.instructors)
      notify('dossier_depose', g.id, depose! + DEPOSE_NOTIFICATION_DELAY_DAYS * DAY_MS, depose!);
  }

  // follows
  if (follow !== null) {
    const fl: Follow = follow;
    buf.add('follows', [
      id,
      fl.user.id,
      ms(fl.created),
      ms(fl.unfollowed),
      ms(fl.demandeSeen),
      ms(fl.annotationsSeen),
      ms(fl.avisSeen),
      ms(fl.messagerieSeen),
    ]);
    ev('suivi', fl.user, { instructor_email: fl.user.email }, fl.created);
    if (fl.unfollowed !== null) {
      ev('plus_suivi', fl.user, { instructor_email: fl.user.email }, fl.unfollowed);
      for (const key of [...notifs.keys()]) {
        const k = key.split('|')[0];
        if (k !== 'dossier_expirant' && k !== 'dossier_depose') notifs.delete(key);
      }
    }
  }

  // files of champs
  for (const file of files) {
    buf.add('files', [
      file.fileId,
      id,
      'champ',
      file.originRef,
      file.name,
      file.contentType,
      file.size,
      file.sha256,
      file.key,
      owner.id,
      ms(Math.min(file.at, depose ?? file.at)),
    ]);
    if (file.bytes) buf.blobs.push({ key: file.key, bytes: file.bytes });
  }
  for (const [messageId, kind, authorId, email, body, t, seen] of messages)
    buf.add('messages', [messageId, id, kind, authorId, email, body, ms(t), ms(seen)]);
  events.sort((a, b) => a[4] - b[4]);
  for (const [type, actorId, actorEmail, data, t] of events)
    buf.add('dossier_events', [id, type, actorId, actorEmail, JSON.stringify(data), ms(t)]);
  for (const [userId, kind, displayAt, createdAt] of notifs.values())
    buf.add('notifications', [id, userId, kind, ms(displayAt), ms(createdAt)]);

  const lastChamp = modifiedAt ?? depose ?? brouillonUpdated;
  if (modifiedAt !== null) {
    const keys = Object.keys(champs).filter((k) => !Array.isArray(champs[k].value));
    for (const k of rng.subset(keys, Math.min(2, keys.length)))
      champs[k] = { ...champs[k], updatedAt: iso(modifiedAt)! };
  }
  const updated = Math.max(
    createdMs,
    depose ?? 0,
    enInstr ?? 0,
    processed ?? 0,
    archivedAt ?? 0,
    hiddenAt ?? 0,
    modifiedAt ?? 0,
    correctionAt ?? 0,
    lastAnnotation ?? 0,
    brouillonUpdated ?? 0,
  );
  const searchParts = [persona.civilite, persona.prenom, persona.nom, owner.email].filter(
    (x): x is string => x !== null && x !== undefined && x !== '',
  );
  addSearchParts(proc.form.fields, champs, searchParts);
  addSearchParts(proc.form.annotations, annotations, searchParts);
  buf.add('dossiers', [
    id,
    proc.id,
    proc.revisionId,
    group.id,
    owner.id,
    owner.email,
    state,
    persona.civilite,
    persona.nom,
    persona.prenom,
    JSON.stringify(champs),
    JSON.stringify(annotations),
    ms(createdMs),
    ms(updated),
    ms(depose),
    ms(depose),
    ms(enInstr),
    ms(processed),
    ms(lastChamp),
    ms(lastAnnotation),
    ms(lastMessage),
    motivation,
    archivedAt !== null,
    ms(archivedAt),
    ms(hiddenAt),
    ms(expires),
    ms(notice),
    pendingCorrection,
    null,
    follow !== null && (follow as Follow).unfollowed === null ? `{${(follow as Follow).user.id}}` : '{}',
    searchParts,
  ]);
  return state;
}

export { addMonthsUTC, addDaysUTC };
