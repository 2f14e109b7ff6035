// The declarative step again (docs/domain.md §2.6): a dossier of a declarative procedure whose
// automatic acceptance or passage en instruction was refused at deposit (a mandatory private
// annotation empty, a blocking pending correction) stays en construction; a periodic job tries the
// step again, one dossier per transaction, and it goes through once its blocker is gone. The
// machine's guards decide (declarative_triggered_at not set, still en construction…): a dossier
// still blocked, or handled meanwhile by another worker, is left as it is.
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import type { Services } from '../../platform/services.ts';
import { blockedDeclarativeDossiers } from '../../queries/declarative.ts';
import { defineCommand, SYSTEM_ACTOR } from '../command.ts';
import { applyTransition } from './transition.ts';

export const retryDeclarative = defineCommand({
  name: 'retry-declarative',
  input: z.object({ dossierId: z.coerce.string() }),
  authorize: 'system',
  async run(ctx, { dossierId }) {
    const p = await ctx.trx
      .selectFrom('dossiers')
      .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
      .select('procedures.declarative')
      .where('dossiers.id', '=', dossierId)
      .executeTakeFirst();
    if (!p?.declarative) return { applied: false };
    const action = p.declarative === 'accepte' ? 'accepter_automatiquement' : 'passer_en_instruction_automatiquement';
    try {
      await applyTransition(ctx, { dossierId, action, actorKind: 'system' });
      return { applied: true };
    } catch (e) {
      if (e instanceof DomainError && e.code === 'invalid_transition') return { applied: false };
      throw e;
    }
  },
});

const PAGE = 200;

/** Every blocked dossier once; returns the ids whose step went through. */
export async function runDeclarativeRetries(app: Services): Promise<string[]> {
  const applied: string[] = [];
  let afterId = '0';
  for (;;) {
    const ids = await blockedDeclarativeDossiers(app.db, afterId, PAGE);
    for (const id of ids) if ((await retryDeclarative(app, SYSTEM_ACTOR, { dossierId: id })).applied) applied.push(id);
    if (ids.length < PAGE) return applied;
    afterId = ids[ids.length - 1];
  }
}
