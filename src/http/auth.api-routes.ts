import { Router } from 'express';
import { loginSchema } from '../domain/incident.schemas';
import { passwordResetCompleteSchema, passwordResetRequestSchema } from '../domain/user.schemas';
import { logIn } from '../use-cases/log-in.use-case';
import { completePasswordReset, requestPasswordReset } from '../use-cases/password-reset.use-case';
import type { AppDeps } from './app-deps';
import { parse } from './validate';

/** Before any session: log in, ask for a reset link, set a password with one. */
export function authApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/api/auth/login', async (req, res) => {
    const input = parse(loginSchema, req.body);
    // The trusted-device value is for browsers (a cookie on the pages); API clients are held by address.
    const { trustedDevice: _device, ...session } = await logIn(input, deps, { ip: req.ip ?? null });
    res.json(session);
  });
  router.post('/api/auth/password-reset', (req, res) => {
    const input = parse(passwordResetRequestSchema, req.body);
    // Answered before the mail goes out, so neither the answer nor its timing tells whether the address has an account.
    requestPasswordReset(input.email, resetDeps(deps)).catch((error: Error) =>
      deps.logger.error({ route: 'auth.password-reset', err: error.name, detail: error.message }, 'password reset mail failed'),
    );
    res.status(202).json({ message: 'If this address has an active account, a reset link has been sent to it.' });
  });
  router.post('/api/auth/password-reset/complete', async (req, res) => {
    const input = parse(passwordResetCompleteSchema, req.body);
    await completePasswordReset(input, deps);
    res.status(204).end();
  });
  return router;
}

export const resetDeps = (deps: AppDeps) => ({ dataSource: deps.dataSource, mail: deps.mail, publicUrl: deps.publicUrl, outboxAllowed: deps.config.mode !== 'production' });
