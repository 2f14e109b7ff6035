// Dossiers per page: 25, 50 or 100.
import { z } from 'zod';
import { PAGE_SIZES, type PageSize } from '../../domain/presentation.ts';
import { defineCommand } from '../command.ts';
import { instructsProcedure } from '../authorize.ts';
import { contextFor, procedureIdSchema, savePresentation } from './store.ts';

export const setPageSize = defineCommand({
  name: 'set-page-size',
  input: z.object({
    procedureId: procedureIdSchema,
    pageSize: z.coerce
      .number()
      .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), 'Choisissez 25, 50 ou 100 dossiers par page.'),
  }),
  authorize: instructsProcedure,
  async run({ trx, actor, now }, { procedureId, pageSize }) {
    const ctx = await contextFor(trx, actor, procedureId);
    await savePresentation(
      trx,
      actor.userId!,
      procedureId,
      { ...ctx.presentation, pageSize: pageSize as PageSize },
      now,
    );
    return { pageSize };
  },
});
