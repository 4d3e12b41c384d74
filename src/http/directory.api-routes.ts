import { Router } from 'express';
import { controllersQuerySchema } from '../domain/client-directory.schemas';
import { listControllerPage } from '../use-cases/manage-controllers.use-case';
import { listOutbox } from '../use-cases/list-outbox.use-case';
import type { AppDeps } from './app-deps';
import { userOf } from './auth.middleware';
import { parse } from './validate';

export function directoryApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.get('/api/controllers', async (req, res) => {
    res.json(await listControllerPage(parse(controllersQuerySchema, req.query), userOf(req), deps));
  });
  router.get('/api/outbox', async (req, res) => {
    res.json({ messages: await listOutbox(userOf(req), deps) });
  });
  return router;
}
