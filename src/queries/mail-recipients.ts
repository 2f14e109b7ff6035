// Who receives which e-mail, and what the e-mail needs to say: the reads of the notification jobs
// (src/jobs/notify-*.ts), each returning null / nothing when the dossier or message is gone.
// Instructors' e-mail preferences live in instructeur_procedures.email_prefs (docs/domain.md §14).
import { sql } from 'kysely';
import type { Executor } from '../platform/db/index.ts';
import { groupeContactOf } from './groupe-contact.ts';

function stateMailRows(ex: Executor) {
  return ex
    .selectFrom('dossiers')
    .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
    .select([
      'dossiers.id',
      'dossiers.user_email',
      'dossiers.motivation',
      'dossiers.state',
      'dossiers.pending_correction',
      'dossiers.is_test',
      'procedures.title',
      'procedures.mail_templates',
      groupeContactOf(sql.ref('dossiers.groupe_id')).as('contact'),
    ]);
}

/** The same for many dossiers in one statement (a batch of e-mail jobs); purged ones are absent. */
export async function stateMailDossiers(ex: Executor, dossierIds: string[]) {
  if (dossierIds.length === 0) return [];
  return stateMailRows(ex).where('dossiers.id', 'in', dossierIds).execute();
}

/** The stored files of many attestations, by file id, to attach them. */
export async function attachedFiles(ex: Executor, fileIds: string[]) {
  if (fileIds.length === 0) return [];
  return ex.selectFrom('files').select(['id', 'storage_key', 'name']).where('id', 'in', fileIds).execute();
}

/** The usager's state e-mail: the dossier and its procedure's templates; null when the dossier was
 *  purged, or when the message it announces (a correction) was deleted meanwhile. */
export async function stateMailDossier(ex: Executor, dossierId: string, messageId?: string) {
  const d = await stateMailRows(ex).where('dossiers.id', '=', dossierId).executeTakeFirst();
  if (!d) return null;
  if (messageId) {
    const m = await ex.selectFrom('messages').select('discarded_at').where('id', '=', messageId).executeTakeFirst();
    if (!m || m.discarded_at) return null;
  }
  return d;
}

/** The stored file of an attestation, to attach it. */
export async function attachedFile(ex: Executor, fileId: string) {
  return ex.selectFrom('files').select(['storage_key', 'name']).where('id', '=', fileId).executeTakeFirst();
}

/** « Nouveau dossier déposé »: the dossier and the e-mails of its group's instructors who asked for it
 *  (instant_email_new_dossier). */
export async function newDossierRecipients(ex: Executor, dossierId: string) {
  const d = await ex
    .selectFrom('dossiers')
    .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
    .select([
      'dossiers.id',
      'dossiers.groupe_id',
      'dossiers.procedure_id',
      'dossiers.is_test',
      'procedures.title',
      'procedures.declarative',
    ])
    .where('dossiers.id', '=', dossierId)
    .executeTakeFirst();
  if (!d) return null;
  // no deposit e-mail on a declarative procedure (docs/domain.md §4.6)
  if (d.declarative !== null) return { dossier: d, emails: [] };
  const recipients = await ex
    .selectFrom('groupe_members')
    .innerJoin('users', 'users.id', 'groupe_members.user_id')
    .innerJoin('instructeur_procedures', (j) =>
      j
        .onRef('instructeur_procedures.user_id', '=', 'groupe_members.user_id')
        .on('instructeur_procedures.procedure_id', '=', d.procedure_id),
    )
    .select('users.email')
    .where('groupe_members.groupe_id', '=', d.groupe_id)
    .where(sql<boolean>`(instructeur_procedures.email_prefs->>'instant_email_new_dossier')::boolean IS TRUE`)
    .execute();
  return { dossier: d, emails: recipients.map((r) => r.email) };
}

/** A new message: the message with its dossier; null when purged or deleted meanwhile. */
export async function newMessage(ex: Executor, messageId: string) {
  const m = await ex
    .selectFrom('messages')
    .innerJoin('dossiers', 'dossiers.id', 'messages.dossier_id')
    .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
    .select([
      'messages.id',
      'messages.author_kind',
      'messages.discarded_at',
      'dossiers.id as dossier_id',
      'dossiers.user_email',
      'dossiers.procedure_id',
      'procedures.title',
    ])
    .where('messages.id', '=', messageId)
    .executeTakeFirst();
  return m && !m.discarded_at ? m : null;
}

/** The e-mails of the dossier's following instructors who asked to hear of the usager's messages
 *  (instant_email_new_message). */
export async function newMessageFollowers(ex: Executor, dossierId: string, procedureId: string): Promise<string[]> {
  const followers = await ex
    .selectFrom('follows')
    .innerJoin('users', 'users.id', 'follows.user_id')
    .innerJoin('instructeur_procedures', (j) =>
      j
        .onRef('instructeur_procedures.user_id', '=', 'follows.user_id')
        .on('instructeur_procedures.procedure_id', '=', procedureId),
    )
    .select('users.email')
    .where('follows.dossier_id', '=', dossierId)
    .where('follows.unfollowed_at', 'is', null)
    .where(sql<boolean>`(instructeur_procedures.email_prefs->>'instant_email_new_message')::boolean IS TRUE`)
    .execute();
  return followers.map((f) => f.email);
}

/** The dossiers of a retention e-mail batch, with what the e-mail shows. */
export async function retentionDossiers(ex: Executor, dossierIds: string[]) {
  if (!dossierIds.length) return [];
  return ex
    .selectFrom('dossiers')
    .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
    .select([
      'dossiers.id',
      'dossiers.user_email',
      'dossiers.state',
      'dossiers.expires_at',
      'dossiers.expiry_notice_sent_at',
      'dossiers.hidden_by_expired_at',
      'procedures.title',
    ])
    .where('dossiers.id', 'in', dossierIds)
    .orderBy('dossiers.id')
    .execute();
}

/** The following instructors of these dossiers who have not turned the retention e-mail off
 *  (`pref`, true by default), one row per (e-mail, dossier), ordered by e-mail. */
export async function retentionFollowers(
  ex: Executor,
  dossierIds: string[],
  pref: 'instant_email_dossier_expiration' | 'instant_email_dossier_expired',
) {
  if (!dossierIds.length) return [];
  return ex
    .selectFrom('follows')
    .innerJoin('users', 'users.id', 'follows.user_id')
    .innerJoin('dossiers', 'dossiers.id', 'follows.dossier_id')
    .leftJoin('instructeur_procedures', (j) =>
      j
        .onRef('instructeur_procedures.user_id', '=', 'follows.user_id')
        .onRef('instructeur_procedures.procedure_id', '=', 'dossiers.procedure_id'),
    )
    .select(['users.email', 'follows.dossier_id'])
    .where('follows.dossier_id', 'in', dossierIds)
    .where('follows.unfollowed_at', 'is', null)
    .where(sql<boolean>`coalesce((instructeur_procedures.email_prefs->>${pref})::boolean, true)`)
    .orderBy('users.email')
    .orderBy('follows.dossier_id')
    .execute();
}

/** One instructor told about one dossier (« Envoyer à un instructeur », réaffectation): the dossier
 *  (with its corbeille marks) and his e-mail; null when either is gone. */
export async function instructorAboutDossier(ex: Executor, dossierId: string, userId: string) {
  const [d, u] = await Promise.all([
    ex
      .selectFrom('dossiers')
      .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
      .select([
        'dossiers.id',
        'dossiers.procedure_id',
        'dossiers.hidden_by_administration_at',
        'dossiers.hidden_by_expired_at',
        'dossiers.hidden_by_user_at',
        'procedures.title',
      ])
      .where('dossiers.id', '=', dossierId)
      .executeTakeFirst(),
    ex.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst(),
  ]);
  return d && u ? { dossier: d, email: u.email } : null;
}

/** The usager's rendez-vous e-mail: the dossier, its usager and the procedure's service. */
export async function rendezVousMailDossier(ex: Executor, dossierId: string) {
  return ex
    .selectFrom('dossiers')
    .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
    .select([
      'dossiers.id',
      'dossiers.user_email',
      'dossiers.prenom',
      'dossiers.nom',
      'procedures.title',
      'procedures.service_name',
      'procedures.contact_email',
    ])
    .where('dossiers.id', '=', dossierId)
    .executeTakeFirst();
}
