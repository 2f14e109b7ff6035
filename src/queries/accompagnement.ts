// « Accompagnement des usagers » (docs/interface.md §6E): how many usagers hold a brouillon, the
// messages already sent to them with their progress, and the published form for the preview.
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import type { FieldDef } from '../domain/fields/types.ts';

export interface Accompagnement {
  brouillons: number;
  owners: number;
  broadcasts: { id: string; subject: string; createdAt: Date; authorEmail: string; total: number; sent: number }[];
}

export async function accompagnement(ex: Executor, procedureId: string): Promise<Accompagnement> {
  const r = await sql<{ brouillons: number; owners: number; broadcasts: Accompagnement['broadcasts'] | null }>`
    SELECT
      (SELECT count(*)::int FROM dossiers d WHERE d.procedure_id = ${procedureId} AND d.state = 'brouillon'
         AND d.hidden_by_user_at IS NULL AND d.hidden_by_expired_at IS NULL) AS brouillons,
      (SELECT count(DISTINCT lower(d.user_email))::int FROM dossiers d WHERE d.procedure_id = ${procedureId}
         AND d.state = 'brouillon' AND d.hidden_by_user_at IS NULL AND d.hidden_by_expired_at IS NULL) AS owners,
      (SELECT json_agg(json_build_object('id', b.id::text, 'subject', b.subject, 'createdAt', b.created_at,
                 'authorEmail', b.author_email,
                 'total', (SELECT count(*) FROM brouillon_broadcast_recipients x WHERE x.broadcast_id = b.id),
                 'sent', (SELECT count(*) FROM brouillon_broadcast_recipients x WHERE x.broadcast_id = b.id AND x.sent_at IS NOT NULL))
               ORDER BY b.created_at DESC)
         FROM (SELECT * FROM brouillon_broadcasts WHERE procedure_id = ${procedureId} ORDER BY created_at DESC LIMIT 20) b) AS broadcasts`.execute(
    ex,
  );
  const row = r.rows[0]!;
  return {
    brouillons: row.brouillons,
    owners: row.owners,
    broadcasts: (row.broadcasts ?? []).map((b) => ({ ...b, createdAt: new Date(b.createdAt) })),
  };
}

/** The fields of the form as the usager fills it now (the published revision, else the draft of a procedure in test). */
export async function previewFields(ex: Executor, procedureId: string): Promise<FieldDef[]> {
  const r = await sql<{ fields: FieldDef[] | null }>`
    SELECT r.fields FROM procedures p
    JOIN procedure_revisions r ON r.id = coalesce(p.published_revision_id, p.draft_revision_id)
    WHERE p.id = ${procedureId}`.execute(ex);
  const f = r.rows[0]?.fields;
  return Array.isArray(f) ? f : [];
}
