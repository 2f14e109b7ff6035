// The daily retention runs: each step works through every candidate in batches (one transaction
// each, keyset pagination on the dossier id), so memory and lock time stay bounded whatever the
// number of dossiers, and a second worker running the same step skips the locked rows.
import type { Services } from '../../platform/services.ts';
import { RETENTION_BATCH_SIZE, RETENTION_MAX_BATCHES } from '../../domain/deletion.ts';
import { SYSTEM_ACTOR, type Command } from '../command.ts';
import { hideExpiredDossiers } from './hide-expired.ts';
import { purgeHiddenDossiers } from './purge-hidden.ts';
import { warnExpiringDossiers, type BatchResult } from './warn-expiring.ts';

export type RetentionStep = 'warn' | 'hide' | 'purge';

const STEPS: Record<RetentionStep, Command<{ afterId?: string; limit?: number }, BatchResult>> = {
  warn: warnExpiringDossiers,
  hide: hideExpiredDossiers,
  purge: purgeHiddenDossiers,
};

/** Runs one step over every candidate; returns the ids of the dossiers changed. */
export async function runRetentionStep(
  app: Services,
  step: RetentionStep,
  opts: { batchSize?: number } = {},
): Promise<string[]> {
  const limit = opts.batchSize ?? RETENTION_BATCH_SIZE;
  const changed: string[] = [];
  let afterId = '0';
  for (let i = 0; i < RETENTION_MAX_BATCHES; i++) {
    const r = await STEPS[step](app, SYSTEM_ACTOR, { afterId, limit });
    changed.push(...r.ids);
    if (r.read < limit || !r.lastId) break;
    afterId = r.lastId;
  }
  if (changed.length) app.logger.info({ step, count: changed.length }, 'conservation des dossiers');
  return changed;
}

/** The three steps, in the order of a day: purge what was hidden long ago, hide, then warn. */
export async function runRetention(app: Services): Promise<Record<RetentionStep, string[]>> {
  const purge = await runRetentionStep(app, 'purge');
  const hide = await runRetentionStep(app, 'hide');
  const warn = await runRetentionStep(app, 'warn');
  return { purge, hide, warn };
}
