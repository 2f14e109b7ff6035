// Cache headers (docs/deployment.md): content-hashed and versioned static files are immutable for a
// year; other static files are revalidated (ETag); every other response holds or may hold personal
// data and is never stored by a browser or a proxy, unless its route chose otherwise.
import type { MiddlewareHandler } from 'hono';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'public, max-age=0, must-revalidate';

/** `Cache-Control: no-store` on responses whose route set no Cache-Control. */
export const noStoreByDefault: MiddlewareHandler = async (c, next) => {
  await next();
  if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
};

/** Sets Cache-Control on the static files found by the next handler. */
export function staticCache(immutable: (path: string) => boolean): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.status === 200 || c.res.status === 206 || c.res.status === 304)
      c.res.headers.set('Cache-Control', immutable(c.req.path) ? IMMUTABLE : REVALIDATE);
  };
}
