// Everything a work-list request needs besides the dossiers, in ONE statement: the procedure, the
// instructor's groups (scoped by the domain's permission function), the procedure's groups and
// labels, the fields of its published revisions (→ column catalogue) and the saved presentation;
// for the list page itself, also its bulk-operation banners and the procedure's export templates.
import { sql } from 'kysely';
import { PREPARED, type Executor } from '../platform/db/index.ts';
import { notFound } from '../domain/errors.ts';
import type { FieldDef } from '../domain/fields/types.ts';
import { instructorGroupsFilter, type Access } from '../domain/permissions.ts';
import { hasUnseenRevision } from '../domain/revision-diff.ts';
import { repairPresentation, type Presentation, type StoredPresentation } from '../domain/presentation.ts';
import { buildCatalogue, catalogueMap, type Column } from './columns.ts';
import { VALUE_INFIX } from './column-indexes.ts';
import { bannersJsonSql, bannersOf, type BannerRow, type BulkBanner } from './bulk-operations.ts';
import { templatesJsonSql, templatesOf, type ExportTemplate, type TemplateRow } from './export-template-rows.ts';

export type ProcedureState = 'brouillon' | 'publiee' | 'close' | 'depubliee';

export interface ListProcedure {
  id: string;
  title: string;
  state: ProcedureState;
  expiresWhenTermine: boolean;
  forIndividual: boolean;
}

export interface ListContext {
  userId: string;
  procedure: ListProcedure;
  /** the instructor's groups on this procedure (never empty: no group → not found) */
  groupIds: string[];
  groups: { id: string; label: string }[];
  labels: { id: string; name: string; color: string }[];
  catalogue: Column[];
  columns: Map<string, Column>;
  presentation: Presentation;
  /** French notices when the stored presentation had to be repaired */
  notices: string[];
  /** the repair must be saved */
  presentationChanged: boolean;
  /** a published form change I have not looked at: the badge of the menu's « Gestion de la démarche » (docs/domain.md §11.3) */
  unseenRevision?: boolean;
  /** the procedure's one-value list indexes (an option, a « contient » text) that are built (column-indexes.ts; `listPage` walks only on them) */
  readyValueIndexes?: readonly string[];
}

export const PROCEDURE_ID = /^[0-9]{1,18}$/;

interface Row {
  id: string;
  title: string;
  state: ProcedureState;
  expires_when_termine: boolean;
  for_individual: boolean;
  revisions: { fields: FieldDef[]; annotations: FieldDef[] }[];
  groups: { id: string; label: string }[];
  labels: { id: string; name: string; color: string }[];
  memberships: { g: string; p: string }[];
  presentation: StoredPresentation | null;
  revisions_seen: { latest: string | null; first: string | null; seen: string | null };
  value_indexes: string[];
  banners?: BannerRow[];
  templates?: TemplateRow[];
}

/** The list page's context: also the instructor's bulk-operation banners and the procedure's export templates. */
export interface ListPageContext extends ListContext {
  banners: BulkBanner[];
  templates: ExportTemplate[];
}

/** `loadListContext` and what the list page reads besides, in the same one statement. */
export async function loadListPageContext(
  ex: Executor,
  userId: string,
  procedureId: string,
  now: Date,
): Promise<ListPageContext> {
  const { ctx, row } = await readContext(ex, userId, procedureId, now);
  return { ...ctx, banners: bannersOf(row.banners), templates: templatesOf(row.templates) };
}

/** Throws not_found when the procedure does not exist or the user instructs none of its groups. */
export async function loadListContext(ex: Executor, userId: string, procedureId: string): Promise<ListContext> {
  return (await readContext(ex, userId, procedureId)).ctx;
}

async function readContext(
  ex: Executor,
  userId: string,
  procedureId: string,
  listPageAt?: Date,
): Promise<{ ctx: ListContext; row: Row }> {
  if (!PROCEDURE_ID.test(procedureId)) throw notFound('Démarche introuvable.');
  const r = await sql<Row>`${PREPARED}
    SELECT p.id::text AS id, p.title, p.state, p.expires_when_termine, p.for_individual,
      (SELECT coalesce(json_agg(json_build_object('fields', r.fields, 'annotations', r.annotations) ORDER BY r.id), '[]')
         FROM procedure_revisions r
        WHERE r.procedure_id = p.id
          AND (r.published_at IS NOT NULL OR (p.published_revision_id IS NULL AND r.id = p.draft_revision_id))) AS revisions,
      (SELECT coalesce(json_agg(json_build_object('id', g.id::text, 'label', g.label) ORDER BY g.label COLLATE fr, g.id), '[]')
         FROM groupes_instructeurs g WHERE g.procedure_id = p.id) AS groups,
      (SELECT coalesce(json_agg(json_build_object('id', l.id::text, 'name', l.name, 'color', l.color) ORDER BY l.position, l.id), '[]')
         FROM labels l WHERE l.procedure_id = p.id) AS labels,
      (SELECT coalesce(json_agg(json_build_object('g', gm.groupe_id::text, 'p', g.procedure_id::text)), '[]')
         FROM groupe_members gm JOIN groupes_instructeurs g ON g.id = gm.groupe_id WHERE gm.user_id = ${userId}) AS memberships,
      (SELECT json_build_object('columns', pr.columns, 'sort', pr.sort, 'filters', pr.filters, 'page_size', pr.page_size)
         FROM presentations pr WHERE pr.user_id = ${userId} AND pr.procedure_id = p.id) AS presentation,
      (SELECT json_build_object('latest', max(r.id)::text, 'first', min(r.id)::text,
              'seen', (SELECT ip.last_revision_seen_id::text FROM instructeur_procedures ip
                        WHERE ip.procedure_id = p.id AND ip.user_id = ${userId}))
         FROM procedure_revisions r WHERE r.procedure_id = p.id AND r.published_at IS NOT NULL) AS revisions_seen,
      ARRAY(SELECT w.index_name FROM work_list_indexes w
             WHERE w.procedure_id = p.id AND w.state = 'ready' AND strpos(w.index_name, ${VALUE_INFIX}) > 0) AS value_indexes
      ${
        listPageAt
          ? sql`, ${bannersJsonSql(userId, procedureId, listPageAt)} AS banners, ${templatesJsonSql(procedureId)} AS templates`
          : sql``
      }
    FROM procedures p
    WHERE p.id = ${procedureId}`.execute(ex);
  const row = r.rows[0];
  if (!row) throw notFound('Démarche introuvable.');
  const access: Access = {
    userId,
    instructorGroupIds: row.memberships.map((m) => m.g),
    adminProcedureIds: [],
    groupProcedureIds: Object.fromEntries(row.memberships.map((m) => [m.g, m.p])),
  };
  const groupIds = instructorGroupsFilter(access, row.id);
  if (groupIds.length === 0) throw notFound('Démarche introuvable.');
  const catalogue = buildCatalogue({
    forIndividual: row.for_individual,
    revisions: row.revisions.map((rev) => ({
      fields: Array.isArray(rev.fields) ? rev.fields : [],
      annotations: Array.isArray(rev.annotations) ? rev.annotations : [],
    })),
    groups: row.groups,
    labels: row.labels,
  });
  const columns = catalogueMap(catalogue);
  const repaired = repairPresentation(row.presentation, columns);
  const ctx: ListContext = {
    userId,
    procedure: {
      id: row.id,
      title: row.title,
      state: row.state,
      expiresWhenTermine: row.expires_when_termine,
      forIndividual: row.for_individual,
    },
    groupIds,
    groups: row.groups,
    labels: row.labels,
    catalogue,
    columns,
    presentation: repaired.presentation,
    notices: repaired.notices,
    presentationChanged: repaired.changed,
    unseenRevision: hasUnseenRevision({
      latestPublishedId: row.revisions_seen.latest,
      firstPublishedId: row.revisions_seen.first,
      lastSeenId: row.revisions_seen.seen,
    }),
    readyValueIndexes: row.value_indexes,
  };
  return { ctx, row };
}
