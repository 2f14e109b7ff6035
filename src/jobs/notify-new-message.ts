import { sql } from 'kysely';
import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';
import { newMessageToInstructeur, newMessageToUsager } from '../platform/mail/templates/new-message.ts';

/** A new message in the messagerie: the usager is told about the administration's messages (sent
 *  5 minutes later, skipped if the message was deleted meanwhile); the following instructors who
 *  asked for it (email_prefs.instant_email_new_message) about the usager's. */
export const notifyNewMessageJob = defineJob({
  name: 'notify-new-message',
  payload: z.object({ messageId: z.string() }),
  handler:
    async () =>
    async (app, { messageId }) => {
      const m = await app.db
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
      if (!m || m.discarded_at) return; // purged or deleted meanwhile
      if (m.author_kind === 'instructeur' || m.author_kind === 'expert') {
        const mail = newMessageToUsager({
          dossierId: m.dossier_id,
          procedureTitle: m.title,
          dossierUrl: `${app.config.appUrl}/dossiers/${m.dossier_id}/messagerie`,
        });
        await app.mailer.deliver(app.db, { to: m.user_email, ...mail });
        return;
      }
      if (m.author_kind !== 'usager') return;
      const followers = await app.db
        .selectFrom('follows')
        .innerJoin('users', 'users.id', 'follows.user_id')
        .innerJoin('instructeur_procedures', (j) =>
          j
            .onRef('instructeur_procedures.user_id', '=', 'follows.user_id')
            .on('instructeur_procedures.procedure_id', '=', m.procedure_id),
        )
        .select('users.email')
        .where('follows.dossier_id', '=', m.dossier_id)
        .where('follows.unfollowed_at', 'is', null)
        .where(sql<boolean>`(instructeur_procedures.email_prefs->>'instant_email_new_message')::boolean IS TRUE`)
        .execute();
      for (const f of followers) {
        const mail = newMessageToInstructeur({
          dossierId: m.dossier_id,
          procedureTitle: m.title,
          dossierUrl: `${app.config.appUrl}/instructeur/dossiers/${m.dossier_id}/messagerie`,
        });
        await app.mailer.deliver(app.db, { to: f.email, ...mail });
      }
    },
});
