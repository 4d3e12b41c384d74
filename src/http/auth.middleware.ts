import type { Request, RequestHandler } from 'express';
import { requireRole, type AuthUser, type Role } from '../auth/auth-user';
import { authenticateSession } from '../auth/sessions';
import type { Tokens } from '../auth/tokens';
import type { Queryable } from '../auth/user.repository';
import { UnauthorizedError } from '../domain/errors';

declare module 'express-serve-static-core' {
  interface Request {
    user?: AuthUser;
  }
}

/** Every API call but login and the acknowledgement link needs a valid bearer token of a session still open. */
export function requireAuth(deps: { dataSource: Queryable; tokens: Tokens }): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedError();
    req.user = await authenticateSession(deps.dataSource, deps.tokens, match[1]);
    next();
  };
}

export function userOf(req: Request): AuthUser {
  if (!req.user) throw new UnauthorizedError();
  return req.user;
}

/** Refuses the wrong role before the body is even validated: a 403 says more than a 422. */
export function allowRoles(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    requireRole(userOf(req), roles);
    next();
  };
}
