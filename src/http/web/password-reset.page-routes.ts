import { Router, type Request, type Response } from 'express';
import { DomainError } from '../../domain/errors';
import { passwordResetCompleteSchema, passwordResetRequestSchema } from '../../domain/user.schemas';
import { ui } from '../../i18n/ui-messages';
import { checkResetLink, completePasswordReset, requestPasswordReset } from '../../use-cases/password-reset.use-case';
import type { AppDeps } from '../app-deps';
import { resetDeps } from '../auth.api-routes';
import { formErrors, str, type FormBody } from './forms/form-values';
import { passwordFormErrors, rawField } from './forms/password.forms';
import { renderWebPage } from './page-context';
import { languageOf } from './page-session';
import { errorSummary } from './view-models/admin.view-model';
import { input, withErrors } from './view-models/form-controls';

/** "Forgot your password?": ask for a link by e-mail, then set a new password with it. */
export function passwordResetPageRoutes(deps: AppDeps): Router {
  const router = Router();
  const form = (req: Request, res: Response, status: number, view: { title: string; intro: string; action: string; submitLabel: string; notice: string; controls: unknown[]; errors: Record<string, string> }) => {
    const m = ui(languageOf(req));
    const { errors, ...rest } = view;
    renderWebPage(req, res, status, 'form-page', { ...rest, backHref: '/login', backLabel: m.loginTitle, list: null, ...errorSummary(m, errors) });
  };
  const requestForm = (req: Request, res: Response, status: number, email: string, errors: Record<string, string>, notice: string, problem = '') => {
    const m = ui(languageOf(req));
    form(req, res, status, {
      title: m.resetRequestTitle, intro: problem ? `${problem} ${m.resetRequestIntro}` : m.resetRequestIntro, action: '/password-reset', submitLabel: m.resetRequestButton, notice, errors,
      controls: withErrors([input({ email }, 'email', m.email, 'email', { autocomplete: 'username' })], errors),
    });
  };
  const newPasswordForm = (req: Request, res: Response, status: number, token: string, errors: Record<string, string>) => {
    const m = ui(languageOf(req));
    form(req, res, status, {
      title: m.resetTitle, intro: '', action: `/password-reset/${token}`, submitLabel: m.resetButton, notice: '', errors,
      controls: withErrors([input({}, 'newPassword', m.newPassword, 'password', { autocomplete: 'new-password' })], errors),
    });
  };
  /** A used, expired or unknown link is a page that says so, with the way to a new one. */
  const linkProblem = (req: Request, res: Response, error: unknown) => {
    if (!(error instanceof DomainError) || (error.status !== 404 && error.status !== 410)) throw error;
    const m = ui(languageOf(req));
    requestForm(req, res, error.status, '', {}, '', error.status === 410 ? m.resetLinkGone : m.resetLinkUnknown);
  };

  router.get('/password-reset', (req, res) => requestForm(req, res, 200, '', {}, ''));

  router.post('/password-reset', (req, res) => {
    const body = req.body as FormBody;
    const parsed = passwordResetRequestSchema.safeParse({ email: str(body, 'email') });
    if (!parsed.success) return requestForm(req, res, 422, str(body, 'email'), formErrors(languageOf(req), parsed.error, () => 'email'), '');
    // Answered before the mail goes out, so neither the answer nor its timing tells whether the address has an account.
    requestPasswordReset(parsed.data.email, resetDeps(deps)).catch((error: Error) =>
      deps.logger.error({ route: 'page.password-reset', err: error.name, detail: error.message }, 'password reset mail failed'),
    );
    requestForm(req, res, 200, '', {}, ui(languageOf(req)).resetRequestSent);
  });

  router.get('/password-reset/:token', async (req, res) => {
    try {
      await checkResetLink(req.params.token, deps);
    } catch (error) {
      return linkProblem(req, res, error);
    }
    newPasswordForm(req, res, 200, req.params.token, {});
  });

  router.post('/password-reset/:token', async (req, res) => {
    const body = req.body as FormBody;
    const parsed = passwordResetCompleteSchema.safeParse({ token: req.params.token, newPassword: rawField(body, 'newPassword') });
    if (!parsed.success) {
      if (parsed.error.issues.some((i) => i.path[0] === 'token')) return linkProblem(req, res, new DomainError(404, 'not_found', 'link'));
      return newPasswordForm(req, res, 422, req.params.token, passwordFormErrors(languageOf(req), parsed.error, body));
    }
    try {
      await completePasswordReset(parsed.data, deps);
    } catch (error) {
      return linkProblem(req, res, error);
    }
    const m = ui(languageOf(req));
    renderWebPage(req, res, 200, 'message', { title: m.resetTitle, kind: 'confirmed', role: 'status', message: m.resetDone });
  });
  return router;
}
