import { Router } from 'express';
import { TRUSTED_DEVICE_DAYS } from '../../auth/trusted-device';
import { DomainError, TooManyRequestsError } from '../../domain/errors';
import { loginSchema } from '../../domain/incident.schemas';
import { ui } from '../../i18n/ui-messages';
import { logIn } from '../../use-cases/log-in.use-case';
import { logOut, logOutEverywhere } from '../../use-cases/log-out.use-case';
import type { AppDeps } from '../app-deps';
import { readCookie, setCookie } from './cookies';
import { formErrors, str, type FormBody } from './forms/form-values';
import { renderWebPage } from './page-context';
import { localPath } from './page-errors';
import { endPageSession, LANGUAGE_COOKIE, languageOf, pageUser, startPageSession } from './page-session';

/** The browser's trusted-device value (see src/auth/trusted-device.ts): it keeps the account's own desk clear of the login throttle. */
export const DEVICE_COOKIE = 'mp_device';

/** Log in and out, and the language switch in the header. */
export function authPageRoutes(deps: AppDeps, secure: boolean): Router {
  const router = Router();
  const loginView = (lang: 'nl' | 'en', next: string, values: { email: string }, errors: Record<string, string>, alert: string | null) => {
    const m = ui(lang);
    return { title: m.loginTitle, next, values, errors, alert, hasAlert: alert !== null, forgotHref: '/password-reset' };
  };

  router.get('/', (req, res) => res.redirect(303, req.user ? '/dashboard' : '/login'));

  router.get('/login', (req, res) => {
    if (req.user) return res.redirect(303, '/dashboard');
    renderWebPage(req, res, 200, 'login', loginView(languageOf(req), localPath(req.query.next, '/dashboard'), { email: '' }, {}, null));
  });

  router.post('/login', async (req, res) => {
    const body = req.body as FormBody;
    const lang = languageOf(req);
    const next = localPath(str(body, 'next'), '/dashboard');
    const input = { email: str(body, 'email'), password: typeof body.password === 'string' ? body.password : '' };
    const parsed = loginSchema.safeParse(input);
    if (!parsed.success) {
      renderWebPage(req, res, 422, 'login', loginView(lang, next, { email: input.email }, formErrors(lang, parsed.error, (p) => p), null));
      return;
    }
    try {
      const result = await logIn(parsed.data, deps, { ip: req.ip ?? null, trustedDevice: readCookie(req, DEVICE_COOKIE, secure) });
      startPageSession(res, result.token, secure);
      setCookie(res, DEVICE_COOKIE, result.trustedDevice, { secure, maxAgeMs: TRUSTED_DEVICE_DAYS * 86_400_000 });
      res.redirect(303, next);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.status !== 401 && error.status !== 429)) throw error;
      const m = ui(lang);
      const alert = error instanceof TooManyRequestsError ? m.loginWait.replace('{seconds}', String(error.retryAfterSeconds ?? 60)) : m.loginFailed;
      if (error instanceof TooManyRequestsError && error.retryAfterSeconds) res.set('Retry-After', String(error.retryAfterSeconds));
      renderWebPage(req, res, error.status, 'login', loginView(lang, next, { email: input.email }, {}, alert));
    }
  });

  // Logout ends the session on the server too: a copied cookie is worth nothing afterwards.
  router.post('/logout', async (req, res) => {
    if (req.user) await logOut(req.user, deps);
    endPageSession(res, secure);
    res.redirect(303, '/login');
  });

  router.post('/logout-everywhere', async (req, res) => {
    await logOutEverywhere(pageUser(req), deps);
    endPageSession(res, secure);
    res.redirect(303, '/login');
  });

  router.get('/language/:lang', (req, res) => {
    const lang = req.params.lang === 'en' ? 'en' : 'nl';
    setCookie(res, LANGUAGE_COOKIE, lang, { secure, maxAgeMs: 365 * 24 * 3600 * 1000 });
    res.redirect(303, localPath(req.query.back, '/'));
  });
  return router;
}
