import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';
import { newMessageToInstructeur, newMessageToUsager } from '../platform/mail/templates/new-message.ts';
import { newMessage, newMessageFollowers } from '../queries/mail-recipients.ts';

/** A new message in the messagerie: the usager is told about the administration's messages (sent
 *  5 minutes later, skipped if the message was deleted meanwhile); the following instructors who
 *  asked for it (email_prefs.instant_email_new_message) about the usager's. */
export const notifyNewMessageJob = defineJob({
  name: 'notify-new-message',
  payload: z.object({ messageId: z.string() }),
  handler:
    async () =>
    async (app, { messageId }) => {
      const m = await newMessage(app.db, messageId);
      if (!m) return; // purged or deleted meanwhile
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
      for (const email of await newMessageFollowers(app.db, m.dossier_id, m.procedure_id)) {
        const mail = newMessageToInstructeur({
          dossierId: m.dossier_id,
          procedureTitle: m.title,
          dossierUrl: `${app.config.appUrl}/instructeur/dossiers/${m.dossier_id}/messagerie`,
        });
        await app.mailer.deliver(app.db, { to: email, ...mail });
      }
    },
});
