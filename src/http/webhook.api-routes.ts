import { Router } from 'express';
import { createWebhook, createWebhookSchema, listWebhooks } from '../use-cases/manage-webhooks.use-case';
import type { AppDeps } from './app-deps';
import { allowRoles, userOf } from './auth.middleware';
import { parse } from './validate';

export function webhookApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/api/admin/webhooks', allowRoles('admin'), async (req, res) => {
    const input = parse(createWebhookSchema, req.body);
    res.status(201).json(await createWebhook(input, userOf(req), deps));
  });
  router.get('/api/admin/webhooks', allowRoles('admin'), async (req, res) => {
    res.json({ webhooks: await listWebhooks(userOf(req), deps) });
  });
  return router;
}
