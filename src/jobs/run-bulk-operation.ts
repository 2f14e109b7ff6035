import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/** How long one run works before handing over to a fresh job (well under its expiry). */
const RUN_SECONDS = 30;

/**
 * Runs a bulk operation (docs/domain.md §8) batch after batch, then, past RUN_SECONDS, hands over to
 * a new job so that a worker killed midway is replaced within the job's expiry; a starting worker
 * also enqueues a run for every unfinished operation. Runs of the same operation wait for each
 * other (the operation's row is locked per batch), so a duplicate never acts twice.
 */
export const runBulkOperationJob = defineJob({
  name: 'run-bulk-operation',
  payload: z.object({ operationId: z.string() }),
  expireInSeconds: 120,
  handler: async () => {
    const { runBulkBatch } = await import('../features/bulk/run-bulk-batch.ts');
    const { SYSTEM_ACTOR } = await import('../features/command.ts');
    const { enqueueIn } = await import('../platform/queue.ts');
    return async (app, { operationId }) => {
      const started = Date.now();
      for (;;) {
        const r = await runBulkBatch(app, SYSTEM_ACTOR, { operationId });
        if (r.done) return;
        if (Date.now() - started > RUN_SECONDS * 1000) {
          await enqueueIn(app.boss, app.db, runBulkOperationJob, { operationId }, { retryLimit: 100 });
          return;
        }
      }
    };
  },
  onWorkerStart: async () => {
    const { unfinishedBulkOperations } = await import('../queries/bulk-operations.ts');
    const { enqueueIn } = await import('../platform/queue.ts');
    return async (app) => {
      for (const operationId of await unfinishedBulkOperations(app.db))
        await enqueueIn(app.boss, app.db, runBulkOperationJob, { operationId }, { retryLimit: 100 });
    };
  },
});
