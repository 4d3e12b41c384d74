import { Router, type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import type { AppDeps } from '../app-deps';
import { adminPageRoutes } from './admin.page-routes';
import { adminUserPageRoutes } from './admin-user.page-routes';
import { adminWebhookPageRoutes } from './admin-webhook.page-routes';
import { agreementImportPageRoutes } from './agreement-import.page-routes';
import { agreementPageUpload } from './agreement-page-upload';
import { controllerImportPageRoutes, controllerImportPageUpload } from './controller-import.page-routes';
import { assessmentPageRoutes } from './assessment.page-routes';
import { accountPageRoutes } from './account.page-routes';
import { authPageRoutes } from './auth.page-routes';
import { csrfProtection } from './csrf';
import { dashboardPageRoutes } from './dashboard.page-routes';
import { dpoPageRoutes } from './dpo.page-routes';
import { proofPageRoutes } from './proof.page-routes';
import { incidentPageRoutes } from './incident.page-routes';
import { noticePageRoutes } from './notice.page-routes';
import { outboxPageRoutes } from './outbox.page-routes';
import { passwordResetPageRoutes } from './password-reset.page-routes';
import { pageErrorHandler, pageNotFound } from './page-errors';
import { pageSession } from './page-session';
import { registerPageRoutes } from './register.page-routes';
import { reportIncidentPageRoutes } from './report-incident.page-routes';

/** The API and health check keep their own rules (bearer tokens, JSON); everything else is a page. */
const isPage = (req: Request) => !req.path.startsWith('/api/') && req.path !== '/api' && req.path !== '/healthz' && !req.path.startsWith('/static/');

export function forPages(handler: RequestHandler): RequestHandler {
  return (req, res, next) => (isPage(req) ? handler(req, res, next) : next());
}

export function forPageErrors(handler: ErrorRequestHandler): ErrorRequestHandler {
  return (error, req, res, next) => (isPage(req) ? handler(error, req, res, next) : next(error));
}

/** Session cookie and CSRF token for every page request (the acknowledgement route checks its own). */
export function pageMiddleware(deps: AppDeps, secure: boolean): RequestHandler[] {
  return [
    forPages(pageSession(deps, secure)),
    forPages(agreementPageUpload), // an admin's multipart agreement form, parsed so the CSRF check can read it
    forPages(controllerImportPageUpload), // the same for the controller import form
    forPages(csrfProtection(deps.tokens, secure, { checkedByRoute: (req) => req.path.startsWith('/ack/') })),
  ];
}

export function webRoutes(deps: AppDeps, secure: boolean): Router {
  const router = Router();
  router.use(authPageRoutes(deps, secure));
  router.use(dashboardPageRoutes(deps));
  router.use(reportIncidentPageRoutes(deps));
  router.use(incidentPageRoutes(deps));
  router.use(noticePageRoutes(deps));
  router.use(assessmentPageRoutes(deps));
  router.use(dpoPageRoutes(deps));
  router.use(proofPageRoutes(deps));
  router.use(registerPageRoutes(deps));
  router.use(outboxPageRoutes(deps));
  router.use(controllerImportPageRoutes(deps)); // before /admin/controllers/:id
  router.use(adminPageRoutes(deps));
  router.use(adminUserPageRoutes(deps));
  router.use(adminWebhookPageRoutes(deps));
  router.use(agreementImportPageRoutes(deps));
  router.use(accountPageRoutes(deps, secure));
  router.use(passwordResetPageRoutes(deps));
  router.use(forPages(pageNotFound));
  router.use(forPageErrors(pageErrorHandler(deps.logger)));
  return router;
}
