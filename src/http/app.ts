import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { ackRoutes } from './ack.routes';
import { agreementApiRoutes } from './agreement.api-routes';
import type { AppDeps } from './app-deps';
import { authApiRoutes } from './auth.api-routes';
import { requireAuth } from './auth.middleware';
import { directoryApiRoutes } from './directory.api-routes';
import { errorHandler, notFoundHandler } from './error.middleware';
import { incidentApiRoutes } from './incident.api-routes';
import { renderPage } from './pages';
import { trackApiRoutes } from './track.api-routes';

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'form-action': ["'self'"] } } }));
  // An agreement's text (to import, or saved with its profile) may be far larger than a command.
  app.use(['/api/agreements/import', '/api/controllers/:id/agreement'], express.json({ limit: '12mb' }));
  app.use(express.json({ limit: '256kb' }));
  app.use(express.urlencoded({ extended: false, limit: '256kb' }));
  app.use('/static', express.static(path.resolve(__dirname, '../../static'), { maxAge: '1h' }));

  app.get('/healthz', async (_req, res) => {
    try {
      await deps.dataSource.query('SELECT 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });
  app.get('/', (_req, res) => {
    renderPage(res, 200, 'home', { language: 'nl', title: 'Meldplicht', demo: deps.config.seedDemo });
  });

  app.use(ackRoutes(deps));
  app.use(authApiRoutes(deps));
  app.use('/api', requireAuth(deps.tokens));
  app.use(incidentApiRoutes(deps));
  app.use(trackApiRoutes(deps));
  app.use(directoryApiRoutes(deps));
  app.use(agreementApiRoutes(deps));

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
