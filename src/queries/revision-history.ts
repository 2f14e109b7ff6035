// « Historique des modifications du formulaire » (docs/domain.md §11.3): the published revisions of a
// procedure, newest first, each with what changed since the one before (public fields and private
// annotations), in one statement.
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import type { FieldDef } from '../domain/fields/types.ts';
import { diffRevisions, type FieldChange } from '../domain/revision-diff.ts';

export interface RevisionEntry {
  id: string;
  publishedAt: Date;
  /** the first publication: the form as it started */
  first: boolean;
  fields: FieldChange[];
  annotations: FieldChange[];
}

export async function revisionHistory(ex: Executor, procedureId: string): Promise<RevisionEntry[]> {
  const r = await sql<{ id: string; published_at: Date; fields: FieldDef[]; annotations: FieldDef[] }>`
    SELECT r.id::text AS id, r.published_at, r.fields, r.annotations FROM procedure_revisions r
    WHERE r.procedure_id = ${procedureId} AND r.published_at IS NOT NULL ORDER BY r.published_at, r.id`.execute(ex);
  const list = r.rows.map((row, i) => {
    const prev = r.rows[i - 1];
    const arr = (v: unknown) => (Array.isArray(v) ? (v as FieldDef[]) : []);
    return {
      id: row.id,
      publishedAt: new Date(row.published_at),
      first: !prev,
      fields: prev ? diffRevisions(arr(prev.fields), arr(row.fields)) : [],
      annotations: prev ? diffRevisions(arr(prev.annotations), arr(row.annotations)) : [],
    };
  });
  return list.reverse();
}
