import type request from 'supertest';
import { DEMO_PASSWORD } from '../../src/seed/seed-demo-data';

/**
 * A browser stand-in for the server-rendered pages: keeps the cookies (session, CSRF,
 * language) by hand — they are Secure under the tests' https PUBLIC_URL, which a cookie jar
 * would withhold over plain HTTP — and the CSRF token of the last page it read.
 */
export class PageClient {
  readonly cookies = new Map<string, string>();
  csrf = '';
  /** Sent with every request, e.g. X-Forwarded-For to stand behind a proxy at another address. */
  readonly headers: Record<string, string> = {};

  constructor(private readonly http: ReturnType<typeof request>, readonly acceptLanguage = 'nl') {}

  private remember(res: request.Response): request.Response {
    const setCookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    for (const line of setCookies) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.text ?? '');
    if (token) this.csrf = token[1];
    return res;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(path: string): Promise<request.Response> {
    return this.remember(await this.http.get(path).set(this.headers).set('Cookie', this.cookieHeader()).set('Accept-Language', this.acceptLanguage));
  }

  /** A form POST; the CSRF token of the last page read goes along unless `csrf` says otherwise. */
  async post(path: string, form: Record<string, string | string[]>, options: { csrf?: string | null } = {}): Promise<request.Response> {
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) for (const v of ([] as string[]).concat(value)) body.append(key, v);
    if (csrf !== null) body.append('_csrf', csrf);
    return this.remember(
      await this.http.post(path).set(this.headers).set('Cookie', this.cookieHeader()).set('Accept-Language', this.acceptLanguage).type('form').send(body.toString()),
    );
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<request.Response> {
    await this.get('/login');
    const res = await this.post('/login', { email, password });
    if (res.status !== 303) throw new Error(`page login ${email} failed: ${res.status}`);
    // As a browser does: follow to the first page, whose forms carry the token of the new session.
    await this.get(res.headers.location);
    return res;
  }
}
