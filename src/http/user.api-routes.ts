import { Router } from 'express';
import { createUserSchema } from '../domain/directory.schemas';
import { PROCESSOR_ROLES } from '../auth/auth-user';
import { changePasswordSchema, totpConfirmSchema, updateUserSchema } from '../domain/user.schemas';
import { changePassword } from '../use-cases/change-password.use-case';
import { createUser, listUsers } from '../use-cases/create-user.use-case';
import { logOut, logOutEverywhere } from '../use-cases/log-out.use-case';
import { sendPasswordResetByAdmin } from '../use-cases/password-reset.use-case';
import { unlockUser } from '../use-cases/unlock-user.use-case';
import { confirmTotpEnrolment, resetTotpByAdmin, startTotpEnrolment } from '../use-cases/two-factor.use-case';
import { updateUser } from '../use-cases/update-user.use-case';
import type { AppDeps } from './app-deps';
import { resetDeps } from './auth.api-routes';
import { allowRoles, userOf } from './auth.middleware';
import { idParam, parse } from './validate';

/** One's own session and password; the admin's user lifecycle. */
export function userApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/api/auth/logout', async (req, res) => {
    await logOut(userOf(req), deps);
    res.status(204).end();
  });
  router.post('/api/auth/logout-everywhere', async (req, res) => {
    await logOutEverywhere(userOf(req), deps);
    res.status(204).end();
  });
  router.post('/api/auth/password', async (req, res) => {
    const input = parse(changePasswordSchema, req.body);
    res.json(await changePassword(input, userOf(req), deps));
  });

  // Two-factor set-up is for processor-side staff (controller-side users are not offered it).
  router.post('/api/auth/totp', allowRoles(...PROCESSOR_ROLES), async (req, res) => {
    res.json(await startTotpEnrolment(userOf(req), deps));
  });
  router.post('/api/auth/totp/confirm', allowRoles(...PROCESSOR_ROLES), async (req, res) => {
    const input = parse(totpConfirmSchema, req.body);
    res.json(await confirmTotpEnrolment(userOf(req), input, deps));
  });

  router.use('/api/admin/users', allowRoles('admin'));
  router.get('/api/admin/users', async (req, res) => {
    res.json(await listUsers(userOf(req), deps));
  });
  router.post('/api/admin/users', async (req, res) => {
    const input = parse(createUserSchema, req.body);
    res.status(201).json({ id: await createUser(input, userOf(req), deps) });
  });
  router.patch('/api/admin/users/:id', async (req, res) => {
    const id = idParam(req.params.id, 'User');
    const input = parse(updateUserSchema, req.body);
    res.json(await updateUser(id, input, userOf(req), deps));
  });
  router.post('/api/admin/users/:id/password-reset', async (req, res) => {
    const id = idParam(req.params.id, 'User');
    await sendPasswordResetByAdmin(id, userOf(req), resetDeps(deps));
    res.status(202).json({ message: 'A reset link has been sent to the user.' });
  });
  router.post('/api/admin/users/:id/unlock', async (req, res) => {
    const id = idParam(req.params.id, 'User');
    res.json(await unlockUser(id, userOf(req), deps));
  });
  router.post('/api/admin/users/:id/totp-reset', async (req, res) => {
    const id = idParam(req.params.id, 'User');
    res.json(await resetTotpByAdmin(id, userOf(req), deps));
  });
  return router;
}
