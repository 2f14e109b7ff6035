// Reading a submitted form: the body (urlencoded or multipart) parsed once, then checked with a zod
// schema whose keys are the form's field names. Missing fields read as '' (or []), so that a route's
// schema says what it expects and the command behind it says what is valid. Failures come back as
// French messages keyed by field name, the shape a view shows next to each input.
import type { Context } from 'hono';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import type { Env } from '../context.ts';

export type FormValue = string | File | (string | File)[];
export type FormData = Record<string, FormValue>;

/** Control characters no field may hold (tab, line feed and carriage return are text). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** A text value as every reader gets it: without NUL and the other control characters. */
export function cleanText(v: string): string {
  return v.replace(CONTROL, '');
}

const cleaned = new WeakMap<object, FormData>();

/**
 * The request's form, parsed once (Hono caches the body), with repeated names as arrays and every
 * text value without control characters (a NUL byte cannot be stored by PostgreSQL). A body that
 * does not parse (a truncated multipart, say) is bad input, never a server error.
 */
export async function form(c: Context<Env>): Promise<FormData> {
  let raw: Record<string, unknown>;
  try {
    raw = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
  } catch {
    throw new DomainError('invalid_input', "Le formulaire envoyé n'a pas pu être lu. Rechargez la page et réessayez.");
  }
  const done = cleaned.get(raw);
  if (done) return done;
  const out: FormData = {};
  for (const [k, v] of Object.entries(raw)) {
    const key = cleanText(k);
    out[key] = Array.isArray(v)
      ? v.map((x) => (typeof x === 'string' ? cleanText(x) : x))
      : typeof v === 'string'
        ? cleanText(v)
        : (v as File);
  }
  cleaned.set(raw, out);
  return out;
}

/** The first text value of `name` ('' when absent). */
export function str(f: FormData, name: string): string {
  return firstText(f[name]);
}

/** Every text value of `name` (or of `name[]`). */
export function strs(f: FormData, name: string): string[] {
  return allTexts(f[name] ?? f[`${name}[]`]);
}

/** The non-empty files sent under `name` (or `name[]`). */
export function files(f: FormData, name: string): File[] {
  return allFiles(f[name] ?? f[`${name}[]`]);
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}
function firstText(v: unknown): string {
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
}
function allTexts(v: unknown): string[] {
  return list(v).filter((x): x is string => typeof x === 'string');
}
function allFiles(v: unknown): File[] {
  return list(v).filter((x): x is File => typeof x === 'object' && x !== null && (x as File).size > 0);
}
/** Every file chosen: an input left empty sends a nameless empty part, which is none; a chosen empty
 *  file is kept, so that the command refuses it by name instead of dropping it silently. */
function chosenFiles(v: unknown): File[] {
  return list(v).filter(
    (x): x is File => typeof x === 'object' && x !== null && ((x as File).size > 0 || (x as File).name !== ''),
  );
}

/** Field readers for form schemas: each accepts what a browser may send (nothing, one value, several). */
export const field = {
  /** One text value; '' when absent. */
  text: () => z.preprocess(firstText, z.string()),
  /** Every text value of a repeated name (checkboxes, multiple select). */
  texts: () => z.preprocess(allTexts, z.array(z.string())),
  /** The same without the blank ones (an empty « none » choice, an empty hidden input). */
  choices: () => z.preprocess((v) => allTexts(v).filter(Boolean), z.array(z.string())),
  /** The files chosen in a file input (an empty file included: the command refuses it by name). */
  files: () => z.preprocess(chosenFiles, z.array(z.instanceof(File))),
  /** « 1 » (a checked checkbox) or anything else. */
  flag: () => z.preprocess((v) => firstText(v) === '1', z.boolean()),
  /** One of `values`, else `fallback` (a stale or forged value never reaches a command as is). */
  oneOf: <const T extends string>(values: readonly T[], fallback: T) =>
    z.preprocess((v) => {
      const s = firstText(v);
      return (values as readonly string[]).includes(s) ? s : fallback;
    }, z.custom<T>()),
  /** The page version the user saw (a number), undefined when absent or malformed. */
  lockVersion: () =>
    z.preprocess((v) => {
      const s = firstText(v);
      return /^[0-9]{1,9}$/.test(s) ? Number(s) : undefined;
    }, z.number().optional()),
  /** A positive page number, 1 when absent or malformed. */
  page: () =>
    z.preprocess((v) => {
      const n = Number(firstText(v));
      return Number.isSafeInteger(n) && n > 0 ? n : 1;
    }, z.number()),
};

export type FormResult<T> = { ok: true; data: T } | { ok: false; error: DomainError };

const french = z.locales.fr().localeError;

/**
 * The form of the request checked with `schema`: the typed data, or an `invalid_input` DomainError
 * whose `fields` hold one French message per field name (`_` for the form as a whole).
 */
export async function parseForm<S extends z.ZodType>(c: Context<Env>, schema: S): Promise<FormResult<z.output<S>>> {
  const raw = await form(c);
  // `name[]` (PHP-style repeated names) reads as `name`
  const body: Record<string, unknown> = { ...raw };
  for (const [k, v] of Object.entries(raw)) if (k.endsWith('[]') && !(k.slice(0, -2) in raw)) body[k.slice(0, -2)] = v;
  const r = schema.safeParse(body, { error: french });
  if (r.success) return { ok: true, data: r.data };
  const fields: Record<string, string> = {};
  for (const issue of r.error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
  return {
    ok: false,
    error: new DomainError('invalid_input', Object.values(fields)[0] ?? 'Le formulaire contient des erreurs.', fields),
  };
}

/** Uploaded files as the commands take them. */
export async function uploadsOf(list: File[]): Promise<{ name: string; bytes: Buffer }[]> {
  return Promise.all(list.map(async (x) => ({ name: x.name, bytes: Buffer.from(await x.arrayBuffer()) })));
}

/**
 * The data of a form whose schema has a fallback for every field (what a page posts back about
 * itself: tab, page, ids); should it fail all the same, the answer is the 422 error page.
 */
export async function readForm<S extends z.ZodType>(c: Context<Env>, schema: S): Promise<z.output<S>> {
  const r = await parseForm(c, schema);
  if (!r.ok) throw r.error;
  return r.data;
}
