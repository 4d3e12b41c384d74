/**
 * Named domain errors carry their HTTP status; one middleware renders them as
 * `{ code, message, fields? }`.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, fields: Record<string, string>) {
    super(422, 'validation_failed', message, fields);
  }
}

export class BadRequestError extends DomainError {
  constructor(message: string) {
    super(400, 'bad_request', message);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Log in first: send "Authorization: Bearer <token>" from POST /api/auth/login.') {
    super(401, 'unauthorized', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your role may not do this.') {
    super(403, 'forbidden', message);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(404, 'not_found', `${what} not found.`);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, fields?: Record<string, string>) {
    super(409, code, message, fields);
  }
}

export class GoneError extends DomainError {
  constructor(code: string, message: string) {
    super(410, code, message);
  }
}

export class TooManyRequestsError extends DomainError {
  /** Sent as Retry-After when given. */
  constructor(message: string, readonly retryAfterSeconds?: number) {
    super(429, 'too_many_attempts', message);
  }
}

/**
 * A validation error whose reasons exist in each language: the API answers in English unless
 * the client prefers Dutch (Accept-Language), a page in its reader's language.
 */
export class LocalizedValidationError extends ValidationError {
  constructor(readonly byLanguage: Record<'nl' | 'en', Record<string, string>>) {
    super(`Check ${Object.keys(byLanguage.en).join(', ')}.`, byLanguage.en);
  }
}

/**
 * The password was right and the account has a second factor: the code is still needed. The
 * `challenge` lets the login page ask for the code alone (without carrying the password along);
 * an API client sends e-mail, password and `totp` again.
 */
export class TotpRequiredError extends DomainError {
  constructor(readonly challenge: string) {
    super(401, 'totp_required', 'This account has two-factor login: send the 6-digit code from the authenticator app in the field totp.', { totp: 'is required' });
  }
}
