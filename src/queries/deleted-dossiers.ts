// « Dossiers supprimés » of a procedure: the tombstones of purged dossiers (docs/domain.md §11) of the
// groups I instruct, newest first, 25 per page. Access: an instructor of at least one group of the
// procedure (the domain's instructorGroupsFilter); anyone else gets not_found.
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import { DELETED_DOSSIERS_PAGE_SIZE } from '../domain/deletion.ts';
import type { DossierState } from '../domain/dossier-state.ts';
import { notFound } from '../domain/errors.ts';
import { instructorGroupsFilter, type Access } from '../domain/permissions.ts';

export interface DeletedDossierItem {
  dossierId: string;
  state: DossierState;
  groupeLabel: string | null;
  deposeAt: Date | null;
  deletedAt: Date;
  reason: string;
}

export interface DeletedDossiersPage {
  procedureId: string;
  procedureTitle: string;
  items: DeletedDossierItem[];
  total: number;
  page: number;
  pageCount: number;
}

export async function loadDeletedDossiers(
  ex: Executor,
  procedureId: string,
  userId: string,
  page: number,
): Promise<DeletedDossiersPage> {
  if (!/^[0-9]{1,18}$/.test(procedureId)) throw notFound('Démarche introuvable.');
  const p = await sql<{ title: string; groups: string[]; my_groups: string[] }>`
    SELECT p.title,
      ARRAY(SELECT g.id::text FROM groupes_instructeurs g WHERE g.procedure_id = p.id) AS groups,
      ARRAY(SELECT gm.groupe_id::text FROM groupe_members gm JOIN groupes_instructeurs g ON g.id = gm.groupe_id
            WHERE g.procedure_id = p.id AND gm.user_id = ${userId}::bigint) AS my_groups
    FROM procedures p WHERE p.id = ${procedureId}::bigint`.execute(ex);
  const proc = p.rows[0];
  if (!proc) throw notFound('Démarche introuvable.');
  const access: Access = {
    userId,
    instructorGroupIds: proc.my_groups,
    adminProcedureIds: [],
    groupProcedureIds: Object.fromEntries(proc.groups.map((g) => [g, procedureId])),
  };
  const groups = instructorGroupsFilter(access, procedureId);
  if (groups.length === 0) throw notFound('Démarche introuvable.');
  const size = DELETED_DOSSIERS_PAGE_SIZE;
  const wanted = Number.isInteger(page) && page > 0 ? page : 1;
  const r = await sql<{
    total: number;
    items: {
      dossier_id: string;
      state: DossierState;
      groupe_label: string | null;
      depose_at: string | null;
      deleted_at: string;
      reason: string;
    }[];
  }>`
    SELECT (SELECT count(*)::int FROM deleted_dossiers dd WHERE dd.procedure_id = ${procedureId}::bigint AND dd.groupe_id = ANY(${groups}::bigint[])) AS total,
      (SELECT coalesce(json_agg(x ORDER BY x.deleted_at DESC, x.dossier_id DESC), '[]'::json) FROM (
         SELECT dd.dossier_id::text AS dossier_id, dd.state, g.label AS groupe_label, dd.depose_at, dd.deleted_at, dd.reason
         FROM deleted_dossiers dd LEFT JOIN groupes_instructeurs g ON g.id = dd.groupe_id
         WHERE dd.procedure_id = ${procedureId}::bigint AND dd.groupe_id = ANY(${groups}::bigint[])
         ORDER BY dd.deleted_at DESC, dd.dossier_id DESC
         LIMIT ${size} OFFSET ${(wanted - 1) * size}) x) AS items`.execute(ex);
  const total = Number(r.rows[0]?.total ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / size));
  return {
    procedureId,
    procedureTitle: proc.title,
    total,
    page: wanted,
    pageCount,
    items: (r.rows[0]?.items ?? []).map((x) => ({
      dossierId: x.dossier_id,
      state: x.state,
      groupeLabel: x.groupe_label,
      deposeAt: x.depose_at ? new Date(x.depose_at) : null,
      deletedAt: new Date(x.deleted_at),
      reason: x.reason,
    })),
  };
}
