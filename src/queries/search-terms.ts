// `dossiers.search_terms` is maintained by the writers: after a change of the applicant identity,
// of the public champs or of the annotations, a feature calls `refreshSearchTerms(trx, ids)`
// (src/features/work-list/refresh-search-terms.ts) in its transaction. The text, read here, is the
// one the load seed indexes: civilité, prénom, nom, e-mail, then the search text of every public
// field and of every annotation (domain `searchTextOf`), stored as to_tsvector('french',
// f_unaccent(text)) — what src/queries/search.ts queries.
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import { searchPartsOf, type ChampsMap, type FieldDef } from '../domain/fields/index.ts';

interface Row {
  id: string;
  civilite: string | null;
  prenom: string | null;
  nom: string | null;
  user_email: string;
  champs: ChampsMap;
  annotations: ChampsMap;
  fields: FieldDef[] | null;
  annotation_defs: FieldDef[] | null;
}

/** The words of one dossier (exported for tests and for writers that build rows themselves). */
export function searchTextOfDossier(d: DossierWords): string {
  return searchPartsOfDossier(d).join(' ');
}

interface DossierWords {
  civilite: string | null;
  prenom: string | null;
  nom: string | null;
  user_email: string;
  fields: FieldDef[];
  annotationDefs: FieldDef[];
  champs: ChampsMap;
  annotations: ChampsMap;
}

/** The same words in parts (identity, then one part per champ): what the load seed assembles. */
export function searchPartsOfDossier(d: DossierWords): string[] {
  const safe = (defs: FieldDef[], champs: ChampsMap) => {
    try {
      return searchPartsOf(defs, champs ?? {});
    } catch {
      return [];
    }
  };
  return [
    d.civilite,
    d.prenom,
    d.nom,
    d.user_email,
    ...safe(d.fields, d.champs),
    ...safe(d.annotationDefs, d.annotations),
  ].filter((x): x is string => x !== null && x !== undefined && x !== '');
}

/** The search text of these dossiers, as the writers store it (ids that are not dossier numbers are skipped). */
export async function searchTextsOfDossiers(
  ex: Executor,
  dossierIds: readonly (string | number)[],
): Promise<{ id: string; text: string }[]> {
  const ids = [...new Set(dossierIds.map(String))].filter((id) => /^[0-9]{1,18}$/.test(id));
  if (ids.length === 0) return [];
  const r = await sql<Row>`
    SELECT d.id::text AS id, d.civilite, d.prenom, d.nom, d.user_email, d.champs, d.annotations,
           r.fields, r.annotations AS annotation_defs
    FROM dossiers d LEFT JOIN procedure_revisions r ON r.id = d.revision_id
    WHERE d.id = ANY(${ids}::bigint[])`.execute(ex);
  return r.rows.map((row) => ({
    id: row.id,
    text: searchTextOfDossier({
      civilite: row.civilite,
      prenom: row.prenom,
      nom: row.nom,
      user_email: row.user_email,
      fields: Array.isArray(row.fields) ? row.fields : [],
      annotationDefs: Array.isArray(row.annotation_defs) ? row.annotation_defs : [],
      champs: row.champs ?? {},
      annotations: row.annotations ?? {},
    }),
  }));
}
