// A procedure with many dossiers en instruction, all followed by one instructor, for the bulk
// benchmark and the crash test (docs/domain.md §8): one procedure with an activated attestation
// template, one group, one instructor, one usager, and `n` dossiers written by one INSERT … SELECT
// (the triggers keep the work-list columns and counts as for any write).
import { sql } from 'kysely';
import type { Services } from '../../src/platform/services.ts';

export interface BulkSeed {
  procedureId: string;
  instructeur: { userId: string; email: string };
  usagerEmail: string;
}

const ATTESTATION = {
  title: "Attestation d'acceptation",
  body: 'Le dossier nº --numéro du dossier-- a été accepté le --date de décision--.\n\n--motivation--',
  footer: 'Service instructeur — 1 rue de la Paix',
  activated: true,
};

export async function seedBulkProcedure(app: Services, n: number, tag = 'bulk'): Promise<BulkSeed> {
  const now = app.clock.now();
  const db = app.db;
  const user = async (email: string) =>
    (await db.insertInto('users').values({ email, password_hash: null }).returning('id').executeTakeFirstOrThrow()).id;
  const instructeurEmail = `instructeur.${tag}@exemple.fr`;
  const usagerEmail = `usager.${tag}@exemple.fr`;
  const instructeurId = await user(instructeurEmail);
  await db.insertInto('instructeurs').values({ user_id: instructeurId }).execute();
  const usagerId = await user(usagerEmail);
  const p = await db
    .insertInto('procedures')
    .values({
      title: `Démarche en masse ${tag}`,
      state: 'publiee',
      published_at: now,
      declarative: null,
      service_name: 'Service instructeur',
      attestation_template: JSON.stringify(ATTESTATION),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rev = await db
    .insertInto('procedure_revisions')
    .values({
      procedure_id: p.id,
      fields: JSON.stringify([
        { stableId: 'c1', type: 'text', label: 'Nom du projet', mandatory: true, private: false },
      ]),
      annotations: '[]',
      published_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('procedures').set({ published_revision_id: rev.id }).where('id', '=', p.id).execute();
  const g = await db
    .insertInto('groupes_instructeurs')
    .values({ procedure_id: p.id, label: 'Défaut', is_default: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('groupe_members').values({ groupe_id: g.id, user_id: instructeurId }).execute();
  await db
    .insertInto('instructeur_procedures')
    .values({ user_id: instructeurId, procedure_id: p.id, position: 0 })
    .execute();
  await insertFollowedDossiers(app, {
    procedureId: p.id,
    revisionId: rev.id,
    groupeId: g.id,
    usagerId,
    usagerEmail,
    instructeurId,
    n,
  });
  return { procedureId: p.id, instructeur: { userId: instructeurId, email: instructeurEmail }, usagerEmail };
}

/** `n` dossiers en instruction (or `state`) of a group, followed by an instructor; their ids. */
export async function insertFollowedDossiers(
  app: Services,
  o: {
    procedureId: string;
    revisionId: string;
    groupeId: string;
    usagerId: string;
    usagerEmail: string;
    instructeurId: string;
    n: number;
    state?: 'en_construction' | 'en_instruction';
  },
): Promise<string[]> {
  const now = app.clock.now();
  const state = o.state ?? 'en_instruction';
  const r = await sql<{ id: string }>`
    INSERT INTO dossiers (procedure_id, revision_id, groupe_id, user_id, user_email, state, civilite, nom, prenom,
                          champs, annotations, depose_at, en_construction_at, en_instruction_at, created_at, updated_at)
    SELECT ${o.procedureId}, ${o.revisionId}, ${o.groupeId}, ${o.usagerId}, ${o.usagerEmail}, ${state}, 'Mme', 'Martin', 'Léa',
           jsonb_build_object('c1', jsonb_build_object('value', 'Projet ' || i)), '{}', ${now}, ${now},
           ${state === 'en_instruction' ? now : null}::timestamptz, ${now}, ${now}
    FROM generate_series(1, ${o.n}) AS i
    RETURNING id::text AS id`.execute(app.db);
  const ids = r.rows.map((x) => x.id);
  await sql`
    INSERT INTO follows (dossier_id, user_id, created_at, demande_seen_at, annotations_seen_at, avis_seen_at, messagerie_seen_at)
    SELECT x.id, ${o.instructeurId}, ${now}, ${now}, ${now}, ${now}, ${now} FROM unnest(${ids}::bigint[]) AS x(id)`.execute(
    app.db,
  );
  return ids;
}
