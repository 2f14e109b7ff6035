// « Gestion de la démarche » pages of an instructor (docs/interface.md §6): the procedure and my
// preferences on it, in one statement; not found when I instruct none of its groups.
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import { notFound } from '../domain/errors.ts';
import { emailPreferences, type EmailKind } from '../domain/email-preferences.ts';
import {
  DEFAULT_PREFERENCES,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationPreference,
} from '../domain/notifications.ts';
import { instructorGroupsFilter } from '../domain/permissions.ts';
import { hasUnseenRevision } from '../domain/revision-diff.ts';
import { PROCEDURE_ID, type ProcedureState } from './list-context.ts';

export interface GestionContext {
  procedure: {
    id: string;
    title: string;
    state: ProcedureState;
    declarative: string | null;
    selfManagement: boolean;
    rdvEnabled: boolean;
  };
  groupIds: string[];
  emailPrefs: Record<EmailKind, boolean>;
  badgePrefs: Record<NotificationKind, NotificationPreference>;
  /** a published form change I have not looked at (docs/domain.md §11.3) */
  unseenRevision: boolean;
  latestPublishedRevisionId: string | null;
}

interface Row {
  id: string;
  title: string;
  state: ProcedureState;
  declarative: string | null;
  instructeurs_self_management: boolean;
  rdv_enabled: boolean;
  memberships: { g: string; p: string }[];
  email_prefs: unknown;
  notification_prefs: Record<string, NotificationPreference> | null;
  last_revision_seen_id: string | null;
  latest_published_id: string | null;
  first_published_id: string | null;
}

export async function loadGestionContext(ex: Executor, userId: string, procedureId: string): Promise<GestionContext> {
  if (!PROCEDURE_ID.test(procedureId)) throw notFound('Démarche introuvable.');
  const r = await sql<Row>`
    SELECT p.id::text AS id, p.title, p.state, p.declarative, p.instructeurs_self_management, p.rdv_enabled,
      (SELECT coalesce(json_agg(json_build_object('g', gm.groupe_id::text, 'p', g.procedure_id::text)), '[]')
         FROM groupe_members gm JOIN groupes_instructeurs g ON g.id = gm.groupe_id
        WHERE gm.user_id = ${userId} AND g.procedure_id = p.id) AS memberships,
      ip.email_prefs, ip.notification_prefs, ip.last_revision_seen_id::text AS last_revision_seen_id,
      (SELECT max(r.id)::text FROM procedure_revisions r WHERE r.procedure_id = p.id AND r.published_at IS NOT NULL) AS latest_published_id,
      (SELECT min(r.id)::text FROM procedure_revisions r WHERE r.procedure_id = p.id AND r.published_at IS NOT NULL) AS first_published_id
    FROM procedures p
    LEFT JOIN instructeur_procedures ip ON ip.procedure_id = p.id AND ip.user_id = ${userId}
    WHERE p.id = ${procedureId}`.execute(ex);
  const row = r.rows[0];
  if (!row) throw notFound('Démarche introuvable.');
  const groupIds = instructorGroupsFilter(
    {
      userId,
      instructorGroupIds: row.memberships.map((m) => m.g),
      adminProcedureIds: [],
      groupProcedureIds: Object.fromEntries(row.memberships.map((m) => [m.g, m.p])),
    },
    row.id,
  );
  if (groupIds.length === 0) throw notFound('Démarche introuvable.');
  const stored = row.notification_prefs ?? {};
  return {
    procedure: {
      id: row.id,
      title: row.title,
      state: row.state,
      declarative: row.declarative,
      selfManagement: row.instructeurs_self_management,
      rdvEnabled: row.rdv_enabled,
    },
    groupIds,
    emailPrefs: emailPreferences(row.email_prefs),
    badgePrefs: Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, stored[k] ?? DEFAULT_PREFERENCES[k]])) as Record<
      NotificationKind,
      NotificationPreference
    >,
    unseenRevision: hasUnseenRevision({
      latestPublishedId: row.latest_published_id,
      firstPublishedId: row.first_published_id,
      lastSeenId: row.last_revision_seen_id,
    }),
    latestPublishedRevisionId: row.latest_published_id,
  };
}
