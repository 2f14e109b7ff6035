// Retention, step 1 (docs/domain.md §5): dossiers whose expiry falls within two weeks and that were not
// warned yet get the warning: `expiry_notice_sent_at` = now, `expires_at` recomputed (notice + 14
// days), « Expire bientôt » badges for their group, and the e-mails (usager, followers' digest).
// One batch per call, in one transaction, rows taken in id order after `afterId` and locked with
// SKIP LOCKED (several workers may run it). Idempotent: a warned dossier is never selected again.
import { sql } from 'kysely';
import { z } from 'zod';
import { RETENTION_BATCH_SIZE } from '../../domain/deletion.ts';
import type { DossierState } from '../../domain/dossier-state.ts';
import { computeExpiresAt, isExpirableState, shouldWarn, WARNING_DAYS, addDaysUTC } from '../../domain/retention.ts';
import { defineCommand } from '../command.ts';
import { createNotifications } from '../notifications/notify.ts';
import { notifyRetentionJob } from '../../jobs/notify-retention.ts';

export const batchInput = z.object({
  afterId: z
    .string()
    .regex(/^[0-9]{1,18}$/)
    .default('0'),
  limit: z.number().int().min(1).max(1000).default(RETENTION_BATCH_SIZE),
});

export interface BatchResult {
  /** rows read (the caller stops when fewer than `limit`) */
  read: number;
  /** last id read: the next batch starts after it */
  lastId: string | null;
  /** dossiers changed */
  ids: string[];
}

type Row = {
  id: string;
  state: DossierState;
  groupe_id: string;
  procedure_id: string;
  depose_at: Date | null;
  en_construction_at: Date | null;
  processed_at: Date | null;
  expires_at: Date | null;
  expiry_notice_sent_at: Date | null;
  hidden_by_expired_at: Date | null;
  hidden_by_user_at: Date | null;
  conservation_extension_months: number;
  retention_months: number;
  expires_when_termine: boolean;
};

export const warnExpiringDossiers = defineCommand({
  name: 'warn-expiring-dossiers',
  input: batchInput,
  authorize: 'system',
  async run(ctx, { afterId, limit }): Promise<BatchResult> {
    const { trx, now } = ctx;
    const horizon = addDaysUTC(now, WARNING_DAYS);
    // the SQL twin of the domain's shouldWarn (re-checked below, row by row)
    const r = await sql<Row>`
      SELECT d.id::text AS id, d.state, d.groupe_id::text AS groupe_id, d.procedure_id::text AS procedure_id, d.depose_at,
        d.en_construction_at, d.processed_at, d.expires_at, d.expiry_notice_sent_at, d.hidden_by_expired_at, d.hidden_by_user_at,
        d.conservation_extension_months, p.retention_months, p.expires_when_termine
      FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
      WHERE d.id > ${afterId}::bigint AND d.expires_at <= ${horizon} AND d.expiry_notice_sent_at IS NULL
        AND d.hidden_by_expired_at IS NULL AND d.hidden_by_user_at IS NULL AND d.state <> 'en_instruction'
      ORDER BY d.id
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED`.execute(trx);
    const ids: string[] = [];
    for (const row of r.rows) {
      if (!isExpirableState(row.state, { expires_when_termine: row.expires_when_termine })) {
        // a stale date (the procedure no longer expires treated dossiers): recompute it (null)
        const expires = computeExpiresAt({ ...row, expiry_notice_sent_at: null }, row);
        await trx.updateTable('dossiers').set({ expires_at: expires }).where('id', '=', row.id).execute();
        continue;
      }
      if (!shouldWarn(row, now)) continue;
      const expiresAt = computeExpiresAt({ ...row, expiry_notice_sent_at: now }, row)!;
      await trx
        .updateTable('dossiers')
        .set({ expiry_notice_sent_at: now, expires_at: expiresAt })
        .where('id', '=', row.id)
        .execute();
      await ctx.recordEvent(row.id, 'expiration_annoncee', { expires_at: expiresAt.toISOString() });
      if (row.state !== 'brouillon') {
        await createNotifications(
          trx,
          {
            id: row.id,
            groupe_id: row.groupe_id,
            procedure_id: row.procedure_id,
            depose_at: row.depose_at,
            expires_at: expiresAt,
          },
          'dossier_expirant',
          { now },
        );
      }
      ids.push(row.id);
    }
    if (ids.length) await ctx.enqueue(notifyRetentionJob, { event: 'expiring', dossierIds: ids });
    return { read: r.rows.length, lastId: r.rows.at(-1)?.id ?? null, ids };
  },
});
