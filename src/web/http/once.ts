// One-time form tokens (docs/architecture.md, « Forms that create things »): a form that creates
// something (a message, a rendez-vous, a correction request…) carries `_once`, a random token made
// when the form is shown (OnceField); the command run for that form claims it, so the same form
// sent twice creates one thing and the second answer is the first one's (runCommand passes it).
import crypto from 'node:crypto';
import type { Context } from 'hono';
import type { Env } from '../context.ts';
import { form, str } from './form.ts';

export const ONCE_FIELD = '_once';
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

export function newOnceToken(): string {
  return crypto.randomBytes(18).toString('base64url');
}

/** The token of the posted form, when it carries a well-formed one. */
export async function onceOf(c: Context<Env>): Promise<string | undefined> {
  if (c.req.method !== 'POST') return undefined;
  const v = str(await form(c), ONCE_FIELD);
  return TOKEN.test(v) ? v : undefined;
}
