import { Router, type Request, type Response } from 'express';
import { requireRole } from '../../auth/auth-user';
import { createUserSchema } from '../../domain/directory.schemas';
import { findUserById } from '../../auth/user.repository';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import { updateUserSchema } from '../../domain/user.schemas';
import { sendPasswordResetByAdmin } from '../../use-cases/password-reset.use-case';
import { unlockUser } from '../../use-cases/unlock-user.use-case';
import { updateUser } from '../../use-cases/update-user.use-case';
import { resetDeps } from '../auth.api-routes';
import { idParam } from '../validate';
import { ui } from '../../i18n/ui-messages';
import { createUser, listUsers } from '../../use-cases/create-user.use-case';
import { listControllersFor } from '../../use-cases/list-controllers.use-case';
import type { AppDeps } from '../app-deps';
import { toUserInput, toUserUpdate } from './forms/admin.forms';
import { formErrors, type FormBody } from './forms/form-values';
import { renderWebPage } from './page-context';
import { languageOf, pageUser } from './page-session';
import { errorSummary, userControls, userEditControls } from './view-models/admin.view-model';
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
        columns: [m.colEmail, m.colName, m.colRole, m.colController, m.colStatus, ''],
        rows: users.map((u) => ({
          cells: [u.email, u.name, label(m, `role_${u.role}`, u.role), u.controllerName ?? '—', u.active ? m.statusActive : m.statusInactive],
          href: `/admin/users/${u.id}`, linkText: m.edit,
        })),
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

  // One user: role, active, reset link, unlock. Each change ends the user's sessions at once.
  const showUser = async (req: Request, res: Response, status: number, body: FormBody | null, errors: Record<string, string>, notice: string) => {
    const admin = pageUser(req);
    requireRole(admin, ['admin']);
    const id = idParam(req.params.id, 'User');
    const m = ui(languageOf(req));
    const [target, controllers] = await Promise.all([findUserById(deps.dataSource, id), listControllersFor(admin, deps)]);
    if (!target) throw new NotFoundError('User');
    const values = body ?? { role: target.role, controllerId: target.controllerId ?? '', active: target.active ? 'yes' : 'no' };
    renderWebPage(req, res, status, 'admin-user', {
      title: m.editUserTitle.replace('{email}', target.email), notice, action: `/admin/users/${id}`,
      controls: userEditControls(m, values, errors, controllers), ...errorSummary(m, errors),
    });
  };
  const notices = { saved: 'userSaved', reset: 'resetLinkSent', unlocked: 'userUnlocked' } as const;

  router.get('/admin/users/:id', (req, res) => {
    const done = notices[req.query.done as keyof typeof notices];
    return showUser(req, res, 200, null, {}, done ? ui(languageOf(req))[done] : '');
  });

  router.post('/admin/users/:id', async (req, res) => {
    const admin = pageUser(req);
    requireRole(admin, ['admin']);
    const id = idParam(req.params.id, 'User');
    const body = req.body as FormBody;
    const parsed = updateUserSchema.safeParse(toUserUpdate(body));
    if (!parsed.success) return showUser(req, res, 422, body, formErrors(languageOf(req), parsed.error, (p) => p || 'role'), '');
    try {
      await updateUser(id, parsed.data, admin, deps);
      res.redirect(303, `/admin/users/${id}?done=saved`);
    } catch (error) {
      if (error instanceof ConflictError) return showUser(req, res, 409, body, { active: ui(languageOf(req)).lastAdmin }, '');
      if (!(error instanceof ValidationError)) throw error;
      await showUser(req, res, 422, body, error.fields ?? {}, '');
    }
  });

  router.post('/admin/users/:id/reset', async (req, res) => {
    const id = idParam(req.params.id, 'User');
    await sendPasswordResetByAdmin(id, pageUser(req), resetDeps(deps));
    res.redirect(303, `/admin/users/${id}?done=reset`);
  });

  router.post('/admin/users/:id/unlock', async (req, res) => {
    const id = idParam(req.params.id, 'User');
    await unlockUser(id, pageUser(req), deps);
    res.redirect(303, `/admin/users/${id}?done=unlocked`);
  });
  return router;
}
