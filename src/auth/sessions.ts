import type { AuthUser } from './auth-user';
import type { Tokens } from './tokens';
import { findLiveSession, insertSession, type Queryable, type UserRow } from './user.repository';
import { UnauthorizedError } from '../domain/errors';

/**
 * A signed token is only half the answer: every request (bearer token or page cookie) also
 * asks the database whether the session is still open and the user still active, with the role
 * and token version the token was issued under. Logout, deactivation, a role change and a new
 * password therefore end a session at the next request, on every instance.
 */
export async function authenticateSession(db: Queryable, tokens: Tokens, token: string): Promise<AuthUser> {
  const claims = tokens.verifySession(token);
  const live = await findLiveSession(db, claims.id, claims.sessionId);
  if (
    !live || !live.sessionLive || !live.active || live.tokenVersion !== claims.tokenVersion ||
    live.role !== claims.role || live.controllerId !== claims.controllerId
  ) {
    throw new UnauthorizedError('Your session has ended: log in again.');
  }
  return { id: claims.id, role: claims.role, controllerId: claims.controllerId, sessionId: claims.sessionId };
}

/** A new session row and its token, under the user's current role and token version. */
export async function openSession(db: Queryable, tokens: Tokens, user: Pick<UserRow, 'id' | 'role' | 'controllerId' | 'tokenVersion'>): Promise<{ token: string; expiresAt: string }> {
  const sessionId = await insertSession(db, user.id, tokens.sessionTtlSeconds);
  return tokens.issueSession({ id: user.id, role: user.role, controllerId: user.controllerId }, { sessionId, tokenVersion: user.tokenVersion });
}
