// Small, explicit fixtures for integration tests: one published procedure with two groups, its
// instructors, a usager and dossiers in chosen states. Built with plain inserts (fast, deterministic):
// a dossier's state is written, not reached. New tests: prefer test/factories, whose dossiers go
// through the commands (their history is what the application writes).
import type { Services } from '../../src/platform/services.ts';
import type { FieldDef } from '../../src/domain/fields/types.ts';
import type { DossierStateColumn } from '../../src/platform/db/schema.ts';
import { ANNOTATIONS, FIELDS } from '../factories/procedure.ts';

export { FIELDS, ANNOTATIONS };

let seq = 0;
export async function user(app: Services, email: string, roles: ('instructeur' | 'administrateur' | 'expert')[] = []) {
  const u = await app.db
    .insertInto('users')
    .values({ email, password_hash: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const r of roles) {
    const table = r === 'instructeur' ? 'instructeurs' : r === 'administrateur' ? 'administrateurs' : 'experts';
    await app.db.insertInto(table).values({ user_id: u.id }).execute();
  }
  return { id: u.id, email };
}

export interface Fixture {
  procedureId: string;
  revisionId: string;
  groupA: string;
  groupB: string;
  admin: { id: string; email: string };
  instructeurA: { id: string; email: string };
  instructeurA2: { id: string; email: string };
  instructeurB: { id: string; email: string };
  usager: { id: string; email: string };
}

export async function procedureFixture(
  app: Services,
  opts: { declarative?: 'en_instruction' | 'accepte' | null; annotations?: FieldDef[] } = {},
): Promise<Fixture> {
  const n = ++seq;
  const admin = await user(app, `admin${n}@exemple.fr`, ['administrateur']);
  const instructeurA = await user(app, `instructeur.a${n}@exemple.fr`, ['instructeur']);
  const instructeurA2 = await user(app, `instructeur.a2-${n}@exemple.fr`, ['instructeur']);
  const instructeurB = await user(app, `instructeur.b${n}@exemple.fr`, ['instructeur']);
  const usager = await user(app, `usager${n}@exemple.fr`);
  const p = await app.db
    .insertInto('procedures')
    .values({
      title: `Démarche de test ${n}`,
      state: 'publiee',
      published_at: app.clock.now(),
      declarative: opts.declarative ?? null,
      attestation_template: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rev = await app.db
    .insertInto('procedure_revisions')
    .values({
      procedure_id: p.id,
      fields: JSON.stringify(FIELDS),
      annotations: JSON.stringify(opts.annotations ?? ANNOTATIONS),
      published_at: app.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db.updateTable('procedures').set({ published_revision_id: rev.id }).where('id', '=', p.id).execute();
  await app.db.insertInto('procedure_administrateurs').values({ procedure_id: p.id, user_id: admin.id }).execute();
  const gA = await app.db
    .insertInto('groupes_instructeurs')
    .values({ procedure_id: p.id, label: 'Groupe A', is_default: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  const gB = await app.db
    .insertInto('groupes_instructeurs')
    .values({ procedure_id: p.id, label: 'Groupe B' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db
    .insertInto('groupe_members')
    .values([
      { groupe_id: gA.id, user_id: instructeurA.id },
      { groupe_id: gA.id, user_id: instructeurA2.id },
      { groupe_id: gB.id, user_id: instructeurB.id },
    ])
    .execute();
  await app.db
    .insertInto('instructeur_procedures')
    .values(
      [instructeurA, instructeurA2, instructeurB].map((i, k) => ({ user_id: i.id, procedure_id: p.id, position: k })),
    )
    .execute();
  return {
    procedureId: p.id,
    revisionId: rev.id,
    groupA: gA.id,
    groupB: gB.id,
    admin,
    instructeurA,
    instructeurA2,
    instructeurB,
    usager,
  };
}

/** A dossier in the given state, with consistent timestamps (the clock's now for all of them). */
export async function dossier(
  app: Services,
  f: Fixture,
  opts: { state?: DossierStateColumn; groupe?: string; champs?: Record<string, unknown> } = {},
) {
  const now = app.clock.now();
  const state = opts.state ?? 'en_construction';
  const submitted = state !== 'brouillon';
  const champs = Object.fromEntries(
    Object.entries(opts.champs ?? { c2: 'Jardin partagé', c3: 1200 }).map(([k, v]) => [
      k,
      { value: v, updatedAt: now.toISOString() },
    ]),
  );
  const d = await app.db
    .insertInto('dossiers')
    .values({
      procedure_id: f.procedureId,
      revision_id: f.revisionId,
      groupe_id: opts.groupe ?? f.groupA,
      user_id: f.usager.id,
      user_email: f.usager.email,
      state,
      civilite: 'Mme',
      nom: 'Martin',
      prenom: 'Léa',
      champs: JSON.stringify(champs),
      annotations: '{}',
      depose_at: submitted ? now : null,
      en_construction_at: submitted ? now : null,
      en_instruction_at: ['en_instruction', 'accepte', 'refuse', 'sans_suite'].includes(state) ? now : null,
      processed_at: ['accepte', 'refuse', 'sans_suite'].includes(state) ? now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return d.id;
}
