// The contact information of a group (docs/domain.md §10), the one place that reads it: a sub-select
// each page or e-mail embeds in its own statement — the instructors' « Gestion des instructeurs », the
// usager's state e-mails, his dossier page (« Aide » and after the deposit).
import { type RawBuilder, sql } from 'kysely';
import type { GroupeContact } from '../domain/groupe-management.ts';

/** The contact of the group `groupeId` (an expression of the enclosing statement) as JSON; null when not filled in. */
export function groupeContactOf(groupeId: RawBuilder<unknown>): RawBuilder<GroupeContact | null> {
  return sql<GroupeContact | null>`(SELECT json_build_object('service', c.service, 'adresse', c.adresse, 'email', c.email,
    'telephone', c.telephone, 'horaires', c.horaires) FROM groupe_contacts c WHERE c.groupe_id = ${groupeId})`;
}
