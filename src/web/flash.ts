import type { Context } from 'hono';
import { getCookie, getSignedCookie, setSignedCookie, deleteCookie } from 'hono/cookie';
import type { Env, Flash } from './context.ts';

const NAME = 'guichet_flash';

/** A one-time message shown on the next page (signed so that nobody can forge its text). */
export async function setFlash(c: Context<Env>, flash: Flash): Promise<void> {
  await setSignedCookie(c, NAME, JSON.stringify(flash), c.get('app').config.SECRET_KEY!, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.get('app').config.production,
  });
}

export async function readFlash(c: Context<Env>): Promise<Flash | null> {
  // most requests carry no flash: skip the signature check (it imports the HMAC key each time)
  if (getCookie(c, NAME) === undefined) return null;
  const v = await getSignedCookie(c, c.get('app').config.SECRET_KEY!, NAME);
  if (!v) return null;
  deleteCookie(c, NAME, { path: '/' });
  try {
    const f = JSON.parse(v) as Flash;
    return typeof f.message === 'string' ? f : null;
  } catch {
    return null;
  }
}

export async function redirectWithFlash(c: Context<Env>, url: string, flash: Flash): Promise<Response> {
  await setFlash(c, flash);
  return c.redirect(url, 303);
}
