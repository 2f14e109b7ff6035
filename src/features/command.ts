// THE write path. Every use case is one command run by this helper, in one transaction:
// validate input (zod) → authorise (domain permissions) → load → decide (domain) → persist →
// append the dossier event → enqueue side-effect jobs. A rollback sends nothing; a commit loses nothing.
import type { z } from 'zod';
import type { Services } from '../platform/services.ts';
import type { Trx } from '../platform/db/index.ts';
import { DomainError } from '../domain/errors.ts';
import type { Access } from '../domain/permissions.ts';
import { enqueueIn, type EnqueueOptions } from '../platform/queue.ts';
import { loadAccess } from '../queries/access.ts';

export interface Actor {
  /** null for the system (schedules, automatic transitions) */
  userId: string | null;
  email: string;
}
export const SYSTEM_ACTOR: Actor = { userId: null, email: 'systeme' };

export interface CommandContext {
  app: Services;
  trx: Trx;
  now: Date;
  actor: Actor;
  /** the actor's rights, loaded once per command */
  access(): Promise<Access>;
  /** append to the dossier's event log (same transaction) */
  recordEvent(dossierId: string, type: string, data?: Record<string, unknown>): Promise<void>;
  /** enqueue a job in the same transaction */
  enqueue(job: string, data: object, opts?: EnqueueOptions): Promise<void>;
}

export type Command<I, R> = ((app: Services, actor: Actor, input: I) => Promise<R>) & { commandName: string };

/** Turn zod issues into a French DomainError keyed by field path. */
export function invalidInput(error: z.ZodError): DomainError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  const first = Object.values(fields)[0];
  return new DomainError('invalid_input', first ?? 'Le formulaire contient des erreurs.', fields);
}

export function defineCommand<S extends z.ZodTypeAny, R>(spec: {
  name: string;
  input: S;
  run: (ctx: CommandContext, input: z.output<S>) => Promise<R>;
}): Command<z.input<S>, R> {
  const fn = async (app: Services, actor: Actor, raw: z.input<S>): Promise<R> => {
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) throw invalidInput(parsed.error);
    const now = app.clock.now();
    return app.db.transaction().execute(async (trx) => {
      let access: Promise<Access> | undefined;
      const ctx: CommandContext = {
        app,
        trx,
        now,
        actor,
        access: () => (access ??= actor.userId ? loadAccess(trx, actor.userId) : Promise.resolve(systemAccess())),
        async recordEvent(dossierId, type, data = {}) {
          await trx
            .insertInto('dossier_events')
            .values({
              dossier_id: dossierId,
              type,
              actor_id: actor.userId,
              actor_email: actor.email,
              data: JSON.stringify(data),
              created_at: now,
            })
            .execute();
        },
        async enqueue(job, data, opts) {
          await enqueueIn(app.boss, trx, job, data, opts);
        },
      };
      return spec.run(ctx, parsed.data);
    });
  };
  return Object.assign(fn, { commandName: spec.name });
}

function systemAccess(): Access {
  return { userId: '0', instructorGroupIds: [], adminProcedureIds: [], expertAvisDossierIds: [] };
}
