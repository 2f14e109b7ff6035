import crypto from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Services } from '../platform/services.ts';
import type { Env } from './context.ts';
import { sha256, SESSION_HOURS } from '../platform/crypto.ts';
import { rolesOf, rolesSelection } from '../queries/access.ts';
import { readFlash } from './flash.ts';
import { queryPrepared } from '../platform/db/index.ts';
import { DomainError } from '../domain/errors.ts';

export const SESSION_COOKIE = 'guichet_session';
const ANON_CSRF_COOKIE = 'guichet_csrf';

export function appContext(app: Services): MiddlewareHandler<Env> {
  return async (c, next) => {
    c.set('app', app);
    c.set('requestId', crypto.randomUUID());
    c.set('user', null);
    c.set('sessionToken', null);
    c.set('flash', null);
    await next();
  };
}

/** The session and its user's roles, in one round trip (every signed-in request pays for it). */
function sessionQuery(app: Services, id: string) {
  return app.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.email',
    ])
    .select((eb) => rolesSelection(eb.ref('users.id')))
    .where('sessions.id', '=', id);
}
type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['executeTakeFirst']>>;
let sessionSql: string | null = null;
/** Prepared (queryPrepared): its planning was a third of the request of a dossier-number search. */
async function sessionRow(app: Services, id: string): Promise<SessionRow> {
  sessionSql ??= sessionQuery(app, id).compile().sql;
  return (await queryPrepared(app.database, 'guichet_session_v1', sessionSql, [id]))[0] as SessionRow;
}

/** Loads the server-side session from its cookie; renews it (sliding expiry). */
export const session: MiddlewareHandler<Env> = async (c, next) => {
  const app = c.get('app');
  const token = getCookie(c, SESSION_COOKIE);
  const now = app.clock.now();
  if (token) {
    const row = await sessionRow(app, sha256(token));
    if (row && row.expires_at > now) {
      c.set('user', { id: row.user_id, email: row.email, roles: rolesOf(row) });
      c.set('sessionToken', token);
      c.set('csrfToken', row.csrf_token);
      if (now.getTime() - row.last_seen_at.getTime() > 5 * 60_000) {
        await app.db
          .updateTable('sessions')
          .set({ last_seen_at: now, expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000) })
          .where('id', '=', row.id)
          .execute();
      }
    }
  }
  if (!c.get('user')) {
    // Anonymous forms (login, password reset) use a double-submit token bound to a cookie.
    let anon = getCookie(c, ANON_CSRF_COOKIE);
    if (!anon || !/^[A-Za-z0-9_-]{43}$/.test(anon)) {
      anon = crypto.randomBytes(32).toString('base64url');
      setCookie(c, ANON_CSRF_COOKIE, anon, {
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        secure: app.config.production,
      });
    }
    c.set('csrfToken', anon);
  }
  c.set('flash', await readFlash(c));
  await next();
};

export function setSessionCookie(c: Parameters<MiddlewareHandler<Env>>[0], token: string | null): void {
  const app = c.get('app');
  setCookie(c, SESSION_COOKIE, token ?? '', {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: app.config.production,
    maxAge: token ? SESSION_HOURS * 3600 : 0,
  });
}

/** Largest body of a request without files (forms, API calls). */
export const FORM_MAX_BYTES = 1024 * 1024;

/** A body that may carry files: a multipart form from a signed-in user (nobody uploads anonymously). */
export const mayUpload = (c: Parameters<MiddlewareHandler<Env>>[0]): boolean =>
  !!c.get('user') && (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');

const sameToken = (sent: string | undefined, expected: string): boolean =>
  !!sent &&
  Buffer.byteLength(sent) === Buffer.byteLength(expected) &&
  crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(expected));

/** The `_csrf` field of a form body; a body that does not parse carries no token. */
async function formToken(c: Parameters<MiddlewareHandler<Env>>[0]): Promise<string | undefined> {
  if (!(c.req.header('content-type') ?? '').includes('form')) return undefined;
  try {
    const v = (await c.req.parseBody({ all: true }))['_csrf'];
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Every state-changing request carries the session's token (form field _csrf or header X-CSRF-Token)
 *  and, when the browser sends one, an Origin of this site. What needs no body is checked before the
 *  body is read: the Origin, then a token sent in the header; `limit` (the body size limit) reads the
 *  body, and only then is a token sent in the form compared. */
export function csrf(limit: MiddlewareHandler<Env>): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) return next();
    if (c.req.path.startsWith('/api/')) return limit(c, next); // bearer-token API, no cookies
    const origin = c.req.header('origin');
    const host = c.req.header('host');
    // "null" (sent under a no-referrer policy) or an unparsable value says nothing: the token decides.
    if (origin && origin !== 'null' && host && URL.canParse(origin) && new URL(origin).host !== host) {
      throw new DomainError(
        'forbidden',
        'Requête refusée : elle ne vient pas de Guichet. Rechargez la page et réessayez.',
      );
    }
    const refuse = () => {
      throw new DomainError(
        'forbidden',
        'Votre session a expiré ou le formulaire est invalide. Rechargez la page et réessayez.',
      );
    };
    const header = c.req.header('x-csrf-token');
    if (header) {
      if (!sameToken(header, c.get('csrfToken'))) refuse();
      return limit(c, next);
    }
    return limit(c, async () => {
      if (!sameToken(await formToken(c), c.get('csrfToken'))) refuse();
      await next();
    });
  };
}

/** Pages that need a signed-in user. */
export const requireUser: MiddlewareHandler<Env> = async (c, next) => {
  if (!c.get('user')) {
    const target = c.req.method === 'GET' ? `?redirect=${encodeURIComponent(c.req.path)}` : '';
    return c.redirect(`/connexion${target}`, 303);
  }
  return next();
};

export function requireRole(role: 'instructeur' | 'administrateur' | 'expert'): MiddlewareHandler<Env> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) return c.redirect('/connexion', 303);
    if (!user.roles[role]) throw new DomainError('forbidden', "Vous n'avez pas accès à cette page.");
    return next();
  };
}
