import { Router, type Request, type Response } from 'express';
import { requireRole } from '../../auth/auth-user';
import { createUserSchema } from '../../domain/directory.schemas';
import { ValidationError } from '../../domain/errors';
import { ui } from '../../i18n/ui-messages';
import { createUser, listUsers } from '../../use-cases/create-user.use-case';
import { listControllersFor } from '../../use-cases/list-controllers.use-case';
import type { AppDeps } from '../app-deps';
import { toUserInput } from './forms/admin.forms';
import { formErrors, type FormBody } from './forms/form-values';
import { renderWebPage } from './page-context';
import { languageOf, pageUser } from './page-session';
import { errorSummary, userControls } from './view-models/admin.view-model';
import { label } from './view-models/track-panel.view-model';

/** Admin: users and their roles; new users get a bcrypt-hashed password. */
export function adminUserPageRoutes(deps: AppDeps): Router {
  const router = Router();
  const show = async (req: Request, res: Response, status: number, body: FormBody, errors: Record<string, string>, notice: string) => {
    const user = pageUser(req);
    requireRole(user, ['admin']);
    const m = ui(languageOf(req));
    const [users, controllers] = await Promise.all([listUsers(user, deps), listControllersFor(user, deps)]);
    renderWebPage(req, res, status, 'form-page', {
      title: m.usersTitle, intro: m.newUser, notice, backHref: '/dashboard', backLabel: m.navDashboard,
      action: '/admin/users', submitLabel: m.createUser,
      controls: userControls(m, body, errors, controllers), ...errorSummary(m, errors),
      list: {
        heading: m.usersTitle,
        columns: [m.colEmail, m.colName, m.colRole, m.colController],
        rows: users.map((u) => ({ cells: [u.email, u.name, label(m, `role_${u.role}`, u.role), u.controllerName ?? '—'], href: '', linkText: '' })),
        addHref: '', addLabel: '',
      },
    });
  };

  router.get('/admin/users', (req, res) => show(req, res, 200, { role: 'support', language: 'nl' }, {}, req.query.created ? ui(languageOf(req)).userCreated : ''));

  router.post('/admin/users', async (req, res) => {
    const user = pageUser(req);
    requireRole(user, ['admin']);
    const body = req.body as FormBody;
    const parsed = createUserSchema.safeParse(toUserInput(body));
    if (!parsed.success) return show(req, res, 422, body, formErrors(languageOf(req), parsed.error, (p) => p || 'email'), '');
    try {
      await createUser(parsed.data, user, deps);
      res.redirect(303, '/admin/users?created=1');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await show(req, res, 422, body, error.fields ?? {}, '');
    }
  });
  return router;
}
