import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '../db/connection-loss';
import { DomainError, LocalizedValidationError, TooManyRequestsError, ValidationError } from '../domain/errors';
import type { Logger } from '../logger';

/** zod issues → `{ field.path: message }`, so the client sees which field is wrong. */
export function fieldsOf(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '(body)';
    fields[key] ??= issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
  }
  return fields;
}

export function toValidationError(error: ZodError): ValidationError {
  const fields = fieldsOf(error);
  return new ValidationError(`Check ${Object.keys(fields).join(', ')}.`, fields);
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ code: 'not_found', message: `No route ${req.method} ${req.path}.` });
};

/** The one place errors become responses. A client never gets a 500 for what it sent. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof ZodError) error = toValidationError(error);
    if (error instanceof LocalizedValidationError && req.acceptsLanguages('en', 'nl') === 'nl') {
      res.status(error.status).json({ code: error.code, message: `Controleer ${Object.keys(error.byLanguage.nl).join(', ')}.`, fields: error.byLanguage.nl });
      return;
    }
    if (error instanceof DomainError) {
      if (error instanceof TooManyRequestsError && error.retryAfterSeconds) res.set('Retry-After', String(error.retryAfterSeconds));
      res.status(error.status).json({ code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) });
      return;
    }
    // body-parser: malformed JSON, too large, wrong charset → the client's mistake.
    const status = (error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (error as { type?: string }).type;
      const message = type === 'entity.parse.failed' ? 'The body is not valid JSON.' : type === 'entity.too.large' ? 'The body is too large.' : 'The request could not be read.';
      res.status(status).json({ code: type?.replace(/\./g, '_') ?? 'bad_request', message });
      return;
    }
    if (isDatabaseUnavailable(error)) {
      logger.warn({ method: req.method, route: req.route?.path ?? 'unmatched', err: 'database unavailable' }, 'request failed');
      res.status(503).set('Retry-After', '2').json({ code: 'unavailable', message: 'The database is briefly unavailable; nothing was changed. Try again.' });
      return;
    }
    logger.error({ method: req.method, route: req.route?.path ?? 'unmatched', err: (error as Error).name, detail: (error as Error).message }, 'request failed');
    res.status(500).json({ code: 'internal_error', message: 'Something went wrong on our side; it has been logged.' });
  };
}
