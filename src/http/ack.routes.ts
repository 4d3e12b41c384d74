import { Router, type Request } from 'express';
import { DomainError } from '../domain/errors';
import { buildAckPageView } from '../notify/ack-page-view-model';
import { acknowledgeNotice, readAcknowledgement } from '../use-cases/acknowledge-notice.use-case';
import type { AppDeps } from './app-deps';
import { ui } from '../i18n/ui-messages';
import { assertCsrf } from './web/csrf';
import { renderWebPage } from './web/page-context';

const meta = (req: Request) => ({ ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null });

/**
 * The signed link in every notice. No login: the link is the key, single-purpose and
 * expiring. A page for people, the same under /api for machines.
 */
export function ackRoutes(deps: AppDeps): Router {
  const router = Router();
  const page = (handler: (req: Request) => Promise<Parameters<typeof buildAckPageView>[0]>) =>
    async (req: Request, res: import('express').Response) => {
      try {
        const data = await handler(req);
        // The notice's language, not the reader's: it is the agreement's document.
        const view = buildAckPageView(data, `/ack/${req.params.token}`);
        renderWebPage(req, res, 200, 'acknowledge', { ...view, m: ui(view.language) });
      } catch (error) {
        if (!(error instanceof DomainError) || error.status === 403) throw error;
        const expired = error.status === 410;
        renderWebPage(req, res, error.status, 'message', {
          title: expired ? 'Link verlopen / Link expired' : 'Link ongeldig / Invalid link',
          kind: 'error',
          role: 'alert',
          message: expired
            ? 'Deze link is verlopen. Vraag de afzender om een nieuwe. — This link has expired; ask the sender for a new one.'
            : 'Deze link is niet geldig. — This link is not valid.',
        });
      }
    };
  router.get('/ack/:token', page((req) => readAcknowledgement(String(req.params.token), deps)));
  router.post('/ack/:token', (req, res, next) => {
    page(async (r) => {
      // A bad or expired link says so first; only a good one asks for the form's CSRF token.
      await readAcknowledgement(String(r.params.token), deps);
      assertCsrf(r, res);
      return acknowledgeNotice(String(r.params.token), meta(r), deps);
    })(req, res).catch(next);
  });
  router.get('/api/ack/:token', async (req, res) => {
    res.json(await readAcknowledgement(String(req.params.token), deps));
  });
  router.post('/api/ack/:token', async (req, res) => {
    res.json(await acknowledgeNotice(String(req.params.token), meta(req), deps));
  });
  return router;
}
