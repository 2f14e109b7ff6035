// Page rendering: the DSFR layout around the page's JSX (escaped by hono's JSX), with the doctype.
// The page is rendered to a string, encoded to UTF-8 once and compressed here (`sendWhole`): as a
// Response's string body it went through the web-stream machinery before the compression middleware
// could read it back whole (−2.6 % of a list page's CPU measured, within the noise of that
// measure: docs/deployment.md).
import type { Context, MiddlewareHandler } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Env } from './context.ts';
import { sendWhole } from './http/compress.ts';
import { Layout, type LayoutProps } from './views/layout.tsx';

export type PageProps = Omit<LayoutProps, 'user' | 'csrf' | 'children' | 'flash'>;

declare module 'hono' {
  // An interface (not a type alias) so that it merges with hono's own declaration.
  interface ContextRenderer {
    (content: string | Promise<string>, props: PageProps): Response | Promise<Response>;
  }
}

const DOCTYPE = '<!DOCTYPE html>';

/** The DSFR layout around every page; user, CSRF token and flash come from the request context. */
export const layoutRenderer: MiddlewareHandler<Env> = (c, next) => {
  c.setRenderer(async (content, props) => {
    const tree = (
      <Layout {...props} user={c.get('user')} csrf={c.get('csrfToken') ?? ''} flash={c.get('flash')}>
        {content as Child}
      </Layout>
    );
    const html = DOCTYPE + (await tree.toString());
    // hono's response first: it carries the status and the headers set so far (cookies…)
    const res = c.body(null, undefined, { 'Content-Type': 'text/html; charset=UTF-8' });
    return sendWhole(c, Buffer.from(html, 'utf8'), { status: res.status, headers: new Headers(res.headers) });
  });
  return next();
};

export async function page(
  c: Context<Env>,
  props: PageProps,
  children: Child,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  c.status(status);
  return c.render(children as unknown as string, props);
}
