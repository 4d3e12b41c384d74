import { Router } from 'express';
import { createWebhook, createWebhookSchema, deleteWebhook, listWebhooks, updateWebhook, updateWebhookSchema } from '../use-cases/manage-webhooks.use-case';
import type { AppDeps } from './app-deps';
import { allowRoles, userOf } from './auth.middleware';
import { idParam, parse } from './validate';

export function webhookApiRoutes(deps: AppDeps): Router {
  const router = Router();
  router.post('/api/admin/webhooks', allowRoles('admin'), async (req, res) => {
    const input = parse(createWebhookSchema, req.body);
    res.status(201).json(await createWebhook(input, userOf(req), deps));
  });
  router.get('/api/admin/webhooks', allowRoles('admin'), async (req, res) => {
    res.json({ webhooks: await listWebhooks(userOf(req), deps) });
  });
  router.patch('/api/admin/webhooks/:id', allowRoles('admin'), async (req, res) => {
    const input = parse(updateWebhookSchema, req.body);
    res.json(await updateWebhook(idParam(req.params.id, 'Webhook'), input, userOf(req), deps));
  });
  router.delete('/api/admin/webhooks/:id', allowRoles('admin'), async (req, res) => {
    await deleteWebhook(idParam(req.params.id, 'Webhook'), userOf(req), deps);
    res.status(204).end();
  });
  return router;
}
