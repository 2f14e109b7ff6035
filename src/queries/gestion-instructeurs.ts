// « Gestion des instructeurs » and « Administrateurs de la démarche » (docs/interface.md §6C): my groups
// of the procedure with their instructors and contact information, and the procedure's administrators,
// in one statement (access decided before, by loadGestionContext).
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import type { GroupeContact } from '../domain/groupe-management.ts';
import { groupeContactOf } from './groupe-contact.ts';

export interface Person {
  id: string;
  email: string;
  name: string | null;
}

export interface ManagedGroupe {
  id: string;
  label: string;
  closed: boolean;
  instructeurs: Person[];
  contact: GroupeContact | null;
}

export interface GestionInstructeurs {
  groupes: ManagedGroupe[];
  administrateurs: Person[];
  /** the procedure has more than one group */
  routing: boolean;
}

export async function gestionInstructeurs(
  ex: Executor,
  procedureId: string,
  groupIds: string[],
): Promise<GestionInstructeurs> {
  const r = await sql<{ groupes: ManagedGroupe[]; administrateurs: Person[]; group_count: number }>`
    SELECT
      (SELECT coalesce(json_agg(json_build_object(
          'id', g.id::text, 'label', g.label, 'closed', g.closed,
          'instructeurs', (SELECT coalesce(json_agg(json_build_object('id', u.id::text, 'email', u.email,
                              'name', nullif(trim(concat(u.first_name, ' ', u.last_name)), '')) ORDER BY u.email), '[]')
                           FROM groupe_members gm JOIN users u ON u.id = gm.user_id WHERE gm.groupe_id = g.id),
          'contact', ${groupeContactOf(sql.ref('g.id'))}
        ) ORDER BY g.label COLLATE fr, g.id), '[]')
       FROM groupes_instructeurs g WHERE g.procedure_id = ${procedureId} AND g.id = ANY(${groupIds}::bigint[])) AS groupes,
      (SELECT coalesce(json_agg(json_build_object('id', u.id::text, 'email', u.email,
                'name', nullif(trim(concat(u.first_name, ' ', u.last_name)), '')) ORDER BY u.email), '[]')
       FROM procedure_administrateurs pa JOIN users u ON u.id = pa.user_id WHERE pa.procedure_id = ${procedureId}) AS administrateurs,
      (SELECT count(*)::int FROM groupes_instructeurs g WHERE g.procedure_id = ${procedureId}) AS group_count`.execute(
    ex,
  );
  const row = r.rows[0]!;
  return { groupes: row.groupes, administrateurs: row.administrateurs, routing: row.group_count > 1 };
}
