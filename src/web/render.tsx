// Page rendering through hono's jsxRenderer (which adds the doctype); the JSX output is escaped.
import type { Context, MiddlewareHandler } from 'hono';
import type { Child } from 'hono/jsx';
import { jsxRenderer } from 'hono/jsx-renderer';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Env } from './context.ts';
import { Layout, type LayoutProps } from './views/layout.tsx';

export type PageProps = Omit<LayoutProps, 'user' | 'csrf' | 'children' | 'flash'>;

declare module 'hono' {
  // An interface (not a type alias) so that it merges with hono's own declaration.
  interface ContextRenderer {
    (content: string | Promise<string>, props: PageProps): Response | Promise<Response>;
  }
}

/** The DSFR layout around every page; user, CSRF token and flash come from the request context. */
export const layoutRenderer: MiddlewareHandler<Env> = jsxRenderer(
  ({ children, ...props }, c) => (
    <Layout {...(props as PageProps)} user={c.get('user')} csrf={c.get('csrfToken') ?? ''} flash={c.get('flash')}>
      {children}
    </Layout>
  ),
  { docType: true },
) as unknown as MiddlewareHandler<Env>;

export async function page(
  c: Context<Env>,
  props: PageProps,
  children: Child,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  c.status(status);
  return c.render(children as unknown as string, props);
}
