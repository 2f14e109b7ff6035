// Event payloads stored before their keys became English snake_case (docs/domain.md §2, « Journal
// du dossier »): rename the old French keys in place so that every stored event parses with the
// schemas of src/domain/events.ts. Idempotent: only rows that still carry an old key are touched.
import { type Kysely, sql } from 'kysely';

/** [event type, old key, new key] */
export const RENAMED_KEYS: readonly (readonly [string, string, string])[] = [
  ['suivi', 'instructeur', 'instructor_email'],
  ['plus_suivi', 'instructeur', 'instructor_email'],
  ['labels_modifies', 'ajoutes', 'added'],
  ['labels_modifies', 'retires', 'removed'],
  ['annotation_modifiee', 'champs', 'fields'],
  ['attestation_generee', 'fichier', 'file_id'],
  ['message_envoye', 'auteur', 'author'],
  ['message_envoye', 'fichiers', 'file_count'],
  ['message_envoye', 'attente_reponse', 'awaiting_reply'],
  ['message_supprime', 'correction_resolue', 'correction_resolved'],
  ['envoye_a_instructeur', 'instructeurs', 'instructor_emails'],
  ['envoye_a_instructeur', 'instructeur_ids', 'instructor_ids'],
];

async function rename(db: Kysely<any>, pairs: readonly (readonly [string, string, string])[]): Promise<void> {
  for (const [type, from, to] of pairs) {
    await sql`UPDATE dossier_events SET data = (data - ${from}::text) || jsonb_build_object(${to}::text, data -> ${from}::text)
      WHERE type = ${type} AND data ? ${from}::text`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await rename(db, RENAMED_KEYS);
}

export async function down(db: Kysely<any>): Promise<void> {
  await rename(
    db,
    RENAMED_KEYS.map(([type, from, to]) => [type, to, from] as const),
  );
}
