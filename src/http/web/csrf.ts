import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Tokens } from '../../auth/tokens';
import { ForbiddenError } from '../../domain/errors';
import { readCookie, setCookie } from './cookies';
import { SESSION_COOKIE } from './page-session';

export const CSRF_COOKIE = 'mp_csrf';
export const CSRF_FIELD = '_csrf';
const NONCE = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * Signed double-submit: a random nonce in an httpOnly cookie, in every form the MAC over that
 * nonce and the session it was issued to. Another site can neither read the cookie nor forge
 * the MAC, so a POST it makes a browser send fails with 403 before anything runs. Binding the
 * MAC to the session means a (nonce, token) pair obtained anonymously or in another session,
 * even with its nonce cookie planted into the victim's browser, fails in the victim's session.
 * The session is named by a hash of its cookie value, whatever the session cookie holds.
 */
export function csrfProtection(tokens: Tokens, secure: boolean, options: { checkedByRoute: (req: Request) => boolean }): RequestHandler {
  return (req, res, next) => {
    let nonce = readCookie(req, CSRF_COOKIE, secure);
    res.locals.csrfNonceSent = nonce !== undefined && NONCE.test(nonce);
    if (!res.locals.csrfNonceSent) {
      nonce = randomBytes(24).toString('base64url');
      setCookie(res, CSRF_COOKIE, nonce, { secure });
    }
    res.locals.csrfToken = tokens.mac('csrf', `${nonce!}\0${sessionBinding(req, secure)}`);
    if (req.method !== 'GET' && req.method !== 'HEAD' && !options.checkedByRoute(req)) assertCsrf(req, res);
    next();
  };
}

/** A hash of the session cookie when it names a live session; anonymous forms bind to no session. */
function sessionBinding(req: Request, secure: boolean): string {
  const session = req.user ? readCookie(req, SESSION_COOKIE, secure) : undefined;
  return session ? createHash('sha256').update(session).digest('base64url') : 'anonymous';
}

/** For routes that first check something else (an acknowledgement link answers 404 before 403). */
export function assertCsrf(req: Request, res: Response): void {
  const sent = typeof req.body?.[CSRF_FIELD] === 'string' ? (req.body[CSRF_FIELD] as string) : '';
  const expected = Buffer.from(res.locals.csrfToken as string);
  const given = Buffer.from(sent);
  if (!res.locals.csrfNonceSent || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ForbiddenError('csrf');
  }
}
