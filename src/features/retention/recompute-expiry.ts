// The procedure's retention was raised (docs/domain.md §5): its visible dossiers get the later expiry
// date the new duration gives (`expiryAfterRetentionRaise`), and a warning already sent is cleared with
// its « Expire bientôt » badges. One batch per transaction, keyset on the dossier id; dates never move
// earlier, so running it twice changes nothing more.
import { sql } from 'kysely';
import { z } from 'zod';
import type { DossierState } from '../../domain/dossier-state.ts';
import { expiryAfterRetentionRaise } from '../../domain/retention.ts';
import { defineCommand } from '../command.ts';
import { deleteNotifications } from '../notifications/notify.ts';
import type { BatchResult } from './warn-expiring.ts';

type Row = {
  id: string;
  state: DossierState;
  en_construction_at: Date | null;
  processed_at: Date | null;
  updated_at: Date;
  conservation_extension_months: number;
  expiry_notice_sent_at: Date | null;
  expires_at: Date | null;
};

export const recomputeProcedureExpiry = defineCommand({
  name: 'recompute-procedure-expiry',
  input: z.object({
    procedureId: z.string().regex(/^[0-9]{1,18}$/),
    afterId: z
      .string()
      .regex(/^[0-9]{1,18}$/)
      .default('0'),
    limit: z.number().int().min(1).max(5000).default(500),
  }),
  authorize: 'system',
  async run(ctx, { procedureId, afterId, limit }): Promise<BatchResult> {
    const { trx } = ctx;
    const p = await trx
      .selectFrom('procedures')
      .select(['retention_months', 'expires_when_termine'])
      .where('id', '=', procedureId)
      .executeTakeFirst();
    if (!p) return { read: 0, lastId: null, ids: [] };
    const rows = (
      await sql<Row>`
      SELECT d.id::text AS id, d.state, d.en_construction_at, d.processed_at, d.updated_at, d.conservation_extension_months,
        d.expiry_notice_sent_at, d.expires_at
      FROM dossiers d
      WHERE d.procedure_id = ${procedureId}::bigint AND d.id > ${afterId}::bigint
        AND d.hidden_by_expired_at IS NULL AND d.hidden_by_user_at IS NULL AND d.hidden_by_administration_at IS NULL
      ORDER BY d.id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`.execute(trx)
    ).rows;
    const ids: string[] = [];
    const warned: string[] = [];
    for (const d of rows) {
      const next = expiryAfterRetentionRaise(d, p, { brouillonReference: d.updated_at });
      if (!next) continue;
      await trx
        .updateTable('dossiers')
        .set({ expires_at: next, expiry_notice_sent_at: null })
        .where('id', '=', d.id)
        .execute();
      ids.push(d.id);
      if (d.expiry_notice_sent_at) warned.push(d.id);
    }
    for (const id of warned) await deleteNotifications(trx, id, ['dossier_expirant']);
    return { read: rows.length, lastId: rows.at(-1)?.id ?? null, ids };
  },
});
