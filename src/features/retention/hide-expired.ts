// Retention, step 2 (docs/domain.md §5): dossiers warned two weeks ago (or more) and not extended are
// hidden into the corbeille (`hidden_by_expired_at`): « Expire bientôt » badges are replaced by
// « Bientôt supprimé » for the group, the usager and the followers are told. A brouillon is not
// kept: it is destroyed at once (no tombstone: it was never filed). en_instruction never expires.
import { sql } from 'kysely';
import type { DossierState } from '../../domain/dossier-state.ts';
import { addDaysUTC, shouldHide, WARNING_DAYS } from '../../domain/retention.ts';
import { defineCommand } from '../command.ts';
import { createNotifications, deleteNotifications } from '../notifications/notify.ts';
import { batchInput, type BatchResult } from './warn-expiring.ts';
import { destroyDossiers } from './purge-hidden.ts';
import { notifyRetentionJob } from '../../jobs/notify-retention.ts';

type Row = {
  id: string;
  state: DossierState;
  groupe_id: string;
  procedure_id: string;
  depose_at: Date | null;
  expires_at: Date | null;
  expiry_notice_sent_at: Date | null;
  hidden_by_expired_at: Date | null;
  hidden_by_user_at: Date | null;
};

export const hideExpiredDossiers = defineCommand({
  name: 'hide-expired-dossiers',
  input: batchInput,
  authorize: 'system',
  async run(ctx, { afterId, limit }): Promise<BatchResult> {
    const { trx, now } = ctx;
    const limitDate = addDaysUTC(now, -WARNING_DAYS);
    // the SQL twin of the domain's shouldHide
    const r = await sql<Row>`
      SELECT d.id::text AS id, d.state, d.groupe_id::text AS groupe_id, d.procedure_id::text AS procedure_id, d.depose_at, d.expires_at,
        d.expiry_notice_sent_at, d.hidden_by_expired_at, d.hidden_by_user_at
      FROM dossiers d
      WHERE d.id > ${afterId}::bigint AND d.expiry_notice_sent_at <= ${limitDate} AND d.hidden_by_expired_at IS NULL
        AND d.hidden_by_user_at IS NULL AND d.state <> 'en_instruction'
      ORDER BY d.id
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED`.execute(trx);
    const hidden: string[] = [];
    const brouillons: string[] = [];
    for (const row of r.rows) {
      if (!shouldHide(row, now)) continue;
      if (row.state === 'brouillon') {
        brouillons.push(row.id);
        continue;
      }
      await trx.updateTable('dossiers').set({ hidden_by_expired_at: now }).where('id', '=', row.id).execute();
      await ctx.recordEvent(row.id, 'expire', { expires_at: row.expires_at?.toISOString() ?? null });
      await deleteNotifications(trx, row.id, ['dossier_expirant']);
      await createNotifications(
        trx,
        {
          id: row.id,
          groupe_id: row.groupe_id,
          procedure_id: row.procedure_id,
          depose_at: row.depose_at,
          expires_at: row.expires_at,
        },
        'dossier_suppression',
        { now },
      );
      hidden.push(row.id);
    }
    if (hidden.length) await ctx.enqueue(notifyRetentionJob, { event: 'expired', dossierIds: hidden });
    if (brouillons.length) await destroyDossiers(ctx, brouillons);
    return { read: r.rows.length, lastId: r.rows.at(-1)?.id ?? null, ids: [...hidden, ...brouillons] };
  },
});
