// E-mail delivery: every message is kept in outbox_emails (the development inbox when no SMTP is
// configured) and, with SMTP_URL, sent through nodemailer. Called only from jobs.
import nodemailer from 'nodemailer';
import type { Db } from '../db/index.ts';
import type { Storage } from '../storage/index.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: { filename: string; contentType: string; content?: string /* utf8 */; fileKey?: string }[];
  /** written once: a second delivery with the same key (a job run again after a crash) is skipped */
  dedupeKey?: string;
}

export interface Mailer {
  deliver(db: Db, mail: OutgoingMail): Promise<void>;
}

export function createMailer(opts: { smtpUrl?: string; from: string; storage: Storage }): Mailer {
  const transport = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  return {
    async deliver(db, mail) {
      const row = await db
        .insertInto('outbox_emails')
        .values({
          to_email: mail.to,
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          attachments: JSON.stringify(
            (mail.attachments ?? []).map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              fileId: a.fileKey,
              content: a.content,
            })),
          ),
          dedupe_key: mail.dedupeKey ?? null,
        })
        .onConflict((oc) => oc.column('dedupe_key').where('dedupe_key', 'is not', null).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row || !transport) return;
      const attachments = await Promise.all(
        (mail.attachments ?? []).map(async (a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.fileKey ? await opts.storage.get(a.fileKey) : Buffer.from(a.content ?? '', 'utf8'),
        })),
      );
      await transport.sendMail({
        from: opts.from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        attachments,
      });
      await db.updateTable('outbox_emails').set({ sent_at: new Date() }).where('id', '=', row.id).execute();
    },
  };
}
