import { z } from 'zod';
import { defineJob } from '../platform/job-definition.ts';

/** A procedure's retention was raised: its dossiers' expiry dates move later (docs/domain.md §5). */
export const recomputeExpiryJob = defineJob({
  // a sweep over a whole procedure: not taken for dead after the default minute
  expireInSeconds: 3600,
  name: 'recompute-expiry',
  payload: z.object({ procedureId: z.string().regex(/^[0-9]{1,18}$/) }),
  handler: async () => {
    const { recomputeProcedureExpiry } = await import('../features/retention/recompute-expiry.ts');
    const { SYSTEM_ACTOR } = await import('../features/command.ts');
    return async (app, { procedureId }) => {
      let afterId = '0';
      for (;;) {
        const r = await recomputeProcedureExpiry(app, SYSTEM_ACTOR, { procedureId, afterId });
        if (r.read < 500 || !r.lastId) break;
        afterId = r.lastId;
      }
    };
  },
});
