import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError } from '../../domain/errors';
import type { Logger } from '../../logger';
import { ui } from '../../i18n/ui-messages';
import { renderWebPage } from './page-context';
import { languageOf } from './page-session';

/** The only safe places to send someone back to: paths on this site. */
export function localPath(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : fallback;
}

/**
 * Errors on pages become pages: no session → the login page (and back afterwards), a refused
 * form → an explanation, what does not exist or is not yours → one and the same 404.
 */
export function pageErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const m = ui(languageOf(req));
    if (error instanceof DomainError) {
      if (error.status === 401) {
        res.redirect(303, `/login?next=${encodeURIComponent(localPath(req.originalUrl, '/dashboard'))}`);
        return;
      }
      const [title, message] =
        error.status === 403 && error.message === 'csrf' ? [m.csrfTitle, m.csrfMessage]
          : error.status === 403 ? [m.forbiddenTitle, m.forbiddenMessage]
            : error.status === 404 ? [m.notFoundTitle, m.notFoundMessage]
              : [m.errorTitle, error.message];
      renderWebPage(req, res, error.status, 'message', { title, kind: 'error', role: 'alert', message });
      return;
    }
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      renderWebPage(req, res, status, 'message', { title: m.errorTitle, kind: 'error', role: 'alert', message: m.badRequestMessage });
      return;
    }
    logger.error({ method: req.method, route: req.route?.path ?? req.path, err: (error as Error).name }, 'page failed');
    renderWebPage(req, res, 500, 'message', { title: m.errorTitle, kind: 'error', role: 'alert', message: m.serverErrorMessage });
  };
}

export const pageNotFound: RequestHandler = (req, res) => {
  const m = ui(languageOf(req));
  renderWebPage(req, res, 404, 'message', { title: m.notFoundTitle, kind: 'error', role: 'alert', message: m.notFoundMessage });
};
