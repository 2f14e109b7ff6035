// Rendez-vous: the instructor's tab (header + the dossier's rendez-vous + their history, one
// statement) and the usager's view of them (a column his dossier page can add to its own
// statement, or a query of its own).
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import { notFound } from '../domain/errors.ts';
import { canInstruct } from '../domain/permissions.ts';
import type { RdvMode } from '../domain/rendez-vous.ts';
import { headerFromRow, selectHeaderRow, type DossierHeader } from './dossier-header.ts';
import { eventItem, eventsColumn, type EventItem } from './personnes.ts';

export interface RendezVousItem {
  id: string;
  startsAt: Date;
  durationMinutes: number;
  mode: RdvMode;
  place: string;
  createdAt: Date;
  createdByEmail: string | null;
  cancelledAt: Date | null;
}

export interface RendezVousTab {
  header: DossierHeader;
  rendezVous: RendezVousItem[];
  history: EventItem[];
}

export const RENDEZ_VOUS_EVENT_TYPES = ['rendez_vous_propose', 'rendez_vous_modifie', 'rendez_vous_annule'] as const;

type RawRdv = {
  id: string;
  starts_at: string;
  duration_minutes: number;
  mode: RdvMode;
  place: string;
  created_at: string;
  created_by_email: string | null;
  cancelled_at: string | null;
};

/** `… AS rendez_vous`: every rendez-vous of the dossier (alias d), by start time. */
export const RENDEZ_VOUS_COLUMN = sql`(SELECT coalesce(json_agg(json_build_object('id', r.id::text, 'starts_at', r.starts_at,
    'duration_minutes', r.duration_minutes, 'mode', r.mode, 'place', r.place, 'created_at', r.created_at, 'created_by_email', u.email,
    'cancelled_at', r.cancelled_at) ORDER BY r.starts_at, r.id), '[]'::json)
  FROM rendez_vous r LEFT JOIN users u ON u.id = r.created_by WHERE r.dossier_id = d.id) AS rendez_vous`;

export function rendezVousItems(raw: RawRdv[] | null | undefined): RendezVousItem[] {
  return (raw ?? []).map((r) => ({
    id: r.id,
    startsAt: new Date(r.starts_at),
    durationMinutes: Number(r.duration_minutes),
    mode: r.mode,
    place: r.place,
    createdAt: new Date(r.created_at),
    createdByEmail: r.created_by_email,
    cancelledAt: r.cancelled_at ? new Date(r.cancelled_at) : null,
  }));
}

export async function loadRendezVousTab(
  ex: Executor,
  dossierId: string,
  userId: string,
  now: Date,
): Promise<RendezVousTab> {
  const row = await selectHeaderRow<{ rendez_vous: RawRdv[]; rdv_history: Parameters<typeof eventItem>[0][] }>(
    ex,
    dossierId,
    userId,
    [RENDEZ_VOUS_COLUMN, eventsColumn(RENDEZ_VOUS_EVENT_TYPES, 'rdv_history')],
  );
  if (!row) throw notFound('Dossier introuvable.');
  const header = headerFromRow(row, userId, now);
  if (!canInstruct(header.access, header.ref)) throw notFound('Dossier introuvable.');
  return { header, rendezVous: rendezVousItems(row.rendez_vous), history: (row.rdv_history ?? []).map(eventItem) };
}

/**
 * The rendez-vous the usager sees (no author e-mail): every one that is not cancelled, plus the
 * cancelled ones still to come (so that he knows). The caller has checked his access to the dossier.
 */
export async function loadUsagerRendezVous(ex: Executor, dossierId: string): Promise<RendezVousItem[]> {
  if (!/^[0-9]{1,18}$/.test(dossierId)) return [];
  const r = await sql<{
    rendez_vous: RawRdv[];
  }>`SELECT ${RENDEZ_VOUS_COLUMN} FROM dossiers d WHERE d.id = ${dossierId}::bigint`.execute(ex);
  return rendezVousItems(r.rows[0]?.rendez_vous).map((x) => ({ ...x, createdByEmail: null }));
}
