// The labels page of a procedure's administrator (docs/domain.md §11.1): the procedure and its labels
// in their order, each with the number of dossiers carrying it, in one statement.
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import { notFound } from '../domain/errors.ts';
import { PROCEDURE_ID } from './list-context.ts';

export interface AdminLabels {
  procedure: { id: string; title: string };
  labels: { id: string; name: string; color: string; dossiers: number }[];
}

export async function adminLabels(ex: Executor, procedureId: string): Promise<AdminLabels> {
  if (!PROCEDURE_ID.test(procedureId)) throw notFound('Démarche introuvable.');
  const r = await sql<{ id: string; title: string; labels: AdminLabels['labels'] }>`
    SELECT p.id::text AS id, p.title,
      (SELECT coalesce(json_agg(json_build_object('id', l.id::text, 'name', l.name, 'color', l.color,
                'dossiers', (SELECT count(*) FROM dossier_labels dl WHERE dl.label_id = l.id)) ORDER BY l.position, l.id), '[]')
         FROM labels l WHERE l.procedure_id = p.id) AS labels
    FROM procedures p WHERE p.id = ${procedureId}`.execute(ex);
  const row = r.rows[0];
  if (!row) throw notFound('Démarche introuvable.');
  return { procedure: { id: row.id, title: row.title }, labels: row.labels };
}
