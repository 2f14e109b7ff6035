// « Personnes impliquées » (docs/interface.md §3): the header statement plus, as JSON aggregates in the same
// statement, the followers (current and previous), the experts asked, the co-editors invited by the
// usager, the decisions (state changes) with date and time, the manual reassignments, the hand-overs
// to colleagues, and the colleagues of the dossier's group to send it to. One query per page.
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import { notFound } from '../domain/errors.ts';
import { canInstruct } from '../domain/permissions.ts';
import { headerFromRow, selectHeaderRow, type DossierHeader } from './dossier-header.ts';

/** Event types that are « décisions rendues »: every change of state, from the deposit on. */
export const DECISION_EVENT_TYPES = [
  'depose',
  'passe_en_instruction',
  'passe_en_instruction_automatiquement',
  'accepte_automatiquement',
  'repasse_en_construction',
  'correction_demandee',
  'accepte',
  'refuse',
  'classe_sans_suite',
  'repasse_en_instruction',
] as const;

export interface PersonItem {
  userId: string;
  email: string;
  name: string | null;
}
export interface FollowerItem extends PersonItem {
  since: Date;
  until: Date | null;
}
export interface ExpertItem {
  email: string;
  claimantEmail: string | null;
  askedAt: Date;
  answeredAt: Date | null;
  revokedAt: Date | null;
}
export interface EventItem {
  id: string;
  type: string;
  actorEmail: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
}
export interface ColleagueItem extends PersonItem {
  following: boolean;
}

export interface PersonnesTab {
  header: DossierHeader;
  followers: FollowerItem[];
  previousFollowers: FollowerItem[];
  experts: ExpertItem[];
  coEditors: PersonItem[];
  decisions: EventItem[];
  reassignments: EventItem[];
  envois: EventItem[];
  colleagues: ColleagueItem[];
}

const nameOf = (first: string | null, last: string | null) => [first, last].filter(Boolean).join(' ') || null;
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

type RawPerson = { user_id: string; email: string; first_name: string | null; last_name: string | null };
type RawEvent = {
  id: string;
  type: string;
  actor_email: string | null;
  data: Record<string, unknown>;
  created_at: string;
};
export const eventItem = (e: RawEvent): EventItem => ({
  id: e.id,
  type: e.type,
  actorEmail: e.actor_email,
  data: e.data ?? {},
  createdAt: new Date(e.created_at),
});

/** JSON aggregate of the dossier's events of these types, oldest first (alias d = dossier). */
export function eventsColumn(types: readonly string[], alias: string) {
  return sql`(SELECT coalesce(json_agg(json_build_object('id', e.id::text, 'type', e.type, 'actor_email', e.actor_email, 'data', e.data,
      'created_at', e.created_at) ORDER BY e.id), '[]'::json)
    FROM dossier_events e WHERE e.dossier_id = d.id AND e.type = ANY(${[...types]}::text[])) AS ${sql.id(alias)}`;
}

export async function loadPersonnesTab(
  ex: Executor,
  dossierId: string,
  userId: string,
  now: Date,
): Promise<PersonnesTab> {
  const row = await selectHeaderRow<{
    follows: (RawPerson & { created_at: string; unfollowed_at: string | null })[];
    experts: {
      email: string;
      claimant_email: string | null;
      created_at: string;
      answered_at: string | null;
      revoked_at: string | null;
    }[];
    co_editors: RawPerson[];
    decisions: RawEvent[];
    reassignments: RawEvent[];
    envois: RawEvent[];
    colleagues: (RawPerson & { following: boolean })[];
  }>(ex, dossierId, userId, [
    sql`(SELECT coalesce(json_agg(json_build_object('user_id', f.user_id::text, 'email', u.email, 'first_name', u.first_name, 'last_name', u.last_name,
          'created_at', f.created_at, 'unfollowed_at', f.unfollowed_at) ORDER BY f.created_at, u.email), '[]'::json)
        FROM follows f JOIN users u ON u.id = f.user_id WHERE f.dossier_id = d.id) AS follows`,
    sql`(SELECT coalesce(json_agg(json_build_object('email', ue.email, 'claimant_email', uc.email, 'created_at', a.created_at,
          'answered_at', a.answered_at, 'revoked_at', a.revoked_at) ORDER BY a.created_at, a.id), '[]'::json)
        FROM avis a JOIN users ue ON ue.id = a.expert_id LEFT JOIN users uc ON uc.id = a.claimant_id WHERE a.dossier_id = d.id) AS experts`,
    sql`(SELECT coalesce(json_agg(json_build_object('user_id', u.id::text, 'email', u.email, 'first_name', u.first_name, 'last_name', u.last_name)
          ORDER BY u.email), '[]'::json)
        FROM dossier_co_editors ce JOIN users u ON u.id = ce.user_id WHERE ce.dossier_id = d.id) AS co_editors`,
    eventsColumn(DECISION_EVENT_TYPES, 'decisions'),
    eventsColumn(['groupe_change'], 'reassignments'),
    eventsColumn(['envoye_a_instructeur'], 'envois'),
    sql`(SELECT coalesce(json_agg(json_build_object('user_id', u.id::text, 'email', u.email, 'first_name', u.first_name, 'last_name', u.last_name,
          'following', EXISTS (SELECT 1 FROM follows f WHERE f.dossier_id = d.id AND f.user_id = u.id AND f.unfollowed_at IS NULL))
          ORDER BY u.last_name NULLS LAST, u.email), '[]'::json)
        FROM groupe_members gm JOIN users u ON u.id = gm.user_id
        WHERE gm.groupe_id = d.groupe_id AND gm.user_id <> ${userId}::bigint) AS colleagues`,
  ]);
  if (!row) throw notFound('Dossier introuvable.');
  const header = headerFromRow(row, userId, now);
  if (!canInstruct(header.access, header.ref)) throw notFound('Dossier introuvable.');
  const follows = (row.follows ?? []).map((f) => ({
    userId: f.user_id,
    email: f.email,
    name: nameOf(f.first_name, f.last_name),
    since: new Date(f.created_at),
    until: date(f.unfollowed_at),
  }));
  return {
    header,
    followers: follows.filter((f) => f.until === null),
    previousFollowers: follows.filter((f) => f.until !== null),
    experts: (row.experts ?? []).map((a) => ({
      email: a.email,
      claimantEmail: a.claimant_email,
      askedAt: new Date(a.created_at),
      answeredAt: date(a.answered_at),
      revokedAt: date(a.revoked_at),
    })),
    coEditors: (row.co_editors ?? []).map((p) => ({
      userId: p.user_id,
      email: p.email,
      name: nameOf(p.first_name, p.last_name),
    })),
    decisions: (row.decisions ?? []).map(eventItem),
    reassignments: (row.reassignments ?? []).map(eventItem),
    envois: (row.envois ?? []).map(eventItem),
    colleagues: (row.colleagues ?? []).map((p) => ({
      userId: p.user_id,
      email: p.email,
      name: nameOf(p.first_name, p.last_name),
      following: p.following,
    })),
  };
}
