// An export's file is stored: the export is ready, its author gets an e-mail (docs/domain.md §9);
// or it failed, and says so.
import { z } from 'zod';
import { exportExpiresAt, FORMAT_LABELS, sizeText, type ExportFormat } from '../../domain/exports.ts';
import { sendEmailJob } from '../../jobs/send-email.ts';
import { renderMail } from '../../platform/mail/layout.ts';
import { defineCommand } from '../command.ts';

const FR_DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'long',
  timeStyle: 'short',
});

export const finishExport = defineCommand({
  name: 'finish-export',
  input: z.object({
    exportId: z.string(),
    fileKey: z.string(),
    size: z.number().int().min(0),
    dossiers: z.number().int().min(0),
  }),
  authorize: 'system',
  async run({ trx, now, app, enqueue }, { exportId, fileKey, size, dossiers }) {
    const row = await trx
      .updateTable('exports')
      .set({
        state: 'generated',
        file_key: fileKey,
        size: String(size),
        done: dossiers,
        total: dossiers,
        generated_at: now,
      })
      .where('id', '=', exportId)
      .where('state', '=', 'pending')
      .returning(['user_id', 'procedure_id', 'format'])
      .executeTakeFirst();
    if (!row) return { stored: false };
    const who = await trx
      .selectFrom('users')
      .select([
        'email',
        (eb) => eb.selectFrom('procedures').select('title').where('id', '=', row.procedure_id).as('title'),
      ])
      .where('id', '=', row.user_id)
      .executeTakeFirst();
    if (who) {
      const mail = renderMail({
        subject: `Votre export des dossiers de « ${who.title ?? ''} » est prêt`,
        paragraphs: [
          `L'export que vous avez demandé (${FORMAT_LABELS[row.format as ExportFormat]}, ${dossiers} dossier${dossiers > 1 ? 's' : ''}, ${sizeText(size)}) est prêt.`,
          `Vous pouvez le télécharger depuis « Mes téléchargements » jusqu'au ${FR_DATE_TIME.format(exportExpiresAt(now))}.`,
        ],
        link: { label: 'Mes téléchargements', url: `${app.config.appUrl}/instructeur/telechargements` },
      });
      await enqueue(sendEmailJob, { to: who.email, ...mail });
    }
    return { stored: true };
  },
});

export const failExport = defineCommand({
  name: 'fail-export',
  input: z.object({ exportId: z.string(), error: z.string().max(500) }),
  authorize: 'system',
  async run({ trx }, { exportId, error }) {
    await trx
      .updateTable('exports')
      .set({ state: 'failed', error })
      .where('id', '=', exportId)
      .where('state', '=', 'pending')
      .execute();
  },
});
