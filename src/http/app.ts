import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { ackRoutes } from './ack.routes';
import { adminApiRoutes } from './admin.api-routes';
import { agreementApiRoutes } from './agreement.api-routes';
import { apSheetApiRoutes } from './ap-sheet.api-routes';
import type { AppDeps } from './app-deps';
import { authApiRoutes } from './auth.api-routes';
import { requireAuth } from './auth.middleware';
import { directoryApiRoutes } from './directory.api-routes';
import { clientDirectoryApiRoutes } from './client-directory.api-routes';
import { controllerImportApiRoutes } from './controller-import.api-routes';
import { dpoApiRoutes } from './dpo.api-routes';
import { errorHandler, notFoundHandler } from './error.middleware';
import { incidentApiRoutes } from './incident.api-routes';
import { healthRoutes } from './health.routes';
import { openApiRoutes } from './openapi/openapi.routes';
import { webhookApiRoutes } from './webhook.api-routes';
import { requestLog } from './request-log.middleware';
import { refuseNulCharacters } from './validate';
import { createMetrics } from '../metrics/metrics';
import { proofApiRoutes } from './proof.api-routes';
import { registerApiRoutes } from './register.api-routes';
import { trackApiRoutes } from './track.api-routes';
import { twilioStatusRoutes } from './twilio-status.routes';
import { userApiRoutes } from './user.api-routes';
import { pageErrorHandler } from './web/page-errors';
import { forPageErrors, pageMiddleware, webRoutes } from './web/web.routes';

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  const secureCookies = deps.config.publicUrl.startsWith('https:');
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  const metrics = deps.metrics ?? createMetrics(deps.dataSource);
  app.use(requestLog(deps.logger, metrics.observeRequest));
  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'form-action': ["'self'"] } } }));
  // An agreement's text (to import, or saved with its profile) may be far larger than a command.
  app.use(['/api/agreements/import', '/api/controllers/:id/agreement'], express.json({ limit: '12mb' }));
  app.use(express.json({ limit: '256kb' }));
  app.use(express.urlencoded({ extended: false, limit: '256kb' }));
  app.use(refuseNulCharacters);
  app.use('/static', express.static(path.resolve(__dirname, '../../static'), { maxAge: '1h' }));

  app.use(healthRoutes({ dataSource: deps.dataSource, metrics, metricsToken: deps.config.metricsToken, config: deps.config }));
  // Provider callbacks carry their own signature, not a page session or CSRF token.
  app.use(twilioStatusRoutes(deps));
  app.use(pageMiddleware(deps, secureCookies));
  app.use(ackRoutes(deps));
  app.use(openApiRoutes(deps.publicUrl));
  app.use(authApiRoutes(deps));
  app.use('/api', requireAuth(deps));
  app.use(incidentApiRoutes(deps));
  app.use(trackApiRoutes(deps));
  app.use(dpoApiRoutes(deps));
  app.use(apSheetApiRoutes(deps));
  app.use(registerApiRoutes(deps));
  app.use(adminApiRoutes(deps));
  app.use(proofApiRoutes(deps));
  app.use(directoryApiRoutes(deps));
  app.use(controllerImportApiRoutes(deps));
  app.use(clientDirectoryApiRoutes(deps));
  app.use(agreementApiRoutes(deps));
  app.use(webhookApiRoutes(deps));
  app.use(userApiRoutes(deps));
  app.use(webRoutes(deps, secureCookies));

  app.use(notFoundHandler);
  app.use(forPageErrors(pageErrorHandler(deps.logger)));
  app.use(errorHandler(deps.logger));
  return app;
}
