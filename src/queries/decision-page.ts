// The decision page (docs/interface.md §3C): the labels of the visible mandatory private annotations
// still empty, said before the motivation. The caller has checked that the viewer instructs the dossier.
import { emptyMandatoryAnnotations } from '../domain/annotations.ts';
import type { Executor } from '../platform/db/index.ts';

export async function emptyMandatoryAnnotationLabels(ex: Executor, dossierId: string): Promise<string[]> {
  const r = await ex
    .selectFrom('dossiers')
    .innerJoin('procedure_revisions', 'procedure_revisions.id', 'dossiers.revision_id')
    .select(['dossiers.annotations', 'procedure_revisions.annotations as defs'])
    .where('dossiers.id', '=', dossierId)
    .executeTakeFirst();
  if (!r) return [];
  return emptyMandatoryAnnotations(r.defs ?? [], r.annotations ?? {}).map((d) => d.label);
}
