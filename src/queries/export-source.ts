// What an export reads (docs/domain.md §9): the dossiers of a tab — with the instructor's filters
// and sort, inside their groups — in list order, then their values batch by batch. The columns are
// the work list's own catalogue (src/queries/columns.ts): each column's label, its SQL
// (`displaySelectSql`; a part's, `partSelectSql`, read from the field documents fetched once a
// dossier), its kind; a value is typed from the column's kind (numbers, dates) and otherwise shown
// as the list shows it (`displayValue`, or a part's text).
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import type { Cell } from '../platform/documents/tabular.ts';
import { STATE_LABELS, type DossierState } from '../domain/dossier-state.ts';
import { notFound } from '../domain/errors.ts';
import { displayValue, getFieldType } from '../domain/fields/index.ts';
import type { ColumnKind, FieldDef, FieldValue, RepetitionRow } from '../domain/fields/types.ts';
import { defaultPresentation, NOTIFICATIONS_COLUMN, type Presentation } from '../domain/presentation.ts';
import type { Tab } from '../domain/tabs.ts';
import { buildCatalogue, catalogueMap, type Column } from './columns.ts';
import { listWhere, orderingOf, segmentOrderSql } from './dossier-list.ts';
import { tabCounts } from './tab-counts.ts';
import type { ListContext } from './list-context.ts';
import { displaySelectSql, partSelectSql, type FieldDocuments } from './work-list-sql.ts';

/**
 * Every column of the catalogue an export can hold: not the badges (one person's), nor a repetition
 * child (a filter only: its rows are the block's own sheet, docs/domain.md §9).
 */
export function exportableColumns(catalogue: readonly Column[]): Column[] {
  return catalogue.filter(
    (c) => c.id !== NOTIFICATIONS_COLUMN && !(c.source.type === 'part' && c.source.child !== undefined),
  );
}

/** What is exported: a tab with a snapshot of the presentation (filters, sort), or every dossier. */
export interface ExportSelection {
  tab: Tab;
  /** null: « tous les dossiers » in number order, no filter */
  presentation: Presentation | null;
}

export const ALL_DOSSIERS: ExportSelection = { tab: 'tous', presentation: null };

/** A presentation without its filters (an export of a whole tab). */
function unfiltered(p: Presentation): Presentation {
  return { ...p, filters: { all: [], tabs: {} } };
}

/**
 * The ids of the selection in list order, as a compact array (8 bytes a dossier: 800 kB for
 * 100 000), read in one statement. The values are then read batch by batch (`readExportBatch`).
 */
export async function orderedDossierIds(
  ex: Executor,
  ctx: ListContext,
  sel: ExportSelection,
  now: Date,
): Promise<Float64Array> {
  const p = sel.presentation;
  const w = listWhere(ctx, sel.tab, now, p ?? unfiltered(ctx.presentation));
  const { scope: s, base } = w;
  let query: ReturnType<typeof sql<{ id: string }>>;
  if (!p) {
    query = sql<{ id: string }>`SELECT d.id FROM dossiers d WHERE ${base} ORDER BY d.id`;
  } else {
    const o = orderingOf(p, ctx.columns, s, w.filters.length ? undefined : sel.tab);
    const slots = o.slots.map((_, i) => sql.ref(`x.s${i}`));
    const branches = o.segments.map(
      (seg, i) =>
        sql`SELECT x.id, ${sql.join(slots)}, ${i}::int AS seg, row_number() OVER (ORDER BY ${segmentOrderSql(o, seg)}) AS rn FROM (${seg.rows(base)}) x`,
    );
    query = sql<{ id: string }>`SELECT u.id FROM (${sql.join(branches, sql` UNION ALL `)}) u ORDER BY u.seg, u.rn`;
  }
  const r = await query.execute(ex);
  const ids = new Float64Array(r.rows.length);
  r.rows.forEach((row, i) => {
    ids[i] = Number(row.id);
  });
  return ids;
}

export interface IdBatches {
  /** the number of dossiers selected (for the progress) */
  total: number;
  batches: AsyncIterable<number[]>;
}

/**
 * The ids of the selection in list order, batch by batch. « Tous les dossiers » (no presentation)
 * walks the primary key (keyset on the number: nothing held in memory); a tab with its sort reads its
 * ordered ids once (`orderedDossierIds`, 8 bytes a dossier).
 */
export async function dossierIdBatches(
  ex: Executor,
  ctx: ListContext,
  sel: ExportSelection,
  now: Date,
  size: number,
  limit = Number.POSITIVE_INFINITY,
): Promise<IdBatches> {
  if (sel.presentation) {
    const all = await orderedDossierIds(ex, ctx, sel, now);
    const ids = Number.isFinite(limit) ? all.subarray(0, limit) : all;
    return {
      total: ids.length,
      batches: (async function* () {
        for (let i = 0; i < ids.length; i += size) yield Array.from(ids.subarray(i, i + size));
      })(),
    };
  }
  const { scope: s, base } = listWhere(ctx, sel.tab, now, unfiltered(ctx.presentation));
  // the tab's kept total (docs/work-list.md), not a pass over the dossiers
  const total = Math.min(limit, (await tabCounts(ex, s)).counts[sel.tab]);
  return {
    total,
    batches: (async function* () {
      let last = '0';
      let left = total;
      while (left > 0) {
        const r = await sql<{ id: string }>`SELECT d.id::text AS id FROM dossiers d
          WHERE ${base} AND d.id > ${last} ORDER BY d.id LIMIT ${Math.min(size, left)}`.execute(ex);
        if (r.rows.length === 0) return;
        last = r.rows[r.rows.length - 1].id;
        left -= r.rows.length;
        yield r.rows.map((x) => Number(x.id));
      }
    })(),
  };
}

/** A repetition block of the procedure (union of the published revisions, newest definition). */
export interface RepetitionBlock {
  stableId: string;
  label: string;
  store: 'champs' | 'annotations';
  children: FieldDef[];
}

/** The context of an export run without an instructor (the command line: « au total », every group). */
export async function loadProcedureExportContext(ex: Executor, procedureId: string): Promise<ListContext> {
  if (!/^[0-9]{1,18}$/.test(procedureId)) throw notFound('Démarche introuvable.');
  const r = await sql<{
    id: string;
    title: string;
    state: ListContext['procedure']['state'];
    expires_when_termine: boolean;
    for_individual: boolean;
    revisions: { fields: FieldDef[]; annotations: FieldDef[] }[];
    groups: { id: string; label: string }[];
    labels: { id: string; name: string; color: string }[];
  }>`
    SELECT p.id::text AS id, p.title, p.state, p.expires_when_termine, p.for_individual,
      (SELECT coalesce(json_agg(json_build_object('fields', r.fields, 'annotations', r.annotations) ORDER BY r.id), '[]')
         FROM procedure_revisions r
        WHERE r.procedure_id = p.id
          AND (r.published_at IS NOT NULL OR (p.published_revision_id IS NULL AND r.id = p.draft_revision_id))) AS revisions,
      (SELECT coalesce(json_agg(json_build_object('id', g.id::text, 'label', g.label) ORDER BY g.label COLLATE fr, g.id), '[]')
         FROM groupes_instructeurs g WHERE g.procedure_id = p.id) AS groups,
      (SELECT coalesce(json_agg(json_build_object('id', l.id::text, 'name', l.name, 'color', l.color) ORDER BY l.position, l.id), '[]')
         FROM labels l WHERE l.procedure_id = p.id) AS labels
    FROM procedures p WHERE p.id = ${procedureId}`.execute(ex);
  const row = r.rows[0];
  if (!row) throw notFound('Démarche introuvable.');
  const catalogue = buildCatalogue({
    forIndividual: row.for_individual,
    revisions: row.revisions.map((rev) => ({
      fields: Array.isArray(rev.fields) ? rev.fields : [],
      annotations: Array.isArray(rev.annotations) ? rev.annotations : [],
    })),
    groups: row.groups,
    labels: row.labels,
  });
  return {
    userId: '0',
    procedure: {
      id: row.id,
      title: row.title,
      state: row.state,
      expiresWhenTermine: row.expires_when_termine,
      forIndividual: row.for_individual,
    },
    groupIds: row.groups.map((g) => g.id),
    groups: row.groups,
    labels: row.labels,
    catalogue,
    columns: catalogueMap(catalogue),
    presentation: defaultPresentation(),
    notices: [],
    presentationChanged: false,
  };
}

/** The repetition blocks of a procedure (fields, then annotations), one statement. */
export async function loadRepetitionBlocks(ex: Executor, procedureId: string): Promise<RepetitionBlock[]> {
  const r = await sql<{ fields: FieldDef[]; annotations: FieldDef[] }>`
    SELECT r.fields, r.annotations FROM procedure_revisions r JOIN procedures p ON p.id = r.procedure_id
    WHERE r.procedure_id = ${procedureId}
      AND (r.published_at IS NOT NULL OR (p.published_revision_id IS NULL AND r.id = p.draft_revision_id))
    ORDER BY r.id`.execute(ex);
  const blocks: RepetitionBlock[] = [];
  for (const store of ['champs', 'annotations'] as const) {
    const byId = new Map<string, RepetitionBlock>();
    for (const rev of r.rows) {
      const defs = store === 'champs' ? rev.fields : rev.annotations;
      for (const def of Array.isArray(defs) ? defs : []) {
        if (def.type !== 'repetition') continue;
        const children = (def.children ?? []).filter((c) => {
          try {
            return getFieldType(c.type).fillable && c.type !== 'repetition';
          } catch {
            return false;
          }
        });
        byId.set(def.stableId, { stableId: def.stableId, label: def.label, store, children });
      }
    }
    blocks.push(...byId.values());
  }
  return blocks;
}

// ------------------------------------------------------------------------------------------------
// Values

/** A field value as a typed cell: numbers as numbers, dates as dates, the rest as the list shows it. */
export function fieldCell(def: FieldDef, kind: ColumnKind, value: FieldValue | null | undefined): Cell {
  if (value === null || value === undefined) return null;
  if ((kind === 'integer' || kind === 'decimal') && typeof value === 'number') return value;
  if ((kind === 'date' || kind === 'datetime') && typeof value === 'string') return { date: value };
  try {
    const text = displayValue(def, value);
    return text === '' ? null : text;
  } catch {
    return null;
  }
}

/** A fixed date-time column (every dossier timestamp the catalogue offers, by its kind). */
function isTimestamp(c: Column): boolean {
  return c.source.type === 'fixed' && c.kind === 'datetime';
}

/** The SQL of one exported fixed column (its list expression; timestamps as Paris wall-clock text). */
function fixedSelectSql(c: Column) {
  if (c.source.type !== 'fixed') return null;
  switch (c.source.name) {
    case 'id':
      return sql`d.id::text`;
    case 'state':
      return sql`d.state`;
    case 'labels':
      return sql`(SELECT string_agg(l.name, ', ' ORDER BY l.position, l.id) FROM dossier_labels dl JOIN labels l ON l.id = dl.label_id WHERE dl.dossier_id = d.id)`;
  }
  const expr = displaySelectSql(c);
  if (!expr) return null;
  if (isTimestamp(c)) return sql`to_char((${expr}) AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI:SS')`;
  return expr;
}

export interface ExportRow {
  id: string;
  cells: Cell[];
  /** rows of each repetition block, in the order of `blocks` */
  repetitions: Cell[][][];
}

export interface ExportPlan {
  columns: Column[];
  blocks: RepetitionBlock[];
}

function fixedCell(c: Column, raw: unknown): Cell {
  if (raw === null || raw === undefined) return null;
  // a part: the text the list shows (`partSelectSql`)
  if (c.source.type === 'part') return raw === '' ? null : String(raw);
  if (c.source.type !== 'fixed') return null;
  switch (c.source.name) {
    case 'id':
      return Number(raw);
    case 'state':
      return STATE_LABELS[raw as DossierState] ?? String(raw);
    case 'civilite':
      return raw === 'Mme' ? 'Madame' : raw === 'M.' ? 'Monsieur' : String(raw);
  }
  if (isTimestamp(c)) return { date: String(raw) };
  const s = String(raw);
  return s === '' ? null : s;
}

function repetitionRows(block: RepetitionBlock, value: RepetitionRow[] | null, dossierId: number): Cell[][] {
  const rows = Array.isArray(value) ? value : [];
  return rows.map((row, i) => [
    dossierId,
    i + 1,
    ...block.children.map((child) =>
      fieldCell(child, getFieldType(child.type).columnKind, row?.values?.[child.stableId] ?? null),
    ),
  ]);
}

/** PostgreSQL's limit on a function's arguments (json_build_array takes one a value). */
const MAX_ARGS = 100;

/** How a batch's statement is built and its rows read, once per plan. */
interface CompiledPlan {
  /** the values of a dossier, in this order: its number, one per column that has SQL, one per block */
  values: ReturnType<typeof sql>[];
  /** for each column, its slot in `values` (-1: always empty) */
  slots: number[];
  /** for each block, its slot in `values` */
  blockSlots: number[];
  needs: { champs: boolean; annotations: boolean };
}

const compiled = new WeakMap<ExportPlan, CompiledPlan>();

function compilePlan(plan: ExportPlan): CompiledPlan {
  const known = compiled.get(plan);
  if (known) return known;
  // x.champs / x.annotations: each field document decompressed once (below), then read per column
  const docs: FieldDocuments = { champs: sql`x.champs`, annotations: sql`x.annotations` };
  const doc = (store: 'champs' | 'annotations') => docs[store];
  const values: ReturnType<typeof sql>[] = [sql`d.id::text`];
  const needs = { champs: false, annotations: false };
  const slots = plan.columns.map((c) => {
    if (c.source.type === 'field') {
      needs[c.source.store] = true;
      values.push(sql`${doc(c.source.store)} -> ${c.source.stableId} -> 'value'`);
      return values.length - 1;
    }
    if (c.source.type === 'part') {
      // the list's own expression of the part, on the documents read once a dossier
      const expr = partSelectSql(c, docs);
      if (!expr) return -1;
      needs[c.source.store] = true;
      values.push(expr);
      return values.length - 1;
    }
    const expr = fixedSelectSql(c);
    if (!expr) return -1;
    values.push(expr);
    return values.length - 1;
  });
  const blockSlots = plan.blocks.map((b) => {
    needs[b.store] = true;
    values.push(sql`${doc(b.store)} -> ${b.stableId} -> 'value'`);
    return values.length - 1;
  });
  const result = { values, slots, blockSlots, needs };
  compiled.set(plan, result);
  return result;
}

/**
 * The values of a batch of dossiers, in the order of `ids`, in one statement; dossiers outside the
 * context's groups (or gone since the ids were read) are left out. A dossier comes as the text of one
 * JSON array of exactly the values exported (docs/domain.md §9): one text a row rather than a column
 * each, of the field documents only the values asked for (not every champ's `updatedAt`), and parsed
 * only when its row is written (`exportRowOf`): a batch waiting its turn holds a thousand strings,
 * not a thousand rows of objects that the garbage collector would copy and promote.
 */
export async function readExportTexts(
  ex: Executor,
  ctx: ListContext,
  plan: ExportPlan,
  ids: readonly number[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const { values, needs } = compilePlan(plan);
  // json_build_array takes at most 100 values: beyond, an array of arrays of 100 (`exportRowOf`)
  const array =
    values.length > MAX_ARGS
      ? sql`json_build_array(${sql.join(
          Array.from(
            { length: Math.ceil(values.length / MAX_ARGS) },
            (_, k) => sql`json_build_array(${sql.join(values.slice(k * MAX_ARGS, (k + 1) * MAX_ARGS))})`,
          ),
        )})`
      : sql`json_build_array(${sql.join(values)})`;
  // each field document decompressed once a dossier ('{}' || doc is the document itself, detoasted,
  // kept by the OFFSET 0 subquery): a `->` per column on the stored column would decompress it again
  // for every column
  const r = await sql<{ v: string }>`
    SELECT ${array}::text AS v
    FROM unnest(${ids.map(String)}::bigint[]) WITH ORDINALITY AS u(id, ord)
    JOIN dossiers d ON d.id = u.id
    CROSS JOIN LATERAL (SELECT
      ${needs.champs ? sql`'{}'::jsonb || d.champs` : sql`NULL::jsonb`} AS champs,
      ${needs.annotations ? sql`'{}'::jsonb || d.annotations` : sql`NULL::jsonb`} AS annotations OFFSET 0) x
    WHERE d.procedure_id = ${ctx.procedure.id} AND d.groupe_id = ANY(${ctx.groupIds}::bigint[]) AND d.state <> 'brouillon'
    ORDER BY u.ord`.execute(ex);
  return r.rows.map((row) => row.v);
}

/** The row of one text read by `readExportTexts`: its cells and its repetition blocks' rows. */
export function exportRowOf(plan: ExportPlan, text: string): ExportRow {
  const { values, slots, blockSlots } = compilePlan(plan);
  const parsed = JSON.parse(text) as unknown[];
  const v = values.length > MAX_ARGS ? (parsed as unknown[][]).flat() : parsed;
  const id = v[0] as string;
  const columns = plan.columns;
  const cells: Cell[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    const slot = slots[i];
    cells[i] =
      slot < 0
        ? null
        : c.source.type === 'field'
          ? fieldCell(c.source.def, c.kind, v[slot] as FieldValue | null)
          : fixedCell(c, v[slot]);
  }
  const n = Number(id);
  return {
    id,
    cells,
    repetitions: plan.blocks.map((b, j) => {
      const value = v[blockSlots[j]];
      return repetitionRows(b, Array.isArray(value) ? (value as RepetitionRow[]) : null, n);
    }),
  };
}

/** `readExportTexts` and `exportRowOf` at once (a batch's rows all parsed). */
export async function readExportBatch(
  ex: Executor,
  ctx: ListContext,
  plan: ExportPlan,
  ids: readonly number[],
): Promise<ExportRow[]> {
  return (await readExportTexts(ex, ctx, plan, ids)).map((text) => exportRowOf(plan, text));
}

export const AVIS_HEADER = [
  'Dossier ID',
  'Expert',
  'Demandé le',
  'Question',
  'Réponse à la question',
  'Avis',
  'Répondu le',
  'Confidentiel',
];

/** The avis of a batch of dossiers (not revoked), one statement, for the « Avis » sheet. */
export async function readAvisBatch(ex: Executor, ctx: ListContext, ids: readonly number[]): Promise<Cell[][]> {
  if (ids.length === 0) return [];
  const r = await sql<{
    dossier_id: string;
    email: string;
    created_at: string;
    question_label: string | null;
    question_answer: boolean | null;
    answer: string | null;
    answered_at: string | null;
    confidentiel: boolean;
  }>`
    SELECT a.dossier_id::text AS dossier_id, u.email,
      to_char(a.created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI:SS') AS created_at,
      a.question_label, a.question_answer, a.answer,
      to_char(a.answered_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI:SS') AS answered_at, a.confidentiel
    FROM avis a JOIN dossiers d ON d.id = a.dossier_id JOIN users u ON u.id = a.expert_id
    WHERE a.dossier_id = ANY(${ids.map(String)}::bigint[]) AND a.revoked_at IS NULL
      AND d.procedure_id = ${ctx.procedure.id} AND d.groupe_id = ANY(${ctx.groupIds}::bigint[])
    ORDER BY array_position(${ids.map(String)}::bigint[], a.dossier_id), a.created_at, a.id`.execute(ex);
  return r.rows.map((a) => [
    Number(a.dossier_id),
    a.email,
    { date: a.created_at },
    a.question_label,
    a.question_answer === null ? null : a.question_answer ? 'Oui' : 'Non',
    a.answer,
    a.answered_at ? { date: a.answered_at } : null,
    a.confidentiel ? 'Oui' : 'Non',
  ]);
}

export interface DossierFileEntry {
  dossierId: string;
  origin: 'champ' | 'annotation' | 'message' | 'avis' | 'justificatif' | 'attestation';
  originRef: string | null;
  name: string;
  storageKey: string;
  size: number;
}

/** The stored files of a batch of dossiers (for the zip export), one statement. */
export async function readDossierFiles(
  ex: Executor,
  ctx: ListContext,
  ids: readonly number[],
): Promise<DossierFileEntry[]> {
  if (ids.length === 0) return [];
  const r = await sql<{
    dossier_id: string;
    origin: DossierFileEntry['origin'];
    origin_ref: string | null;
    name: string;
    storage_key: string;
    size: string;
  }>`
    SELECT f.dossier_id::text AS dossier_id, f.origin, f.origin_ref, f.name, f.storage_key, f.size::text AS size
    FROM files f JOIN dossiers d ON d.id = f.dossier_id
    WHERE f.dossier_id = ANY(${ids.map(String)}::bigint[]) AND f.origin <> 'export'
      AND d.procedure_id = ${ctx.procedure.id} AND d.groupe_id = ANY(${ctx.groupIds}::bigint[])
      AND (f.origin <> 'message' OR EXISTS (SELECT 1 FROM messages m WHERE m.dossier_id = d.id AND m.discarded_at IS NULL AND f.id = ANY(m.file_ids)))
    ORDER BY f.dossier_id, f.origin, f.created_at, f.id`.execute(ex);
  return r.rows.map((f) => ({
    dossierId: f.dossier_id,
    origin: f.origin,
    originRef: f.origin_ref,
    name: f.name,
    storageKey: f.storage_key,
    size: Number(f.size),
  }));
}
