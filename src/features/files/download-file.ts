// Reading a stored file for download or preview: one statement reads the file, its dossier and the
// viewer's facts about that dossier; the domain (canDownloadFile) decides; no access → not found.
import { sql } from 'kysely';
import type { Services } from '../../platform/services.ts';
import { notFound } from '../../domain/errors.ts';
import { assertDownloadFile, type FileOriginKind } from '../../domain/files.ts';
import type { Access, DossierRef } from '../../domain/permissions.ts';
import type { DossierState } from '../../domain/dossier-state.ts';

export interface DownloadableFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  storageKey: string;
  origin: FileOriginKind;
}

export async function loadFileForDownload(app: Services, fileId: string, userId: string): Promise<DownloadableFile> {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(fileId)) throw notFound('Fichier introuvable.');
  const r = await sql<{
    id: string;
    name: string;
    content_type: string;
    size: string;
    storage_key: string;
    origin: FileOriginKind;
    dossier_id: string | null;
    procedure_id: string;
    groupe_id: string;
    owner_id: string | null;
    state: DossierState;
    hidden_by_administration_at: Date | null;
    hidden_by_user_at: Date | null;
    hidden_by_expired_at: Date | null;
    is_member: boolean;
    is_expert: boolean;
    co_editor_ids: string[];
    allow_expert_messaging: boolean;
    avis_expert_id: string | null;
    avis_claimant_id: string | null;
    avis_confidentiel: boolean | null;
  }>`
    SELECT f.id, f.name, f.content_type, f.size::text AS size, f.storage_key, f.origin, f.dossier_id::text AS dossier_id,
      d.procedure_id::text AS procedure_id, d.groupe_id::text AS groupe_id, d.user_id::text AS owner_id, d.state,
      d.hidden_by_administration_at, d.hidden_by_user_at, d.hidden_by_expired_at,
      EXISTS (SELECT 1 FROM groupe_members gm WHERE gm.groupe_id = d.groupe_id AND gm.user_id = ${userId}::bigint) AS is_member,
      EXISTS (SELECT 1 FROM avis av WHERE av.dossier_id = d.id AND av.expert_id = ${userId}::bigint AND av.revoked_at IS NULL) AS is_expert,
      ARRAY(SELECT ce.user_id::text FROM dossier_co_editors ce WHERE ce.dossier_id = d.id) AS co_editor_ids,
      p.allow_expert_messaging, av.expert_id::text AS avis_expert_id, av.claimant_id::text AS avis_claimant_id, av.confidentiel AS avis_confidentiel
    FROM files f JOIN dossiers d ON d.id = f.dossier_id JOIN procedures p ON p.id = d.procedure_id
    LEFT JOIN avis av ON f.origin = 'avis' AND av.dossier_id = d.id AND av.id::text = f.origin_ref
    WHERE f.id = ${fileId}`.execute(app.db);
  const row = r.rows[0];
  if (!row?.dossier_id) throw notFound('Fichier introuvable.');
  const ref: DossierRef = {
    id: row.dossier_id,
    procedureId: row.procedure_id,
    groupeId: row.groupe_id,
    ownerId: row.owner_id,
    coEditorIds: row.co_editor_ids,
    state: row.state,
    hidden_by_administration_at: row.hidden_by_administration_at,
    hidden_by_user_at: row.hidden_by_user_at,
    hidden_by_expired_at: row.hidden_by_expired_at,
  };
  const access: Access = {
    userId,
    instructorGroupIds: row.is_member ? [row.groupe_id] : [],
    adminProcedureIds: [],
    expertAvisDossierIds: row.is_expert ? [row.dossier_id] : [],
  };
  assertDownloadFile(access, ref, row.origin, {
    allowExpertMessaging: row.allow_expert_messaging,
    avis: row.avis_expert_id
      ? { expertId: row.avis_expert_id, claimantId: row.avis_claimant_id, confidentiel: !!row.avis_confidentiel }
      : null,
  });
  return {
    id: row.id,
    name: row.name,
    contentType: row.content_type,
    size: Number(row.size),
    storageKey: row.storage_key,
    origin: row.origin,
  };
}
