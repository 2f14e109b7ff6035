// « Contacter les usagers avec un dossier brouillon » (docs/domain.md §14): one message to every owner of
// a brouillon of the procedure — a copy in each brouillon's messagerie, and one e-mail per usager (even
// with several brouillons), each a durable job settled once (send-broadcast-mail). An optional
// attachment, checked like the messagerie's (content, size, types), is stored once: each brouillon's
// message gets its own `files` row pointing at the same bytes, so the dossier's access rules apply.
import { z } from 'zod';
import { sql } from 'kysely';
import { invalidInput } from '../../domain/errors.ts';
import { sendBroadcastMailJob } from '../../jobs/send-broadcast-mail.ts';
import { defineCommand } from '../command.ts';
import { instructsProcedure } from '../authorize.ts';
import { checkUploads, newFileId, withStoredFiles } from '../files/store-file.ts';

export const contactBrouillons = defineCommand({
  name: 'contact-brouillons',
  input: z.object({
    procedureId: z.string().regex(/^[0-9]{1,18}$/),
    subject: z
      .string()
      .trim()
      .min(1, "Saisissez l'objet du message.")
      .max(200, "L'objet ne doit pas dépasser 200 caractères."),
    body: z
      .string()
      .trim()
      .min(1, 'Saisissez le message.')
      .max(20_000, 'Le message ne doit pas dépasser 20 000 caractères.'),
    file: z.object({ name: z.string(), bytes: z.instanceof(Buffer) }).optional(),
  }),
  authorize: instructsProcedure,
  async run({ trx, now, actor, enqueue, app }, { procedureId, subject, body, file }) {
    // checked before anything is written (French message next to the field)
    const [checked] = file ? await checkUploads({ app }, [file], { field: 'file', max: 1 }) : [];
    const owners = await sql<{ email: string; ids: string[] }>`
      SELECT lower(d.user_email) AS email, array_agg(d.id::text ORDER BY d.id) AS ids
      FROM dossiers d
      WHERE d.procedure_id = ${procedureId} AND d.state = 'brouillon' AND d.hidden_by_user_at IS NULL
        AND d.hidden_by_expired_at IS NULL
      GROUP BY lower(d.user_email) ORDER BY 1`.execute(trx);
    if (owners.rows.length === 0)
      throw invalidInput("Aucun usager n'a de dossier brouillon sur cette démarche : aucun message n'a été envoyé.");
    return withStoredFiles(app, async (stored) => {
      const b = await trx
        .insertInto('brouillon_broadcasts')
        .values({
          procedure_id: procedureId,
          author_id: actor.userId,
          author_email: actor.email,
          subject,
          body,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('brouillon_broadcast_recipients')
        .values(owners.rows.map((o) => ({ broadcast_id: b.id, email: o.email, dossier_ids: o.ids })))
        .execute();
      const dossierIds = owners.rows.flatMap((o) => o.ids);
      let storageKey: string | null = null;
      if (checked) {
        storageKey = `broadcasts/${b.id}/${newFileId()}`;
        await app.storage.put(storageKey, checked.bytes);
        stored.push({ id: '', name: checked.name, contentType: checked.contentType, size: checked.size, storageKey });
        await trx
          .updateTable('brouillon_broadcasts')
          .set({ file_name: checked.name, file_storage_key: storageKey })
          .where('id', '=', b.id)
          .execute();
      }
      const fileIds = new Map(dossierIds.map((id) => [id, newFileId()]));
      const messages = await trx
        .insertInto('messages')
        .values(
          dossierIds.map((dossier_id) => ({
            dossier_id,
            author_kind: 'instructeur',
            author_id: actor.userId,
            author_email: actor.email,
            body: `${subject}\n\n${body}`,
            created_at: now,
            ...(checked ? { file_ids: [fileIds.get(dossier_id)!] } : {}),
          })),
        )
        .returning(['id', 'dossier_id'])
        .execute();
      if (checked && storageKey)
        await trx
          .insertInto('files')
          .values(
            messages.map((m) => ({
              id: fileIds.get(String(m.dossier_id))!,
              dossier_id: m.dossier_id,
              origin: 'message' as const,
              origin_ref: String(m.id),
              name: checked.name,
              content_type: checked.contentType,
              size: checked.size,
              sha256: checked.sha256,
              storage_key: storageKey,
              uploaded_by: actor.userId,
              created_at: now,
            })),
          )
          .execute();
      for (const o of owners.rows) await enqueue(sendBroadcastMailJob, { broadcastId: b.id, email: o.email });
      return { broadcastId: b.id, recipients: owners.rows.length, dossiers: dossierIds.length };
    });
  },
});
