import { Router } from 'express';
import { loginSchema } from '../domain/incident.schemas';
import { logIn } from '../use-cases/log-in.use-case';
import type { AppDeps } from './app-deps';
import { parse } from './validate';

export function authApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/api/auth/login', async (req, res) => {
    const input = parse(loginSchema, req.body);
    res.json(await logIn(input, deps, { ip: req.ip ?? null }));
  });
  return router;
}
