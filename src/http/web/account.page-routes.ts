import { Router, type Request, type Response } from 'express';
import { ValidationError } from '../../domain/errors';
import { changePasswordSchema } from '../../domain/user.schemas';
import { ui } from '../../i18n/ui-messages';
import { changePassword } from '../../use-cases/change-password.use-case';
import type { AppDeps } from '../app-deps';
import type { FormBody } from './forms/form-values';
import { passwordFormErrors, rawField } from './forms/password.forms';
import { renderWebPage } from './page-context';
import { languageOf, pageUser, startPageSession } from './page-session';
import { errorSummary } from './view-models/admin.view-model';
import { input, withErrors } from './view-models/form-controls';

/** One's own account: change the password, log out everywhere. */
export function accountPageRoutes(deps: AppDeps, secure: boolean): Router {
  const router = Router();
  const show = (req: Request, res: Response, status: number, errors: Record<string, string>, notice: string) => {
    pageUser(req);
    const m = ui(languageOf(req));
    const controls = withErrors([
      input({}, 'currentPassword', m.currentPassword, 'password', { autocomplete: 'current-password' }),
      input({}, 'newPassword', m.newPassword, 'password', { autocomplete: 'new-password' }),
    ], errors);
    renderWebPage(req, res, status, 'account', { title: m.accountTitle, notice, controls, ...errorSummary(m, errors) });
  };

  router.get('/account', (req, res) => show(req, res, 200, {}, req.query.changed ? ui(languageOf(req)).passwordChanged : ''));

  router.post('/account/password', async (req, res) => {
    const user = pageUser(req);
    const body = req.body as FormBody;
    const lang = languageOf(req);
    const parsed = changePasswordSchema.safeParse({ currentPassword: rawField(body, 'currentPassword'), newPassword: rawField(body, 'newPassword') });
    if (!parsed.success) return show(req, res, 422, passwordFormErrors(lang, parsed.error, body), '');
    try {
      const session = await changePassword(parsed.data, user, deps);
      startPageSession(res, session.token, secure);
      res.redirect(303, '/account?changed=1');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      show(req, res, 422, { currentPassword: ui(lang).wrongCurrentPassword }, '');
    }
  });
  return router;
}
