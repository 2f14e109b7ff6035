// One usager's e-mail of a message to the brouillons (docs/domain.md §14): handed to the mail queue once —
// the recipient's row is marked in the same transaction, so a retried or duplicated job finds it done.
import { sql } from 'kysely';
import { z } from 'zod';
import { sendEmailJob } from '../../jobs/send-email.ts';
import { renderMail } from '../../platform/mail/layout.ts';
import { defineCommand } from '../command.ts';

export const sendBroadcastMail = defineCommand({
  name: 'send-broadcast-mail',
  input: z.object({ broadcastId: z.string().regex(/^[0-9]{1,18}$/), email: z.string() }),
  authorize: 'system',
  async run({ trx, now, app, enqueue }, { broadcastId, email }) {
    const r = await trx
      .selectFrom('brouillon_broadcast_recipients')
      .innerJoin('brouillon_broadcasts', 'brouillon_broadcasts.id', 'brouillon_broadcast_recipients.broadcast_id')
      .innerJoin('procedures', 'procedures.id', 'brouillon_broadcasts.procedure_id')
      .select([
        'brouillon_broadcast_recipients.sent_at',
        'brouillon_broadcast_recipients.dossier_ids',
        'brouillon_broadcasts.subject',
        'brouillon_broadcasts.body',
        'brouillon_broadcasts.file_name',
        'procedures.title',
        // the attachment's row on the recipient's first brouillon (each brouillon's message has its own)
        sql<string | null>`(SELECT f.id FROM files f
          WHERE f.dossier_id = brouillon_broadcast_recipients.dossier_ids[1] AND f.origin = 'message'
            AND f.storage_key = brouillon_broadcasts.file_storage_key LIMIT 1)`.as('file_id'),
      ])
      .where('brouillon_broadcast_recipients.broadcast_id', '=', broadcastId)
      .where('brouillon_broadcast_recipients.email', '=', email)
      .forUpdate()
      .executeTakeFirst();
    if (!r || r.sent_at) return { sent: false };
    const ids = r.dossier_ids as unknown as string[];
    const mail = renderMail({
      subject: `${r.subject} (${r.title})`,
      paragraphs: [
        `Message de l'administration à propos de votre dossier en brouillon sur la démarche « ${r.title} » :`,
        r.body,
        ...(r.file_name
          ? [
              `Une pièce jointe accompagne ce message : « ${r.file_name} ». Vous la retrouvez dans la messagerie de votre dossier${
                r.file_id
                  ? `, ou en la téléchargeant ici après connexion : ${app.config.appUrl}/fichiers/${r.file_id}`
                  : ''
              }.`,
            ]
          : []),
      ],
      link: {
        label: ids.length > 1 ? 'Voir mes dossiers' : 'Voir mon dossier',
        url: ids.length > 1 ? `${app.config.appUrl}/dossiers` : `${app.config.appUrl}/dossiers/${ids[0]}`,
      },
    });
    await enqueue(sendEmailJob, { to: email, ...mail });
    await trx
      .updateTable('brouillon_broadcast_recipients')
      .set({ sent_at: now })
      .where('broadcast_id', '=', broadcastId)
      .where('email', '=', email)
      .execute();
    return { sent: true };
  },
});
