// THE write path. Every use case is one command run by this helper, in one transaction:
// validate input (zod) → authorise (the command's required `authorize`: 'system' or a check with the
// domain's permission functions) → load → decide (domain) → persist → append the dossier event
// (a declared type of domain/events.ts, payload checked by its schema) → enqueue side-effect jobs
// (by their definition, payload checked by the job's schema). A rollback sends nothing; a commit
// loses nothing.
import type { z } from 'zod';
import type { Services } from '../platform/services.ts';
import type { Trx } from '../platform/db/index.ts';
import { DomainError, forbidden } from '../domain/errors.ts';
import { parseEventPayload, type EventPayload, type EventType } from '../domain/events.ts';
import type { Access } from '../domain/permissions.ts';
import type { JobDef } from '../platform/job-definition.ts';
import { enqueueIn, type EnqueueOptions } from '../platform/queue.ts';
import { loadAccess } from '../queries/access.ts';

export interface Actor {
  /** null for the system (schedules, automatic transitions) */
  userId: string | null;
  email: string;
}
export const SYSTEM_ACTOR: Actor = { userId: null, email: 'systeme' };

/** The system actor (schedules, jobs, automatic transitions) — not an anonymous visitor. */
export function isSystemActor(actor: Actor): boolean {
  return actor.userId === null && actor.email === SYSTEM_ACTOR.email;
}

export interface CommandContext {
  app: Services;
  trx: Trx;
  now: Date;
  actor: Actor;
  /** the actor's rights, loaded once per command */
  access(): Promise<Access>;
  /** append to the dossier's event log (same transaction); the payload is checked by the type's schema */
  recordEvent<T extends EventType>(dossierId: string, type: T, data: EventPayload<T>): Promise<void>;
  /** enqueue a job in the same transaction; the payload is checked by the job's schema */
  enqueue<S extends z.ZodTypeAny>(job: JobDef<S>, data: z.input<S>, opts?: EnqueueOptions): Promise<void>;
  /** the bulk operation acting (docs/domain.md §8): only it may act on the dossiers it holds */
  bulkOperationId?: string;
}

/**
 * Who may run a command, checked before `run`: 'system' (schedules, jobs, automatic transitions:
 * only the SYSTEM actor) or a function that throws the domain's not_found / forbidden error,
 * deciding with the domain's permission functions over `ctx.access()`.
 */
export type Authorize<I> = 'system' | ((ctx: CommandContext, input: I) => Promise<void> | void);

/** How a command is run, beside its input. */
export interface RunOptions {
  /**
   * The one-time token of the form that asked for it (docs/architecture.md, « Forms that create
   * things »): the first run with a token claims it and stores its result; a later run with the same
   * token, by the same person, runs nothing and returns that result.
   */
  once?: string;
}

export type Command<I, R> = ((app: Services, actor: Actor, input: I, opts?: RunOptions) => Promise<R>) & {
  commandName: string;
};

export interface CommandDefinition {
  name: string;
  authorize: Authorize<any>;
}

/** Every command defined so far (each feature file registers its own when imported). */
export const COMMANDS = new Map<string, CommandDefinition>();

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
  authorize: Authorize<z.output<S>>;
  run: (ctx: CommandContext, input: z.output<S>) => Promise<R>;
}): Command<z.input<S>, R> {
  if (typeof spec.authorize !== 'function' && spec.authorize !== 'system')
    throw new Error(`la commande ${spec.name} ne déclare pas qui peut la lancer (authorize)`);
  COMMANDS.set(spec.name, { name: spec.name, authorize: spec.authorize });
  const fn = async (app: Services, actor: Actor, raw: z.input<S>, opts: RunOptions = {}): Promise<R> => {
    if (spec.authorize === 'system' && !isSystemActor(actor)) throw forbidden();
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) throw invalidInput(parsed.error);
    const now = app.clock.now();
    return retryOnConflict(() =>
      app.db.transaction().execute(async (trx) => {
        const ctx = commandContext(app, trx, actor, now);
        if (spec.authorize !== 'system') await spec.authorize(ctx, parsed.data);
        const once = opts.once && actor.userId ? { user_id: actor.userId, command: spec.name, token: opts.once } : null;
        if (once) {
          // a second run of the same form waits here for the first one's transaction, then replays it
          const claimed = await trx
            .insertInto('form_submissions')
            .values({ ...once, created_at: now })
            .onConflict((oc) => oc.doNothing())
            .returning('token')
            .executeTakeFirst();
          if (!claimed) {
            const first = await trx
              .selectFrom('form_submissions')
              .select('result')
              .where('user_id', '=', once.user_id)
              .where('command', '=', once.command)
              .where('token', '=', once.token)
              .executeTakeFirstOrThrow();
            return first.result as R;
          }
        }
        const result = await spec.run(ctx, parsed.data);
        if (once)
          await trx
            .updateTable('form_submissions')
            .set({ result: JSON.stringify(result ?? null) })
            .where('user_id', '=', once.user_id)
            .where('command', '=', once.command)
            .where('token', '=', once.token)
            .execute();
        return result;
      }),
    );
  };
  return Object.assign(fn, { commandName: spec.name });
}

/** PostgreSQL aborted the transaction to break a deadlock (40P01) or a serialization conflict (40001):
 *  nothing of it was written, so running it again is safe. Busy dossiers (several instructors saving,
 *  opening tabs and following at once) meet this under load; the user should never see it. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

export async function retryOnConflict<R>(attempt: () => Promise<R>): Promise<R> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (i >= ATTEMPTS || typeof code !== 'string' || !RETRYABLE.has(code)) throw e;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * i));
    }
  }
}

/**
 * The context a command's run receives, inside the transaction `trx`. Also used by a command that
 * acts for an instructor on many dossiers in one transaction (bulk operations, docs/domain.md §8),
 * each through the same code as the single action.
 */
export function commandContext(app: Services, trx: Trx, actor: Actor, now: Date): CommandContext {
  let access: Promise<Access> | undefined;
  return {
    app,
    trx,
    now,
    actor,
    access: () => (access ??= actor.userId ? loadAccess(trx, actor.userId) : Promise.resolve(systemAccess())),
    async recordEvent(dossierId, type, data) {
      const payload = parseEventPayload(type, data);
      await trx
        .insertInto('dossier_events')
        .values({
          dossier_id: dossierId,
          type,
          actor_id: actor.userId,
          actor_email: actor.email,
          data: JSON.stringify(payload),
          created_at: now,
        })
        .execute();
    },
    async enqueue(job, data, opts) {
      await enqueueIn(app.boss, trx, job, data, opts);
    },
  };
}

function systemAccess(): Access {
  return { userId: '0', instructorGroupIds: [], adminProcedureIds: [], expertAvisDossierIds: [] };
}
