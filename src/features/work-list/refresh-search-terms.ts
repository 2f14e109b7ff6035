// Keeps `dossiers.search_terms` (what src/queries/search.ts queries) in step with the dossier: the
// writers call it in their transaction after a change of the applicant identity, of the public champs
// or of the annotations. The text is read by src/queries/search-terms.ts.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/index.ts';
import { searchTextsOfDossiers } from '../../queries/search-terms.ts';

/** Recomputes search_terms of these dossiers (two statements whatever their number). */
export async function refreshSearchTerms(trx: Executor, dossierIds: readonly (string | number)[]): Promise<void> {
  const texts = await searchTextsOfDossiers(trx, dossierIds);
  if (texts.length === 0) return;
  await sql`
    UPDATE dossiers d SET search_terms = to_tsvector('french', f_unaccent(v.t))
    FROM unnest(${texts.map((x) => x.id)}::bigint[], ${texts.map((x) => x.text)}::text[]) AS v(id, t)
    WHERE d.id = v.id`.execute(trx);
}
