import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/**
 * Builds the list indexes an instructor's saved presentation of a procedure needs (its sort and
 * filters), after the presentation changed: DDL, out of the web request. Idempotent: what is built
 * or being built is skipped.
 */
export const buildListIndexesJob = defineJob({
  // a long batch (index builds, daily sweeps): not taken for dead after the default minute
  expireInSeconds: 3600,
  name: 'build-list-indexes',
  payload: z.object({
    procedureId: z.string().regex(/^[0-9]{1,18}$/),
    userId: z.string(),
  }),
  handler: async () => {
    const { loadListContext } = await import('../queries/list-context.ts');
    const { indexSpecsForPresentation } = await import('../queries/column-indexes.ts');
    const { buildListIndexes } = await import('../features/work-list/build-list-indexes.ts');
    return async (app, { procedureId, userId }) => {
      const ctx = await loadListContext(app.db, userId, procedureId);
      await buildListIndexes(
        app,
        procedureId,
        indexSpecsForPresentation(procedureId, ctx.presentation, ctx.columns),
        ctx.columns,
      );
    };
  },
});
