// The HTTP application: middleware, static assets, and each area's routes.
import { Hono, type Context } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import { etag } from 'hono/etag';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Services } from '../platform/services.ts';
import type { Env } from './context.ts';
import { appContext, session, csrf, mayUpload, FORM_MAX_BYTES } from './middleware.ts';
import { DomainError } from '../domain/errors.ts';
import { formatBytes } from '../platform/storage/upload.ts';
import { page, layoutRenderer } from './render.tsx';
import { ErrorPage } from './views/errors.tsx';
import { BUILD_DIR, HASHED_ASSET } from './assets.ts';
import { compression } from './http/compress.ts';
import { noStoreByDefault, staticCache } from './http/cache.ts';
import { authRoutes } from './routes/auth.tsx';
import { devRoutes } from './routes/dev.tsx';
import { homeRoutes } from './routes/home.tsx';
import { instructeurRoutes } from './routes/instructeur/index.tsx';
import { usagerRoutes } from './routes/usager/index.tsx';
import { adminRoutes } from './routes/admin/index.tsx';
import { expertRoutes } from './routes/expert/index.tsx';
import { statistiquesRoutes } from './routes/statistiques.tsx';
import { referentielsRoutes } from './routes/referentiels.tsx';

const require = createRequire(import.meta.url);
const dsfrPackage = path.dirname(require.resolve('@gouvfr/dsfr/package.json'));
const dsfrDist = path.join(dsfrPackage, 'dist');
const dsfrVersion: string = require('@gouvfr/dsfr/package.json').version;

/** The static files' paths (built assets, DSFR's directory). */
const STATIC_PATH = /^\/(?:assets|dsfr)\//;

const STATUS: Record<DomainError['code'], 400 | 403 | 404 | 409 | 422> = {
  forbidden: 403,
  not_found: 404,
  invalid_input: 422,
  invalid_transition: 422,
  conflict: 409,
};
/** Files one form may carry. */
const UPLOAD_MAX_FILES = 10;
const isMultipart = (c: Context<Env>) =>
  (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');

const TITLES: Record<number, string> = {
  403: 'Accès refusé',
  404: 'Page introuvable',
  409: 'Action impossible',
  422: 'Action impossible',
  413: 'Fichier trop volumineux',
};

export function createWebApp(app: Services): Hono<Env> {
  const web = new Hono<Env>();
  web.use('*', compression);
  web.use('*', noStoreByDefault);
  web.use('*', appContext(app));
  web.use('*', layoutRenderer);
  // Security headers: the pages' whole set; static files (the built assets, DSFR's fonts, icons and
  // stylesheets) only those a subresource needs — no sniffing, same-origin only, and for an SVG opened
  // on its own a policy that runs nothing. The rest (framing, opener, HSTS, referrer…) concerns
  // documents; on each of a first visit's ~25 files it was ~0.5 kB of headers (docs/deployment.md).
  const pageHeaders = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      frameSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'self'"],
      formAction: ["'self'"],
      baseUri: ["'self'"],
    },
    crossOriginEmbedderPolicy: false,
    // A header the route set itself wins: the file download sends its own sandboxing policy.
    overwrite: false,
    // same-origin keeps the Origin header on our own form posts (no-referrer makes Chrome send "null").
    referrerPolicy: 'same-origin',
  });
  const staticHeaders = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"] },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    referrerPolicy: false,
    strictTransportSecurity: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  web.use('*', async (c, next) => {
    if (!STATIC_PATH.test(c.req.path)) return pageHeaders(c, next);
    await next();
    // a file that is not there is answered by the « page introuvable » page: a page's headers
    const isPage = (c.res.headers.get('content-type') ?? '').startsWith('text/html');
    await (isPage ? pageHeaders : staticHeaders)(c, async () => {});
  });
  // DSFR's files under its version (/dsfr/1.15.3/…, immutable: fonts and icons the built CSS
  // names), and without it (revalidated); built assets by hashed name (immutable) or plain name.
  const dsfrRoot = path.relative(process.cwd(), dsfrDist);
  const versioned = `/dsfr/${dsfrVersion}/`;
  const revalidatedDsfr = etag();
  web.use(
    `${versioned}*`,
    staticCache(() => true),
  );
  web.use(`${versioned}*`, serveStatic({ root: dsfrRoot, rewriteRequestPath: (p) => p.slice(versioned.length - 1) }));
  web.use(
    '/dsfr/*',
    staticCache(() => false),
    revalidatedDsfr,
  );
  web.use('/dsfr/*', serveStatic({ root: dsfrRoot, rewriteRequestPath: (p) => p.replace(/^\/dsfr/, '') }));
  const revalidated = etag();
  web.use(
    '/assets/*',
    staticCache((p) => HASHED_ASSET.test(p)),
    (c, next) => (HASHED_ASSET.test(c.req.path) ? next() : revalidated(c, next)),
  );
  web.use(
    '/assets/*',
    serveStatic({
      root: path.relative(process.cwd(), BUILD_DIR),
      rewriteRequestPath: (p) => p.replace(/^\/assets/, ''),
      precompressed: true,
    }),
  );
  web.get('/favicon.ico', (c) => c.redirect('/dsfr/favicon/favicon.svg', 301));

  web.use('*', session);
  // Bodies are bounded while they are read, and read only after the checks that need no body (see
  // csrf): 1 MB for a form without files; a signed-in user's multipart form may carry at most
  // UPLOAD_MAX_FILES files of UPLOAD_MAX_BYTES each. Nothing is stored when a body is refused.
  const tooLarge = (c: Context<Env>, files: boolean) => {
    const title = files ? 'Fichier trop volumineux' : 'Requête trop volumineuse';
    const message = files
      ? `L'envoi dépasse la taille autorisée (${UPLOAD_MAX_FILES} fichiers de ${formatBytes(app.config.UPLOAD_MAX_BYTES)} au plus). Rien n'a été enregistré.`
      : `Le formulaire envoyé dépasse la taille autorisée (${formatBytes(FORM_MAX_BYTES)}). Rien n'a été enregistré.`;
    return page(c, { title }, <ErrorPage status={413} title={title} message={message} />, 413);
  };
  const formLimit = bodyLimit({ maxSize: FORM_MAX_BYTES, onError: (c) => tooLarge(c, isMultipart(c)) });
  const uploadLimit = bodyLimit({
    maxSize: app.config.UPLOAD_MAX_BYTES * UPLOAD_MAX_FILES + FORM_MAX_BYTES,
    onError: (c) => tooLarge(c, true),
  });
  web.use(
    '*',
    csrf((c, next) => (mayUpload(c) ? uploadLimit(c, next) : formLimit(c, next))),
  );

  web.route('/', homeRoutes);
  web.route('/', authRoutes);
  // The development inbox exists only while e-mails are not sent (no SMTP server), outside production.
  if (!app.config.production && !app.config.SMTP_URL) web.route('/', devRoutes);
  web.route('/instructeur', instructeurRoutes);
  web.route('/admin', adminRoutes);
  web.route('/', usagerRoutes);
  web.route('/expert', expertRoutes);
  web.route('/', statistiquesRoutes);
  web.route('/', referentielsRoutes);

  web.notFound((c) =>
    page(
      c,
      { title: 'Page introuvable' },
      <ErrorPage
        status={404}
        title="Page introuvable"
        message="La page que vous cherchez n'existe pas ou a été déplacée."
      />,
      404,
    ),
  );

  web.onError((err, c) => {
    if (err instanceof DomainError) {
      const status = STATUS[err.code];
      return page(
        c,
        { title: TITLES[status] },
        <ErrorPage status={status} title={TITLES[status]} message={err.message} />,
        status,
      );
    }
    const requestId = c.get('requestId');
    app.logger.error(
      { requestId, err: { message: err.message, stack: err.stack }, path: c.req.path },
      'erreur serveur',
    );
    return page(
      c,
      { title: 'Erreur inattendue' },
      <ErrorPage
        status={500}
        title="Erreur inattendue"
        message="Désolé, le service a rencontré un problème. L'équipe technique a été prévenue ; réessayez dans un instant."
        requestId={requestId}
      />,
      500,
    );
  });
  return web;
}
