// A dossier in a given state, reached through the commands as in the application: the first row is
// written as a brouillon (there is no « create dossier » command yet), then the usager deposits it
// and the instructor passes it en instruction and decides, each through its command. Pass a
// ManualClock-backed app and `advanceMs` to spread the steps in time.
import type { Services } from '../../src/platform/services.ts';
import type { DossierStateColumn } from '../../src/platform/db/schema.ts';
import { ManualClock } from '../../src/platform/clock.ts';
import { depositDossier } from '../../src/features/dossiers/deposit-dossier.ts';
import { transitionDossier } from '../../src/features/instruction/transition-dossier.ts';
import { decideDossier } from '../../src/features/dossiers/decide-dossier.ts';
import { refreshSearchTerms } from '../../src/features/work-list/refresh-search-terms.ts';
import type { TestUser } from './user.ts';
import type { TestProcedure } from './procedure.ts';

export const DEFAULT_CHAMPS: Record<string, unknown> = { c2: 'Jardin partagé', c3: 1200 };
export const DEFAULT_MOTIVATION = 'Motivation de la décision.';

export async function createDossier(
  app: Services,
  opts: {
    procedure: TestProcedure;
    groupeId: string;
    usager: TestUser;
    /** needed from en_instruction on: a member of the group */
    instructeur?: TestUser;
    state?: DossierStateColumn;
    champs?: Record<string, unknown>;
    motivation?: string;
    /** moves the app's ManualClock by this much before each command */
    advanceMs?: number;
  },
): Promise<string> {
  const state = opts.state ?? 'en_construction';
  const now = app.clock.now();
  const champs = Object.fromEntries(
    Object.entries(opts.champs ?? DEFAULT_CHAMPS).map(([k, v]) => [k, { value: v, updatedAt: now.toISOString() }]),
  );
  const d = await app.db
    .insertInto('dossiers')
    .values({
      procedure_id: opts.procedure.id,
      revision_id: opts.procedure.revisionId,
      groupe_id: opts.groupeId,
      user_id: opts.usager.id,
      user_email: opts.usager.email,
      state: 'brouillon',
      civilite: 'Mme',
      nom: 'Martin',
      prenom: 'Léa',
      champs: JSON.stringify(champs),
      annotations: '{}',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await refreshSearchTerms(app.db, [d.id]);
  if (state === 'brouillon') return d.id;
  const tick = () => {
    if (opts.advanceMs && app.clock instanceof ManualClock) app.clock.advance(opts.advanceMs);
  };
  tick();
  await depositDossier(app, opts.usager, { dossierId: d.id });
  if (state === 'en_construction') return d.id;
  const instr = opts.instructeur;
  if (!instr) throw new Error(`createDossier: un instructeur est nécessaire pour l'état ${state}`);
  tick();
  await transitionDossier(app, instr, { dossierId: d.id, action: 'passer_en_instruction' });
  if (state === 'en_instruction') return d.id;
  tick();
  const action = state === 'accepte' ? 'accepter' : state === 'refuse' ? 'refuser' : 'classer_sans_suite';
  await decideDossier(app, instr, {
    dossierId: d.id,
    action,
    motivation: opts.motivation ?? (state === 'accepte' ? undefined : DEFAULT_MOTIVATION),
  });
  return d.id;
}
