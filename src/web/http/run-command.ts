// Running a command from a route and turning its outcome into the page's answer. A command refuses
// with a DomainError (code, French message, per-field messages): a user error (bad input, an action
// the dossier's state does not allow, a stale page) is answered by the page itself — the form again
// with what was typed and the errors, or a flash message on the page to come back to; a missing or
// forbidden resource is left to the application's error page (404, 403), never a 500.
import type { Context } from 'hono';
import { DomainError, type DomainErrorCode } from '../../domain/errors.ts';
import type { Actor, Command } from '../../features/command.ts';
import type { Env } from '../context.ts';
import { redirectWithFlash } from '../flash.ts';
import { onceOf } from './once.ts';

type C = Context<Env>;
export type Answer = Response | Promise<Response>;

/** The signed-in user as the actor of a command. */
export function actorOf(c: C): Actor {
  const u = c.get('user')!;
  return { userId: u.id, email: u.email };
}

/** What a user can fix or retry; the other codes become the error page of their status. */
const USER_ERRORS: readonly DomainErrorCode[] = ['invalid_input', 'invalid_transition', 'conflict'];

export interface Outcomes<R> {
  /** The answer once the command succeeded (usually a flash and a redirect). */
  done: (result: R) => Answer;
  /** The page's own answer to a refusal (e.g. the form again, status 422); `undefined` falls back to `back`. */
  refused?: (e: DomainError) => Answer | Promise<Response | undefined> | undefined;
  /** Where a refusal comes back to, with the error's message as a flash. */
  back?: string;
  /** The error codes answered by the page (default: invalid_input, invalid_transition, conflict). */
  handles?: readonly DomainErrorCode[];
}

/**
 * Runs `command` as the signed-in user and answers with `outcomes`. A form carrying a one-time token
 * (OnceField) runs it once: sent again, the command returns the first result and `done` answers the same.
 */
export function runCommand<I, R>(c: C, command: Command<I, R>, input: I, outcomes: Outcomes<R>): Promise<Response> {
  return attempt(c, async () => command(c.get('app'), actorOf(c), input, { once: await onceOf(c) }), outcomes);
}

/** The same for a route that picks among commands (or checks its own input) before running one. */
export async function attempt<R>(c: C, run: () => Promise<R>, outcomes: Outcomes<R>): Promise<Response> {
  let result: R;
  try {
    result = await run();
  } catch (e) {
    if (!(e instanceof DomainError) || !(outcomes.handles ?? USER_ERRORS).includes(e.code)) throw e;
    return refuse(c, e, outcomes);
  }
  return outcomes.done(result);
}

/** The page's answer to a refusal (a command's, or the form's own: see parseForm). */
export async function refuse(c: C, e: DomainError, outcomes: Omit<Outcomes<never>, 'done'>): Promise<Response> {
  const own = await outcomes.refused?.(e);
  if (own) return own;
  if (outcomes.back !== undefined) return redirectWithFlash(c, outcomes.back, { kind: 'error', message: e.message });
  throw e;
}
