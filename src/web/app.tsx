// The HTTP application: middleware, static assets, and each area's routes.
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Services } from '../platform/services.ts';
import type { Env } from './context.ts';
import { appContext, session, csrf } from './middleware.ts';
import { DomainError } from '../domain/errors.ts';
import { formatBytes } from '../platform/storage/upload.ts';
import { page, layoutRenderer } from './render.tsx';
import { ErrorPage } from './views/errors.tsx';
import { authRoutes } from './routes/auth.tsx';
import { devRoutes } from './routes/dev.tsx';
import { homeRoutes } from './routes/home.tsx';
import { instructeurRoutes } from './routes/instructeur/index.tsx';
import { usagerRoutes } from './routes/usager/index.tsx';
import { adminRoutes } from './routes/admin/index.tsx';

const require = createRequire(import.meta.url);
const dsfrDist = path.join(path.dirname(require.resolve('@gouvfr/dsfr/package.json')), 'dist');
const buildDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../public/build');

const STATUS: Record<DomainError['code'], 400 | 403 | 404 | 409 | 422> = {
  forbidden: 403,
  not_found: 404,
  invalid_input: 422,
  invalid_transition: 422,
  conflict: 409,
};
const TITLES: Record<number, string> = {
  403: 'Accès refusé',
  404: 'Page introuvable',
  409: 'Action impossible',
  422: 'Action impossible',
  413: 'Fichier trop volumineux',
};

export function createWebApp(app: Services): Hono<Env> {
  const web = new Hono<Env>();
  web.use('*', appContext(app));
  web.use('*', layoutRenderer);
  web.use(
    '*',
    secureHeaders({
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
      // same-origin keeps the Origin header on our own form posts (no-referrer makes Chrome send "null").
      referrerPolicy: 'same-origin',
    }),
  );
  web.use(
    '/dsfr/*',
    serveStatic({ root: path.relative(process.cwd(), dsfrDist), rewriteRequestPath: (p) => p.replace(/^\/dsfr/, '') }),
  );
  web.use(
    '/assets/*',
    serveStatic({
      root: path.relative(process.cwd(), buildDir),
      rewriteRequestPath: (p) => p.replace(/^\/assets/, ''),
    }),
  );
  web.get('/favicon.ico', (c) => c.redirect('/dsfr/favicon/favicon.svg', 301));

  // Uploads: at most 10 files of UPLOAD_MAX_BYTES each in one form; larger bodies are refused while
  // being read, before anything is stored.
  web.use(
    '*',
    bodyLimit({
      maxSize: app.config.UPLOAD_MAX_BYTES * 10 + 1024 * 1024,
      onError: async (c) => {
        return page(
          c as any,
          { title: 'Fichier trop volumineux' },
          <ErrorPage
            status={413}
            title="Fichier trop volumineux"
            message={`L'envoi dépasse la taille autorisée (10 fichiers de ${formatBytes(app.config.UPLOAD_MAX_BYTES)} au plus). Rien n'a été enregistré.`}
          />,
          413,
        );
      },
    }),
  );
  web.use('*', session);
  web.use('*', csrf);

  web.route('/', homeRoutes);
  web.route('/', authRoutes);
  if (!app.config.production) web.route('/', devRoutes);
  web.route('/instructeur', instructeurRoutes);
  web.route('/admin', adminRoutes);
  web.route('/', usagerRoutes);

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
