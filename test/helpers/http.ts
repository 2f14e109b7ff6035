// Drive the web app in-process like a browser: cookies, CSRF tokens from pages, redirects.
import type { Hono } from 'hono';
import { createWebApp } from '../../src/web/app.tsx';
import type { Services } from '../../src/platform/services.ts';

export class Browser {
  cookies = new Map<string, string>();
  web: Hono<any>;
  lastHtml = '';
  constructor(public app: Services) {
    this.web = createWebApp(app);
  }
  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  private store(res: Response) {
    for (const h of res.headers.getSetCookie()) {
      const [pair, ...attrs] = h.split(';');
      const i = pair.indexOf('=');
      const k = pair.slice(0, i).trim();
      const v = pair.slice(i + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a)) || v === '') this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
  }
  async request(
    method: string,
    url: string,
    body?: Record<string, string | string[]> | FormData,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    let payload: BodyInit | undefined;
    const h: Record<string, string> = { cookie: this.cookieHeader(), host: 'guichet.test', ...headers };
    if (body instanceof FormData) payload = body;
    else if (body) {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(body)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
      payload = p;
      h['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await this.web.request(`http://guichet.test${url}`, {
      method,
      body: payload,
      headers: h,
      redirect: 'manual',
    });
    this.store(res);
    return res;
  }
  async get(url: string): Promise<{ res: Response; html: string }> {
    const res = await this.request('GET', url);
    const html = await res.text();
    this.lastHtml = html;
    return { res, html };
  }
  /** GET following redirects. */
  async visit(url: string): Promise<{ res: Response; html: string; url: string }> {
    let current = url;
    for (let i = 0; i < 5; i++) {
      const { res, html } = await this.get(current);
      const loc = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && loc) {
        current = loc.replace('http://guichet.test', '');
        continue;
      }
      return { res, html, url: current };
    }
    throw new Error('trop de redirections');
  }
  csrf(html = this.lastHtml): string {
    const m = html.match(/name="_csrf" value="([^"]+)"/) ?? html.match(/name="csrf-token" content="([^"]+)"/);
    if (!m) throw new Error('pas de jeton CSRF dans la page');
    return m[1];
  }
  /** POST a form with the CSRF token of the last page. */
  async post(url: string, fields: Record<string, string | string[]> = {}): Promise<Response> {
    return this.request('POST', url, { _csrf: this.csrf(), ...fields });
  }
  async postMultipart(url: string, fd: FormData): Promise<Response> {
    fd.append('_csrf', this.csrf());
    return this.request('POST', url, fd);
  }
  async signIn(email: string, password: string): Promise<Response> {
    await this.get('/connexion');
    return this.post('/connexion', { email, password });
  }
}
