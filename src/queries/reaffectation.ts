// « Réaffectation »: the header plus the procedure's groups and the dossier's reassignment history,
// in one statement.
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import { notFound } from '../domain/errors.ts';
import { canInstruct } from '../domain/permissions.ts';
import type { GroupOption } from '../domain/reassignment.ts';
import { headerFromRow, selectHeaderRow, type DossierHeader } from './dossier-header.ts';
import { eventItem, eventsColumn, type EventItem } from './personnes.ts';

export interface ReaffectationTab {
  header: DossierHeader;
  groups: GroupOption[];
  history: EventItem[];
}

export async function loadReaffectationTab(
  ex: Executor,
  dossierId: string,
  userId: string,
  now: Date,
): Promise<ReaffectationTab> {
  const row = await selectHeaderRow<{
    groups: { id: string; label: string; closed: boolean }[];
    reassignments: Parameters<typeof eventItem>[0][];
  }>(ex, dossierId, userId, [
    sql`(SELECT coalesce(json_agg(json_build_object('id', g.id::text, 'label', g.label, 'closed', g.closed) ORDER BY g.label COLLATE fr, g.id), '[]'::json)
          FROM groupes_instructeurs g WHERE g.procedure_id = d.procedure_id) AS groups`,
    eventsColumn(['groupe_change'], 'reassignments'),
  ]);
  if (!row) throw notFound('Dossier introuvable.');
  const header = headerFromRow(row, userId, now);
  if (!canInstruct(header.access, header.ref)) throw notFound('Dossier introuvable.');
  return { header, groups: row.groups ?? [], history: (row.reassignments ?? []).map(eventItem) };
}
