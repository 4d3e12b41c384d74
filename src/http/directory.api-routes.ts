import { Router } from 'express';
import { listControllersFor } from '../use-cases/list-controllers.use-case';
import { listOutbox } from '../use-cases/list-outbox.use-case';
import type { AppDeps } from './app-deps';
import { userOf } from './auth.middleware';

export function directoryApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/api/controllers', async (req, res) => {
    res.json({ controllers: await listControllersFor(userOf(req), deps) });
  });
  router.get('/api/outbox', async (req, res) => {
    res.json({ messages: await listOutbox(userOf(req), deps) });
  });
  return router;
}
