// Page rendering: the one place where the rendered (already escaped) JSX string gets its doctype.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Env } from './context.ts';
import { Layout, type LayoutProps } from './views/layout.tsx';

export async function page(
  c: Context<Env>,
  props: Omit<LayoutProps, 'user' | 'csrf' | 'children' | 'flash'>,
  children: Child,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  const el = (
    <Layout {...props} user={c.get('user')} csrf={c.get('csrfToken')} flash={c.get('flash')}>
      {children}
    </Layout>
  );
  const html = await el.toString();
  return c.html(`<!DOCTYPE html>${html}`, status);
}
