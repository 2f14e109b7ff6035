// The instructors' daily and weekly recaps (docs/domain.md §4.6): who gets one, and what it says. The
// figures are the procedures page's own (proceduresDashboard: the work list's counters and my badges),
// never a second definition of « nouveau ».
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import { RECAP_PREFERENCE, type RecapKind } from '../domain/email-preferences.ts';
import { proceduresDashboard, type DashboardProcedure } from './procedures-dashboard.ts';

/** Instructors who asked for this recap on at least one published, non-declarative procedure of their groups. */
export async function recapRecipients(ex: Executor, kind: RecapKind): Promise<string[]> {
  const key = RECAP_PREFERENCE[kind];
  const r = await sql<{ user_id: string }>`
    SELECT DISTINCT ip.user_id::text AS user_id
    FROM instructeur_procedures ip
    JOIN procedures p ON p.id = ip.procedure_id
    WHERE (ip.email_prefs->>${key})::boolean IS TRUE AND p.state = 'publiee' AND p.declarative IS NULL
      AND EXISTS (SELECT 1 FROM groupe_members gm JOIN groupes_instructeurs g ON g.id = gm.groupe_id
                  WHERE gm.user_id = ip.user_id AND g.procedure_id = p.id)
    ORDER BY 1`.execute(ex);
  return r.rows.map((x) => x.user_id);
}

export interface RecapContent {
  email: string;
  procedures: DashboardProcedure[];
}

/** One instructor's recap: his e-mail and, from the procedures page's figures, the procedures he asked it for. */
export async function recapContent(
  ex: Executor,
  userId: string,
  kind: RecapKind,
  now: Date,
): Promise<RecapContent | null> {
  const key = RECAP_PREFERENCE[kind];
  const [user, wanted] = await Promise.all([
    ex.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst(),
    sql<{ procedure_id: string }>`
      SELECT ip.procedure_id::text AS procedure_id FROM instructeur_procedures ip JOIN procedures p ON p.id = ip.procedure_id
      WHERE ip.user_id = ${userId} AND (ip.email_prefs->>${key})::boolean IS TRUE
        AND p.state = 'publiee' AND p.declarative IS NULL`.execute(ex),
  ]);
  if (!user) return null;
  const ids = new Set(wanted.rows.map((x) => x.procedure_id));
  if (ids.size === 0) return null;
  const dashboard = await proceduresDashboard(ex, userId, now);
  return { email: user.email, procedures: dashboard.procedures.filter((p) => ids.has(p.id)) };
}
