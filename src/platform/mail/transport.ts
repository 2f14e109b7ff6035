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
  /** Many e-mails kept in one statement, then sent one by one (a batch of e-mail jobs). */
  deliverMany?(db: Db, mails: OutgoingMail[]): Promise<void>;
}

export function createMailer(opts: { smtpUrl?: string; from: string; storage: Storage }): Mailer {
  const transport = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  const row = (mail: OutgoingMail) => ({
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
  });
  const send = async (db: Db, id: string, mail: OutgoingMail) => {
    if (!transport) return;
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
    await db.updateTable('outbox_emails').set({ sent_at: new Date() }).where('id', '=', id).execute();
  };
  return {
    async deliver(db, mail) {
      const r = await db
        .insertInto('outbox_emails')
        .values(row(mail))
        .onConflict((oc) => oc.column('dedupe_key').where('dedupe_key', 'is not', null).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (r) await send(db, r.id, mail);
    },
    async deliverMany(db, mails) {
      // without a key, one by one; with one, a key already written (a batch run again after a
      // crash) is skipped and the others are kept in one statement
      for (const mail of mails) if (!mail.dedupeKey) await this.deliver(db, mail);
      const keyed = mails.filter((m) => m.dedupeKey);
      if (keyed.length === 0) return;
      const rows = await db
        .insertInto('outbox_emails')
        .values(keyed.map(row))
        .onConflict((oc) => oc.column('dedupe_key').where('dedupe_key', 'is not', null).doNothing())
        .returning(['id', 'dedupe_key'])
        .execute();
      const ids = new Map(rows.map((r) => [r.dedupe_key, r.id]));
      for (const mail of keyed) {
        const id = ids.get(mail.dedupeKey!);
        if (id) await send(db, id, mail);
      }
    },
  };
}
