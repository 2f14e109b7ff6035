// After an instructor saved a sort or a filter: ask for the list indexes it needs. The DDL runs in
// the build-list-indexes job (CREATE INDEX CONCURRENTLY, out of the request); the list works the same
// meanwhile, only slower. Enqueues nothing when every index is built or being built.
import { z } from 'zod';
import { indexSpecsForPresentation, missingIndexes, recordedIndexes } from '../../queries/column-indexes.ts';
import { buildListIndexesJob } from '../../jobs/build-list-indexes.ts';
import { signedIn } from '../authorize.ts';
import { defineCommand } from '../command.ts';
import { contextFor, procedureIdSchema } from '../presentations/store.ts';

export const requestListIndexes = defineCommand({
  name: 'request-list-indexes',
  input: z.object({ procedureId: procedureIdSchema }),
  authorize: signedIn,
  async run({ trx, actor, enqueue }, { procedureId }) {
    if (!actor.userId) return { missing: 0 };
    const ctx = await contextFor(trx, actor, procedureId);
    const specs = indexSpecsForPresentation(procedureId, ctx.presentation, ctx.columns);
    if (specs.length === 0) return { missing: 0 };
    // claims are dated by the database's now(), as in buildListIndexes: the real clock, not app.clock
    const missing = missingIndexes(specs, await recordedIndexes(trx, procedureId), Date.now());
    if (missing.length > 0) await enqueue(buildListIndexesJob, { procedureId, userId: actor.userId });
    return { missing: missing.length };
  },
});
