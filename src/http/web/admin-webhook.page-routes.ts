import { Router, type Request } from 'express';
import { requireRole } from '../../auth/auth-user';
import { ValidationError } from '../../domain/errors';
import { ui } from '../../i18n/ui-messages';
import { deleteWebhook, listWebhooks, updateWebhook } from '../../use-cases/manage-webhooks.use-case';
import type { AppDeps } from '../app-deps';
import { idParam } from '../validate';
import { renderWebPage } from './page-context';
import { languageOf, pageUser } from './page-session';

/** Admin: the webhooks, each to switch off or on and to delete (they are created through the API). */
export function adminWebhookPageRoutes(deps: AppDeps): Router {
  const router = Router();
  const admin = (req: Request) => {
    const user = pageUser(req);
    requireRole(user, ['admin']);
    return user;
  };

  router.get('/admin/webhooks', async (req, res) => {
    const m = ui(languageOf(req));
    const webhooks = await listWebhooks(admin(req), deps);
    renderWebPage(req, res, 200, 'admin-webhooks', {
      title: m.webhooksTitle,
      hasWebhooks: webhooks.length > 0,
      webhooks: webhooks.map((w) => ({
        url: w.url,
        scope: w.controllerId ?? m.webhookAllControllers,
        state: w.active ? m.webhookActive : m.webhookInactive,
        deliveries: `${w.failedDeliveries} / ${w.queuedDeliveries}`,
        toggleAction: `/admin/webhooks/${w.id}/active`,
        toggleTo: w.active ? 'false' : 'true',
        toggleLabel: w.active ? m.webhookDeactivate : m.webhookActivate,
        deleteAction: `/admin/webhooks/${w.id}/delete`,
      })),
    });
  });

  router.post('/admin/webhooks/:id/active', async (req, res) => {
    const user = admin(req);
    const id = idParam(req.params.id, 'Webhook');
    const active = req.body?.active;
    if (active !== 'true' && active !== 'false') throw new ValidationError('Check active.', { active: 'must be true or false' });
    await updateWebhook(id, { active: active === 'true' }, user, deps);
    res.redirect(303, '/admin/webhooks');
  });

  router.post('/admin/webhooks/:id/delete', async (req, res) => {
    await deleteWebhook(idParam(req.params.id, 'Webhook'), admin(req), deps);
    res.redirect(303, '/admin/webhooks');
  });
  return router;
}
