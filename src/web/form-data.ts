import type { Context } from 'hono';
import type { Env } from './context.ts';

export type FormValue = string | File | (string | File)[];
export type FormData = Record<string, FormValue>;

/** The request's form, parsed once (Hono caches the body), with repeated names as arrays. */
export async function form(c: Context<Env>): Promise<FormData> {
  return (await c.req.parseBody({ all: true })) as FormData;
}

export function str(f: FormData, name: string): string {
  const v = f[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
}

export function strs(f: FormData, name: string): string[] {
  const v = f[name] ?? f[`${name}[]`];
  const arr = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return arr.filter((x): x is string => typeof x === 'string');
}

export function files(f: FormData, name: string): File[] {
  const v = f[name] ?? f[`${name}[]`];
  const arr = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return arr.filter((x): x is File => typeof x !== 'string' && x.size > 0);
}
