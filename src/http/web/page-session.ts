import type { Request, RequestHandler, Response } from 'express';
import type { AuthUser } from '../../auth/auth-user';
import { authenticateSession } from '../../auth/sessions';
import type { Tokens } from '../../auth/tokens';
import type { Queryable } from '../../auth/user.repository';
import { DomainError, UnauthorizedError } from '../../domain/errors';
import type { Language } from '../../i18n/messages';
import { clearCookie, readCookie, setCookie } from './cookies';

export const SESSION_COOKIE = 'mp_session';
export const LANGUAGE_COOKIE = 'mp_lang';
const SESSION_MS = 8 * 3600 * 1000;

declare module 'express-serve-static-core' {
  interface Request {
    language?: Language;
  }
}

/**
 * Pages carry the same JWT the API issues, in a cookie script cannot read. An invalid,
 * expired or revoked one is simply no session: the page asks to log in again.
 */
export function pageSession(deps: { dataSource: Queryable; tokens: Tokens }, secure: boolean): RequestHandler {
  return async (req, res, next) => {
    const token = readCookie(req, SESSION_COOKIE, secure);
    if (token) {
      try {
        req.user = await authenticateSession(deps.dataSource, deps.tokens, token);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        clearCookie(res, SESSION_COOKIE, { secure });
      }
    }
    req.language = chooseLanguage(req, secure);
    next();
  };
}

export function startPageSession(res: Response, token: string, secure: boolean): void {
  setCookie(res, SESSION_COOKIE, token, { secure, maxAgeMs: SESSION_MS });
}

export function endPageSession(res: Response, secure: boolean): void {
  clearCookie(res, SESSION_COOKIE, { secure });
}

/** The reader's choice (cookie) first, then what the browser asks for; Dutch by default. */
function chooseLanguage(req: Request, secure: boolean): Language {
  const chosen = readCookie(req, LANGUAGE_COOKIE, secure);
  if (chosen === 'nl' || chosen === 'en') return chosen;
  const accepted = req.acceptsLanguages('nl', 'en');
  return accepted === 'en' ? 'en' : 'nl';
}

export function pageUser(req: Request): AuthUser {
  if (!req.user) throw new UnauthorizedError();
  return req.user;
}

export const languageOf = (req: Request): Language => req.language ?? 'nl';
