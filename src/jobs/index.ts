// The job catalogue and the worker that runs it.
import type { Services } from '../platform/services.ts';
import { JOB_EXPIRE_SECONDS, type JobDef } from '../platform/job-definition.ts';
import { sendEmailJob } from './send-email.ts';
import { notifyUsagerJob } from './notify-usager.ts';
import { notifyNewDossierJob } from './notify-new-dossier.ts';
import { generateAttestationJob } from './generate-attestation.ts';
import { notifyNewMessageJob } from './notify-new-message.ts';
import { deleteStoredFilesJob } from './delete-stored-files.ts';
import { notifyDossierEnvoyeJob } from './notify-dossier-envoye.ts';
import { notifyGroupeChangeJob } from './notify-groupe-change.ts';
import { notifyRendezVousJob } from './notify-rendez-vous.ts';
import { notifyRetentionJob } from './notify-retention.ts';
import { retentionWarnJob } from './retention-warn.ts';
import { retentionHideJob } from './retention-hide.ts';
import { retentionPurgeJob } from './retention-purge.ts';
import { workListCountsCompactJob } from './work-list-counts-compact.ts';
import { buildListIndexesJob } from './build-list-indexes.ts';
import { notifyAvisGivenJob } from './notify-avis-given.ts';
import { closeExpiredProceduresJob } from './close-expired-procedures.ts';
import { recomputeExpiryJob } from './recompute-expiry.ts';
import { runBulkOperationJob } from './run-bulk-operation.ts';
import { recapDailyJob, recapWeeklyJob } from './recap-schedule.ts';
import { sendRecapJob } from './send-recap.ts';
import { sendBroadcastMailJob } from './send-broadcast-mail.ts';
import { formSubmissionsSweepJob } from './form-submissions-sweep.ts';
import { declarativeRetryJob } from './declarative-retry.ts';
import { generateExportJob } from './generate-export.ts';
import { purgeExportsJob } from './purge-exports.ts';
import { procedureDailyStatsCompactJob } from './procedure-daily-stats-compact.ts';

/** Every job. The order does not matter: a job never relies on another having run before it (the
 *  acceptance e-mail produces the attestation itself when its job has not run yet; the e-mails a
 *  retention step enqueues are picked up by the next round of drainJobs). */
export const JOBS: JobDef[] = [
  generateAttestationJob,
  sendEmailJob,
  notifyUsagerJob,
  notifyNewDossierJob,
  notifyNewMessageJob,
  deleteStoredFilesJob,
  retentionPurgeJob,
  retentionHideJob,
  retentionWarnJob,
  notifyDossierEnvoyeJob,
  notifyGroupeChangeJob,
  notifyRendezVousJob,
  notifyRetentionJob,
  workListCountsCompactJob,
  buildListIndexesJob,
  notifyAvisGivenJob,
  closeExpiredProceduresJob,
  runBulkOperationJob,
  recapDailyJob,
  recapWeeklyJob,
  sendRecapJob,
  sendBroadcastMailJob,
  formSubmissionsSweepJob,
  declarativeRetryJob,
  generateExportJob,
  purgeExportsJob,
  recomputeExpiryJob,
  procedureDailyStatsCompactJob,
];

export async function createQueues(app: Services): Promise<void> {
  for (const job of JOBS) {
    const options = { expireInSeconds: job.expireInSeconds ?? JOB_EXPIRE_SECONDS };
    await app.boss.createQueue(job.name, options);
    await app.boss.updateQueue(job.name, options); // queues created by an older version
  }
}

/** Start handling every job (and register schedules). Jobs validate their payload first. */
export async function startWorker(app: Services, opts: { pollingIntervalSeconds?: number } = {}): Promise<void> {
  for (const job of JOBS) {
    const handler = await job.handler();
    const batch = job.batchHandler ? await job.batchHandler() : null;
    await app.boss.work(
      job.name,
      {
        pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2,
        batchSize: job.workBatchSize ?? 1,
        burstWhenBatchFull: true,
      },
      async (jobs: any[]) => {
        if (batch)
          return batch(
            app,
            jobs.map((j) => ({ data: job.payload.parse(j.data), job: { id: String(j.id) } })),
          );
        for (const j of jobs) {
          const data = job.payload.parse(j.data);
          await handler(app, data, { id: String(j.id) });
        }
      },
    );
    if (job.cron) await app.boss.schedule(job.name, job.cron, {}, { tz: 'Europe/Paris' } as any);
  }
  for (const job of JOBS) if (job.onWorkerStart) await (await job.onWorkerStart())(app);
}

/** Run every queued job now, in rounds over every queue, until a round finds none (tests and the
 *  seed). `jobs`: the catalogue to go through, in any order (a test shuffles it). */
export async function drainJobs(
  app: Services,
  opts: { maxRounds?: number; jobs?: readonly JobDef[] } = {},
): Promise<number> {
  const { maxRounds = 20, jobs: catalogue = JOBS } = opts;
  let done = 0;
  for (let round = 0; round < maxRounds; round++) {
    let found = 0;
    for (const job of catalogue) {
      const handler = await job.handler();
      const jobs = (await app.boss.fetch(job.name, { batchSize: 50 } as any)) as any[] | null;
      if (job.batchHandler && jobs?.length) {
        found += jobs.length;
        const batch = await job.batchHandler();
        try {
          await batch(
            app,
            jobs.map((j) => ({ data: job.payload.parse(j.data), job: { id: String(j.id) } })),
          );
          await app.boss.complete(
            job.name,
            jobs.map((j) => j.id),
          );
        } catch (e) {
          await app.boss.fail(
            job.name,
            jobs.map((j) => j.id),
            { message: (e as Error).message },
          );
          throw e;
        }
        continue;
      }
      for (const j of jobs ?? []) {
        found++;
        try {
          await handler(app, job.payload.parse(j.data), { id: String(j.id) });
          await app.boss.complete(job.name, j.id);
        } catch (e) {
          await app.boss.fail(job.name, j.id, { message: (e as Error).message });
          throw e;
        }
      }
    }
    done += found;
    if (!found) break;
  }
  return done;
}
